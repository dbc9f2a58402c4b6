/**
 * Deterministic input generators for the benchmarks. Every generator takes a
 * seed and a target size in lines and returns the same text for the same
 * arguments, so figures from different runs (and machines) are comparable.
 *
 * The inputs look like what people write: a mix of hardened and insecure
 * settings, comments, secrets in env, CloudFormation intrinsics, multi-stage
 * Dockerfiles, CDK stacks with several constructs.
 */

/** mulberry32 (shared with the ECR stand-in's sample data): small, fast, good enough for test data */
import { prng as rng } from '../ecr-server/data';
export { rng };

export class Gen {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  next(): number {
    return this.r();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  word(): string {
    return this.pick(WORDS) + (this.chance(0.3) ? `-${this.pick(WORDS)}` : '');
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.r() * 16)];
    return s;
  }
}

const WORDS = ['api', 'web', 'worker', 'cart', 'billing', 'search', 'auth', 'gateway', 'orders', 'metrics', 'queue', 'cache', 'report', 'mailer', 'ingest', 'export'] as const;
const IMAGES = [
  (g: Gen) => `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/${g.word()}:${g.int(1, 9)}.${g.int(0, 20)}.${g.int(0, 9)}`,
  (g: Gen) => `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${g.word()}@sha256:${g.hex(64)}`,
  (g: Gen) => `public.ecr.aws/docker/library/${g.pick(['nginx', 'redis', 'python', 'node'])}:latest`,
  (g: Gen) => `${g.pick(['nginx', 'redis', 'busybox', 'alpine'])}`,
  (g: Gen) => `ghcr.io/example/${g.word()}:v${g.int(1, 5)}`,
];
const SECRET_NAMES = ['DB_PASSWORD', 'API_TOKEN', 'STRIPE_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'SESSION_SECRET'];
const PLAIN_NAMES = ['LOG_LEVEL', 'APP_ENV', 'PORT', 'REGION', 'FEATURE_FLAGS', 'TZ', 'QUEUE_URL', 'CACHE_TTL'];

function secretValue(g: Gen, name: string): string {
  if (name === 'AWS_ACCESS_KEY_ID') return `AKIA${g.hex(16).toUpperCase()}`;
  if (name === 'AWS_SECRET_ACCESS_KEY') return `${g.hex(20)}/K7MDENG/${g.hex(12)}EXAMPLE`;
  return `s3cr3t-${g.hex(12)}`;
}

function lineCount(parts: string[]): number {
  let n = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 10) n++;
  return n;
}

// ---------------------------------------------------------------- Kubernetes

function k8sContainer(g: Gen, ind: string): string {
  const l: string[] = [];
  l.push(`${ind}- name: ${g.word()}`);
  l.push(`${ind}  image: ${g.pick(IMAGES)(g)}`);
  if (g.chance(0.5)) l.push(`${ind}  imagePullPolicy: ${g.pick(['Always', 'IfNotPresent'])}`);
  l.push(`${ind}  ports:`, `${ind}    - containerPort: ${g.pick([80, 8080, 3000, 9090])}`);
  if (g.chance(0.3)) l.push(`${ind}      hostPort: ${g.pick([80, 8080])}`);
  const nEnv = g.int(1, 5);
  l.push(`${ind}  env:`);
  for (let i = 0; i < nEnv; i++) {
    if (g.chance(0.25)) {
      const n = g.pick(SECRET_NAMES);
      l.push(`${ind}    - name: ${n}`, `${ind}      value: ${secretValue(g, n)}`);
    } else if (g.chance(0.2)) {
      l.push(`${ind}    - name: ${g.pick(SECRET_NAMES)}`, `${ind}      valueFrom:`, `${ind}        secretKeyRef:`, `${ind}          name: ${g.word()}-secrets`, `${ind}          key: value`);
    } else l.push(`${ind}    - name: ${g.pick(PLAIN_NAMES)}`, `${ind}      value: "${g.word()}"`);
  }
  l.push(`${ind}  resources:`, `${ind}    limits:`, `${ind}      cpu: ${g.int(1, 8) * 100}m`, `${ind}      memory: ${g.int(1, 16) * 64}Mi`);
  if (g.chance(0.7)) {
    l.push(`${ind}  securityContext:`);
    if (g.chance(0.2)) l.push(`${ind}    privileged: true   # needed by the agent`);
    l.push(`${ind}    allowPrivilegeEscalation: ${g.chance(0.6) ? 'false' : 'true'}`);
    if (g.chance(0.6)) l.push(`${ind}    readOnlyRootFilesystem: true`);
    if (g.chance(0.5)) l.push(`${ind}    runAsNonRoot: true`, `${ind}    runAsUser: ${g.int(1000, 20000)}`);
    else if (g.chance(0.3)) l.push(`${ind}    runAsUser: 0`);
    if (g.chance(0.5)) l.push(`${ind}    capabilities:`, `${ind}      drop: [ALL]`);
    else if (g.chance(0.3)) l.push(`${ind}    capabilities:`, `${ind}      add: ["NET_ADMIN", "SYS_TIME"]`);
  }
  if (g.chance(0.4)) l.push(`${ind}  volumeMounts:`, `${ind}    - name: data`, `${ind}      mountPath: /data`);
  if (g.chance(0.3)) l.push(`${ind}  livenessProbe:`, `${ind}    httpGet:`, `${ind}      path: /healthz`, `${ind}      port: 8080`, `${ind}    initialDelaySeconds: 10`);
  return l.join('\n');
}

