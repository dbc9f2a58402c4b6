/**
 * The JSON names the ECS reader knows, by Terraform attribute: what `copy`
 * reads, and how findings and fixes on Terraform name them (words.ts).
 */
export const EFS_NAMES = { file_system_id: 'fileSystemId', transit_encryption: 'transitEncryption' };
export const TASK_NAMES = {
  family: 'family',
  container_definitions: 'containerDefinitions',
  task_role_arn: 'taskRoleArn',
  execution_role_arn: 'executionRoleArn',
  network_mode: 'networkMode',
  pid_mode: 'pidMode',
  ipc_mode: 'ipcMode',
  requires_compatibilities: 'requiresCompatibilities',
};
export const SERVICE_NAMES = { enable_execute_command: 'enableExecuteCommand', platform_version: 'platformVersion', launch_type: 'launchType' };
export const JOB_NAMES = { name: 'jobDefinitionName', type: 'type', container_properties: 'containerProperties', ecs_properties: 'ecsProperties', platform_capabilities: 'platformCapabilities' };
/** Blocks and attributes the ECS readers get under another arrangement (assign_public_ip read as ENABLED/DISABLED). */
export const ECS_BLOCK_NAMES = { volume: 'volumes', efs_volume_configuration: 'efsVolumeConfiguration', host_path: 'host.sourcePath', network_configuration: 'networkConfiguration', assign_public_ip: 'assignPublicIp' };
