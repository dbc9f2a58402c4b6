/** Image values Bulkhead cannot judge: variables and template leftovers. */
export function isOpaqueImage(ref: string): boolean {
  return ref.trim() === '' || /[$<>{}\u00a4]/.test(ref);
}
