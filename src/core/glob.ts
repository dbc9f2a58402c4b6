import picomatch from 'picomatch';

/**
 * One matcher for a list of path globs (gitignore-like conveniences: a glob
 * without a slash matches at any depth; a trailing slash or a folder name
 * matches everything below it).
 */
export function globMatcher(globs: string[]): (relPath: string) => boolean {
  if (globs.length === 0) return () => false;
  const expanded: string[] = [];
  for (let g of globs) {
    g = g.trim();
    if (!g) continue;
    if (g.startsWith('./')) g = g.slice(2);
    if (g.endsWith('/')) g = g + '**';
    const anchored = g.startsWith('/');
    if (anchored) g = g.slice(1);
    if (!anchored && !g.includes('/')) g = '**/' + g;
    expanded.push(g, g.endsWith('/**') ? g : g + '/**');
  }
  const m = picomatch(expanded, { dot: true });
  return (p: string) => m(p.replace(/\\/g, '/').replace(/^\.\//, ''));
}
