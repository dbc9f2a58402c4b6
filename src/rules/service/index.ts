// Rules written against the service view (ECS services), one file per slug (sorted).
import type { RuleInstance } from '../rule';
import execEnabled from './exec-enabled';
import expressDefaultVpc from './express-default-vpc';
import fargatePlatformVersion from './fargate-platform-version';
import publicIp from './public-ip';
import publicSubnet from './public-subnet';

export const serviceRules: RuleInstance[] = [...execEnabled, ...expressDefaultVpc, ...fargatePlatformVersion, ...publicIp, ...publicSubnet];
