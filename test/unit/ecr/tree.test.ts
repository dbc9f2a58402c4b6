import * as assert from 'assert';
import { EcrNode, EcrTreeModel } from '../../../src/vscode/ecr/model';
import { generatedRepositories, sampleRepositories } from '../../ecr-server/data';
import { rig, Rig } from './helpers';

describe('ecr: tree model (vscode-free) against the stand-in', function () {
  this.timeout(20_000);
  let r: Rig;
  afterEach(async () => r && (await r.close()));

  async function open(model: EcrTreeModel, ...path: ((n: EcrNode) => boolean)[]): Promise<EcrNode> {
    let node: EcrNode | undefined;
    for (const p of path) {
      const kids = await model.children(node);
      node = kids.find(p);
      assert.ok(node, `no child matching ${p} among ${kids.map((k) => k.id).join(', ')}`);
    }
    return node!;
  }

  it('registry → repositories → images → severity groups → findings, every node kind has a view', async () => {
    r = await rig({ scanType: 'ENHANCED' });
    const changes: (EcrNode | undefined)[] = [];
    const model = new EcrTreeModel(r.ecr, { onChange: (n) => changes.push(n) });
    const [reg] = await model.children();
    const rv = model.view(reg);
    assert.strictEqual(rv.label, '123456789012 · us-east-1');
    assert.strictEqual(rv.description, 'ENHANCED scanning');
    const repos = await model.children(reg);
    assert.deepStrictEqual(repos.map((x) => x.repo?.name), ['bulkhead/web', 'bulkhead/api', 'bulkhead/worker']);
    const api = model.view(repos[1]);
    assert.strictEqual(api.icon, 'warning');
    assert.strictEqual(api.contextValue, 'ecr.repository.warning');
    assert.ok(api.description!.includes('no scan on push') && api.description!.includes('AES256'));
    assert.strictEqual(model.view(repos[0]).icon, 'repo');
    const images = await model.children(repos[0]);
    const iv = model.view(images[0]);
    assert.strictEqual(iv.label, '1.4.2, latest');
    assert.ok(iv.description!.startsWith('2 CRITICAL · 5 HIGH'), iv.description);
    assert.ok(iv.tooltip!.includes('sha256:'));
    const groups = await model.children(images[0]);
    assert.strictEqual(groups[0].severity, 'CRITICAL');
    assert.strictEqual(model.view(groups[0]).collapsible, 'expanded');
    const findings = await model.children(groups[0]);
    assert.strictEqual(findings.length, 2);
    const fv = model.view(findings[0]);
    assert.ok(fv.label.startsWith('CVE-'));
    assert.ok(fv.description!.includes('@') && fv.description!.includes('CVSS'));
    assert.ok(fv.tooltip!.includes('[Advisory](https://nvd.nist.gov/'));
    assert.strictEqual(fv.contextValue, 'ecr.finding.url');
    const expired = images.find((i) => i.image?.scan.status === 'SCAN_ELIGIBILITY_EXPIRED')!;
    const info = await model.children(expired);
    assert.strictEqual(info[0].kind, 'info');
    assert.ok(model.view(info[0]).label.includes('re-scan duration'));
  });

  it('filters by minimum severity', async () => {
    r = await rig();
    const model = new EcrTreeModel(r.ecr, { minSeverity: 'HIGH' });
    const img = await open(model, () => true, (n) => n.repo?.name === 'bulkhead/web', (n) => !!n.image?.tags.includes('1.4.2'));
    const groups = await model.children(img);
    assert.deepStrictEqual(groups.map((g) => g.severity), ['CRITICAL', 'HIGH']);
    assert.strictEqual(model.view(img).description?.split(' · ').slice(0, 2).join(' · '), '2 CRITICAL · 5 HIGH');
  });

  it('"Load more" nodes page repositories, images and findings', async () => {
    r = await rig({ scanType: 'ENHANCED', repositories: [...sampleRepositories(), ...generatedRepositories(250)] });
    const model = new EcrTreeModel(r.ecr, { repoPageSize: 100, imagePageSize: 2 });
    const [reg] = await model.children();
    let repos = await model.children(reg);
    assert.strictEqual(repos.length, 101);
    const more = repos[100];
    assert.strictEqual(more.kind, 'more');
    assert.strictEqual(model.view(more).command?.command, 'bulkhead.ecr.loadMore');
    await model.loadMore(more.target!);
    repos = await model.children(reg);
    assert.strictEqual(repos.length, 201);
    const web = repos.find((x) => x.repo?.name === 'bulkhead/web')!;
    let imgs = await model.children(web);
    assert.strictEqual(imgs.length, 3);
    await model.loadMore(web);
    imgs = await model.children(web);
    assert.strictEqual(imgs.length, 4);
    assert.strictEqual(imgs[3].kind, 'image');
    const api = repos.find((x) => x.repo?.name === 'bulkhead/api')!;
    const big = (await model.children(api)).find((n) => n.image?.tags.includes('2.0.0'))!;
    let kids = await model.children(big);
    assert.strictEqual(kids[kids.length - 1].kind, 'more');
    let rounds = 0;
    while (kids.some((k) => k.kind === 'more')) {
      await model.loadMore(big);
      kids = await model.children(big);
      rounds++;
    }
    assert.strictEqual(rounds, 19, 'enhanced findings come 100 a page');
    let total = 0;
    for (const g of kids) total += (await model.children(g)).length;
    assert.strictEqual(total, 2000);
  });

  it('error nodes carry the specific message and retry', async () => {
    r = await rig();
    r.server.injectFault({ kind: 'access-denied', operation: 'DescribeImages', times: 1 });
    const model = new EcrTreeModel(r.ecr);
    const [reg] = await model.children();
    const [web] = await model.children(reg);
    const kids = await model.children(web);
    assert.strictEqual(kids.length, 1);
    const v = model.view(kids[0]);
    assert.strictEqual(kids[0].kind, 'error');
    assert.ok(v.label.includes('ecr:DescribeImages'));
    assert.strictEqual(v.command?.command, 'bulkhead.ecr.retry');
    model.retry(kids[0]);
    assert.ok((await model.children(web)).every((n) => n.kind === 'image'));
  });

  it('root errors (credentials, network) become one error node; registry config denied still shows repositories', async () => {
    r = await rig();
    r.server.injectFault({ kind: 'expired-token' });
    const model = new EcrTreeModel(r.ecr);
    const roots = await model.children();
    assert.strictEqual(roots[0].kind, 'error');
    assert.strictEqual(model.view(roots[0]).contextValue, 'ecr.error.credentials');
    r.server.clearFaults();
    model.retry(roots[0]);
    r.server.injectFault({ kind: 'access-denied', operation: 'GetRegistryScanningConfiguration' });
    const [reg] = await model.children();
    assert.strictEqual(reg.kind, 'registry');
    assert.strictEqual(model.view(reg).description, 'unknown scanning');
    assert.strictEqual((await model.children(reg)).length, 3);
  });

  it('a scan in progress shows and is polled to completion; unknown statuses show as themselves', async () => {
    r = await rig({ scanReads: 2 });
    const model = new EcrTreeModel(r.ecr);
    const worker = await open(model, () => true, (n) => n.repo?.name === 'bulkhead/worker');
    const nightly = (await model.children(worker)).find((n) => n.image?.tags.includes('nightly'))!;
    assert.strictEqual(model.view(nightly).contextValue, 'ecr.image.scannable');
    const st = await r.ecr.startScan('bulkhead/worker', { imageDigest: nightly.image!.digest });
    model.markScanning(nightly, st);
    assert.strictEqual(model.view(nightly).icon, 'sync~spin');
    assert.strictEqual(model.view(nightly).contextValue, 'ecr.image');
    let rounds = 0;
    while (model.pending.size && rounds < 10) {
      await model.pollPending();
      rounds++;
    }
    assert.strictEqual(nightly.image!.scan.status, 'COMPLETE');
    assert.ok((await model.children(nightly)).some((n) => n.kind === 'severity'));
    r.server.repo('bulkhead/web')!.images[0].scanStatus = 'QUANTUM_FLUX';
    model.reset();
    const web = await open(model, () => true, (n) => n.repo?.name === 'bulkhead/web');
    const odd = (await model.children(web)).find((n) => n.image?.scan.status === 'QUANTUM_FLUX')!;
    assert.ok(model.view(odd).description!.startsWith('QUANTUM_FLUX'));
    assert.strictEqual(model.view((await model.children(odd))[0]).label, 'Scan status QUANTUM_FLUX');
  });

  it('reveal: finds or pins the node of an image by reference, parents included', async () => {
    r = await rig({ repositories: [...generatedRepositories(150), ...sampleRepositories()] });
    const model = new EcrTreeModel(r.ecr);
    const node = await model.nodeForImage('bulkhead/web', { imageTag: '1.4.1' });
    assert.strictEqual(node.kind, 'image');
    assert.strictEqual(node.parent?.repo?.name, 'bulkhead/web');
    assert.strictEqual(node.parent?.parent?.kind, 'registry');
    const kids = await model.children(node.parent);
    assert.ok(kids.some((k) => k === node || k.image?.digest === node.image?.digest));
    const rootRepos = await model.children(node.parent!.parent);
    assert.ok(rootRepos.includes(node.parent!), 'the pinned repository is a child of the registry');
  });
});
