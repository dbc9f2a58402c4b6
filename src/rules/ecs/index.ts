// The ecs rules, one file each (sorted). A test checks this list against the folder.
import type { Rule } from '../../core';
import efsTransitEncryption from './efs-transit-encryption';
import missingExecutionRole from './missing-execution-role';
import noTaskRole from './no-task-role';
import publicIp from './public-ip';
import sensitiveHostVolume from './sensitive-host-volume';

export const ecsRules: Rule<any>[] = [efsTransitEncryption, missingExecutionRole, noTaskRole, publicIp, sensitiveHostVolume];
