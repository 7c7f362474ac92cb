/**
 * The shape of routes.json: every HTTP call that Gazu (the Python client) and the Kitsu web client's
 * API layer make, as data. Written by extract-routes.ts, read by the contract test.
 */

export type ClientName = 'gazu' | 'kitsu';
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** One call site: a client function that sends one request (a function with several gets one entry per request). */
export interface ClientCall {
  client: ClientName;
  /** Gazu: the module (`task`, `shot`...). Kitsu: the file under src/store/api (`tasks.js`...). */
  module: string;
  function: string;
  method: HttpMethod;
  /** Path template under the host, `:name` for each value the client fills in, query string left out. */
  path: string;
  /** `manual`: taken from the extractor's resolution table rather than read from the code. */
  resolution: 'auto' | 'manual';
}

export interface SourceInfo {
  repository: string;
  /** The commit the files were read from, when one commit holds them all. */
  commit: string | null;
  /** Per-file provenance when the files were read one by one (no single commit). */
  files?: Record<string, { commit?: string; index_version?: string; note?: string }>;
  note?: string;
}

export interface RouteList {
  generated_by: string;
  sources: Record<ClientName, SourceInfo>;
  /** Client functions that send no request themselves (they call other client functions, or only build URLs). */
  functions_without_calls: Record<ClientName, number>;
  /** Calls the extractor left out on purpose, with why (not routes of the server). */
  excluded: Array<{ client: ClientName; module: string; function: string; reason: string }>;
  calls: ClientCall[];
}

/** The key a route is known by in the ratchet list: method and path template. */
export const routeKey = (call: { method: string; path: string }): string => `${call.method} ${call.path}`;
