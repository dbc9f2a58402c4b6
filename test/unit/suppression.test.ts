import * as assert from 'assert';
import { analyzeText } from '../../src/rules/engine';

function findings(path: string, text: string) {
  return analyzeText(text, { path }).findings.map((f) => ({ id: f.ruleId, line: f.range.start.line + 1, suppressed: !!f.suppressed, reason: f.suppressed?.reason }));
}

describe('suppression through the engine', () => {
  it('a comment above a Dockerfile instruction covers its continuation lines', () => {
    const df = 'FROM debian:12\n# bulkhead-ignore dockerfile/curl-pipe-shell: vendor script, pinned by checksum upstream\nRUN apt-get update && \\\n    curl -fsSL https://example.com/install.sh | sh\nRUN curl -fsSL https://example.com/other.sh | sh\nUSER 1000\n';
    const pipes = findings('Dockerfile', df).filter((f) => f.id === 'dockerfile/curl-pipe-shell');
    assert.deepStrictEqual(pipes, [
      { id: 'dockerfile/curl-pipe-shell', line: 4, suppressed: true, reason: 'vendor script, pinned by checksum upstream' },
      { id: 'dockerfile/curl-pipe-shell', line: 5, suppressed: false, reason: undefined },
    ]);
  });

  it('only the named rule is silenced', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  hostNetwork: true # bulkhead-ignore k8s/host-network: node agent\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.25\n';
    const fs = findings('pod.yaml', pod);
    assert.ok(fs.find((f) => f.id === 'k8s/host-network')?.suppressed);
    assert.strictEqual(fs.find((f) => f.id === 'k8s/host-pid')?.suppressed, false);
  });

  it("peers' markers count through equivalents: checkov annotations and comments", () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\n  annotations:\n    checkov.io/skip1: CKV_K8S_16=reviewed\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n        # checkov:skip=CKV_K8S_22: writes to /tmp\n        readOnlyRootFilesystem: false\n';
    const fs = findings('pod.yaml', pod);
    assert.deepStrictEqual(
      fs.filter((f) => f.id === 'k8s/privileged-container' || f.id === 'k8s/writable-root-filesystem').map((f) => [f.id, f.suppressed]),
      [
        ['k8s/privileged-container', true],
        ['k8s/writable-root-filesystem', true],
      ],
    );
  });

  it('#checkov:skip anywhere inside a Terraform block or a CloudFormation resource covers that resource only, as in checkov', () => {
    const repo = (name: string, skip: string) =>
      `resource "aws_ecr_repository" "${name}" {\n  name = "${name}"\n${skip}  image_scanning_configuration {\n    scan_on_push = true\n  }\n  image_tag_mutability = "MUTABLE"\n}\n`;
    const tf = repo('a', '  #checkov:skip=CKV_AWS_51: tags are moved on purpose\n') + repo('b', '');
    assert.deepStrictEqual(
      findings('main.tf', tf).filter((f) => f.id === 'tf/ecr-tag-mutability'),
      [
        { id: 'tf/ecr-tag-mutability', line: 7, suppressed: true, reason: 'tags are moved on purpose' },
        { id: 'tf/ecr-tag-mutability', line: 14, suppressed: false, reason: undefined },
      ],
    );
    // another check's id skips nothing
    assert.ok(!findings('main.tf', repo('a', '  #checkov:skip=CKV_AWS_163\n')).find((f) => f.id === 'tf/ecr-tag-mutability')!.suppressed);
    const res = (id: string, skip: string) =>
      `  ${id}:\n${skip}    Type: AWS::ECR::Repository\n    Properties:\n      ImageScanningConfiguration:\n        ScanOnPush: true\n      ImageTagMutability: MUTABLE\n`;
    const cfn = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + res('A', '    # checkov:skip=CKV_AWS_51: tags are moved on purpose\n') + res('B', '');
    assert.deepStrictEqual(
      findings('template.yaml', cfn)
        .filter((f) => f.id === 'ecr/tag-mutability')
        .map((f) => [f.line, f.suppressed]),
      [
        [9, true],
        [15, false],
      ],
    );
    // on the logical id's own line
    const onKey = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + res('A', '').replace('  A:\n', '  A: # checkov:skip=CKV_AWS_51\n');
    assert.ok(findings('template.yaml', onKey).find((f) => f.id === 'ecr/tag-mutability')!.suppressed);
  });

  it('#checkov:skip in a Dockerfile is file-wide, as in checkov', () => {
    const df = '#checkov:skip=CKV_DOCKER_2: no healthcheck for a batch job\nFROM debian:12\nUSER 1000\n';
    assert.ok(findings('Dockerfile', df).find((f) => f.id === 'dockerfile/no-healthcheck')?.suppressed);
  });
});
