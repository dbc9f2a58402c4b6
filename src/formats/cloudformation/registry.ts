/**
 * Registry-level ECR resources → registries (target `ecr`):
 * `AWS::ECR::RegistryScanningConfiguration`, `PullThroughCacheRule`,
 * `RepositoryCreationTemplate` and `ReplicationConfiguration`.
 */
import type { Fix, Span, TextEdit } from '../../core';
import { unknownField, type Field } from '../../model/container';
import type { RegistrySpec, ScanningRule } from '../../model/registry';
import type { Setting } from '../../model/setting';
import { getPairCI, nodeSpan, Node } from '../yaml/doc';
import { mapsAt, nodeAt, propSetting, propsState, readPolicyDocument, setProp, strField } from './props';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

const KINDS: Record<string, RegistrySpec['kind']> = {
  'AWS::ECR::RegistryScanningConfiguration': 'scanning',
  'AWS::ECR::PullThroughCacheRule': 'pull-through-cache',
  'AWS::ECR::RepositoryCreationTemplate': 'creation-template',
  'AWS::ECR::ReplicationConfiguration': 'replication',
};

const LABELS: Record<RegistrySpec['kind'], string> = {
  scanning: 'registry scanning configuration',
  'pull-through-cache': 'pull-through cache rule',
  'creation-template': 'repository creation template',
  replication: 'replication configuration',
};

function readScanning(r: CfnResource): RegistrySpec['scanning'] {
  const opaque = propsState(r) === 'unknown';
  const list = opaque ? { maps: [], unknown: true } : mapsAt(r.props, ['Rules']);
  let rules: ScanningRule[] | 'unknown' = [];
  if (list.unknown) rules = 'unknown';
  else {
    for (const m of list.maps) {
      const filters = mapsAt(m, ['RepositoryFilters']);
      rules.push({
        frequency: strField(getPairCI(m, 'ScanFrequency')) ?? 'missing',
        filters: filters.unknown
          ? 'unknown'
          : filters.maps.map((f): Field<string> => {
              const p = getPairCI(f, 'Filter');
              return strField(p) ?? unknownField(nodeSpan(f));
            }),
        span: nodeSpan(m),
      });
    }
  }
  return { scanType: propSetting(r, ['ScanType'], strField), rules };
}

function readTemplate(r: CfnResource, cx: CfnReadContext): NonNullable<RegistrySpec['template']> {
  const tagMutability = propSetting(r, ['ImageTagMutability'], strField);
  const policyNode = r.props ? nodeAt(r.props, ['RepositoryPolicy']) : undefined;
  const statements = policyNode === 'unknown' ? 'unknown' : readPolicyDocument(policyNode);
  const openPrincipals = statements === 'unknown' ? [] : statements.filter((s) => s.effect === 'allow' && !s.conditional).flatMap((s) => s.openPrincipals);
  return {
    prefix: propSetting(r, ['Prefix'], strField),
    tagMutability,
    encryption: propSetting(r, ['EncryptionConfiguration', 'EncryptionType'], strField),
    openPrincipals,
    writer: {
      makeTagsImmutable: (): Fix | undefined => {
        if (tagMutability === 'unknown' || (typeof tagMutability === 'object' && !tagMutability.known)) return undefined;
        const e = setProp(cx, r, ['ImageTagMutability'], 'IMMUTABLE');
        if (!e) return undefined;
        const edits: TextEdit[] = [e];
        // exclusion filters are only valid with a *_WITH_EXCLUSION setting
        const filters = r.props ? getPairCI(r.props, 'ImageTagMutabilityExclusionFilters') : undefined;
        if (filters && r.props) edits.push(cx.editor.removePair(r.props, filters));
        return { title: 'Make image tags immutable in repositories created from the template', safety: 'unsafe', edits };
      },
    },
  };
}

function readReplication(r: CfnResource): RegistrySpec['replication'] {
  const opaque = propsState(r) === 'unknown';
  const rules = opaque ? { maps: [], unknown: true } : mapsAt(r.props, ['ReplicationConfiguration', 'Rules']);
  if (rules.unknown) return { destinations: 'unknown' };
  const destinations: { region: Setting<string>; registryId: Setting<string>; span: Span }[] = [];
  for (const rule of rules.maps) {
    const ds = mapsAt(rule, ['Destinations']);
    if (ds.unknown) return { destinations: 'unknown' };
    for (const d of ds.maps) {
      destinations.push({
        region: strField(getPairCI(d, 'Region')) ?? 'missing',
        registryId: strField(getPairCI(d, 'RegistryId')) ?? 'missing',
        span: nodeSpan(d),
      });
    }
  }
  return { destinations };
}

function readRegistry(r: CfnResource, cx: CfnReadContext): RegistrySpec {
  const kind = KINDS[r.type];
  const spec: RegistrySpec = {
    target: 'ecr',
    format: 'cfn',
    kind,
    label: `${LABELS[kind]} ${r.logicalId}`,
    span: nodeSpan(r.node),
    anchor: r.anchor,
  };
  if (kind === 'scanning') spec.scanning = readScanning(r);
  else if (kind === 'creation-template') spec.template = readTemplate(r, cx);
  else if (kind === 'replication') spec.replication = readReplication(r);
  else {
    spec.pullThrough = {
      upstream: propSetting(r, ['UpstreamRegistryUrl'], strField),
      prefix: propSetting(r, ['EcrRepositoryPrefix'], strField),
      credentialArn: propSetting(r, ['CredentialArn'], strField),
    };
  }
  return spec;
}

export const registryReader: CfnReader = {
  types: Object.keys(KINDS),
  read(r, cx) {
    cx.views.registries.push(readRegistry(r, cx));
  },
};