function k8sPodSpec(g: Gen, ind: string): string {
  const l: string[] = [];
  if (g.chance(0.15)) l.push(`${ind}hostNetwork: true`);
  if (g.chance(0.1)) l.push(`${ind}hostPID: true`);
  if (g.chance(0.5)) l.push(`${ind}serviceAccountName: ${g.word()}`);
  if (g.chance(0.3)) l.push(`${ind}automountServiceAccountToken: false`);
  if (g.chance(0.4)) l.push(`${ind}securityContext:`, `${ind}  runAsNonRoot: true`, `${ind}  seccompProfile:`, `${ind}    type: RuntimeDefault`);
  l.push(`${ind}containers:`);
  const n = g.int(1, 3);
  for (let i = 0; i < n; i++) l.push(k8sContainer(g, ind + '  '));
  if (g.chance(0.3)) {
    l.push(`${ind}volumes:`, `${ind}  - name: data`);
    if (g.chance(0.3)) l.push(`${ind}    hostPath:`, `${ind}      path: ${g.pick(['/var/run/docker.sock', '/var/log', '/etc'])}`);
    else l.push(`${ind}    emptyDir: {}`);
  }
  return l.join('\n');
}

function k8sDoc(g: Gen): string {
  const name = g.word();
  const meta = (kind: string, api: string) =>
    [`# ${kind} for the ${name} service`, `apiVersion: ${api}`, `kind: ${kind}`, `metadata:`, `  name: ${name}`, `  namespace: ${g.pick(['shop', 'default', 'payments'])}`, `  labels:`, `    app: ${name}`, `    tier: ${g.pick(['frontend', 'backend'])}`];
  const roll = g.next();
  if (roll < 0.45) {
    return [...meta('Deployment', 'apps/v1'), `spec:`, `  replicas: ${g.int(1, 6)}`, `  selector:`, `    matchLabels:`, `      app: ${name}`, `  template:`, `    metadata:`, `      labels:`, `        app: ${name}`, `    spec:`, k8sPodSpec(g, '      ')].join('\n');
  }
  if (roll < 0.55) return [...meta('Pod', 'v1'), `spec:`, k8sPodSpec(g, '  ')].join('\n');
  if (roll < 0.65) {
    return [...meta('StatefulSet', 'apps/v1'), `spec:`, `  serviceName: ${name}`, `  selector:`, `    matchLabels:`, `      app: ${name}`, `  template:`, `    metadata:`, `      labels:`, `        app: ${name}`, `    spec:`, k8sPodSpec(g, '      ')].join('\n');
  }
  if (roll < 0.72) {
    return [...meta('CronJob', 'batch/v1'), `spec:`, `  schedule: "*/${g.int(5, 30)} * * * *"`, `  jobTemplate:`, `    spec:`, `      template:`, `        spec:`, `          restartPolicy: OnFailure`, k8sPodSpec(g, '          ')].join('\n');
  }
  if (roll < 0.85) {
    return [...meta('Service', 'v1'), `spec:`, `  type: ${g.pick(['ClusterIP', 'LoadBalancer'])}`, `  selector:`, `    app: ${name}`, `  ports:`, `    - port: 443`, `      targetPort: 8080`].join('\n');
  }
  if (roll < 0.92) {
    return [
      ...meta('Role', 'rbac.authorization.k8s.io/v1'),
      `rules:`,
      `  - apiGroups: [""]`,
      `    resources: [${g.pick(['"pods"', '"secrets"', '"configmaps"', '"*"'])}]`,
      `    verbs: [${g.pick(['"get", "list"', '"*"', '"create", "delete"'])}]`,
    ].join('\n');
  }
  return [...meta('ServiceAccount', 'v1'), `  annotations:`, `    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/${name}`].join('\n');
}

