// Rules written against the eks view, one file per slug (sorted).
import type { RuleInstance } from '../rule';
import controlPlaneLogging from './control-plane-logging';
import nodegroupSshOpen from './nodegroup-ssh-open';
import publicEndpoint from './public-endpoint';
import secretsEncryption from './secrets-encryption';

export const eksRules: RuleInstance[] = [
  ...controlPlaneLogging,
  ...nodegroupSshOpen,
  ...publicEndpoint,
  ...secretsEncryption,
];
