/**
 * `createSandbox()`: the whole local Amazon Pay API as one `fetch(request) => Response` function on Web
 * APIs only. A request goes, top to bottom: scripted faults -> CORS preflight -> body and URL -> sandbox
 * pages (unsigned) or the signed API call (`api-call.ts`: signature, route, simulation code, idempotency
 * key, delegation token, the operation, one at a time against the store) -> `{ reasonCode, message }` or
 * the object, with `x-amz-pay-request-id` and `Date` -> the request log.
 */
import type { Environment } from '@amazon-pay-edge/core';
import { abortableSleep } from '@amazon-pay-edge/core/internal';
import { answerApiCall, type Outcome } from './api-call.js';
import { verifyButtonSignature, type ButtonSignatureInput } from './button.js';
import type { BuyerProfile, Ctx } from './context.js';
import { faultResponse, SandboxConnectionDropped, takeFault, type SandboxFault } from './faults.js';
import { checkUrlDecodes, readBody } from './http/body.js';
import { isPreflight, preflightAnswer } from './http/cors.js';
import { failureAnswer, reasonCodeOf, toResponse } from './http/respond.js';
import { serialise } from './idempotency.js';
import { ids } from './ids.js';
import type { SandboxIpnDelivery, SandboxIpnSubscription } from './ipn/emitter.js';
import {
  trigger,
  triggerDepsOf,
  triggerPage,
  TRIGGER_PATH,
  type SandboxTriggerOptions,
  type SandboxTriggerResult,
} from './ipn/trigger.js';
import { createBuyerToken } from './resources/buyers.js';
import { approveSession } from './resources/checkoutSessions.js';
import {
  checkAdvance,
  checkClockOffset,
  resolveSettings,
  type SandboxOptions,
  type SandboxSettings,
} from './settings.js';
import { createState, type SandboxState } from './state.js';
import type { SandboxStore } from './store.js';
import { handleUi, UI_PREFIX } from './ui.js';

export { DEFAULT_DELAYS, type SandboxOptions, type SandboxRequestLog } from './settings.js';
export type { ButtonSignatureInput } from './button.js';

export interface Sandbox {
  /** The API. Accepts `(request)` or `(input, init)` like the global `fetch`; does not use `this`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Scripted faults, consumed in order (see `SandboxFault`). */
  readonly faults: SandboxFault[];
  /** Offset of the server clock used for `x-amz-pay-date` checks and the `Date` header. */
  clockOffsetMs: number;
  /** Fast-forwards the lifecycle clock: expiries and asynchronous transitions, not signature dates. */
  advance(ms: number): void;
  /** The lifecycle clock (ms). */
  now(): number;
  /** The buyer's visit to `amazonPayRedirectUrl`, without HTTP. Returns the URL they are sent to. */
  approveCheckoutSession(checkoutSessionId: string, buyer?: BuyerProfile): Promise<string>;
  /** The buyer cancels on the Amazon Pay page. Returns the URL they are sent to. */
  cancelCheckoutSession(checkoutSessionId: string): Promise<string>;
  /** Amazon Sign-In without HTTP: a buyer token for Get Buyer. */
  createBuyerToken(buyer?: BuyerProfile, environment?: Environment): Promise<string>;
  /** Checks a button config the way Amazon does when it renders the button. */
  verifyButtonSignature(config: ButtonSignatureInput): Promise<boolean>;
  readonly store: SandboxStore;
  /** Every IPN sent (or, without `ipn.url`/`ipn.deliver`, only recorded), in the order of the changes. */
  readonly ipnDeliveries: readonly SandboxIpnDelivery[];
  /** Resolves when every IPN delivery started so far has settled (signed, delivered or failed). */
  flushIpns(): Promise<void>;
  /** Sends an SNS SubscriptionConfirmation whose SubscribeURL confirms `ipnSubscription`; resolves once delivered. */
  sendSubscriptionConfirmation(): Promise<SandboxIpnDelivery>;
  readonly ipnSubscription: SandboxIpnSubscription;
  /**
   * Like `stripe trigger`: creates the object an event is about, then POSTs an SNS-signed IPN for it to
   * `options.to` (see README "Trigger"). Works whether or not the `ipn` option is set.
   */
  trigger(options: SandboxTriggerOptions): Promise<SandboxTriggerResult>;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const settings = resolveSettings(options);
  const state = createState(settings);
  const { clock, store, faults } = settings;

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const requestId = ids.requestId();
    const outcome = await withFaults(faults, request, url, () => answer(request, url, settings, state));
    settings.onRequest?.({
      method: request.method,
      path: url.pathname,
      operation: outcome.operation,
      status: outcome.answer.status,
      reasonCode: reasonCodeOf(outcome.answer),
      requestId,
      replayed: outcome.replayed ?? false,
    });
    return toResponse(outcome.answer, requestId, clock.server(), settings.cors);
  };

  return {
    fetch,
    faults,
    get clockOffsetMs() {
      return clock.clockOffsetMs;
    },
    set clockOffsetMs(value: number) {
      clock.clockOffsetMs = checkClockOffset(value);
    },
    advance(ms: number) {
      clock.advancedMs += checkAdvance(ms);
      if (state.ipn.enabled) state.ipn.track(state.sweep());
    },
    now: () => clock.lifecycle(),
    approveCheckoutSession: (id, buyer) =>
      state.exclusive(async () => approveSession(await sessionCtx(state, store, id), id, buyer)),
    cancelCheckoutSession: (id) =>
      state.exclusive(async () => approveSession(await sessionCtx(state, store, id), id, undefined, 'cancel')),
    createBuyerToken: (buyer, environment = 'sandbox') =>
      state.exclusive(() => createBuyerToken(state.helperCtx(environment), buyer)),
    verifyButtonSignature: (config) => verifyButtonSignature(config, settings.keyFor, settings.subtle),
    store,
    ipnDeliveries: state.ipn.deliveries,
    flushIpns: () => state.ipn.flush(),
    sendSubscriptionConfirmation: () => state.ipn.sendSubscriptionConfirmation(state.ipnOrigin()),
    ipnSubscription: state.ipn.subscription,
    trigger: (triggerOptions) => trigger(triggerDepsOf(state, settings), triggerOptions, state.ipnOrigin()),
  };
}

