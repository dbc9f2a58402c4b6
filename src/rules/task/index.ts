// Rules written against the task view (ECS task definitions, Batch job definitions), one file per slug (sorted).
import type { RuleInstance } from '../rule';
import bridgeNetworkMode from './bridge-network-mode';
import efsTransitEncryption from './efs-transit-encryption';
import executionRoleIsTaskRole from './execution-role-is-task-role';
import missingExecutionRole from './missing-execution-role';
import noTaskRole from './no-task-role';
import sensitiveHostVolume from './sensitive-host-volume';

export const taskRules: RuleInstance[] = [...bridgeNetworkMode, ...efsTransitEncryption, ...executionRoleIsTaskRole, ...missingExecutionRole, ...noTaskRole, ...sensitiveHostVolume];
