// Rules written once against ContainerSpec/WorkloadSpec, one file each (sorted).
import type { Rule } from '../../core';
import privileged from './privileged';

export const containerRuleList: Rule<any>[] = [...privileged];
