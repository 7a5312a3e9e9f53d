'use strict';
// A fleet's Karmada gateway (reference chapter 4): Kubernetes REST with plain objects in and
// out, typed helpers for Deployments and PropagationPolicies, and writeKubeconfig.

const path = require('node:path');
const { invalid, fromNative } = require('./errors.cjs');
const { run } = require('./calls.cjs');

const { native } = require('./native.cjs');

function checkString(name, value, optional) {
  if (optional && (value === undefined || value === null)) return null;
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(name, `must be a non-empty string (got ${value === '' ? "''" : typeof value})`);
  }
  return value;
}

function checkObject(name, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(name, `must be an object (got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})`);
  }
  return value;
}

function checkOptions(value) {
  if (value === undefined || value === null) return {};
  checkObject('options', value);
  if (value.signal !== undefined && !(value.signal instanceof AbortSignal)) {
    throw invalid('options.signal', 'must be an AbortSignal');
  }
  return value;
}

// `{ labelSelector, fieldSelector, limit, continue }` as the core's list parameters.
function listParams(options) {
  const params = {};
  for (const key of ['labelSelector', 'fieldSelector', 'continue']) {
    if (options[key] !== undefined && options[key] !== null) params[key] = checkString(key, options[key]);
  }
  if (options.limit !== undefined && options.limit !== null) {
    if (!(Number.isInteger(options.limit) && options.limit > 0)) throw invalid('limit', 'must be a whole number, 1 or more');
    params.limit = options.limit;
  }
  return Object.keys(params).length ? params : null;
}

async function call(handle, verb, kindOrUri, namespace, name, params, body, signal) {
  const text = await run(
    signal,
    (id) => handle.call(id, verb, kindOrUri, namespace, name, params, body),
    (id) => handle.cancel(id),
  );
  return JSON.parse(text);
}

/** One kind in one namespace: `karmada.deployments()`, `karmada.propagationPolicies()`. */
class KarmadaResource {
  #handle;
  #kind;
  #namespace;

  constructor(handle, kind, namespace) {
    this.#handle = handle;
    this.#kind = kind;
    this.#namespace = checkString('namespace', namespace);
  }

  #call(verb, name, params, body, options) {
    const { signal } = checkOptions(options);
    return call(this.#handle, verb, this.#kind, this.#namespace, name, params, body, signal);
  }

  /** One object. */
  async get(name, options) {
    return this.#call('get', checkString('name', name), null, null, options);
  }

  /** The matching objects: a `...List` with `items`. */
  async list(options = {}) {
    const o = checkOptions(options);
    return this.#call('list', null, listParams(o), null, o);
  }

  /** Creates an object (ConflictError with errorCode `AlreadyExists` when it exists). */
  async create(body, options) {
    return this.#call('create', null, null, checkObject('body', body), options);
  }

  /** Creates the object, or replaces it at its live resourceVersion when it exists. */
  async apply(body, options) {
    return this.#call('apply', null, null, checkObject('body', body), options);
  }

  /** Replaces object `name`. */
  async replace(name, body, options) {
    return this.#call('replace', checkString('name', name), null, checkObject('body', body), options);
  }

  /** Applies a JSON merge patch to object `name`. */
  async patch(name, patch, options) {
    return this.#call('patch', checkString('name', name), null, checkObject('patch', patch), options);
  }

  /** Deletes object `name`; answers the Status. */
  async delete(name, options) {
    return this.#call('delete', checkString('name', name), null, null, options);
  }
}

/** The gateway client; get one with `client.karmada(fleetName, { token, kubeconfig })`. URIs are
 *  relative: `apis/apps/v1/namespaces/default/deployments`. */
class Karmada {
  #handle;

  constructor(handle) {
    this.#handle = handle;
  }

  /** The gateway base URL. */
  get baseUrl() {
    return this.#handle.baseUrl();
  }

  #call(verb, uri, params, body, options) {
    const { signal } = checkOptions(options);
    return call(this.#handle, verb, checkString('uri', uri), null, null, params, body, signal);
  }

  /** Any request: `method` is GET, POST, PUT, PATCH (a merge patch) or DELETE. */
  async request(method, uri, body, options) {
    const verb = checkString('method', method).toUpperCase();
    return this.#call(verb, uri, null, body === undefined || body === null ? null : checkObject('body', body), options);
  }

  async get(uri, options) {
    return this.#call('get', uri, null, null, options);
  }

  async list(uri, options = {}) {
    const o = checkOptions(options);
    return this.#call('list', uri, listParams(o), null, o);
  }

  async create(uri, body, options) {
    return this.#call('create', uri, null, checkObject('body', body), options);
  }

  async replace(uri, body, options) {
    return this.#call('replace', uri, null, checkObject('body', body), options);
  }

  async patch(uri, patch, options) {
    return this.#call('patch', uri, null, checkObject('patch', patch), options);
  }

  async delete(uri, options) {
    return this.#call('delete', uri, null, null, options);
  }

  /** `apps/v1` Deployments in `namespace`. */
  deployments(namespace = 'default') {
    return new KarmadaResource(this.#handle, 'deployments', namespace);
  }

  /** Karmada `policy.karmada.io/v1alpha1` PropagationPolicies in `namespace`. */
  propagationPolicies(namespace = 'default') {
    return new KarmadaResource(this.#handle, 'propagationpolicies', namespace);
  }

  toString() {
    return `Karmada ${JSON.stringify({ baseUrl: this.baseUrl })}`;
  }

  toJSON() {
    return { baseUrl: this.baseUrl };
  }
}

/** The gateway of a client's native handle: a bearer token, a federation kubeconfig (its
 *  server, CA and token), or else the client's IAM token. */
function karmada(nativeClient, fleetName, options = {}) {
  const fleet = checkString('fleetName', fleetName, true);
  const o = checkObject('options', options ?? {});
  for (const key of Object.keys(o)) {
    if (key !== 'token' && key !== 'kubeconfig') throw invalid(key, 'unknown option (known: token, kubeconfig)');
  }
  const token = checkString('token', o.token, true);
  let kubeconfig = o.kubeconfig ?? null;
  if (kubeconfig !== null && typeof kubeconfig !== 'string') kubeconfig = checkObject('kubeconfig', kubeconfig);
  try {
    return new Karmada(new native.NativeKarmada(nativeClient, fleet, token, kubeconfig));
  } catch (e) {
    throw fromNative(e);
  }
}

/** Writes a kubeconfig (the object `fleets.downloadFederationKubeconfig` answers, or its text)
 *  to `file` as the YAML kubectl reads: mode 0600, atomically (a temporary file, then a rename). */
function writeKubeconfig(kubeconfig, file) {
  if (typeof kubeconfig !== 'string') checkObject('kubeconfig', kubeconfig);
  checkString('path', file);
  try {
    native.writeKubeconfig(kubeconfig, path.resolve(file));
  } catch (e) {
    throw fromNative(e);
  }
}

module.exports = { karmada, writeKubeconfig, Karmada, KarmadaResource };