/** A multi-document Kubernetes manifest of about `lines` lines. */
export function genK8s(seed: number, lines: number): string {
  const g = new Gen(seed);
  const docs: string[] = [];
  let n = 0;
  while (n < lines) {
    const d = k8sDoc(g);
    docs.push(d);
    n += lineCount([d]) + 2;
  }
  return docs.join('\n---\n') + '\n';
}

// ---------------------------------------------------------------- ECS task definition JSON

function ecsContainer(g: Gen): Record<string, unknown> {
  const env: { name: string; value: string }[] = [];
  for (let i = g.int(1, 5); i > 0; i--) {
    if (g.chance(0.25)) {
      const n = g.pick(SECRET_NAMES);
      env.push({ name: n, value: secretValue(g, n) });
    } else env.push({ name: g.pick(PLAIN_NAMES), value: g.word() });
  }
  const c: Record<string, unknown> = {
    name: g.word(),
    image: g.pick(IMAGES)(g),
    essential: g.chance(0.8),
    cpu: g.int(1, 8) * 128,
    memory: g.int(1, 8) * 256,
    portMappings: [{ containerPort: g.pick([80, 8080, 3000]), protocol: 'tcp' }],
    environment: env,
  };
  if (g.chance(0.3)) c.secrets = [{ name: g.pick(SECRET_NAMES), valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${g.word()}` }];
  if (g.chance(0.2)) c.privileged = true;
  if (g.chance(0.5)) c.readonlyRootFilesystem = g.chance(0.7);
  if (g.chance(0.4)) c.user = g.pick(['root', '1000', '0', 'app']);
  if (g.chance(0.3)) c.linuxParameters = { capabilities: g.chance(0.5) ? { drop: ['ALL'] } : { add: ['SYS_ADMIN'] }, initProcessEnabled: true };
  if (g.chance(0.6))
    c.logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': `/ecs/${g.word()}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' } };
  if (g.chance(0.3)) c.mountPoints = [{ sourceVolume: 'data', containerPath: '/data', readOnly: g.chance(0.5) }];
  if (g.chance(0.3)) c.healthCheck = { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 30, retries: 3 };
  return c;
}

/** One `register-task-definition` JSON document of about `lines` lines. */
export function genEcsJson(seed: number, lines: number): string {
  const g = new Gen(seed);
  const td: Record<string, unknown> = {
    family: g.word(),
    taskRoleArn: 'arn:aws:iam::123456789012:role/app-task',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    networkMode: g.pick(['awsvpc', 'bridge', 'host']),
    requiresCompatibilities: ['FARGATE'],
    cpu: '1024',
    memory: '2048',
    containerDefinitions: [] as unknown[],
    volumes: [{ name: 'data', host: { sourcePath: g.pick(['/var/run/docker.sock', '/srv/data']) } }],
  };
  const defs = td.containerDefinitions as unknown[];
  let text = '';
  do {
    defs.push(ecsContainer(g));
    // cheap estimate; the exact count is checked once it gets close
    if (defs.length % 4 === 0 || lines < 200) text = JSON.stringify(td, null, 2);
  } while (lineCount([text]) < lines);
  return JSON.stringify(td, null, 2) + '\n';
}

// ---------------------------------------------------------------- CloudFormation YAML

function cfnTaskDef(g: Gen, name: string): string {
  const l: string[] = [];
  l.push(`  ${name}TaskDefinition:`, `    Type: AWS::ECS::TaskDefinition`, `    Properties:`, `      Family: ${name.toLowerCase()}`);
  if (g.chance(0.3)) l.push(`      NetworkMode: host          # shares the instance's network`);
  else l.push(`      NetworkMode: awsvpc`);
  l.push(`      ExecutionRoleArn: !GetAtt ${name}ExecutionRole.Arn`);
  if (g.chance(0.6)) l.push(`      TaskRoleArn: !Ref ${name}TaskRole`);
  l.push(`      ContainerDefinitions:`);
  for (let i = g.int(1, 3); i > 0; i--) {
    l.push(`        - Name: ${g.word()}`, `          Image: ${g.chance(0.3) ? `!Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/${g.word()}:latest"` : g.pick(IMAGES)(g)}`);
    l.push(`          Memory: ${g.int(1, 8) * 256}`, `          Essential: true`);
    if (g.chance(0.2)) l.push(`          Privileged: true`);
    if (g.chance(0.5)) l.push(`          ReadonlyRootFilesystem: ${g.chance(0.7) ? 'true' : 'false'}`);
    if (g.chance(0.3)) l.push(`          User: ${g.pick(['root', '"1000"', '"0"'])}`);
    l.push(`          Environment:`);
    for (let j = g.int(1, 4); j > 0; j--) {
      if (g.chance(0.25)) {
        const n = g.pick(SECRET_NAMES);
        l.push(`            - Name: ${n}`, `              Value: ${secretValue(g, n)}`);
      } else if (g.chance(0.3)) l.push(`            - Name: QUEUE_URL`, `              Value: !Sub "https://sqs.\${AWS::Region}.amazonaws.com/\${AWS::AccountId}/jobs"`);
      else l.push(`            - Name: ${g.pick(PLAIN_NAMES)}`, `              Value: ${g.word()}`);
    }
    if (g.chance(0.3)) l.push(`          LinuxParameters:`, `            Capabilities:`, `              ${g.chance(0.5) ? 'Drop: [ALL]' : 'Add: [SYS_ADMIN]'}`);
    if (g.chance(0.6))
      l.push(`          LogConfiguration:`, `            LogDriver: awslogs`, `            Options:`, `              awslogs-group: !Ref ${name}LogGroup`, `              awslogs-region: !Ref AWS::Region`, `              awslogs-stream-prefix: ${name.toLowerCase()}`);
  }
  if (g.chance(0.3)) l.push(`      Volumes:`, `        - Name: docker-socket`, `          Host:`, `            SourcePath: /var/run/docker.sock`);
  return l.join('\n');
}

function cfnOther(g: Gen, name: string): string {
  const roll = g.next();
  if (roll < 0.4) {
    return [
      `  ${name}Service:`,
      `    Type: AWS::ECS::Service`,
      `    Properties:`,
      `      Cluster: !Ref ClusterName`,
      `      TaskDefinition: !Ref ${name}TaskDefinition`,
      `      DesiredCount: ${g.int(1, 4)}`,
      `      LaunchType: FARGATE`,
      `      NetworkConfiguration:`,
      `        AwsvpcConfiguration:`,
      `          AssignPublicIp: ${g.pick(['ENABLED', 'DISABLED'])}`,
      `          Subnets: !Ref Subnets`,
    ].join('\n');
  }
  if (roll < 0.7) {
    return [
      `  ${name}ExecutionRole:`,
      `    Type: AWS::IAM::Role`,
      `    Properties:`,
      `      AssumeRolePolicyDocument:`,
      `        Version: "2012-10-17"`,
      `        Statement:`,
      `          - Effect: Allow`,
      `            Principal: { Service: ecs-tasks.amazonaws.com }`,
      `            Action: sts:AssumeRole`,
      `      ManagedPolicyArns:`,
      `        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    ].join('\n');
  }
  if (roll < 0.85) return [`  ${name}LogGroup:`, `    Type: AWS::Logs::LogGroup`, `    Properties:`, `      RetentionInDays: ${g.pick([7, 30, 365])}`].join('\n');
  return [
    `  ${name}Repository:`,
    `    Type: AWS::ECR::Repository`,
    `    Properties:`,
    `      RepositoryName: shop/${name.toLowerCase()}`,
    `      ImageTagMutability: ${g.pick(['MUTABLE', 'IMMUTABLE'])}`,
    `      ImageScanningConfiguration:`,
    `        ScanOnPush: ${g.chance(0.5)}`,
  ].join('\n');
}

/** A CloudFormation YAML template (ECS resources and friends) of about `lines` lines. */
export function genCfn(seed: number, lines: number): string {
  const g = new Gen(seed);
  const parts = [`AWSTemplateFormatVersion: "2010-09-09"`, `Description: Generated benchmark template`, ``, `Parameters:`, `  ClusterName:`, `    Type: String`, `  Subnets:`, `    Type: List<AWS::EC2::Subnet::Id>`, ``, `Resources:`];
  let n = parts.length;
  let i = 0;
  while (n < lines) {
    const name = `${g.pick(['Api', 'Web', 'Worker', 'Cart', 'Billing', 'Search'])}${i++}`;
    const r = g.chance(0.45) ? cfnTaskDef(g, name) : cfnOther(g, name);
    parts.push(r, '');
    n += lineCount([r]) + 2;
  }
  return parts.join('\n') + '\n';
}

// ---------------------------------------------------------------- Dockerfile

function dockerStage(g: Gen, final: boolean, idx: number): string {
  const l: string[] = [];
  const base = g.pick(['node:20', 'node:latest', 'python:3.12-slim', 'ubuntu', `alpine:3.${g.int(15, 20)}`, `debian@sha256:${g.hex(64)}`, 'golang:1.22']);
  l.push(`# stage ${idx}`, `FROM ${base}${final ? '' : ` AS stage${idx}`}`);
  l.push(`WORKDIR /${g.word()}`);
  if (g.chance(0.4)) l.push(`ENV NODE_ENV=production`);
  if (g.chance(0.2)) l.push(`ENV ${g.pick(SECRET_NAMES)}=${secretValue(g, 'X')}`);
  if (g.chance(0.2)) l.push(`ARG ${g.pick(['NPM_TOKEN', 'VERSION', 'GIT_SHA'])}`);
  if (g.chance(0.5)) l.push(`RUN apt-get update && apt-get install -y ${g.pick(['curl', 'git', 'ca-certificates', 'build-essential'])} \\`, `    && rm -rf /var/lib/apt/lists/*`);
  if (g.chance(0.2)) l.push(`RUN curl -fsSL https://example.com/install.sh | sh`);
  if (g.chance(0.2)) l.push(`ADD https://example.com/tools/${g.word()}.tar.gz /opt/`);
  if (g.chance(0.3)) l.push(`ADD ./src /app/src`);
  l.push(`COPY package*.json ./`, `RUN ${g.pick(['npm ci', 'pip install -r requirements.txt', 'go build ./...', 'sudo make install'])}`);
  for (let i = g.int(0, 4); i > 0; i--) l.push(`RUN ${g.pick(['echo building', 'make', 'chmod +x /entry.sh', `mkdir -p /var/${g.word()}`])}`);
  l.push(`COPY . .`);
  if (final) {
    if (g.chance(0.6)) l.push(`USER ${g.pick(['node', '1000', 'app', 'root'])}`);
    l.push(`EXPOSE ${g.pick([80, 8080, 3000, 22])}`);
    if (g.chance(0.5)) l.push(`HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1`);
    l.push(`CMD ["node", "dist/server.js"]`);
  }
  return l.join('\n');
}

/** A multi-stage Dockerfile of about `lines` lines. */
export function genDockerfile(seed: number, lines: number): string {
  const g = new Gen(seed);
  const stages: string[] = [];
  let n = 0;
  let i = 0;
  while (n < lines - 12) {
    const s = dockerStage(g, false, i++);
    stages.push(s);
    n += lineCount([s]) + 2;
  }
  stages.push(dockerStage(g, true, i));
  return stages.join('\n\n') + '\n';
}

// ---------------------------------------------------------------- CDK TypeScript

function cdkBlock(g: Gen, i: number): string {
  const name = `${g.pick(['Api', 'Web', 'Worker', 'Cart', 'Billing', 'Search'])}${i}`;
  const roll = g.next();
  if (roll < 0.6) {
    const l: string[] = [];
    const fargate = g.chance(0.6);
    l.push(
      `    const task${i} = new ecs.${fargate ? 'FargateTaskDefinition' : 'Ec2TaskDefinition'}(this, '${name}Task', {`,
      ...(fargate ? [`      cpu: ${g.pick([256, 512, 1024])},`, `      memoryLimitMiB: ${g.pick([512, 1024, 2048])},`] : [`      networkMode: ecs.NetworkMode.${g.pick(['HOST', 'AWS_VPC', 'BRIDGE'])},`]),
      `    });`,
    );
    for (let c = g.int(1, 2); c > 0; c--) {
      l.push(`    task${i}.addContainer('${g.word()}${c}', {`);
      l.push(
        g.chance(0.5)
          ? `      image: ecs.ContainerImage.fromEcrRepository(repository, '${g.int(1, 9)}.${g.int(0, 9)}.${g.int(0, 9)}'),`
          : `      image: ecs.ContainerImage.fromRegistry('${g.pick(IMAGES)(g)}'),`,
      );
      l.push(`      memoryLimitMiB: ${g.pick([256, 512])},`);
      if (g.chance(0.2)) l.push(`      privileged: true,`);
      if (g.chance(0.5)) l.push(`      readonlyRootFilesystem: ${g.chance(0.7)},`);
      if (g.chance(0.3)) l.push(`      user: '${g.pick(['root', '1000', '0'])}',`);
      l.push(`      environment: {`);
      for (let j = g.int(1, 4); j > 0; j--) {
        if (g.chance(0.25)) {
          const n = g.pick(SECRET_NAMES);
          l.push(`        ${n}: '${secretValue(g, n)}',`);
        } else l.push(`        ${g.pick(PLAIN_NAMES)}: '${g.word()}',`);
      }
      l.push(`      },`);
      if (g.chance(0.4)) l.push(`      secrets: {`, `        DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret),`, `      },`);
      if (g.chance(0.5)) l.push(`      logging: ecs.LogDrivers.awsLogs({ streamPrefix: '${name.toLowerCase()}' }),`);
      l.push(`      portMappings: [{ containerPort: ${g.pick([80, 8080, 3000])} }],`, `    });`);
    }
    if (fargate)
      l.push(`    new ecs.FargateService(this, '${name}Service', {`, `      cluster,`, `      taskDefinition: task${i},`, `      assignPublicIp: ${g.chance(0.3)},`, `    });`);
    return l.join('\n');
  }
  if (roll < 0.75) return [`    const repo${i} = new ecr.Repository(this, '${name}Repo', {`, `      repositoryName: 'shop/${name.toLowerCase()}',`, `      imageScanOnPush: ${g.chance(0.5)},`, `    });`, `    repo${i}.grantPull(new iam.AccountRootPrincipal());`].join('\n');
  if (roll < 0.9) return [`    // queue for ${name}`, `    const q${i} = new sqs.Queue(this, '${name}Queue', {`, `      visibilityTimeout: cdk.Duration.seconds(${g.int(30, 300)}),`, `    });`, `    new cdk.CfnOutput(this, '${name}QueueUrl', { value: q${i}.queueUrl });`].join('\n');
  return [
    `    const role${i} = new iam.Role(this, '${name}Role', {`,
    `      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),`,
    `    });`,
    `    role${i}.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));`,
  ].join('\n');
}

/** A CDK stack (TypeScript) of about `lines` lines. */
export function genCdk(seed: number, lines: number): string {
  const g = new Gen(seed);
  const head = [
    `import * as cdk from 'aws-cdk-lib';`,
    `import { Construct } from 'constructs';`,
    `import * as ec2 from 'aws-cdk-lib/aws-ec2';`,
    `import * as ecr from 'aws-cdk-lib/aws-ecr';`,
    `import * as ecs from 'aws-cdk-lib/aws-ecs';`,
    `import * as iam from 'aws-cdk-lib/aws-iam';`,
    `import * as sqs from 'aws-cdk-lib/aws-sqs';`,
    `import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';`,
    ``,
    `export class BenchStack extends cdk.Stack {`,
    `  constructor(scope: Construct, id: string, props?: cdk.StackProps) {`,
    `    super(scope, id, props);`,
    ``,
    `    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });`,
    `    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });`,
    `    const repository = new ecr.Repository(this, 'Repository', { repositoryName: 'shop/app' });`,
    `    const dbSecret = new secretsmanager.Secret(this, 'DbSecret');`,
    ``,
  ];
  const body: string[] = [];
  let n = head.length + 3;
  let i = 0;
  while (n < lines) {
    const b = cdkBlock(g, i++);
    body.push(b, '');
    n += lineCount([b]) + 2;
  }
  return [...head, ...body, `  }`, `}`, ``].join('\n');
}

// ---------------------------------------------------------------- a mixed tree for the CLI

export interface TreeFile {
  rel: string;
  text: string;
}

/**
 * The files of a repository-like tree with `count` files: Kubernetes
 * manifests, ECS task definitions, CloudFormation templates, Dockerfiles, CDK
 * stacks, and some files Bulkhead skips (README, package.json, plain YAML).
 * File i is the same whatever `count` is, so the trees nest.
 */
export function* genTree(seed: number, count: number): Generator<TreeFile> {
  for (let i = 0; i < count; i++) {
    const g = new Gen(seed * 1000003 + i);
    const dir = `svc${Math.floor(i / 20)}/${g.pick(['deploy', 'infra', 'k8s', 'app'])}`;
    const roll = g.next();
    const lines = g.int(40, 160);
    const s = g.int(1, 1 << 30);
    if (roll < 0.4) yield { rel: `${dir}/${g.word()}-${i}.yaml`, text: genK8s(s, lines) };
    else if (roll < 0.52) yield { rel: `${dir}/taskdef-${i}.json`, text: genEcsJson(s, lines) };
    else if (roll < 0.62) yield { rel: `${dir}/template-${i}.yaml`, text: genCfn(s, lines) };
    else if (roll < 0.87) yield { rel: `${dir}/${i}.Dockerfile`, text: genDockerfile(s, Math.min(lines, 60)) };
    else if (roll < 0.9) yield { rel: `${dir}/stack-${i}.ts`, text: genCdk(s, lines) };
    else if (roll < 0.95) yield { rel: `${dir}/values-${i}.yaml`, text: `replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.27"\n` };
    else yield { rel: `${dir}/README-${i}.md`, text: `# service ${i}\n\nNothing to analyse here.\n` };
  }
}

/** A Terraform file of about `lines` lines: ECS task definitions (jsonencode containers) and ECR repositories, with a locals block. */
export function genTerraform(seed: number, lines: number): string {
  const g = new Gen(seed);
  const out: string[] = ['locals {', `  image_tag = "1.${g.int(0, 9)}.${g.int(0, 20)}"`, '  registry  = "123456789012.dkr.ecr.us-east-1.amazonaws.com"', '}', ''];
  let i = 0;
  while (out.length < lines) {
    const name = `${g.word()}_${i++}`.replace(/-/g, '_');
    if (g.chance(0.2)) {
      out.push(
        `resource "aws_ecr_repository" "${name}" {`,
        `  name                 = "${name.replace(/_/g, '-')}"`,
        `  image_tag_mutability = "${g.pick(['MUTABLE', 'IMMUTABLE'])}"`,
        '  image_scanning_configuration {',
        `    scan_on_push = ${g.chance(0.5)}`,
        '  }',
        '}',
        '',
      );
      continue;
    }
    out.push(
      `resource "aws_ecs_task_definition" "${name}" {`,
      `  family                   = "${name.replace(/_/g, '-')}"`,
      '  requires_compatibilities = ["FARGATE"]',
      '  network_mode             = "awsvpc"',
      '  cpu                      = 512',
      '  memory                   = 1024',
      g.chance(0.7) ? '  task_role_arn            = aws_iam_role.task.arn' : '  # no task role',
      '  execution_role_arn       = aws_iam_role.execution.arn',
      '  container_definitions = jsonencode([',
    );
    const n = g.int(1, 3);
    for (let c = 0; c < n; c++) {
      out.push(
        '    {',
        `      name                   = "${g.word()}"`,
        `      image                  = "\${local.registry}/${name.replace(/_/g, '-')}:\${local.image_tag}"`,
        `      essential              = ${c === 0}`,
        `      privileged             = ${g.chance(0.1)}`,
        `      readonlyRootFilesystem = ${g.chance(0.6)}`,
        `      user                   = "${g.pick(['1000', '0', 'app'])}"`,
        `      portMappings           = [{ containerPort = ${g.pick([80, 8080, 22, 443])} }]`,
        '      environment = [',
        `        { name = "PORT", value = "8080" },`,
        `        { name = "${g.pick(['DB_PASSWORD', 'LOG_LEVEL', 'API_TOKEN'])}", value = "${g.hex(16)}" },`,
        '      ]',
        '      logConfiguration = {',
        '        logDriver = "awslogs"',
        `        options   = { "awslogs-group" = "/ecs/${name}", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = "app" }`,
        '      }',
        c === n - 1 ? '    }' : '    },',
      );
    }
    out.push('  ])', '}', '');
  }
  return out.join('\n') + '\n';
}
