import * as assert from 'assert';
import { imageTag } from '../../src/rules/container/_image';
import { literalOf, templateText } from '../../src/formats/cloudformation/props';
import { parseYamlDocs } from '../../src/formats/yaml/doc';

function node(yaml: string): unknown {
  return (parseYamlDocs(`v: ${yaml}\n`)[0].root as { items: { value: unknown }[] }).items[0].value;
}

describe('imageTag: the tag of an image whose registry is a placeholder', () => {
  const cases: [string, { tag?: string; digest?: string } | undefined][] = [
    ['nginx', { tag: undefined, digest: undefined }],
    ['nginx:1.27', { tag: '1.27', digest: undefined }],
    ['registry:5000/team/app', { tag: undefined, digest: undefined }],
    ['${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:latest', { tag: 'latest', digest: undefined }],
    ['${REGISTRY}/web', { tag: undefined, digest: undefined }],
    ['${REPO_URI}:latest', { tag: 'latest', digest: undefined }],
    ['${REPO}-web:2.0', { tag: '2.0', digest: undefined }],
    ['<account>.dkr.ecr.<region>.amazonaws.com/web:v3', { tag: 'v3', digest: undefined }],
    ['${IMAGE}', undefined],
    ['<IMAGE1_NAME>', undefined],
    ['web:${TAG}', undefined],
    ['app-${ENV}', undefined],
    ['{{ .Values.image }}', undefined],
    ['${A}:${B}', undefined],
    ['', undefined],
  ];
  for (const [ref, want] of cases) {
    it(JSON.stringify(ref), () => assert.deepStrictEqual(imageTag(ref), want));
  }
});

describe('CloudFormation intrinsics read as text', () => {
  it('Fn::Join and Fn::Sub of literals are literal values; anything with a reference is not', () => {
    assert.strictEqual(literalOf(node("!Join [':', [nginx, '1.27']]")), 'nginx:1.27');
    assert.strictEqual(literalOf(node('{"Fn::Join": ["", ["a", {"Fn::Join": ["-", ["b", "c"]]}]]}')), 'ab-c');
    assert.strictEqual(literalOf(node('!Sub plain-${!Escaped}')), 'plain-${Escaped}');
    assert.strictEqual(literalOf(node("!Select [1, [a, b, c]]")), 'b');
    assert.strictEqual(literalOf(node("!Join ['', [!Ref AWS::AccountId, x]]")), undefined);
    assert.strictEqual(literalOf(node('!Sub ${AWS::Region}')), undefined);
    assert.strictEqual(literalOf(node("!Select [5, [a]]")), undefined);
  });

  it('references become ${…} placeholders in template text; conditions stay unknown', () => {
    assert.strictEqual(templateText(node("!Join ['', [!Ref AWS::AccountId, '.dkr.ecr.', !Ref AWS::Region, '.amazonaws.com/web']]")), '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web');
    assert.strictEqual(templateText(node('{"Fn::Join": [":", [{"Fn::GetAtt": ["Repo", "RepositoryUri"]}, "latest"]]}')), '${Repo.RepositoryUri}:latest');
    assert.strictEqual(templateText(node("!Sub ['${Uri}:latest', { Uri: !GetAtt Repo.RepositoryUri }]")), '${Uri}:latest');
    assert.strictEqual(templateText(node('!If [Cond, a, b]')), undefined);
    assert.strictEqual(templateText(node('!ImportValue shared-image')), undefined);
  });
});
