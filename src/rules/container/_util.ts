import type { Fix } from '../../core';
import type { ContainerSpec } from '../../model/container';

/** "container "web" " or "" — for messages. */
export function who(c: ContainerSpec): string {
  const k = c.kind === 'initContainer' ? 'Init container' : c.kind === 'ephemeralContainer' ? 'Ephemeral container' : 'Container';
  return c.name ? `${k} "${c.name}"` : k;
}

/** The "Add a hardened securityContext" fix, where the format offers it. */
export function hardenFix(c: ContainerSpec): Fix[] {
  const f = c.writer.harden?.();
  return f && f.edits.length ? [f] : [];
}
