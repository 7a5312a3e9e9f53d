// Types of a fleet's Karmada gateway (lib/karmada.cjs): Kubernetes REST with plain objects in
// and out, Deployments and PropagationPolicies, and writeKubeconfig.

import type { CallOptions, Kubeconfig } from './index';

/** A Kubernetes object (or list, or Status) as JSON. */
export type KubeObject = Record<string, any>;

/** How `client.karmada(fleetName, options)` authenticates; with neither, the client's IAM token. */
export interface KarmadaOptions {
  /** A bearer token, sent to the client's gateway address for the fleet (`karmadaEndpoint`). */
  token?: string;
  /** A federation kubeconfig (object or text): its server, CA and token are used. */
  kubeconfig?: Kubeconfig | string;
}

/** Selectors and paging of a list call. */
export interface ListOptions extends CallOptions {
  /** `app=web,tier in (a,b)`. */
  labelSelector?: string;
  /** `metadata.name=web`. */
  fieldSelector?: string;
  /** Page size. */
  limit?: number;
  /** The `metadata.continue` of the previous page. */
  continue?: string;
}

/** One kind in one namespace. A Kubernetes Status failure rejects with the error class of its
 *  HTTP status (NotFoundError, ConflictError, ...), `errorCode` being its reason. */
export interface KarmadaResource {
  get(name: string, options?: CallOptions): Promise<KubeObject>;
  list(options?: ListOptions): Promise<KubeObject>;
  create(body: KubeObject, options?: CallOptions): Promise<KubeObject>;
  /** Creates, or replaces at the live resourceVersion when the object exists. */
  apply(body: KubeObject, options?: CallOptions): Promise<KubeObject>;
  replace(name: string, body: KubeObject, options?: CallOptions): Promise<KubeObject>;
  /** A JSON merge patch. */
  patch(name: string, patch: KubeObject, options?: CallOptions): Promise<KubeObject>;
  delete(name: string, options?: CallOptions): Promise<KubeObject>;
}

/** The gateway client; URIs are relative (`apis/apps/v1/namespaces/default/deployments`). */
export interface Karmada {
  readonly baseUrl: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', uri: string, body?: KubeObject | null, options?: CallOptions): Promise<KubeObject | null>;
  get(uri: string, options?: CallOptions): Promise<KubeObject>;
  list(uri: string, options?: ListOptions): Promise<KubeObject>;
  create(uri: string, body: KubeObject, options?: CallOptions): Promise<KubeObject>;
  replace(uri: string, body: KubeObject, options?: CallOptions): Promise<KubeObject>;
  patch(uri: string, patch: KubeObject, options?: CallOptions): Promise<KubeObject>;
  delete(uri: string, options?: CallOptions): Promise<KubeObject>;
  deployments(namespace?: string): KarmadaResource;
  propagationPolicies(namespace?: string): KarmadaResource;
  toJSON(): { baseUrl: string };
}

/** Writes a kubeconfig to `path` as the YAML kubectl reads: mode 0600, atomically. */
export declare function writeKubeconfig(kubeconfig: Kubeconfig | string, path: string): void;
