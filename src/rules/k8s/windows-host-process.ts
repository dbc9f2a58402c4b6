import { asMap, get, getPair, nodeSpan, readBool, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'windows-host-process',
    title: 'Windows container runs as a host process',
    severity: 'error',
    description:
      'A Windows HostProcess container runs directly on the node, with the node\'s network and filesystem and the privileges of a node account: it is the Windows equivalent of a privileged container.',
    remediation: 'Remove `windowsOptions.hostProcess: true` unless the workload is a node agent that really needs it.',
    equivalents: ['KSV103'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      const podHp = getPair(asMap(get(pod.securityContext, 'windowsOptions')), 'hostProcess');
      const pv = readBool(podHp?.value);
      for (const kc of pod.containers) {
        const hp = getPair(asMap(get(kc.securityContext, 'windowsOptions')), 'hostProcess');
        const v = readBool(hp?.value);
        if (v?.known && v.value === true) report({ span: nodeSpan(hp!.value as Node), message: `${containerLabel(kc)} runs as a Windows host process.` });
        else if (!hp && pv?.known && pv.value === true) report({ span: nodeSpan(podHp!.value as Node), message: `${containerLabel(kc)} runs as a Windows host process (pod level).` });
      }
    }
  },
);
