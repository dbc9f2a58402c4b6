/**
 * ECR view benchmark, through the vscode-free tree model the view uses, the
 * real SDK client, and the local stand-in over HTTP:
 *   ecr_first_repos_1000_ms   registry → first page of repository nodes (1,000 repositories)
 *   ecr_all_repos_1000_ms     … and every "Load more" until all 1,000 are nodes
 *   ecr_findings_2000_load_ms an image with 2,000 enhanced findings: every page (100 each) fetched
 *   ecr_findings_2000_render_ms  those 2,000 findings as nodes + their tree-item views
 *
 *   node out/test/ecr-server/bench.js   → one JSON object on stdout
 */
import { EcrService } from '../../src/ecr';
import { EcrNode, EcrTreeModel } from '../../src/vscode/ecr/model';
import { generatedRepositories, sampleRepositories } from './data';
import { EcrStandIn } from './server';

export interface EcrBenchResult {
  ecr_first_repos_1000_ms: number;
  ecr_all_repos_1000_ms: number;
  ecr_findings_2000_load_ms: number;
  ecr_findings_2000_render_ms: number;
  ecr_findings_2000_nodes: number;
  ecr_repos_nodes: number;
}

const ms = (t: bigint) => Math.round(Number(process.hrtime.bigint() - t) / 1e4) / 100;

export async function runEcrBench(): Promise<EcrBenchResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const server = new EcrStandIn({ scanType: 'ENHANCED', repositories: [...sampleRepositories(), ...generatedRepositories(1000)] });
  const url = await server.start();
  const creds = { accessKeyId: 'AKIAEXAMPLEBENCH0001', secretAccessKey: 'bench' };
  try {
    // warm the SDK load so the repository timing measures the view, not require()
    const warm = new EcrService({ endpoint: url, region: server.region, credentials: creds });
    await warm.getRegistry();
    warm.dispose();

    const svc = new EcrService({ endpoint: url, region: server.region, credentials: creds });
    const model = new EcrTreeModel(svc);
    let t = process.hrtime.bigint();
    const [registry] = await model.children();
    let repos = await model.children(registry);
    for (const r of repos) model.view(r);
    const first = ms(t);
    let more = repos.find((n) => n.kind === 'more');
    while (more) {
      await model.loadMore(more.target!);
      repos = await model.children(registry);
      more = repos.find((n) => n.kind === 'more');
    }
    for (const r of repos) model.view(r);
    const all = ms(t);
    const repoCount = repos.filter((n) => n.kind === 'repository').length;

    const api = repos.find((n) => n.repo?.name === 'bulkhead/api')!;
    const images = await model.children(api);
    const big = images.find((n) => n.image?.tags.includes('2.0.0'))!;
    t = process.hrtime.bigint();
    let kids = await model.children(big);
    while (kids.some((n) => n.kind === 'more')) {
      await model.loadMore(big);
      kids = await model.children(big);
    }
    const load = ms(t);
    t = process.hrtime.bigint();
    let nodes = 0;
    const groups = await model.children(big);
    for (const g of groups) {
      model.view(g);
      const fs: EcrNode[] = await model.children(g);
      for (const f of fs) {
        model.view(f);
        nodes++;
      }
    }
    const render = ms(t);
    svc.dispose();
    return {
      ecr_first_repos_1000_ms: first,
      ecr_all_repos_1000_ms: all,
      ecr_findings_2000_load_ms: load,
      ecr_findings_2000_render_ms: render,
      ecr_findings_2000_nodes: nodes,
      ecr_repos_nodes: repoCount,
    };
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  runEcrBench().then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`ecr bench failed: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
