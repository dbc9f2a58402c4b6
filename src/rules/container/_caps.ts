import type { ContainerSpec, Field } from '../../model/container';

/*
 * Capability findings are split so that one problem gives one finding and
 * each peer check has one rule to match, on every container target:
 * - SYS_ADMIN added: `cap-sys-admin`;
 * - another capability that hands over the node or its network added:
 *   `dangerous-capabilities`;
 * - any other added capability (but NET_BIND_SERVICE): `capability-added`;
 * - NET_RAW kept (the drop list names neither ALL nor NET_RAW):
 *   `net-raw-not-dropped`;
 * - NET_RAW dropped but not ALL: `capabilities-not-dropped`.
 */

/** A capability name as the kernel knows it: upper case, without the CAP_ prefix. */
export function capName(v: string | undefined): string {
  return (v ?? '').toUpperCase().replace(/^CAP_/, '');
}

/** The drop list names ALL, or cannot be read. */
export function dropsAll(c: ContainerSpec): boolean {
  return !!c.capDrop?.some((d) => !d.known || capName(d.value) === 'ALL');
}

/** The drop list names NET_RAW (or ALL), or cannot be read. */
export function dropsNetRaw(c: ContainerSpec): boolean {
  return dropsAll(c) || !!c.capDrop?.some((d) => capName(d.value) === 'NET_RAW');
}

export function removeCapFix(c: ContainerSpec, cap: Field<string>) {
  const edits = c.writer.removeAddedCapability(cap);
  return edits?.length ? [{ title: `Remove ${cap.value} from the added capabilities`, safety: 'unsafe' as const, edits }] : [];
}
