// ESM and CommonJS entry points export the same classes; importing does nothing but load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'ucs-sdk';

const require = createRequire(import.meta.url);

test('require and import give the same module', () => {
  const cjs = require('ucs-sdk');
  assert.equal(cjs.Client, esm.Client);
  assert.equal(cjs.NotFoundError, esm.NotFoundError);
  assert.equal(typeof esm.version, 'string');
  for (const name of ['UcsError', 'ApiError', 'NotFoundError', 'ThrottledError', 'ConflictError', 'AuthError',
    'TimeoutError', 'ConnectionError', 'DecodeError', 'InvalidArgumentError', 'ConfigError', 'FederationFailedError', 'InternalError']) {
    assert.equal(typeof esm[name], 'function', name);
  }
});

test('every operation of the catalogue is a method', () => {
  const c = new esm.Client({ endpoint: 'http://127.0.0.1:9', ak: 'a', sk: 'b', domainId: 'd' });
  const expected = {
    clusters: ['list', 'iter', 'get', 'register', 'update', 'delete', 'accessInfo', 'activate', 'associateRules', 'listManaged', 'supportedVersions', 'joinFleet', 'leaveFleet', 'createKubeconfig', 'createConf'],
    fleets: ['list', 'iter', 'register', 'get', 'delete', 'addClusters', 'updateDescription', 'associateRules', 'updateZones', 'enableFederation', 'disableFederation', 'federationProgress', 'createFederationKubeconfig', 'createFederationConnection', 'downloadFederationKubeconfig', 'waitFederation',
      'getUnitedWorkload', 'createUnitedWorkload', 'updateUnitedWorkload', 'deleteUnitedWorkload', 'upgradeFederation'],
    rules: ['create', 'list', 'iter', 'update', 'delete'],
    addons: ['list', 'create', 'get', 'update', 'delete', 'listTemplates'],
    policies: ['enableCluster', 'disableCluster', 'createClusterInstance', 'enableFleet', 'disableFleet', 'createFleetInstance',
      'listJobs', 'getJob', 'waitJob', 'listDefinitions', 'getDefinition', 'updateDefinition', 'listInstances', 'getInstance',
      'updateInstance', 'deleteInstance'],
    account: ['getQuota', 'listServerConfigs'],
    traffic: ['listRecordSets', 'createRecordSets'],
    gitops: ['enable', 'status', 'disable'],
    configsets: ['list', 'iter', 'create', 'get', 'update', 'delete', 'statistics'],
    repos: ['list', 'iter', 'create', 'update', 'delete'],
    hss: ['createMulticloudCluster'],
    iam: ['token', 'projectId', 'domainId'],
  };
  for (const [group, methods] of Object.entries(expected)) {
    assert.deepEqual(Object.keys(c[group]).sort(), methods.sort(), group);
  }
});
