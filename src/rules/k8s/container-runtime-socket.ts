import { asMap, asSeq, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule, podLabel } from './_rule';

export const SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|dockershim|podman)\.sock$|^\/var\/run\/docker$|^\/run\/containerd\/?$/;

export default k8sRule(
  {
    slug: 'container-runtime-socket',
    title: 'Container runtime socket mounted from the host',
    severity: 'error',
    description:
      'A hostPath volume of the Docker, containerd or CRI-O socket lets the pod talk to the node\'s container runtime: it can start a privileged container ' +
      'with the host filesystem mounted, which is root on the node (and on EKS the node\'s IAM role).',
    remediation: 'Remove the socket volume; build images with a daemonless builder (Kaniko, BuildKit rootless) or use the Kubernetes API instead of the runtime.',
    equivalents: ['CKV_K8S_27', 'KSV006', 'docker-sock'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      for (const v of asSeq(get(pod.spec, 'volumes'))?.items ?? []) {
        const pathPair = getPair(asMap(get(v, 'hostPath')), 'path');
        const p = readString(pathPair?.value);
        if (!p?.known || !SOCKET.test(p.value.replace(/\/+$/, '') || '/')) continue;
        report({ span: nodeSpan(pathPair!.value as Node), message: `${podLabel(pod)} mounts the container runtime socket ${p.value} from the host.` });
      }
    }
  },
);
