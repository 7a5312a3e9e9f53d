// Types of the ucs-sdk package. The models and resource methods are generated from the Rust
// models (models.d.ts, resources.d.ts); this file adds the client, its options and the errors.

import type { Clusters, Fleets, Hss, Iam, Rules } from './resources';

export * from './models';
export type { CallOptions, Clusters, Fleets, Hss, Iam, Rules, WaitOptions } from './resources';

/** How to reach and authenticate to UCS; every field is optional. */
export interface ClientOptions {
  /** UCS endpoint (an emulator: `http://127.0.0.1:PORT`); defaults to the China site. */
  endpoint?: string;
  /** Access key id. */
  ak?: string;
  /** Secret access key. */
  sk?: string;
  /** Account id (`X-Domain-Id`); resolved through IAM when missing. */
  domainId?: string;
  /** Project id (HSS); resolved through IAM when missing. */
  projectId?: string;
  /** Security token of temporary AK/SK credentials. */
  securityToken?: string;
  /** A ready IAM token. */
  token?: string;
  /** IAM user name (password credentials). */
  user?: string;
  /** IAM password. */
  password?: string;
  /** Account name of the IAM user. */
  domainName?: string;
  /** Region (HSS, IAM, Karmada gateway). */
  region?: string;
  /** HSS endpoint; defaults from the region. */
  hssEndpoint?: string;
  /** IAM endpoint; defaults from the region. */
  iamEndpoint?: string;
  /** Karmada gateway template with `{fleet}` and `{region}`. */
  karmadaEndpoint?: string;
  /** Deadline of a whole call, retries included, in milliseconds. */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3; 0 switches retries off). */
  maxRetries?: number;
  /** Largest successful response body read, in bytes (default 64 MiB); a larger answer is a DecodeError. */
  maxResponseBytes?: number;
  /** Verify TLS certificates (default true). */
  verify?: boolean;
  /** Extra CA bundle (PEM file). */
  caFile?: string;
  /** HTTP(S) proxy URL. */
  proxy?: string;
}

/** The UCS client: resource groups of Promise-returning operations. */
export declare class Client {
  constructor(options?: ClientOptions);
  /** Explicit options first, then HUAWEICLOUD_SDK_* and UCS_* variables, then the profile file. */
  static fromEnv(options?: ClientOptions): Client;
  readonly clusters: Clusters;
  readonly fleets: Fleets;
  readonly rules: Rules;
  readonly hss: Hss;
  readonly iam: Iam;
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
/** The service answered with an error status. */
export declare class ApiError extends UcsError {}
/** HTTP 404 or a not-found code such as `UCS.01030001`. */
export declare class NotFoundError extends ApiError {}
/** HTTP 429 after the retries; see `retryAfter`. */
export declare class ThrottledError extends ApiError {}
/** HTTP 409. */
export declare class ConflictError extends ApiError {}
/** Credentials missing, wrong or not allowed (HTTP 401/403 or an auth code). */
export declare class AuthError extends ApiError {}
/** A deadline ran out. */
export declare class TimeoutError extends UcsError {}
/** The connection could not be made or broke. */
export declare class ConnectionError extends UcsError {}
/** The answer could not be decoded. */
export declare class DecodeError extends UcsError {}
/** An argument was refused before anything was sent; `field` names it. */
export declare class InvalidArgumentError extends UcsError {}
/** The client configuration is incomplete or inconsistent. */
export declare class ConfigError extends UcsError {}
/** A federation job failed; `subJob` names the failed sub-job. */
export declare class FederationFailedError extends UcsError {}
/** A bug in the SDK: a Rust panic, caught before it could end the process. Please report it. */
export declare class InternalError extends UcsError {}
