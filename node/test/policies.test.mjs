// The policy job waiter (policies.waitJob); the policy operations themselves are shared cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, JobFailedError, NotFoundError } from 'ucs-sdk';
import { attached, useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options()));
const TASKS = ['CheckCluster', 'InstallGatekeeper', 'SyncPolicyDefinitions'];

test('waitJob reports every task and answers the final job', async () => {
  const { clusters, policies } = ctx.client;
  const { uid } = await clusters.register(attached('guarded'));
  const { jobID } = await policies.enableCluster(uid);
  const events = [];
  const job = await policies.waitJob(jobID, { timeoutMs: 60_000, onProgress: (e) => events.push(e) });
  assert.equal(job.metadata.uid, jobID);
  assert.equal(job.status.status, 'Succeeded');
  for (const task of TASKS) {
    assert.ok(events.some((e) => e.is_sub_job && e.job === task && e.phase === 'Succeeded'), `no Succeeded for ${task}`);
  }
  assert.equal(events.at(-1).job, 'EnablePolicy');
});

test('a failed policy job names its task', async () => {
  const { uid } = await ctx.client.clusters.register(attached('doomed'));
  await ctx.emu.control('PUT', 'faults', { policy_failure: 'InstallGatekeeper' });
  const { jobID } = await ctx.client.policies.enableCluster(uid);
  await assert.rejects(ctx.client.policies.waitJob(jobID), (e) => e instanceof JobFailedError && e.subJob === 'InstallGatekeeper');
});

test('waitJob refuses a bad id before sending and reports an unknown job', async () => {
  await assert.rejects(ctx.client.policies.waitJob(''), (e) => e.name === 'InvalidArgumentError' && e.field === 'jobId');
  await assert.rejects(ctx.client.policies.waitJob('no-such-job'), (e) => e instanceof NotFoundError);
});

test('waitJob stops on abort', async () => {
  const { uid } = await ctx.client.clusters.register(attached('slow'));
  const { jobID } = await ctx.client.policies.enableCluster(uid);
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000, path_prefix: `/v1/policy/jobs/${jobID}`, times: 100 }]);
  const controller = new AbortController();
  const waiting = ctx.client.policies.waitJob(jobID, { signal: controller.signal });
  controller.abort();
  await assert.rejects(waiting, (e) => e.name === 'AbortError');
});
