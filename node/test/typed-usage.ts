// Compiled by `tsc --noEmit` in the tests: typical use must type-check without casts.
import {
  Client,
  NotFoundError,
  type Cluster,
  type ClusterList,
  type Job,
  type ProgressEvent,
  type RegisterCluster,
  writeKubeconfig,
  type Karmada,
  type KubeObject,
} from 'ucs-sdk';

export async function demo(): Promise<string[]> {
  const client = new Client({ endpoint: 'http://127.0.0.1:8080', ak: 'AK', sk: 'SK', domainId: 'D', timeoutMs: 5000 });
  const body: RegisterCluster = {
    metadata: { name: 'alpha' },
    spec: { category: 'attachedcluster', type: 'privatek8s', provider: 'privatek8s', country: 'CN', manageType: 'discrete' },
  };
  const { uid } = await client.clusters.register(body);
  const one: Cluster = await client.clusters.get(uid);
  const page: ClusterList = await client.clusters.list({ limit: 10, managetype: 'discrete' });
  const fleet = await client.fleets.register({ metadata: { name: 'f' } });
  await client.fleets.enableFederation(fleet.uid);
  const controller = new AbortController();
  const job: Job = await client.fleets.waitFederation(fleet.uid, {
    timeoutMs: 60_000,
    signal: controller.signal,
    onProgress: (e: ProgressEvent) => console.log(e.job, e.phase),
  });
  const names: string[] = [];
  for await (const c of client.clusters.iter({ limit: 20 })) names.push(c.metadata?.name ?? '');
  try {
    await client.rules.delete('missing');
  } catch (e) {
    if (e instanceof NotFoundError) names.push(e.errorCode ?? '', e.requestId ?? '');
  }
  names.push(String(one.metadata?.uid), String(page.total), String(job.status?.phase));
  return names;
}

// The Karmada gateway: typed helpers, list selectors, writeKubeconfig.
export async function karmadaDemo(client: Client, fleetId: string): Promise<number> {
  const kubeconfig = await client.fleets.downloadFederationKubeconfig(fleetId, { duration: 1 });
  writeKubeconfig(kubeconfig, '/tmp/kubeconfig');
  const k: Karmada = client.karmada('fleet1', { kubeconfig });
  const deployments = k.deployments('default');
  await deployments.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } });
  const list: KubeObject = await deployments.list({ labelSelector: 'app=web', limit: 10 });
  await k.propagationPolicies().delete('web-pp');
  await k.request('PATCH', 'apis/apps/v1/namespaces/default/deployments/web', { spec: { replicas: 3 } });
  client.karmada('fleet1', { token: 'T' });
  return (list.items as unknown[]).length;
}

// ucs-sdk/testing: the emulator helper, with node:test's hooks.
import { after, before, beforeEach } from 'node:test';
import { startEmulator, useEmulator, type Emulator } from 'ucs-sdk/testing';

export const sharedEmulator: Emulator = useEmulator({ before, after, beforeEach });

export async function testingDemo(): Promise<string> {
  const emu = await startEmulator({ args: ['--quota', '5'] });
  try {
    const { uid } = await emu.client.fleets.register({ metadata: { name: 'f' } });
    await emu.createClient({ timeoutMs: 1000 }).fleets.get(uid);
    return emu.endpoint;
  } finally {
    await emu.stop();
  }
}
