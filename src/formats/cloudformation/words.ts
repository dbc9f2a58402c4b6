/**
 * Findings on a CloudFormation template in its own words. Rules shared with
 * ECS task-definition JSON name some properties as the ECS API does
 * (`transitEncryption`, `assignPublicIp`, `enableExecuteCommand`);
 * CloudFormation spells the same properties with a capital
 * (`TransitEncryption`). Only these ECS API names are rewritten: values
 * (`containerInsights`), actions and plain words are left alone.
 */
import type { Fix } from '../../core';
import { reword } from '../reword';

const ECS_API_NAMES = new Set([
  'transitEncryption',
  'assignPublicIp',
  'enableExecuteCommand',
  'networkMode',
  'pidMode',
  'ipcMode',
  'taskRoleArn',
  'executionRoleArn',
  'platformVersion',
  'launchType',
  'requiresCompatibilities',
  'readonlyRootFilesystem',
]);

export function inCloudFormationWords(text: string): string {
  return text.replace(/(?<![\w:.$/-])[a-z][A-Za-z]+(?![\w-])/g, (w) => (ECS_API_NAMES.has(w) ? w[0].toUpperCase() + w.slice(1) : w));
}

/** A report's message and its fixes' titles in CloudFormation's words. */
export function respellCfn<R extends { message: string; fixes?: Fix[] }>(r: R): R {
  return reword(r, inCloudFormationWords);
}