/**
 * Applies the first scripted fault that matches: its delay, then (`when: 'before'`, the default) a drop or a
 * status instead of the answer, or (`when: 'after'`) the request is answered first and the answer lost.
 */
async function withFaults(
  faults: SandboxFault[],
  request: Request,
  url: URL,
  answer: () => Promise<Outcome>,
): Promise<Outcome> {
  const fault = takeFault(faults, request.method, url.pathname);
  if (fault?.delayMs) await abortableSleep(fault.delayMs, request.signal);
  const before = fault && fault.when !== 'after';
  if (before && fault.drop) throw new SandboxConnectionDropped();
  if (before && fault.status !== undefined)
    return { answer: faultResponse(fault as SandboxFault & { status: number }) };
  const outcome = await answer();
  if (!fault || before) return outcome;
  if (fault.drop) throw new SandboxConnectionDropped();
  if (fault.status === undefined) return outcome;
  return { ...outcome, answer: faultResponse(fault as SandboxFault & { status: number }) };
}

/** One request, without faults: a preflight, a sandbox page or an API call; every failure is an answer. */
async function answer(request: Request, url: URL, settings: SandboxSettings, state: SandboxState): Promise<Outcome> {
  try {
    if (settings.cors && isPreflight(request)) return { answer: preflightAnswer(request) };
    const bytes = await readBody(request, settings.maxBodyBytes);
    checkUrlDecodes(url);
    if (url.pathname === TRIGGER_PATH && request.method === 'POST') {
      // Not in the queue: the setup takes it itself, and the deliveries must let the endpoint's re-fetch in.
      const origin = settings.publicOrigin ?? url.origin;
      return { answer: serialise(await triggerPage(triggerDepsOf(state, settings), bytes, origin)) };
    }
    if (url.pathname.startsWith(UI_PREFIX)) {
      const page = () => handleUi(state.ctxFor(url.origin, 'sandbox'), request.method, url, state.ipn);
      return { answer: serialise(await state.exclusive(page)) };
    }
    return await answerApiCall(request, url, bytes, settings, state);
  } catch (error) {
    return { answer: failureAnswer(error) };
  }
}

/** A helper acting on a Checkout Session works in the session's environment. */
async function sessionCtx(state: SandboxState, store: SandboxStore, id: string): Promise<Ctx> {
  const raw = (await store.get('checkoutSession', id)) as { _env?: Environment } | undefined;
  return state.helperCtx(raw?._env ?? 'sandbox');
}
