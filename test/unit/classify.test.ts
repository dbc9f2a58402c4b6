import * as assert from 'assert';
import { classify, isDockerfileName } from '../../src/formats/classify';

describe('classification', () => {
  it('recognises the Dockerfile names repositories use, and not documents about them', () => {
    for (const n of ['Dockerfile', 'Dockerfile.prod', 'prod.Dockerfile', 'Dockerfile-update', 'Dockerfile_dev', 'TrainingDockerfile', 'Containerfile', 'api.containerfile']) {
      assert.ok(isDockerfileName(n), n);
    }
    for (const n of ['Dockerfile.md', 'dockerfile.txt', 'Dockerfile.j2', 'Dockerfile.template', 'dockerfiles', 'docker-compose.yml', 'README']) {
      assert.ok(!isDockerfileName(n), n);
    }
  });

  it('tool configuration shaped like Kubernetes objects is not a Kubernetes manifest', () => {
    assert.strictEqual(classify('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n'), undefined);
    assert.strictEqual(classify('overlay/kustomization.yml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n'), undefined);
    assert.strictEqual(classify('skaffold.yaml', 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts: []\n'), undefined);
    assert.strictEqual(classify('kubelet.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n'), undefined);
  });

  it('a manifest stays one, also next to tool configuration in the same file', () => {
    assert.strictEqual(classify('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n'), 'k8s');
    assert.strictEqual(classify('all.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n---\napiVersion: v1\nkind: Pod\n'), 'k8s');
  });
});
