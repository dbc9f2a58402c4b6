/**
 * Findings on a CloudFormation template in its own words. Rules shared with
 * ECS task-definition JSON name some properties as the ECS API does
 * (`transitEncryption`, `assignPublicIp`, `enableExecuteCommand`);
 * CloudFormation spells the same properties with a capital
 * (`TransitEncryption`). Only these ECS API names are rewritten: values
 * (`containerInsights`), actions and plain words are left alone.
 */
import type { Fix } from '../../core';

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
  const message = inCloudFormationWords(r.message);
  const fixes = r.fixes?.map((f) => {
    const title = inCloudFormationWords(f.title);
    return title === f.title ? f : { ...f, title };
  });
  return message === r.message && fixes?.every((f, i) => f === r.fixes![i]) !== false ? r : { ...r, message, fixes };
}
