import type { RuleInstance } from '../rule';
// The dockerfile rules, one file each (sorted). A test checks this list against the folder.
import type { Rule } from '../../core';
import addInsteadOfCopy from './add-instead-of-copy';
import addUrlWithoutChecksum from './add-url-without-checksum';
import apkNoCache from './apk-no-cache';
import aptListsNotCleaned from './apt-lists-not-cleaned';
import aptNoInstallRecommends from './apt-no-install-recommends';
import aptUpgrade from './apt-upgrade';
import curlPipeShell from './curl-pipe-shell';
import exposeSsh from './expose-ssh';
import imageLatest from './image-latest';
import imageNotPinned from './image-not-pinned';
import insecureRun from './insecure-run';
import multipleCmd from './multiple-cmd';
import noHealthcheck from './no-healthcheck';
import passwordlessSudo from './passwordless-sudo';
import pipNoCacheDir from './pip-no-cache-dir';
import relativeWorkdir from './relative-workdir';
import rootUser from './root-user';
import secretInEnv from './secret-in-env';
import secretInRun from './secret-in-run';
import shellFormEntrypoint from './shell-form-entrypoint';
import signatureCheckDisabled from './signature-check-disabled';
import sudo from './sudo';
import tlsVerificationDisabled from './tls-verification-disabled';
import untrustedRegistry from './untrusted-registry';
import updateAlone from './update-alone';
import worldWritable from './world-writable';

export const dockerfileRules: RuleInstance[] = [
  ...addInsteadOfCopy,
  ...addUrlWithoutChecksum,
  ...apkNoCache,
  ...aptListsNotCleaned,
  ...aptNoInstallRecommends,
  ...aptUpgrade,
  ...curlPipeShell,
  ...exposeSsh,
  ...imageLatest,
  ...imageNotPinned,
  ...insecureRun,
  ...multipleCmd,
  ...noHealthcheck,
  ...passwordlessSudo,
  ...pipNoCacheDir,
  ...relativeWorkdir,
  ...rootUser,
  ...secretInEnv,
  ...secretInRun,
  ...shellFormEntrypoint,
  ...signatureCheckDisabled,
  ...sudo,
  ...tlsVerificationDisabled,
  ...untrustedRegistry,
  ...updateAlone,
  ...worldWritable,
];
