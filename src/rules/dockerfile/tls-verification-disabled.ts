import { dockerfileRule } from './_util';
import { checkVerification } from './_verification';

export default dockerfileRule(
  {
    id: 'dockerfile/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    severity: 'warning',
    description:
      'Turning off certificate checks (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, ' +
      '`GIT_SSL_NO_VERIFY`, `strict-ssl false`, `sslverify=0` …) lets anyone on the network path — a proxy, a hijacked DNS name — replace what ' +
      'the build downloads with their own code. Set in ENV, it also disables the checks for the application at run time.',
    remediation: 'Keep verification on and install the CA certificate the server needs (`update-ca-certificates`, `NODE_EXTRA_CA_CERTS`, `PIP_CERT`).',
    equivalents: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'],
  },
  (m, ctx) =>
    checkVerification(
      m,
      ctx,
      [
        { prog: /^curl$/, word: /^(-[A-Za-z]*k[A-Za-z]*|--insecure)$/, what: 'curl does not verify the server certificate' },
        { prog: /^wget$/, word: /^--no-check-certificate$/, what: 'wget does not verify the server certificate' },
        { prog: /^(pip[0-9.]*|python[0-9.]*)$/, word: /^--trusted-host(=.*)?$/, what: 'pip accepts the host without a valid certificate' },
        { prog: /^(npm|yarn|pnpm)$/, word: /^--strict-ssl=false$/, what: 'the package manager does not verify certificates' },
        { prog: /^(npm|yarn|pnpm)$/, word: /^strict-ssl(=false)?$/, what: 'the package manager does not verify certificates', also: [/^set$/, /^(false|strict-ssl=false)$/] },
        { prog: /^(yum|dnf|tdnf|microdnf|yum-config-manager|dnf-config-manager|zypper)$/, word: /sslverify=(0|false|no|False)/, what: 'the package manager does not verify repository certificates' },
        { prog: /^git$/, word: /^http\.sslVerify=?(false)?$/i, what: 'git does not verify certificates', also: [/^(false|http\.sslVerify=false)$/i] },
      ],
      [
        { name: /^PYTHONHTTPSVERIFY$/, value: /^0$/, what: 'Python does not verify HTTPS certificates' },
        { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, value: /^0$/, what: 'Node.js accepts any TLS certificate' },
        { name: /^NPM_CONFIG_STRICT_SSL$/i, value: /^(false|0|no)$/i, what: 'npm does not verify certificates' },
        { name: /^GIT_SSL_NO_VERIFY$/, value: /^.+$/, what: 'git does not verify certificates' },
        { name: /^PIP_TRUSTED_HOST$/, value: /^.+$/, what: 'pip accepts these hosts without a valid certificate' },
      ],
    ),
);
