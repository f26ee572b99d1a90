/**
 * One signed API call, step by step: the path -> the signature (which also says the environment) -> the
 * route -> the simulation code, idempotency key and JSON body -> then, one at a time against the store,
 * the delegation token and the operation behind the idempotency store.
 */
import type { Ctx } from './context.js';
import { ApiError } from './errors.js';
import { parseJsonBody } from './http/body.js';
import { failureAnswer } from './http/respond.js';
import {
  checkIdempotencyKey,
  fingerprint,
  idempotencyScope,
  idempotent,
  serialise,
  type Answer,
} from './idempotency.js';
import { matchRoute, type Route } from './routes.js';
import type { SandboxSettings } from './settings.js';
import { simulationFor } from './simulation.js';
import type { SandboxState } from './state.js';
import type { SandboxStore } from './store.js';
import { parseApiPath, verifyRequest, type ApiPath, type VerifiedCaller } from './verify/verify.js';

/** What a request came to: the answer, and for the request log the operation and whether it was a replay. */
export interface Outcome {
  answer: Answer;
  operation?: string | undefined;
  replayed?: boolean | undefined;
}

/** The API path of the URL, or a 404 saying what API paths look like. */
function apiPathOf(url: URL): ApiPath {
  const path = parseApiPath(url.pathname);
  if (path) return path;
  throw new ApiError(
    'ResourceNotFound',
    `There is no Amazon Pay API at ${url.pathname}; ` +
      'paths look like /v2/checkoutSessions or /sandbox/v2/checkoutSessions.',
  );
}

/** The caller's signature, checked as Amazon checks it. */
function verifyCaller(request: Request, url: URL, path: ApiPath, bytes: Uint8Array, settings: SandboxSettings) {
  return verifyRequest(request, url, path, bytes, {
    keys: settings.keyTable,
    serverNow: () => settings.clock.server(),
    clockToleranceMs: settings.clockToleranceMs,
    subtle: settings.subtle,
  });
}

/** Answers a signed API call. Errors before routing carry no operation; after it, the answer names it. */
export async function answerApiCall(
  request: Request,
  url: URL,
  bytes: Uint8Array,
  settings: SandboxSettings,
  state: SandboxState,
): Promise<Outcome> {
  const path = apiPathOf(url);
  const caller = await verifyCaller(request, url, path, bytes, settings);
  state.sawApiRequest(url.origin);
  const { route, params } = matchRoute(request.method, path.segments);
  try {
    return await runCall(request, url, { caller, path, route, params, bytes }, settings, state);
  } catch (error) {
    return { answer: failureAnswer(error), operation: route.operation };
  }
}

/** A verified, routed call. */
interface Routed {
  caller: VerifiedCaller;
  path: ApiPath;
  route: Route;
  params: Record<string, string>;
  bytes: Uint8Array;
}

async function runCall(
  request: Request,
  url: URL,
  { caller, path, route, params, bytes }: Routed,
  settings: SandboxSettings,
  state: SandboxState,
): Promise<Outcome> {
  const simulation = simulationFor(
    route.operation,
    request.headers.get('x-amz-pay-simulation-code'),
    caller.environment,
    settings.simulationExtensions,
  );
  const key =
    request.method === 'POST' && route.idempotencyKey !== 'ignored'
      ? checkIdempotencyKey(request.headers.get('x-amz-pay-idempotency-key'), route.idempotencyKey === 'required')
      : undefined;
  const body = parseJsonBody(bytes, request.method);
  const authToken = request.headers.get('x-amz-pay-authtoken') ?? undefined;
  return state.exclusive(async () => {
    const ctx: Ctx = {
      ...state.ctxFor(url.origin, caller.environment),
      params,
      query: url.searchParams,
      body,
      headers: request.headers,
      simulation,
      authToken,
    };
    if (authToken !== undefined) await checkAuthToken(settings.store, authToken, caller);
    const result = await idempotent(
      settings.store,
      key,
      idempotencyScope(settings.merchantId, caller.environment, route.operation, key ?? ''),
      fingerprint(caller.environment, request.method, path.segments, bytes),
      () => runOperation(route, ctx),
    );
    return { answer: result, operation: route.operation, replayed: result.replayed };
  });
}

/** A delegated call's `x-amz-pay-authtoken` must be one the sandbox issued, in the caller's environment. */
async function checkAuthToken(store: SandboxStore, authToken: string, caller: VerifiedCaller): Promise<void> {
  const token = (await store.get('authorizationToken', authToken)) as { _env?: string } | undefined;
  if (token && token._env === caller.environment) return;
  throw new ApiError(
    'InvalidAuthorizationToken',
    'The x-amz-pay-authtoken is not valid: use the authorizationToken returned by ' +
      'Get Authorization Token or Create Merchant Account.',
  );
}

/** The operation's own answer; its API errors are answers too (and so are stored for the idempotency key). */
async function runOperation(route: Route, ctx: Ctx): Promise<Answer> {
  try {
    return serialise(await route.handler(ctx));
  } catch (error) {
    if (error instanceof ApiError) return failureAnswer(error);
    throw error;
  }
}
