/**
 * `sandbox.trigger()`, like `stripe trigger`: creates the object an event is about through the sandbox's own
 * operations (a checkout, then the call that brings the object to the event's state), so a signed GET of
 * it finds it, then POSTs one SNS-signed IPN for it to a URL, optionally several times, paced, and with the
 * IPNs of the object's earlier states after it (out of order). Setup writes send no IPN of their own.
 */
import { find, type Ctx, type HandlerResult } from '../context.js';
import { ApiError, SandboxConfigError } from '../errors.js';
import { ids } from '../ids.js';
import { approveSession } from '../resources/checkoutSessions.js';
import { ROUTES, type OperationName } from '../routes.js';
import type { SandboxSettings } from '../settings.js';
import type { SandboxState } from '../state.js';
import type { RecordKind, SandboxStore } from '../store.js';
import type { IpnEmitter, SandboxIpnDelivery } from './emitter.js';
import type { SandboxIpnMessage } from './envelope.js';
import { watchStore, type StateChange } from './watch.js';

/** What a trigger's setup has made so far. */
interface Made {
  chargePermissionId: string;
  chargeId: string | null;
}

type Call = (
  operation: OperationName,
  input: { params?: Record<string, string>; body?: unknown; simulation?: string },
) => Promise<Record<string, unknown>>;

interface EventSpec {
  objectType: SandboxIpnMessage['ObjectType'];
  notificationType: SandboxIpnMessage['NotificationType'];
  /** One line for `--help`. */
  summary: string;
  /** The checkout's paymentIntent: Confirm makes a Charge Permission only, the others a Charge too. */
  intent: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture';
  /** The call after checkout that brings the object to the event's state; resolves with a new object's id. */
  then?: (call: Call, made: Made) => Promise<string | void>;
}

const AMOUNT = { amount: '19.99', currencyCode: 'USD' };
const idOf = (body: Record<string, unknown>, field: string) => String(body[field]);

/**
 * The events `trigger` knows, by name: every ObjectType / NotificationType pair of Amazon Pay's IPN
 * message (protocol section 9.1), with the states a merchant's code most often branches on.
 */
export const TRIGGER_EVENTS = {
  'charge_permission.chargeable': {
    objectType: 'CHARGE_PERMISSION',
    notificationType: 'STATE_CHANGE',
    summary: 'a checkout completed: the Charge Permission is Chargeable',
    intent: 'Confirm',
  },
  'charge_permission.updated': {
    objectType: 'CHARGE_PERMISSION',
    notificationType: 'ATTRIBUTE_CHANGE',
    summary: 'a Chargeable Charge Permission whose details changed (merchantMetadata updated)',
    intent: 'Confirm',
    then: async (call, made) => {
      await call('updateChargePermission', {
        params: { chargePermissionId: made.chargePermissionId },
        body: { merchantMetadata: { merchantReferenceId: `trigger-${crypto.randomUUID().slice(0, 8)}` } },
      });
    },
  },
  'charge_permission.closed': {
    objectType: 'CHARGE_PERMISSION',
    notificationType: 'STATE_CHANGE',
    summary: 'the merchant closed the Charge Permission: Closed',
    intent: 'Confirm',
    then: async (call, made) => {
      await call('closeChargePermission', {
        params: { chargePermissionId: made.chargePermissionId },
        body: { closureReason: 'Closed by amazon-pay-edge trigger', cancelPendingCharges: true },
      });
    },
  },
  'charge.authorized': {
    objectType: 'CHARGE',
    notificationType: 'STATE_CHANGE',
    summary: 'a checkout with paymentIntent Authorize: the Charge is Authorized',
    intent: 'Authorize',
  },
  'charge.captured': {
    objectType: 'CHARGE',
    notificationType: 'STATE_CHANGE',
    summary: 'an Authorized Charge was captured: Captured',
    intent: 'Authorize',
    then: async (call, made) => {
      await call('captureCharge', { params: { chargeId: made.chargeId! }, body: { captureAmount: AMOUNT } });
    },
  },
  'charge.declined': {
    objectType: 'CHARGE',
    notificationType: 'STATE_CHANGE',
    summary: 'a Create Charge with pending authorization was declined (SoftDeclined): Declined',
    intent: 'Confirm',
    then: async (call, made) =>
      idOf(
        await call('createCharge', {
          body: {
            chargePermissionId: made.chargePermissionId,
            chargeAmount: AMOUNT,
            canHandlePendingAuthorization: true,
          },
          simulation: 'SoftDeclined',
        }),
        'chargeId',
      ),
  },
  'charge.canceled': {
    objectType: 'CHARGE',
    notificationType: 'STATE_CHANGE',
    summary: 'the merchant canceled an Authorized Charge: Canceled',
    intent: 'Authorize',
    then: async (call, made) => {
      await call('cancelCharge', {
        params: { chargeId: made.chargeId! },
        body: { cancellationReason: 'Canceled by amazon-pay-edge trigger' },
      });
    },
  },
  'refund.refunded': {
    objectType: 'REFUND',
    notificationType: 'STATE_CHANGE',
    summary: 'a captured Charge was refunded: the Refund is Refunded',
    intent: 'AuthorizeWithCapture',
    then: async (call, made) =>
      idOf(await call('createRefund', { body: { chargeId: made.chargeId!, refundAmount: AMOUNT } }), 'refundId'),
  },
  'refund.declined': {
    objectType: 'REFUND',
    notificationType: 'STATE_CHANGE',
    summary: 'Amazon rejected a Refund (AmazonRejected): Declined',
    intent: 'AuthorizeWithCapture',
    then: async (call, made) =>
      idOf(
        await call('createRefund', {
          body: { chargeId: made.chargeId!, refundAmount: AMOUNT },
          simulation: 'AmazonRejected',
        }),
        'refundId',
      ),
  },
  'chargeback.created': {
    objectType: 'CHARGEBACK',
    notificationType: 'STATE_CHANGE',
    summary: 'a chargeback on a captured Charge (no API returns it: look it up in Seller Central)',
    intent: 'AuthorizeWithCapture',
  },
} as const satisfies Record<string, EventSpec>;

