/**
 * The official SDKs' escape hatches, shared by the classes and the lean client: a request given as
 * `{ method, urlFragment, payload, headers, queryParams }`, checked like an operation's arguments, then signed
 * (`getSignedHeaders`) or sent with retries (`apiCall`).
 */
import { callPolicy, queryScalar, type CallOptions, type ClientCore } from './call.js';
import { AmazonPayInvalidArgumentError } from './errors.js';
import type { QueryParams, QueryValue } from './signing/canonical.js';
import { serialiseBody, serialisePayload } from './transport/body.js';
import type { CallMeta } from './transport/hooks.js';
import { prepareRequest, type HttpMethod } from './transport/request.js';
import type { AmazonPayResponse } from './transport/response.js';
import { send, signAttempt } from './transport/send.js';

/**
 * A request sent through the raw escape hatches (`apiCall`, `getSignedHeaders`), in the official Node SDK's
 * shape: method, path after `/v2/`, payload, headers and query parameters.
 */
export interface RawRequestOptions {
  method: HttpMethod;
  /** The part after `/v2/`, e.g. `checkoutSessions` or `charges/S01-123/capture`. */
  urlFragment: string;
  payload?: string | object | undefined;
  /** Headers; `x-amz-pay-idempotency-key` and `x-amz-pay-authtoken` are signed, others sent unsigned. */
  headers?: Record<string, string> | undefined;
  queryParams?: QueryParams | undefined;
}

const METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];

/** `apiCall` query parameters: scalars or flat lists of scalars (repeated parameters), nothing else. */
function checkQueryParams(query: unknown): QueryParams | undefined {
  if (query === undefined || query === null) return undefined;
  if (typeof query !== 'object' || Array.isArray(query))
    throw new AmazonPayInvalidArgumentError('query', 'queryParams must be an object.');
  const out: Record<string, QueryValue | QueryValue[] | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => queryScalar(name, v)) : queryScalar(name, value);
  }
  return out as QueryParams;
}

/** Checks a raw request (typed errors, nothing sent) and turns it into the transport's request and policy. */
function prepareRaw(core: ClientCore, options: RawRequestOptions, callOptions: CallOptions = {}) {
  if (!options || typeof options !== 'object' || typeof options.urlFragment !== 'string') {
    throw new AmazonPayInvalidArgumentError(
      'urlFragment',
      'apiCall needs { method, urlFragment } where urlFragment is the path after /v2/, e.g. "checkoutSessions".',
    );
  }
  const method = String(options.method).toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) {
    throw new AmazonPayInvalidArgumentError('method', `Unsupported HTTP method ${JSON.stringify(options.method)}.`);
  }
  if (/[?#]/.test(options.urlFragment) || options.urlFragment.split('/').some((s) => s === '.' || s === '..')) {
    throw new AmazonPayInvalidArgumentError(
      'urlFragment',
      'urlFragment must be a path without "?", "#", "." or ".." segments; pass query parameters as queryParams.',
    );
  }
  const request = prepareRequest(core.ctx.endpoint, {
    method,
    urlFragment: options.urlFragment,
    query: checkQueryParams(options.queryParams),
    // Object payloads get the operations' amount checks; a string payload is sent exactly as given.
    body:
      options.payload !== null && typeof options.payload === 'object'
        ? serialisePayload(options.payload)
        : serialiseBody(options.payload),
  });
  const headers = { ...options.headers, ...callOptions.headers };
  return { request, policy: callPolicy(core, method, { ...callOptions, headers }) };
}

/** The headers to send a raw request with, `authorization` included; async, so a bad argument is a rejection. */
export async function rawSignedHeaders(core: ClientCore, options: RawRequestOptions): Promise<Record<string, string>> {
  const { request, policy } = prepareRaw(core, options);
  const signed = await signAttempt(core.ctx, request, policy);
  return { ...policy.headers, ...signed.headers };
}

/**
 * Sends a raw request signed, with the operations' retries, idempotency and errors. `meta` names the operation
 * for hooks when the caller can tell which one it is.
 */
export async function rawApiCall<T>(
  core: ClientCore,
  options: RawRequestOptions,
  callOptions: CallOptions | undefined,
  meta: (method: HttpMethod) => CallMeta | undefined = () => undefined,
): Promise<AmazonPayResponse<T>> {
  const { request, policy } = prepareRaw(core, options, callOptions);
  return send<T>(core.ctx, request, policy, core.ctx.observe ? meta(request.method) : undefined);
}
