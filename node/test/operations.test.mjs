// Every operation against the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, Client, FederationFailedError, NotFoundError } from 'ucs-sdk';
import { attached, rule, useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options()));

test('every cluster operation', async () => {
  const { clusters } = ctx.client;
  assert.ok((await clusters.supportedVersions()).versions.length > 0);
  const { uid } = await clusters.register(attached('alpha'));
  const got = await clusters.get(uid);
  assert.equal(got.metadata.name, 'alpha');
  assert.equal(got.spec.manageType, 'discrete');
  await clusters.update(uid, { spec: { country: 'CN', city: '120000' } });
  assert.equal((await clusters.get(uid)).spec.city, '120000');
  const first = await clusters.accessInfo(uid);
  assert.ok(first.length > 0 && typeof first[0] === 'string');
  assert.notDeepEqual(await clusters.accessInfo(uid, {}), first, 'access info answers once');
  assert.equal(await clusters.activate(uid), null);
  const ruleId = (await ctx.client.rules.create(rule('ops'))).uid;
  await clusters.associateRules(uid, { ruleIDNamespaces: [{ ruleIDs: [ruleId], namespaces: ['default'] }] });
  const page = await clusters.list({ managetype: 'discrete' });
  assert.equal(page.total, 1);
  assert.deepEqual(page.items.map((c) => c.metadata.uid), [uid]);
  const managed = await clusters.listManaged({ unregister: true });
  assert.ok(managed.every((c) => c.spec.category === 'self'));
  const fleet = (await ctx.client.fleets.register({ metadata: { name: 'f' } })).uid;
  await clusters.joinFleet(uid, { clusterGroupID: fleet });
  assert.equal((await clusters.get(uid)).spec.clusterGroupID, fleet);
  await clusters.leaveFleet(uid);
  await clusters.delete(uid);
  const gone = await assert.rejects(clusters.get(uid), NotFoundError);
  assert.equal(gone, undefined);
  await clusters.get(uid).catch((e) => {
    assert.equal(e.errorCode, 'UCS.01030001');
    assert.equal(e.statusCode, 404);
    assert.ok(e.requestId);
  });
});

test('every fleet operation, with federation progress', async () => {
  const { clusters, fleets } = ctx.client;
  const a = (await clusters.register(attached('a'))).uid;
  const b = (await clusters.register(attached('b'))).uid;
  const fleet = (await fleets.register({ metadata: { name: 'fleet1' }, spec: { clusterIds: [a], description: 'first' } })).uid;
  await clusters.joinFleet(b, { clusterGroupID: fleet });
  await fleets.addClusters(fleet, { clusterIds: [a, b] });
  await fleets.updateDescription(fleet, { description: 'second' });
  assert.equal((await fleets.get(fleet)).spec.description, 'second');
  await fleets.associateRules(fleet, { ruleIDNamespaces: [] });
  assert.equal((await fleets.list()).total, 1);
  await assert.rejects(fleets.federationProgress(fleet), (e) => e instanceof ApiError && e.errorCode === 'UCS.01080006');
  await fleets.enableFederation(fleet);
  await assert.rejects(fleets.enableFederation(fleet, { retryjoinall: false }), (e) => e.errorCode === 'UCS.01080002');

  const events = [];
  const job = await fleets.waitFederation(fleet, { timeoutMs: 60_000, onProgress: (e) => events.push(e) });
  assert.equal(job.status.phase, 'Success');
  for (const sub of ['CreateNode', 'CreateCert', 'InstallFederationChart', 'CreateNetworkResource']) {
    assert.ok(events.some((e) => e.is_sub_job && e.job === sub && e.phase === 'Success'), `no Success for ${sub}`);
  }
  assert.ok((await fleets.federationProgress(fleet)).spec.subJobs.length > 0);
  await fleets.updateZones(fleet, { dnsSuffix: ['example.com'] });
  const network = { projectID: ctx.emu.credentials.project_id, vpcID: 'vpc-1', subnetID: 'subnet-1' };
  assert.ok((await fleets.createFederationConnection(fleet, network)).id);
  const cert = await fleets.createFederationKubeconfig(fleet, { ...network, duration: 30 });
  assert.ok(cert.clusters.length > 0 && cert['current-context']);
  assert.ok((await fleets.downloadFederationKubeconfig(fleet, { duration: 1 }))['current-context']);
  await assert.rejects(fleets.delete(fleet), (e) => e.statusCode === 400);
  await fleets.disableFederation(fleet);
  await clusters.leaveFleet(a);
  await clusters.leaveFleet(b);
  await fleets.delete(fleet);
  await assert.rejects(fleets.get(fleet), (e) => e instanceof NotFoundError && e.errorCode === 'UCS.01100005');
});

test('a failed federation names its sub-job', async () => {
  const fleet = (await ctx.client.fleets.register({ metadata: { name: 'doomed' } })).uid;
  await ctx.emu.control('PUT', 'faults', { federation_failure: 'CreateCert' });
  await ctx.client.fleets.enableFederation(fleet);
  await assert.rejects(ctx.client.fleets.waitFederation(fleet), (e) => e instanceof FederationFailedError && e.subJob === 'CreateCert');
});

test('waitFederation stops on abort', async () => {
  const fleet = (await ctx.client.fleets.register({ metadata: { name: 'slow' } })).uid;
  await ctx.client.fleets.enableFederation(fleet);
  // Hold every progress answer so the wait cannot finish on its own.
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000, path_prefix: `/v1/clustergroups/${fleet}/federations/progress`, times: 100 }]);
  const controller = new AbortController();
  const waiting = ctx.client.fleets.waitFederation(fleet, { signal: controller.signal });
  controller.abort();
  await assert.rejects(waiting, (e) => e.name === 'AbortError');
});

test('rules, HSS and IAM', async () => {
  const { rules } = ctx.client;
  const { uid } = await rules.create(rule('ops', 'admin'));
  assert.equal((await rules.list()).total, 1);
  await rules.update(uid, { spec: { type: 'custom', description: 'updated', contents: [{ verbs: ['get'], resources: ['pods'] }] } });
  assert.equal((await rules.list()).items[0].spec.description, 'updated');
  await rules.delete(uid);
  assert.equal((await rules.list()).total, 0);

  const made = await ctx.client.hss.createMulticloudCluster({ name: 'mc', provider: 'tencent', image_repo_password: 'p', kube_config: 'apiVersion: v1\nkind: Config\n' });
  assert.ok(made.cluster_id);
  const c = ctx.emu.credentials;
  const byPassword = new Client({ endpoint: ctx.emu.baseUrl, iamEndpoint: ctx.emu.baseUrl, region: 'cn-north-4', user: c.user, password: c.password, domainName: c.domain_name });
  assert.ok((await byPassword.clusters.supportedVersions()).versions.length > 0);
  assert.equal(typeof (await byPassword.iam.token()), 'string');
  assert.equal(await byPassword.iam.domainId(), c.domain_id);
  assert.equal(await byPassword.iam.projectId(), c.project_id);
});

test('fromEnv reads the official variables', async () => {
  const saved = { ...process.env };
  try {
    Object.assign(process.env, {
      HUAWEICLOUD_SDK_AK: ctx.emu.credentials.ak,
      HUAWEICLOUD_SDK_SK: ctx.emu.credentials.sk,
      HUAWEICLOUD_SDK_DOMAIN_ID: ctx.emu.credentials.domain_id,
      UCS_ENDPOINT: ctx.emu.baseUrl,
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    assert.equal((await Client.fromEnv().rules.list()).total, 0);
  } finally {
    process.env = saved;
  }
});
