/**
 * `npm run sample-registry`: start the local ECR stand-in with its sample data.
 *
 *   node out/test/ecr-server/main.js [--port N] [--scan-type basic|enhanced] [--repos N]
 *
 * Env: PORT (default: a free port), ECR_SCAN_TYPE, ECR_EXTRA_REPOS.
 */
import { generatedRepositories, sampleRepositories } from './data';
import { EcrStandIn } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.PORT ?? 0);
  const scanType = (arg('scan-type') ?? process.env.ECR_SCAN_TYPE ?? 'enhanced').toUpperCase() === 'BASIC' ? 'BASIC' : 'ENHANCED';
  const extra = Number(arg('repos') ?? process.env.ECR_EXTRA_REPOS ?? 0);
  const server = new EcrStandIn({
    scanType,
    repositories: [...sampleRepositories(), ...(extra > 0 ? generatedRepositories(extra) : [])],
    scanDelayMs: 3000,
  });
  const url = await server.start(Number.isFinite(port) ? port : 0);
  process.stdout.write(`ECR stand-in listening on ${url}\n`);
  process.stdout.write(
    [
      'NOTE: this is a LOCAL STAND-IN for Amazon ECR with invented sample data, not AWS.',
      `  registry ${server.registryId}, region ${server.region}, scan type ${server.scanType}, ${server.repositories.length} repositories`,
      '  any credentials are accepted (requests must be SigV4-signed). Try:',
      `  bulkhead ecr findings ${server.registryId}.dkr.ecr.${server.region}.amazonaws.com/bulkhead/web:1.4.2 --endpoint ${url}`,
      `  VS Code settings: "bulkhead.ecr.endpoint": "${url}", "bulkhead.ecr.region": "${server.region}"`,
      '  (with dummy credentials, e.g. AWS_ACCESS_KEY_ID=stand-in AWS_SECRET_ACCESS_KEY=stand-in)',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  process.stderr.write(`ECR stand-in failed to start: ${(e as Error).message}\n`);
  process.exit(2);
});
