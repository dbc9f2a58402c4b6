// The cdk rules, one file each (sorted). A test checks this list against the folder.
import type { Rule } from '../../core';

export const cdkRules: Rule<any>[] = [];
