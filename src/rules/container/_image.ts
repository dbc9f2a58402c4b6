/** Splits an image reference: registry/name[:tag][@digest]. */
export function parseImageRef(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/** Image values Bulkhead cannot judge: variables and template leftovers. */
export function isOpaqueImage(ref: string): boolean {
  return ref.trim() === '' || /[$<>{}\u00a4]/.test(ref);
}
