// Rules about CDK's own syntax, reading the cdk format model, one file each (sorted). A test checks this list against the folder.
// The CDK concerns shared with other formats (clusters, services, tasks, roles) are rules of those folders, over the views the CDK reader fills.
import type { RuleInstance } from '../rule';

export const cdkRules: RuleInstance[] = [];
