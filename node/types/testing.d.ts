// ucs-sdk/testing: the bundled `ucs emulator` for your own tests (lib/testing.cjs).
import type { Client } from './index';
import type { ClientOptions } from './options';

/** The emulator binary is missing or the process did not start. */
export declare class EmulatorError extends Error {}

/** The demo account the emulator prints on start. */
export interface EmulatorCredentials {
  ak: string;
  sk: string;
  domain_id: string;
  project_id: string;
}

export interface StartOptions {
  /** Extra `ucs emulator` flags: `--fault-*`, `--federation-seconds N`, `--quota N`, ... */
  args?: string[];
  /** The `ucs` binary; default UCS_BIN, else the platform package's bin/ucs. */
  binary?: string;
}

/** A running `ucs emulator` process. */
export declare class Emulator {
  readonly baseUrl: string;
  /** Same as baseUrl: the UCS, HSS and IAM endpoint. */
  readonly endpoint: string;
  readonly pid: number | undefined;
  readonly credentials: EmulatorCredentials;
  /** A client connected to this emulator, made on first use. */
  readonly client: Client;
  options(overrides?: ClientOptions): ClientOptions;
  createClient(overrides?: ClientOptions): Client;
  /** The control API, `/_emulator/{route}`: reset, faults, quotas. */
  control(method: string, route: string, body?: unknown): Promise<unknown>;
  reset(): Promise<unknown>;
  /** Stops the process; resolves once it has exited. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export declare function startEmulator(options?: StartOptions): Promise<Emulator>;

type Hook = (fn: () => unknown) => unknown;
export type EmulatorHooks =
  | { before: Hook; after: Hook; beforeEach?: Hook }
  | { beforeAll: Hook; afterAll: Hook; beforeEach?: Hook };

/** One emulator per test file, reset before each test (node:test or Jest hooks). */
export declare function useEmulator(hooks: EmulatorHooks, options?: StartOptions): Emulator;

/** The binary the helpers run: UCS_BIN, else the bundled one; throws EmulatorError otherwise. */
export declare function binary(): string;
/** The platform package's `ucs`, or undefined. */
export declare function bundledBinary(): string | undefined;
