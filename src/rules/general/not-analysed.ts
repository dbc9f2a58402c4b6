import type { Rule } from '../../core';
import type { FormatModel } from '../../formats/parse';

/** Not a check: the one info finding a file gets when it could not be analysed (too big, binary, unparsable). */
const rule: Rule<FormatModel> = {
  meta: {
    id: 'bulkhead/not-analysed',
    title: 'File not analysed',
    severity: 'info',
    target: 'general',
    description:
      'Bulkhead recognised this file as one it checks, but could not analyse all of it: it is larger than the size limit, binary, ' +
      'or has syntax errors, or parts of it are template expressions (Helm) whose values are only known after rendering.',
    remediation: 'Fix the syntax error, raise `maxFileSizeKb` in .bulkhead.yaml (or the bulkhead.maxFileSizeKb setting), or scan the rendered output.',
    equivalents: [],
  },
  check() {
    /* reported by the engine itself */
  },
};
export default rule;
