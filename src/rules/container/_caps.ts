import type { ContainerSpec, Field } from '../../model/container';
import type { ContainerTarget } from './_template';

/** A capability name as the kernel knows it: upper case, without the CAP_ prefix. */
export function capName(v: string | undefined): string {
  return (v ?? '').toUpperCase().replace(/^CAP_/, '');
}

/**
 * Targets where SYS_ADMIN, other added capabilities and a kept NET_RAW have
 * rules of their own (`cap-sys-admin`, `capability-added`,
 * `net-raw-not-dropped`): there `dangerous-capabilities` and
 * `capabilities-not-dropped` leave those findings to them, so that one
 * problem gives one finding.
 */
export const SPLIT_CAP_TARGETS: readonly ContainerTarget[] = ['k8s'];

export function splitCaps(c: ContainerSpec): boolean {
  return (SPLIT_CAP_TARGETS as readonly string[]).includes(c.target);
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
