// Types of the ucs-sdk package. The models and resource methods are generated from the Rust
// models (models.d.ts, resources.d.ts), the options and error classes from the Rust tables
// (options.d.ts, errors.d.ts); this file adds the client and the errors' base class.

import type { ResourceGroups } from './resources';
import type { Karmada, KarmadaOptions } from './karmada';
import type { ClientOptions } from './options';

export * from './models';
export type * from './resources';
export * from './karmada';
// Generated from the Rust tables: the client options and the error class of each kind.
export type { ClientOptions } from './options';
export * from './errors';

/** The UCS client: resource groups of Promise-returning operations (`ResourceGroups`). */
export interface Client extends ResourceGroups {}
export declare class Client {
  constructor(options?: ClientOptions);
  /** Explicit options first, then HUAWEICLOUD_SDK_* and UCS_* variables, then the profile file. */
  static fromEnv(options?: ClientOptions): Client;
  /** The fleet's Karmada gateway (types/karmada.d.ts); `fleetName` may be undefined with a kubeconfig. */
  karmada(fleetName: string | undefined, options?: KarmadaOptions): Karmada;
  toJSON(): { endpoint: string; auth: string; ak?: string };
}

/** The core's version. */
export declare const version: string;

/** Base of every error the SDK rejects with. */
export declare class UcsError extends Error {
  constructor(message: string, fields?: Partial<Pick<UcsError, 'statusCode' | 'errorCode' | 'errorMessage' | 'requestId' | 'retryAfter' | 'field' | 'subJob'>>);
  /** HTTP status, when a response came. */
  readonly statusCode?: number;
  /** The service's error code, e.g. `UCS.01030001`. */
  readonly errorCode?: string;
  /** The service's message (or the reason of a local error). */
  readonly errorMessage?: string;
  /** The `X-Request-Id` of the response. */
  readonly requestId?: string;
  /** Seconds the service asked to wait (`Retry-After`). */
  readonly retryAfter?: number;
  /** The refused argument (InvalidArgumentError). */
  readonly field?: string;
  /** The failed sub-job (FederationFailedError). */
  readonly subJob?: string;
}
