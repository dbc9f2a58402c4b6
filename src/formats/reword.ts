import type { Fix } from '../core';

/**
 * A report with its message and fix titles passed through `words` (a
 * format's spelling of the names rules share); the same object when nothing
 * changed.
 */
export function reword<R extends { message: string; fixes?: Fix[] }>(r: R, words: (text: string) => string): R {
  const message = words(r.message);
  const fixes = r.fixes?.map((f) => {
    const title = words(f.title);
    return title === f.title ? f : { ...f, title };
  });
  return message === r.message && fixes?.every((f, i) => f === r.fixes![i]) !== false ? r : { ...r, message, fixes };
}
