import { asMap, asSeq, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule, podLabel } from './_rule';
import { SOCKET } from './container-runtime-socket';

const SENSITIVE = /^\/(etc|proc|sys|boot|dev|root|home|var\/run|run|var\/lib\/kubelet|var\/lib\/docker|var\/lib\/containerd|var\/log|usr|lib|bin|sbin)?(\/.*)?$/;
const WORST = /^\/(etc|proc|sys|root|var\/run|run|var\/lib\/kubelet|boot|dev)?\/?$/;

export default k8sRule(
  {
    slug: 'host-path-volume',
    title: 'Pod mounts a hostPath volume',
    severity: 'warning',
    description:
      'A hostPath volume exposes part of the node\'s filesystem to the pod. `/`, `/etc`, `/proc`, `/var/run` or the kubelet\'s directory give away the node ' +
      '(credentials, other pods\' secrets, the container runtime); any writable host path can be used to plant files the node later runs.',
    remediation: 'Use emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead; if a node agent really needs a host path, mount the narrowest path read-only.',
    equivalents: ['KSV023', 'hostPathSet'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      for (const v of asSeq(get(pod.spec, 'volumes'))?.items ?? []) {
        const hp = getPair(asMap(v), 'hostPath');
        if (!hp) continue;
        const pathPair = getPair(asMap(hp.value), 'path');
        const p = readString(pathPair?.value);
        if (p && !p.known) continue;
        const path = p?.known ? p.value.replace(/\/+$/, '') || '/' : undefined;
        if (path && SOCKET.test(path)) continue; // container-runtime-socket says it louder
        const worst = !!path && WORST.test(path);
        report({
          span: pathPair?.value ? nodeSpan(pathPair.value as Node) : nodeSpan(hp.key as Node),
          severity: worst ? 'error' : 'warning',
          message: worst
            ? `${podLabel(pod)} mounts the host's ${path} directory: it gives the pod control of the node.`
            : `${podLabel(pod)} mounts ${path ? `the host path ${path}` : 'a host path'}${path && SENSITIVE.test(path) ? ' (a sensitive node directory)' : ''}.`,
        });
      }
    }
  },
);
