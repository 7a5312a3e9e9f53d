'use strict';
// ucs-sdk: Huawei Cloud UCS and HSS over the ucs-sdk Rust core. Loading this module loads the
// addon and nothing else; a Client builds its resource groups when made.

const { inspect } = require('node:util');
const path = require('node:path');
const errors = require('./errors.cjs');
const { resources } = require('./resources.cjs');

const native = require(path.join(__dirname, '..', 'native', 'ucs-sdk.node'));

// camelCase option -> the core's option name.
const OPTIONS = {
  endpoint: 'endpoint',
  ak: 'ak',
  sk: 'sk',
  domainId: 'domain_id',
  projectId: 'project_id',
  securityToken: 'security_token',
  token: 'token',
  user: 'user',
  password: 'password',
  domainName: 'domain_name',
  region: 'region',
  hssEndpoint: 'hss_endpoint',
  iamEndpoint: 'iam_endpoint',
  karmadaEndpoint: 'karmada_endpoint',
  timeoutMs: 'timeout_ms',
  maxRetries: 'max_retries',
  maxResponseBytes: 'max_response_bytes',
  verify: 'verify',
  caFile: 'ca_file',
  proxy: 'proxy',
};
const SECRET = new Set(['sk', 'securityToken', 'token', 'password']);
const FROM_ENV = Symbol('fromEnv');

let catalogue;

function coreOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw errors.invalid('options', 'must be an object');
  }
  const out = { user_agent: 'node' };
  for (const [key, value] of Object.entries(options)) {
    const name = OPTIONS[key];
    if (!name) {
      throw errors.invalid(key, `unknown option (known: ${Object.keys(OPTIONS).join(', ')})`);
    }
    if (value === undefined || value === null) continue;
    const numeric = key === 'timeoutMs' || key === 'maxRetries' || key === 'maxResponseBytes';
    if (numeric && !(Number.isInteger(value) && value >= 0)) {
      throw errors.invalid(key, 'must be a whole number, 0 or more');
    }
    if (key === 'verify' && typeof value !== 'boolean') throw errors.invalid(key, 'must be a boolean');
    if (!numeric && key !== 'verify' && typeof value !== 'string') {
      throw errors.invalid(key, SECRET.has(key) ? 'must be a string' : `must be a string (got ${typeof value})`);
    }
    out[name] = value;
  }
  if (options[FROM_ENV]) out.from_env = true;
  return out;
}

class Client {
  #summary;

  /**
   * @param {import('../types').ClientOptions} [options]
   */
  constructor(options = {}) {
    const core = coreOptions(options);
    let client;
    try {
      client = new native.NativeClient(core);
    } catch (e) {
      throw errors.fromNative(e);
    }
    this.#summary = client.describe();
    catalogue ??= native.catalogue();
    const groups = resources(client, catalogue);
    for (const name of Object.keys(groups)) {
      Object.defineProperty(this, name, { value: groups[name], enumerable: true });
    }
  }

  /** A client configured from HUAWEICLOUD_SDK_* and UCS_* variables and the profile file. */
  static fromEnv(options = {}) {
    return new Client({ ...options, [FROM_ENV]: true });
  }

  [inspect.custom]() {
    return `Client ${inspect(this.#summary)}`;
  }

  toString() {
    return `Client ${JSON.stringify(this.#summary)}`;
  }

  toJSON() {
    return { ...this.#summary };
  }
}

const { fromNative: _fromNative, invalid: _invalid, ...errorClasses } = errors;

module.exports = { Client, version: native.version(), ...errorClasses };
