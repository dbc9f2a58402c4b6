import type { Fix, Span, Target, TextEdit } from '../core';

/**
 * The normalised views that rules meaning the same thing in every format are
 * written against. Kubernetes containers, ECS/Batch container definitions
 * (JSON and CloudFormation) and CDK container props all map into a
 * ContainerSpec; pods and task definitions into a WorkloadSpec. Every field
 * carries its source span, and a value Bulkhead cannot see (a CloudFormation
 * intrinsic, a Helm expression, a TypeScript variable) is `known: false` —
 * never reported as missing or insecure.
 */
export interface Field<T> {
  /** undefined when not known */
  value: T | undefined;
  known: boolean;
  /** the value's span */
  span: Span;
  /** the key's span (equal to `span` where there is no key, e.g. a list item) */
  keySpan: Span;
}

export function known<T>(value: T, span: Span, keySpan: Span = span): Field<T> {
  return { value, known: true, span, keySpan };
}

export function unknownField<T>(span: Span, keySpan: Span = span): Field<T> {
  return { value: undefined, known: false, span, keySpan };
}

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer' | 'sidecar';

export interface EnvVar {
  name: Field<string>;
  /** undefined when the variable takes its value from elsewhere (valueFrom, a secret…) */
  value?: Field<string>;
  /** the whole entry (list item / pair) */
  span: Span;
}

/** The user a container runs as, as far as the file says. */
export interface Identity {
  /**
   * - root: explicitly root (runAsUser: 0, user "root"/"0"/"0:0")
   * - unset: nothing says which user (the image's USER decides; often root)
   * - nonroot: a non-root user is set or enforced
   * - unknown: a value Bulkhead cannot see decides
   */
  verdict: 'root' | 'unset' | 'nonroot' | 'unknown';
  /** where to point: the offending value, or the container's anchor */
  span: Span;
  /** what set it, for messages (e.g. "runAsUser: 0 at pod level") */
  detail?: string;
}

export interface ContainerSpec {
  /** rule ids are per target: k8s/…, ecs/…, cdk/… */
  target: Target;
  /** finer shape, for messages and fixes */
  format: 'k8s' | 'ecs-json' | 'cfn' | 'batch' | 'cdk';
  kind: ContainerKind;
  name?: string;
  /** the whole container node */
  span: Span;
  /** where "missing X" findings point: the container's name, or its first key */
  anchor: Span;
  image?: Field<string>;
  privileged?: Field<boolean>;
  /** Kubernetes only */
  allowPrivilegeEscalation?: Field<boolean>;
  readOnlyRootFilesystem?: Field<boolean>;
  identity: Identity;
  /** capabilities added; each a separate finding target */
  capAdd: Field<string>[];
  /** capabilities dropped; undefined when no drop list exists at all */
  capDrop?: Field<string>[];
  /** the capability lists could not be read (an expression) */
  capsUnknown?: boolean;
  env: EnvVar[];
  /** the environment could not be fully read (a spread, an intrinsic list) */
  envUnknown?: boolean;
  /**
   * logging configured: true/false, or undefined where the format has no
   * per-container logging (Kubernetes) or it cannot be seen
   */
  logging?: Field<boolean>;
  /**
   * the ports the container listens on (Kubernetes `ports[].containerPort`,
   * ECS `portMappings[].containerPort`, CDK `portMappings`); undefined where
   * they cannot be read
   */
  ports?: Field<number>[];
  /** the workload this container belongs to */
  workload?: WorkloadSpec;
  writer: ContainerWriter;
}

/** A pod spec, task definition or job definition: what is shared by its containers. */
export interface WorkloadSpec {
  target: Target;
  format: ContainerSpec['format'];
  /** e.g. "Deployment/web", "task definition web-app", "MyTaskDef" */
  label: string;
  span: Span;
  anchor: Span;
  hostNetwork?: Field<boolean>;
  hostPID?: Field<boolean>;
  hostIPC?: Field<boolean>;
  /** Kubernetes `hostUsers`: false runs the pod in its own user namespace (root inside maps to an unprivileged host UID) */
  hostUsers?: Field<boolean>;
  containers: ContainerSpec[];
  writer?: WorkloadWriter;
  /** CDK L1 (`CfnTaskDefinition`): settings are written as CloudFormation values (`networkMode: 'host'`), not enum members */
  l1?: boolean;
}

/**
 * Format-specific text edits for the fixes the shared rules offer. Each
 * method returns undefined when no sound edit exists (e.g. the value is an
 * expression).
 */
export interface ContainerWriter {
  /** set (or insert) a boolean security setting on the container */
  setFlag(flag: 'privileged' | 'readOnlyRootFilesystem' | 'allowPrivilegeEscalation', value: boolean): TextEdit[] | undefined;
  /** make the container run as a non-root user */
  runAsNonRoot(): Fix | undefined;
  /** add ALL to the dropped capabilities */
  dropAllCapabilities(): TextEdit[] | undefined;
  /** remove one added capability */
  removeAddedCapability(cap: Field<string>): TextEdit[] | undefined;
  /** remove an environment variable (e.g. an AWS key) */
  removeEnv(env: EnvVar): TextEdit[] | undefined;
  /** replace a plaintext variable with a reference to a secret store */
  moveEnvToSecret(env: EnvVar): Fix | undefined;
  /** add a logging configuration */
  addLogging?(): Fix | undefined;
  /**
   * Kubernetes: insert or complete the container's securityContext with every
   * hardening setting (no privilege escalation, non-root, read-only root
   * filesystem, drop ALL capabilities, RuntimeDefault seccomp) in one fix.
   */
  harden?(): Fix | undefined;
}

export interface WorkloadWriter {
  /** set a host namespace flag off (or remove it) */
  disableHost(ns: 'hostNetwork' | 'hostPID' | 'hostIPC'): TextEdit[] | undefined;
}

export function spanOfField(f: Field<unknown> | undefined, fallback: Span): Span {
  return f ? f.span : fallback;
}

/**
 * Something Bulkhead cannot read may change any of the container's settings
 * (a CDK escape hatch on its task definition): every one of them becomes
 * unknown, keeping the spans findings would point at. Plaintext environment
 * values are kept: a secret written in the source has leaked either way.
 */
export function overrideUnknown(c: ContainerSpec): void {
  securityUnknown(c);
  c.image = unknownAt(c, c.image);
  c.logging = unknownAt(c, c.logging);
  c.ports = undefined;
  // plaintext environment values stay: they are in the source whatever deploys
}

/** Something unseen (a kustomize patch of its securityContext) decides every security setting of the container: all unknown. */
export function securityUnknown(c: ContainerSpec): void {
  c.privileged = unknownAt(c, c.privileged);
  c.allowPrivilegeEscalation = unknownAt(c, c.allowPrivilegeEscalation);
  c.readOnlyRootFilesystem = unknownAt(c, c.readOnlyRootFilesystem);
  c.identity = { verdict: 'unknown', span: c.anchor };
  c.capAdd = [];
  c.capDrop = undefined;
  c.capsUnknown = true;
}

/** A field made unknown where it stands (or at the container's anchor when absent). */
function unknownAt<T>(c: ContainerSpec, f: Field<T> | undefined): Field<T> {
  return unknownField(f?.span ?? c.anchor, f?.keySpan ?? c.anchor);
}