/** The name of an event `trigger` can send, e.g. `charge.captured`. */
export type SandboxTriggerEvent = keyof typeof TRIGGER_EVENTS;

/** What `sandbox.trigger()` takes. */
export interface SandboxTriggerOptions {
  /** Which IPN (see `TRIGGER_EVENTS`), e.g. `'charge.captured'`. */
  event: SandboxTriggerEvent;
  /** The IPN endpoint: an absolute http(s) URL. */
  to: string;
  /** How many more times each IPN is delivered after the first (SNS duplicates); default 0. */
  duplicates?: number;
  /** Pause before each delivery after the first, in ms; default 0. */
  delayMs?: number;
  /**
   * Also send the IPNs of the object's earlier states (and of the objects the setup made), newest first,
   * after the event's own: what an endpoint sees when SNS delivers out of order. Default false.
   */
  outOfOrder?: boolean;
  /** POSTs each delivery instead of the global `fetch` (an in-process endpoint). */
  deliver?: (request: Request) => Promise<Response>;
}

/** What `sandbox.trigger()` resolves with. */
export interface SandboxTriggerResult {
  event: SandboxTriggerEvent;
  /** The IPN the event names. */
  message: SandboxIpnMessage;
  /** Every POST, in order, each with its `status` or `error`. */
  deliveries: SandboxIpnDelivery[];
  /** Every delivery was answered with a 2xx. */
  ok: boolean;
}

/** What `trigger` needs from the sandbox it runs in: its store, queue and IPN emitter. */
export const triggerDepsOf = (state: SandboxState, settings: SandboxSettings): TriggerDeps => ({
  ipn: state.ipn,
  store: settings.store,
  merchantId: settings.merchantId,
  ctxFor: (origin) => state.ctxFor(origin, 'sandbox'),
  exclusive: state.exclusive,
});

