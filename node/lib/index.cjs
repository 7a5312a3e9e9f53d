'use strict';
// ucs-sdk: Huawei Cloud UCS and HSS over the ucs-sdk Rust core. Loading this module loads the
// addon and nothing else; a Client builds its resource groups when made.

const { inspect } = require('node:util');
const errors = require('./errors.cjs');
const { resources } = require('./resources.cjs');
const karmadaGateway = require('./karmada.cjs');

const { native } = require('./native.cjs');

// camelCase option -> the core's option name, type and secrecy (generated from the Rust table).
const { OPTIONS } = require('./options.cjs');
const FROM_ENV = Symbol('fromEnv');

let catalogue;

function coreOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw errors.invalid('options', 'must be an object');
  }
  const out = { user_agent: 'node' };
  for (const [key, value] of Object.entries(options)) {
    const option = Object.hasOwn(OPTIONS, key) ? OPTIONS[key] : undefined;
    if (!option) {
      throw errors.invalid(key, `unknown option (known: ${Object.keys(OPTIONS).join(', ')})`);
    }
    if (value === undefined || value === null) continue;
    if (option.type === 'integer' && !(Number.isInteger(value) && value >= 0)) {
      throw errors.invalid(key, 'must be a whole number, 0 or more');
    }
    if (option.type === 'boolean' && typeof value !== 'boolean') throw errors.invalid(key, 'must be a boolean');
    if (option.type === 'string' && typeof value !== 'string') {
      throw errors.invalid(key, option.secret ? 'must be a string' : `must be a string (got ${typeof value})`);
    }
    out[option.core] = value;
  }
  if (options[FROM_ENV]) out.from_env = true;
  return out;
}

class Client {
  #summary;
  #native;

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
    this.#native = client;
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

  /** The fleet's Karmada gateway: `{ token }`, `{ kubeconfig }`, or the IAM token (karmada.cjs). */
  karmada(fleetName, options) {
    return karmadaGateway.karmada(this.#native, fleetName, options);
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

module.exports = { Client, version: native.version(), writeKubeconfig: karmadaGateway.writeKubeconfig, ...errorClasses };
