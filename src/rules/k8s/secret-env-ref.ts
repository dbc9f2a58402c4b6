import { asMap, asSeq, get, getPair, nodeSpan, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'secret-env-ref',
    title: 'Secret passed as an environment variable',
    severity: 'info',
    strict:
      'Reading a Secret into the environment is the common, supported pattern; mounting it as a file is the safer habit, not a flaw a reviewer would block on.',
    description:
      'A Secret read into an environment variable (`valueFrom.secretKeyRef`, or `envFrom.secretRef`) is visible to every process in the container and its children, ' +
      'ends up in crash dumps, debug endpoints and error reports that print the environment, and is not updated when the Secret changes. ' +
      'Mounted as a file (a `secret` volume, or the Secrets Store CSI driver with AWS Secrets Manager), it is readable only where the application opens it, ' +
      'with file permissions, and is refreshed on rotation.',
    remediation: 'Mount the Secret as a volume (`volumes[].secret`, `readOnly: true`) and have the application read the file, or use the Secrets Store CSI driver.',
    equivalents: ['CKV_K8S_35'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      for (const kc of pod.containers) {
        for (const it of asSeq(get(kc.node, 'env'))?.items ?? []) {
          const ref = getPair(asMap(get(it, 'valueFrom')), 'secretKeyRef');
          if (!ref) continue;
          const name = get(it, 'name');
          report({ span: nodeSpan(ref.key as Node), message: `${containerLabel(kc)} reads a Secret into the environment${name ? ` (${String((name as { value?: unknown }).value)})` : ''}: prefer mounting it as a file.` });
        }
        for (const it of asSeq(get(kc.node, 'envFrom'))?.items ?? []) {
          const ref = getPair(asMap(it), 'secretRef');
          if (ref) report({ span: nodeSpan(ref.key as Node), message: `${containerLabel(kc)} loads a whole Secret into the environment (envFrom): prefer mounting it as a file.` });
        }
      }
    }
  },
);
