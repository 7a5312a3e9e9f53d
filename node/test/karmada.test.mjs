// The Karmada gateway against the emulator: a fleet federated and its kubeconfig downloaded,
// then Deployments and PropagationPolicies created, listed by label, merge-patched, applied,
// deleted; Kubernetes Status errors as the error classes; writeKubeconfig.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthError, Client, ConflictError, InvalidArgumentError, NotFoundError, writeKubeconfig } from 'ucs-sdk';
import { attached, useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options({ karmadaEndpoint: `${emu.baseUrl}/karmada/{fleet}` })));

const deployment = (name, app) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
  },
});

const POLICY = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'web-pp', labels: { app: 'web' } },
  spec: {
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
    placement: { clusterAffinity: { clusterNames: ['a'] } },
  },
};

const names = (list) => list.items.map((o) => o.metadata.name).sort();

async function federate(client) {
  const a = (await client.clusters.register(attached('a'))).uid;
  const fleet = (await client.fleets.register({ metadata: { name: 'fleet1' }, spec: { clusterIds: [a] } })).uid;
  await client.fleets.enableFederation(fleet);
  await client.fleets.waitFederation(fleet, { timeoutMs: 60_000 });
  // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
  await client.fleets.createFederationConnection(fleet, { projectID: 'p', vpcID: 'vpc-1', subnetID: 'subnet-1' });
  return client.fleets.downloadFederationKubeconfig(fleet, { duration: 1 });
}

test('the kubeconfig opens the TLS gateway for deployments and policies', async () => {
  const kubeconfig = await federate(ctx.client);
  const k = ctx.client.karmada('fleet1', { kubeconfig });
  assert.match(k.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/karmada\/fleet1$/);
  assert.ok(!JSON.stringify(k).includes(kubeconfig.users[0].user.token));

  const deployments = k.deployments();
  assert.equal((await deployments.create(deployment('web', 'web'))).metadata.namespace, 'default');
  await deployments.create(deployment('api', 'api'));
  assert.deepEqual(names(await deployments.list({ labelSelector: 'app in (web)' })), ['web']);
  assert.deepEqual(names(await deployments.list({ fieldSelector: 'metadata.name=api' })), ['api']);
  assert.deepEqual(names(await k.list('apis/apps/v1/namespaces/default/deployments', { labelSelector: 'app=api' })), ['api']);

  const patched = await deployments.patch('web', { spec: { replicas: 5 } });
  assert.equal(patched.spec.replicas, 5);
  assert.equal(patched.spec.template.spec.containers[0].image, 'nginx:1.25');

  const policies = k.propagationPolicies('default');
  assert.equal((await policies.apply(POLICY)).metadata.generation, 1);
  const again = await policies.apply({ ...POLICY, spec: { ...POLICY.spec, placement: {} } });
  assert.equal(again.metadata.generation, 2);
  assert.deepEqual(again.spec.placement, {});
  assert.deepEqual(names(await policies.list({ labelSelector: 'app=web' })), ['web-pp']);

  await assert.rejects(deployments.create(deployment('web', 'web')), (e) => {
    assert.ok(e instanceof ConflictError, String(e));
    assert.equal(e.statusCode, 409);
    assert.equal(e.errorCode, 'AlreadyExists');
    return true;
  });

  assert.equal((await deployments.delete('web')).status, 'Success');
  await policies.delete('web-pp');
  await assert.rejects(deployments.get('web'), (e) => {
    assert.ok(e instanceof NotFoundError, String(e));
    assert.equal(e.statusCode, 404);
    assert.equal(e.errorCode, 'NotFound');
    assert.equal(e.errorMessage, 'deployments.apps "web" not found');
    return true;
  });
  await assert.rejects(k.request('DELETE', 'apis/apps/v1/namespaces/default/deployments/web'), NotFoundError);
});

test('a token or the IAM token opens the gateway; bad arguments are refused', async () => {
  const kubeconfig = await federate(ctx.client);
  const token = kubeconfig.users[0].user.token;
  const k = ctx.client.karmada('fleet1', { token });
  assert.equal(k.baseUrl, `${ctx.emu.baseUrl}/karmada/fleet1`);
  await k.create('apis/apps/v1/namespaces/default/deployments', deployment('web', 'web'));
  await assert.rejects(ctx.client.karmada('fleet1', { token: 'not-a-token' }).get('apis/apps/v1/namespaces/default/deployments'),
    (e) => e instanceof AuthError && e.statusCode === 401);
  assert.throws(() => ctx.client.karmada('fleet1', { token, kubeconfig }), (e) => e instanceof InvalidArgumentError && e.field === 'token');
  assert.throws(() => ctx.client.karmada('fleet1', { tokn: token }), (e) => e instanceof InvalidArgumentError && e.field === 'tokn');
  await assert.rejects(k.deployments().get('a/b'), (e) => e instanceof InvalidArgumentError && e.field === 'name');

  const { user, password, domain_name: domainName } = ctx.emu.credentials;
  const iam = new Client(ctx.emu.options({ ak: undefined, sk: undefined, user, password, domainName, karmadaEndpoint: `${ctx.emu.baseUrl}/karmada/{fleet}` }));
  assert.equal((await iam.karmada('fleet1').deployments().get('web')).metadata.name, 'web');
});

test('an aborted gateway call rejects with the signal reason', async () => {
  const kubeconfig = await federate(ctx.client);
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(ctx.client.karmada(undefined, { kubeconfig }).deployments().list({ signal: controller.signal }), /stop/);
});

test('writeKubeconfig saves a private YAML file', async () => {
  const kubeconfig = await federate(ctx.client);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ucs-kube-')), 'config');
  writeKubeconfig(kubeconfig, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes('current-context: fleet1') && text.includes('certificate-authority-data'), text.slice(0, 80));
  assert.ok(!text.trimStart().startsWith('{'));
  assert.throws(() => writeKubeconfig(42, file), InvalidArgumentError);
});
