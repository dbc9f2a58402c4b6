import { dockerfileRule } from './_util';
import { checkVerification } from './_verification';

export default dockerfileRule(
  {
    id: 'dockerfile/signature-check-disabled',
    title: 'Package signature checks disabled',
    severity: 'warning',
    description:
      'Package managers verify that packages are signed by the distribution. `apk --allow-untrusted`, `apt-get --allow-unauthenticated` or ' +
      '`--force-yes`, `dnf/yum --nogpgcheck` and `rpm --nosignature` install whatever a mirror or an attacker in the middle serves.',
    remediation: 'Remove the option and import the repository\'s signing key instead (`apt-key`/`signed-by`, `rpm --import`, `/etc/apk/keys`).',
    equivalents: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  },
  (m, ctx) =>
    checkVerification(
      m,
      ctx,
      [
        { prog: /^apk$/, word: /^--allow-untrusted$/, what: 'apk installs unsigned packages' },
        { prog: /^(apt-get|apt|aptitude)$/, word: /^(--allow-unauthenticated|--allow-insecure-repositories|--force-yes)$/, what: 'apt installs packages without verifying their signatures' },
        { prog: /^(yum|dnf|tdnf|microdnf)$/, word: /^--nogpgcheck$/, what: 'the package manager skips GPG signature checks' },
        { prog: /^rpm$/, word: /^--(nodigest|nosignature|noverify|nofiledigest)$/, what: 'rpm skips digest or signature checks' },
      ],
      [],
    ),
);
