'use strict';
// Test helpers for your own tests (node:test, Jest, ...): run the `ucs emulator` (a local UCS,
// HSS, IAM and Karmada gateway) that the platform package ships, on a free loopback port, with
// a client connected to it. The binary is UCS_BIN when set, else the platform package's bin/ucs.

const { spawn } = require('node:child_process');
const { accessSync, constants } = require('node:fs');
const path = require('node:path');
const { createInterface } = require('node:readline');
const { inspect } = require('node:util');
const { Client } = require('./index.cjs');
const { candidates, platformPackage } = require('./native.cjs');

const EXE = process.platform === 'win32' ? 'ucs.exe' : 'ucs';

/** The emulator binary is missing or the process did not start. */
class EmulatorError extends Error {
  get name() {
    return 'EmulatorError';
  }
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The `ucs` binary of the installed platform package, or undefined (a clone, a source build). */
function bundledBinary() {
  for (const name of candidates()) {
    let dir;
    try {
      dir = path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      continue;
    }
    const file = path.join(dir, 'bin', EXE);
    if (executable(file)) return file;
  }
  return undefined;
}

/** The binary the helpers run: UCS_BIN, else the bundled one. */
function binary() {
  const explicit = process.env.UCS_BIN;
  if (explicit) {
    if (!executable(explicit)) throw new EmulatorError(`UCS_BIN=${explicit} is not an executable file`);
    return explicit;
  }
  const bundled = bundledBinary();
  if (bundled) return bundled;
  throw new EmulatorError(
    `no \`ucs\` binary: the platform package ${platformPackage()} (which carries bin/${EXE}) is not ` +
      'installed; set UCS_BIN to a `ucs` built with `cargo build -p ucs-cli`',
  );
}

// Emulators still running when the test process exits are killed with it.
const running = new Set();
let exitHook = false;

function firstLines(child, command) {
  return new Promise((resolve, reject) => {
    const lines = [];
    const early = (code, signal) =>
      reject(new EmulatorError(`\`${command}\` exited (${signal ?? code}) before it listened`));
    child.once('error', (e) => reject(new EmulatorError(`cannot run ${command}: ${e.message}`)));
    child.once('exit', early);
    // The interface keeps reading after line 2, so the emulator never blocks on a full pipe.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (lines.length === 2) return;
      lines.push(line);
      if (lines.length === 2) {
        child.off('exit', early);
        resolve(lines);
      }
    });
  });
}

function flagValue(args, flag) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag && i + 1 < args.length) return String(args[i + 1]);
    if (String(args[i]).startsWith(`${flag}=`)) return String(args[i]).slice(flag.length + 1);
  }
  return undefined;
}

/** A running `ucs emulator` process: its endpoint, demo credentials and a client. */
class Emulator {
  #child;
  #credentials;
  #controlToken;
  #client;
  #exited;

  constructor(child, baseUrl, credentials, controlToken) {
    this.#child = child;
    this.#credentials = credentials;
    this.#controlToken = controlToken;
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    this.baseUrl = baseUrl;
    this.endpoint = baseUrl;
    this.pid = child.pid;
  }

  /** The demo account: { ak, sk, domain_id, project_id }. */
  get credentials() {
    return { ...this.#credentials };
  }

  /** Client options for this emulator (every service's endpoint, the demo AK/SK), with overrides. */
  options(overrides = {}) {
    const c = this.#credentials;
    return {
      endpoint: this.baseUrl,
      hssEndpoint: this.baseUrl,
      iamEndpoint: this.baseUrl,
      ak: c.ak,
      sk: c.sk,
      domainId: c.domain_id,
      projectId: c.project_id,
      ...overrides,
    };
  }

  /** A client connected to this emulator, made on first use. */
  get client() {
    this.#client ??= new Client(this.options());
    return this.#client;
  }

  /** Another client, with option overrides (retries, timeouts, ...). */
  createClient(overrides = {}) {
    return new Client(this.options(overrides));
  }

  /** Calls the emulator's control API, `/_emulator/{route}` (reset, faults, ...). */
  async control(method, route, body) {
    const headers = { 'content-type': 'application/json' };
    if (this.#controlToken !== undefined) headers['x-emulator-token'] = this.#controlToken;
    const response = await fetch(`${this.baseUrl}/_emulator/${String(route).replace(/^\//, '')}`, {
      method,
      headers,
      body: method.toUpperCase() === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await response.text();
    if (!response.ok) throw new EmulatorError(`${method} /_emulator/${route}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** Forgets every resource, fault and quota change. */
  reset() {
    return this.control('POST', 'reset');
  }

  /** Stops the process; resolves once it has exited. Calling it again does nothing more. */
  stop() {
    running.delete(this.#child);
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
    return this.#exited;
  }

  /** `await using emu = await startEmulator()` stops it at the end of the block. */
  [Symbol.asyncDispose]() {
    return this.stop();
  }

  [inspect.custom]() {
    return `Emulator { endpoint: '${this.baseUrl}', pid: ${this.pid} }`;
  }
}

/**
 * Starts an emulator on a free loopback port. `args` are extra `ucs emulator` flags
 * (`--fault-*`, `--federation-seconds N`, ...); `binary` overrides the binary's path.
 */
async function startEmulator({ args = [], binary: exe } = {}) {
  if (!Array.isArray(args)) throw new EmulatorError('args: must be an array of `ucs emulator` flags');
  const file = exe ?? binary();
  const argv = ['emulator', '--listen', '127.0.0.1:0', '--federation-seconds', '0', ...args.map(String)];
  const command = [file, ...argv].join(' ');
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of running) c.kill();
    });
  }
  let lines;
  try {
    lines = await firstLines(child, command);
  } catch (e) {
    child.kill();
    throw e;
  }
  const baseUrl = lines[0].trim().replace(/\/$/, '');
  let credentials;
  try {
    if (!baseUrl.startsWith('http')) throw new Error(`line 1 is not a URL: ${lines[0]}`);
    credentials = JSON.parse(lines[1]);
  } catch (e) {
    child.kill();
    throw new EmulatorError(`\`${command}\` printed no endpoint and credentials (${e.message})`);
  }
  return new Emulator(child, baseUrl, credentials, flagValue(args, '--control-token'));
}

/**
 * One emulator for a test file, started by the `before` hook, reset before each test and stopped
 * by `after`. Pass node:test's hooks ({ before, after, beforeEach }) or Jest's
 * ({ beforeAll, afterAll, beforeEach }); the answer stands for the emulator once it is up.
 */
function useEmulator(hooks, options = {}) {
  const before = hooks?.before ?? hooks?.beforeAll;
  const after = hooks?.after ?? hooks?.afterAll;
  if (typeof before !== 'function' || typeof after !== 'function') {
    throw new EmulatorError('hooks: pass { before, after, beforeEach } (node:test) or { beforeAll, afterAll, beforeEach } (Jest)');
  }
  let emu;
  before(async () => {
    emu = await startEmulator(options);
  });
  after(() => emu?.stop());
  hooks.beforeEach?.(() => emu?.reset());
  return new Proxy(
    {},
    {
      get(_, key) {
        if (!emu && (key === 'then' || typeof key === 'symbol')) return undefined; // not a thenable
        if (!emu) throw new EmulatorError('the emulator starts in the before hook: use it inside tests');
        const value = emu[key];
        return typeof value === 'function' ? value.bind(emu) : value;
      },
    },
  );
}

module.exports = { Emulator, EmulatorError, binary, bundledBinary, startEmulator, useEmulator };
