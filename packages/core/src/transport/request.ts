/** An API call turned, once, into method + encoded URL + body text; every attempt reuses it. */
import type { Endpoint } from '../endpoints.js';
import { canonicalQuery, canonicalUri, type QueryParams } from '../signing/canonical.js';

/** The HTTP methods Amazon Pay's API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface PreparedRequest {
  method: HttpMethod;
  /** Unencoded path including the prefix, e.g. `/sandbox/v2/charges/S01-1`. Signed as `canonicalUri(path)`. */
  path: string;
  query: QueryParams | undefined;
  /** The URL sent: the encoded path and the canonical query string, identical to what is signed. */
  url: string;
  body: string | undefined;
  /** 3xx statuses that are this operation's documented answer (merchantAccountClaim's 303); never followed. */
  redirects?: readonly number[] | undefined;
}

export function prepareRequest(
  endpoint: Endpoint,
  init: {
    method: HttpMethod;
    urlFragment: string;
    query?: QueryParams | undefined;
    body?: string | undefined;
    redirects?: readonly number[] | undefined;
  },
): PreparedRequest {
  const path = `${endpoint.pathPrefix}/${init.urlFragment.replace(/^\/+/, '')}`;
  const qs = canonicalQuery(init.query);
  return {
    method: init.method,
    path,
    query: init.query,
    url: endpoint.origin + canonicalUri(path) + (qs ? `?${qs}` : ''),
    body: init.body,
    redirects: init.redirects,
  };
}