/** What `trigger` needs from the sandbox it runs in. */
export interface TriggerDeps {
  ipn: IpnEmitter;
  store: SandboxStore;
  merchantId: string;
  /** A context for the setup's operations at `origin` (the sandbox environment). */
  ctxFor(origin: string): Ctx;
  /** Runs `fn` while no API operation runs (the setup); deliveries run outside it, so a re-fetch can answer. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

const KIND_OF: Partial<Record<SandboxIpnMessage['ObjectType'], RecordKind>> = {
  CHARGE_PERMISSION: 'chargePermission',
  CHARGE: 'charge',
  REFUND: 'refund',
};

const MAX_DUPLICATES = 100;
const MAX_DELAY_MS = 600_000;

function checkCount(field: string, value: unknown, max: number): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw new SandboxConfigError(
      `trigger.${field}`,
      `${field} must be a whole number from 0 to ${max}; got ${String(value)}.`,
    );
  return value;
}

/** Checks trigger options before anything is created or sent. */
export function checkTriggerOptions(options: SandboxTriggerOptions): EventSpec {
  if (typeof options !== 'object' || options === null)
    throw new SandboxConfigError('trigger', 'trigger takes { event, to, duplicates?, delayMs?, outOfOrder? }.');
  const spec: EventSpec | undefined = Object.hasOwn(TRIGGER_EVENTS, options.event)
    ? TRIGGER_EVENTS[options.event]
    : undefined;
  if (!spec)
    throw new SandboxConfigError(
      'trigger.event',
      `Unknown event ${JSON.stringify(options.event)}; use one of ${Object.keys(TRIGGER_EVENTS).join(', ')}.`,
    );
  let url: URL | undefined;
  try {
    url = new URL(options.to);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new SandboxConfigError(
      'trigger.to',
      `to must be an absolute http(s) URL; got ${JSON.stringify(options.to)}.`,
    );
  checkCount('duplicates', options.duplicates, MAX_DUPLICATES);
  checkCount('delayMs', options.delayMs, MAX_DELAY_MS);
  if (options.deliver !== undefined && typeof options.deliver !== 'function')
    throw new SandboxConfigError(
      'trigger.deliver',
      'deliver must be a function (request: Request) => Promise<Response>.',
    );
  return spec;
}

/** Makes the event's object; resolves with its message fields and the state changes the setup made, in order. */
async function setup(deps: TriggerDeps, spec: EventSpec, origin: string) {
  const changes: StateChange[] = [];
  const base = deps.ctxFor(origin);
  // Zero delays: pending states (RefundInitiated, AuthorizationInitiated) settle on the next read.
  const ctx: Ctx = {
    ...base,
    store: watchStore(deps.store, (change) => changes.push(change)),
    delays: { authorizationMs: 0, captureMs: 0, refundMs: 0, reportMs: 0 },
  };
  const call: Call = async (operation, input) => {
    const route = ROUTES.find((r) => r.operation === operation)!;
    const result = await route.handler({
      ...ctx,
      params: input.params ?? {},
      body: input.body,
      simulation: input.simulation,
    });
    return result.body as Record<string, unknown>;
  };
  const session = await call('createCheckoutSession', {
    body: {
      webCheckoutDetails: {
        checkoutMode: 'ProcessOrder',
        checkoutResultReturnUrl: `${origin}/sandbox-ui/merchant/result`,
      },
      storeId: 'amzn1.application-oa2-client.sandbox-trigger',
      paymentDetails: { paymentIntent: spec.intent, chargeAmount: AMOUNT },
    },
  });
  const checkoutSessionId = idOf(session, 'checkoutSessionId');
  await approveSession(ctx, checkoutSessionId, undefined);
  const completed = await call('completeCheckoutSession', {
    params: { checkoutSessionId },
    body: { chargeAmount: AMOUNT },
  });
  const made: Made = {
    chargePermissionId: idOf(completed, 'chargePermissionId'),
    chargeId: typeof completed['chargeId'] === 'string' ? completed['chargeId'] : null,
  };
  const created = (await spec.then?.(call, made)) ?? undefined;
  const objectId =
    spec.objectType === 'CHARGE_PERMISSION'
      ? made.chargePermissionId
      : spec.objectType === 'CHARGE'
        ? (created ?? made.chargeId!)
        : spec.objectType === 'REFUND'
          ? created!
          : ids.dispute(ctx.env);
  const kind = KIND_OF[spec.objectType];
  if (kind) await find(ctx, kind, objectId); // applies the zero-delay timers, recording their changes
  const target: StateChange = {
    ObjectType: spec.objectType,
    ObjectId: objectId,
    ChargePermissionId: made.chargePermissionId,
  };
  return { target, changes };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `sandbox.trigger()`: see `SandboxTriggerOptions`. `origin` is where the endpoint finds the sandbox. */
export async function trigger(
  deps: TriggerDeps,
  options: SandboxTriggerOptions,
  origin: string,
): Promise<SandboxTriggerResult> {
  const spec = checkTriggerOptions(options);
  const { target, changes } = await deps.exclusive(() => setup(deps, spec, origin));
  const messageOf = (
    change: StateChange,
    notificationType: SandboxIpnMessage['NotificationType'],
  ): SandboxIpnMessage => ({
    MerchantID: deps.merchantId,
    ...change,
    NotificationType: notificationType,
    NotificationId: crypto.randomUUID(),
    NotificationVersion: 'V2',
  });
  const message = messageOf(target, spec.notificationType);
  // A STATE_CHANGE event's own change is the last one recorded for its object; the others went before it.
  // An ATTRIBUTE_CHANGE is no state change: every recorded change went before it.
  let own = spec.notificationType === 'STATE_CHANGE' ? changes.length - 1 : -1;
  while (own >= 0 && !(changes[own]!.ObjectType === target.ObjectType && changes[own]!.ObjectId === target.ObjectId))
    own--;
  const earlier = options.outOfOrder ? changes.filter((_, i) => i !== own).reverse() : [];
  const signed: SandboxIpnDelivery[] = [];
  for (const m of [message, ...earlier.map((c) => messageOf(c, 'STATE_CHANGE'))])
    signed.push(await deps.ipn.signNotification(m, origin));
  const deliveries: SandboxIpnDelivery[] = [];
  const rounds = 1 + (options.duplicates ?? 0);
  for (let round = 0; round < rounds; round++) {
    for (const record of signed) {
      if (deliveries.length > 0 && options.delayMs) await sleep(options.delayMs);
      deliveries.push(await deps.ipn.redeliver(record, options.to, options.deliver));
    }
  }
  const ok = deliveries.every((d) => d.status !== undefined && d.status >= 200 && d.status < 300);
  return { event: options.event, message, deliveries, ok };
}

/** The JSON the trigger page answers with (and the CLI prints with `--json`): no bodies or signatures. */
export function summarizeTrigger(result: SandboxTriggerResult) {
  return {
    event: result.event,
    ok: result.ok,
    objectType: result.message.ObjectType,
    objectId: result.message.ObjectId,
    chargePermissionId: result.message.ChargePermissionId,
    notificationType: result.message.NotificationType,
    notificationId: result.message.NotificationId,
    deliveries: result.deliveries.map((d) => ({
      objectType: d.message!.ObjectType,
      objectId: d.message!.ObjectId,
      notificationId: d.message!.NotificationId,
      messageId: d.envelope['MessageId']!,
      url: d.url!,
      ...(d.status !== undefined ? { status: d.status } : {}),
      ...(d.error !== undefined ? { error: d.error } : {}),
    })),
  };
}

/** The summary as JSON; see `summarizeTrigger`. */
export type SandboxTriggerSummary = ReturnType<typeof summarizeTrigger>;

/** The unsigned page a running sandbox serves for the CLI: POST JSON `SandboxTriggerOptions` (without `deliver`). */
export const TRIGGER_PATH = '/sandbox-ui/trigger';

/** `POST /sandbox-ui/trigger`: runs `trigger` from a JSON body; a bad option is a 400 before anything is made. */
export async function triggerPage(deps: TriggerDeps, bytes: Uint8Array, origin: string): Promise<HandlerResult> {
  let input: unknown;
  try {
    input = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError(
      'InvalidRequestFormat',
      `POST ${TRIGGER_PATH} takes JSON: { event, to, duplicates?, delayMs?, outOfOrder? }.`,
    );
  }
  const { event, to, duplicates, delayMs, outOfOrder } = (input ?? {}) as Record<string, unknown>;
  try {
    const result = await trigger(
      deps,
      { event, to, duplicates, delayMs, outOfOrder: outOfOrder === true } as SandboxTriggerOptions,
      origin,
    );
    return { status: 200, body: summarizeTrigger(result) };
  } catch (error) {
    if (error instanceof SandboxConfigError) throw new ApiError('InvalidParameterValue', error.message);
    throw error;
  }
}
