/**
 * Charges: authorize (and optionally capture) against a Chargeable permission, capture once (partially
 * or fully, never above the authorized amount), cancel while authorized, and the PSP status update.
 *
 *   AuthorizationInitiated --(authorizationMs)--> Authorized | Captured | Declined
 *   Authorized --capture--> Captured | CaptureInitiated --(captureMs)--> Captured
 *   Authorized --cancel / 30 days unused--> Canceled
 */
import { DAY, stamp, stampMs } from '../clock.js';
import { shape } from '../shapes.js';
import { list, load, ok, present, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { clearTimers, schedule, statusDetails, transition } from '../lifecycle.js';
import { fromMinor, sameCurrency, sum, toMinor, type Price } from '../money.js';
import { DECLINE_CODES } from '../simulation.js';
import { body, bool, merchantMetadata, obj, price, providerMetadata, softDescriptor, str } from '../validate.js';
import type { ChargePermissionRecord, ChargeRecord, RefundRecord } from './records.js';

export const AUTHORIZATION_LIFETIME_MS = 30 * DAY;
/** Amazon: at most 25 charges on one OneTime Charge Permission. */
export const MAX_CHARGES_PER_ONE_TIME_PERMISSION = 25;
/**
 * A capture more than 7 days after the authorization goes through CaptureInitiated first (Amazon's Charge reference).
 */
export const SYNC_CAPTURE_WINDOW_MS = 7 * DAY;
const PENDING_STATES = ['AuthorizationInitiated', 'Authorized'];

/** What a charge takes from its permission's amount limit right now. */
function consumedMinor(charge: ChargeRecord): number {
  switch (charge.statusDetails.state) {
    case 'Captured':
    case 'CaptureInitiated':
      return toMinor(charge.captureAmount ?? charge.chargeAmount);
    case 'Authorized':
    case 'AuthorizationInitiated':
      return toMinor(charge.chargeAmount);
    default:
      return 0;
  }
}

export async function chargesOf(ctx: Ctx, chargePermissionId: string): Promise<ChargeRecord[]> {
  return list<ChargeRecord>(ctx, 'charge', 'chargeId', (c) => c.chargePermissionId === chargePermissionId);
}

/** The permission's `limits` as shown: OneTime permissions have an amount limit and what is left of it. */
export async function limitsOf(
  ctx: Ctx,
  permission: ChargePermissionRecord,
): Promise<{ amountLimit: Price | null; amountBalance: Price | null }> {
  const limit = permission._amountLimit;
  if (!limit) return { amountLimit: null, amountBalance: null };
  const used = (await chargesOf(ctx, permission.chargePermissionId)).reduce((t, c) => t + consumedMinor(c), 0);
  return { amountLimit: limit, amountBalance: fromMinor(Math.max(0, toMinor(limit) - used), limit.currencyCode) };
}

export async function presentCharge(ctx: Ctx, charge: ChargeRecord): Promise<Record<string, unknown>> {
  const refunds = await list<RefundRecord>(
    ctx,
    'refund',
    'refundId',
    (r) => r.chargeId === charge.chargeId && r.statusDetails.state === 'Refunded',
  );
  return shape('charge', {
    ...present(charge),
    providerMetadata: charge.providerMetadata ?? {},
    merchantMetadata: charge.merchantMetadata ?? {},
    refundedAmount: sum(
      charge.chargeAmount.currencyCode,
      refunds.map((r) => r.refundAmount),
    ),
  });
}

export interface ChargeInput {
  chargeAmount: Price;
  captureNow?: boolean;
  softDescriptor?: string;
  canHandlePendingAuthorization?: boolean;
  merchantMetadata?: Record<string, unknown>;
  providerMetadata?: Record<string, unknown>;
  platformId?: string;
  chargeInitiator?: string;
  channel?: string;
  webCheckoutDetails?: Record<string, unknown>;
  referenceId?: string;
}

/**
 * Authorizes a charge on a permission (the one path for Create Charge, Complete Checkout Session and
 * In-Store charge). A synchronous decline throws the decline's reason code and creates nothing.
 */
export async function authorizeCharge(
  ctx: Ctx,
  permission: ChargePermissionRecord,
  input: ChargeInput,
  simulation: string | undefined,
): Promise<ChargeRecord> {
  if (permission.statusDetails.state !== 'Chargeable') {
    throw new ApiError(
      'InvalidChargePermissionStatus',
      `Charge Permission ${permission.chargePermissionId} is ${permission.statusDetails.state}` +
        `${permission.statusDetails.reasonCode ? ` (${permission.statusDetails.reasonCode})` : ''}; ` +
        `charges need a Chargeable permission.`,
    );
  }
  sameCurrency(input.chargeAmount, permission.presentmentCurrency, 'chargeAmount');
  if (toMinor(input.chargeAmount) <= 0)
    throw new ApiError(
      'InvalidParameterValue',
      'The value provided for chargeAmount.amount is invalid: it must be greater than zero.',
    );
  if (input.softDescriptor !== undefined && !input.captureNow) {
    throw new ApiError('InvalidParameterCombination', 'softDescriptor can only be set together with captureNow: true.');
  }
  if (permission.chargePermissionType === 'OneTime') {
    const count = (await chargesOf(ctx, permission.chargePermissionId)).length;
    if (count >= MAX_CHARGES_PER_ONE_TIME_PERMISSION) {
      throw new ApiError(
        'TransactionCountExceeded',
        `Charge Permission ${permission.chargePermissionId} already has ${count} charges, the ` +
          `most a OneTime permission allows.`,
      );
    }
  }
  const { amountBalance } = await limitsOf(ctx, permission);
  if (amountBalance && toMinor(input.chargeAmount) > toMinor(amountBalance)) {
    throw new ApiError(
      'TransactionAmountExceeded',
      `chargeAmount ${input.chargeAmount.amount} ${input.chargeAmount.currencyCode} exceeds what ` +
        `is left on Charge Permission ${permission.chargePermissionId} (${amountBalance.amount} ` +
        `${amountBalance.currencyCode}).`,
    );
  }
  const pendingAllowed = input.canHandlePendingAuthorization === true;
  if (simulation === 'AuthorizationInitiated' && !pendingAllowed) {
    throw new ApiError(
      'InvalidSandboxSimulationSpecified',
      'AuthorizationInitiated needs canHandlePendingAuthorization: true.',
    );
  }
  if (simulation === 'CaptureInitiated' && !input.captureNow) {
    throw new ApiError('InvalidSandboxSimulationSpecified', 'CaptureInitiated needs captureNow: true.');
  }
  const decline = simulation && DECLINE_CODES.includes(simulation) ? simulation : undefined;
  if (decline && !pendingAllowed) {
    if (decline === 'HardDeclined') await makeNonChargeable(ctx, permission, ctx.now);
    throw new ApiError(decline as 'HardDeclined', declineMessage(decline));
  }

  const now = ctx.now;
  const captured = input.captureNow === true;
  const charge: ChargeRecord = {
    chargeId: ids.charge(permission.chargePermissionId),
    chargePermissionId: permission.chargePermissionId,
    chargeAmount: input.chargeAmount,
    captureAmount: null,
    convertedAmount: null,
    conversionRate: null,
    channel: input.channel ?? null,
    chargeInitiator: input.chargeInitiator ?? null,
    softDescriptor: input.softDescriptor ?? null,
    captureNow: captured,
    canHandlePendingAuthorization: pendingAllowed,
    merchantMetadata: input.merchantMetadata ?? null,
    providerMetadata: input.providerMetadata ?? null,
    platformId: input.platformId ?? null,
    statusDetails: statusDetails('Authorized', now),
    creationTimestamp: stamp(now),
    expirationTimestamp: stamp(now + AUTHORIZATION_LIFETIME_MS),
    releaseEnvironment: permission.releaseEnvironment,
    webCheckoutDetails: input.webCheckoutDetails ?? null,
    _env: ctx.env,
  };
  if (input.referenceId !== undefined) charge._referenceId = input.referenceId;
  const capturedPatch = { captureAmount: input.chargeAmount };

  if (decline || simulation === 'AuthorizationInitiated') {
    const at = now + ctx.delays.authorizationMs;
    charge.statusDetails = statusDetails('AuthorizationInitiated', now);
    if (decline) {
      schedule(
        charge,
        transition(at, 'Declined', {
          reasonCode: decline,
          reasonDescription: declineMessage(decline),
          ifState: ['AuthorizationInitiated'],
        }),
      );
      if (decline === 'HardDeclined') {
        schedule(permission, nonChargeableTimer(at));
        await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
      }
    } else {
      schedule(
        charge,
        transition(at, captured ? 'Captured' : 'Authorized', {
          ifState: ['AuthorizationInitiated'],
          patch: captured ? capturedPatch : {},
        }),
      );
      if (!captured) scheduleExpiry(charge, at);
    }
  } else if (simulation === 'CaptureInitiated') {
    charge.statusDetails = statusDetails('CaptureInitiated', now);
    charge.captureAmount = input.chargeAmount;
    schedule(charge, transition(now + ctx.delays.captureMs, 'Captured', { ifState: ['CaptureInitiated'] }));
  } else if (captured) {
    charge.statusDetails = statusDetails('Captured', now);
    charge.captureAmount = input.chargeAmount;
  } else {
    scheduleExpiry(charge, now);
  }
  await save(ctx, 'charge', charge.chargeId, charge);
  if (charge.statusDetails.state === 'Captured') await closeIfFullyCaptured(ctx, permission);
  return charge;
}

/**
 * A OneTime permission closes once all of its amount limit has been captured ("The one-time Charge
 * Permission will move to a Closed state after the total order amount has been captured", Amazon's
 * Charge Permission reference). The reason code for it is not in the material we could read in full;
 * `AmazonClosed` (Amazon closed it, not the merchant) is the sandbox's choice.
 */
export async function closeIfFullyCaptured(ctx: Ctx, permission: ChargePermissionRecord): Promise<void> {
  const limit = permission._amountLimit;
  if (permission.chargePermissionType !== 'OneTime' || !limit || permission.statusDetails.state !== 'Chargeable')
    return;
  const captured = (await chargesOf(ctx, permission.chargePermissionId))
    .filter((c) => c.statusDetails.state === 'Captured' && c.captureAmount)
    .reduce((t, c) => t + toMinor(c.captureAmount!), 0);
  if (captured < toMinor(limit)) return;
  clearTimers(permission);
  permission.statusDetails = statusDetails(
    'Closed',
    ctx.now,
    'AmazonClosed',
    'The total order amount has been captured.',
  );
  await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
}

function scheduleExpiry(charge: ChargeRecord, authorizedAt: number): void {
  charge.expirationTimestamp = stamp(authorizedAt + AUTHORIZATION_LIFETIME_MS);
  schedule(
    charge,
    transition(authorizedAt + AUTHORIZATION_LIFETIME_MS, 'Canceled', {
      reasonCode: 'ExpiredUnused',
      ifState: ['Authorized'],
    }),
  );
}

function declineMessage(code: string): string {
  return (
    (
      {
        SoftDeclined: 'The payment was declined; the buyer may retry with the same or another payment method.',
        HardDeclined: 'The payment was declined; the buyer must choose another payment method.',
        AmazonRejected: 'Amazon has rejected the transaction.',
        TransactionTimedOut: 'The authorization could not be completed in time.',
      } as Record<string, string>
    )[code] ?? 'The payment was declined.'
  );
}

function nonChargeableTimer(at: number) {
  return transition(at, 'NonChargeable', {
    reasonCode: 'PaymentMethodInvalid',
    reasonDescription: 'The last payment method was hard-declined.',
    ifState: ['Chargeable'],
  });
}

async function makeNonChargeable(ctx: Ctx, permission: ChargePermissionRecord, at: number): Promise<void> {
  permission.statusDetails = statusDetails(
    'NonChargeable',
    at,
    'PaymentMethodInvalid',
    'The last payment method was hard-declined.',
  );
  await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
}

const createChargeShape = {
  fields: {
    chargePermissionId: str({ max: 64 }),
    chargeAmount: price,
    captureNow: bool,
    softDescriptor,
    canHandlePendingAuthorization: bool,
    merchantMetadata,
    providerMetadata,
    platformId: str({ max: 64 }),
    chargeInitiator: str({ oneOf: ['CITU', 'MITU', 'CITR', 'MITR'] }),
    channel: str({ oneOf: ['Web', 'Phone', 'App', 'Alexa', 'PointOfSale', 'FireTv', 'Offline', 'Amazon'] }),
    webCheckoutDetails: obj({ fields: { checkoutResultReturnUrl: str({ max: 1024 }) } }),
  },
  required: ['chargePermissionId', 'chargeAmount'],
};

export async function createCharge(ctx: Ctx): Promise<HandlerResult> {
  const input = body<ChargeInput & { chargePermissionId: string }>(createChargeShape, ctx.body);
  const permission = await load<ChargePermissionRecord>(ctx, 'chargePermission', input.chargePermissionId);
  const charge = await authorizeCharge(ctx, permission, input, ctx.simulation);
  return ok(await presentCharge(ctx, charge), 201);
}

export async function getCharge(ctx: Ctx): Promise<HandlerResult> {
  return ok(await presentCharge(ctx, await load<ChargeRecord>(ctx, 'charge', ctx.params['chargeId']!)));
}

const captureShape = { fields: { captureAmount: price, softDescriptor }, required: ['captureAmount'] };

export async function captureCharge(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ captureAmount: Price; softDescriptor?: string }>(captureShape, ctx.body);
  const charge = await load<ChargeRecord>(ctx, 'charge', ctx.params['chargeId']!);
  if (charge.statusDetails.state !== 'Authorized') {
    throw new ApiError(
      'InvalidChargeStatus',
      `Charge ${charge.chargeId} is ${charge.statusDetails.state}; only an Authorized charge can be captured.`,
    );
  }
  sameCurrency(input.captureAmount, charge.chargeAmount.currencyCode, 'captureAmount');
  if (toMinor(input.captureAmount) <= 0)
    throw new ApiError(
      'InvalidParameterValue',
      'The value provided for captureAmount.amount is invalid: it must be greater than zero.',
    );
  if (toMinor(input.captureAmount) > toMinor(charge.chargeAmount)) {
    throw new ApiError(
      'TransactionAmountExceeded',
      `captureAmount ${input.captureAmount.amount} is more than the authorized chargeAmount ` +
        `${charge.chargeAmount.amount} ${charge.chargeAmount.currencyCode}.`,
    );
  }
  clearTimers(charge);
  charge.captureAmount = input.captureAmount;
  if (input.softDescriptor !== undefined) charge.softDescriptor = input.softDescriptor;
  const authorizedAt = stampMs(charge.statusDetails.lastUpdatedTimestamp);
  if (ctx.simulation === 'CaptureInitiated' || ctx.now - authorizedAt > SYNC_CAPTURE_WINDOW_MS) {
    charge.statusDetails = statusDetails('CaptureInitiated', ctx.now);
    schedule(charge, transition(ctx.now + ctx.delays.captureMs, 'Captured', { ifState: ['CaptureInitiated'] }));
  } else {
    charge.statusDetails = statusDetails('Captured', ctx.now);
  }
  await save(ctx, 'charge', charge.chargeId, charge);
  if (charge.statusDetails.state === 'Captured')
    await closeIfFullyCaptured(
      ctx,
      await load<ChargePermissionRecord>(ctx, 'chargePermission', charge.chargePermissionId),
    );
  return ok(await presentCharge(ctx, charge));
}

export async function cancelCharge(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ cancellationReason?: string }>({ fields: { cancellationReason: str({ max: 255 }) } }, ctx.body);
  const charge = await load<ChargeRecord>(ctx, 'charge', ctx.params['chargeId']!);
  if (!PENDING_STATES.includes(charge.statusDetails.state)) {
    throw new ApiError(
      'InvalidChargeStatus',
      `Charge ${charge.chargeId} is ${charge.statusDetails.state}; only an ` +
        `AuthorizationInitiated or Authorized charge can be canceled.`,
    );
  }
  clearTimers(charge);
  charge.statusDetails = statusDetails('Canceled', ctx.now, 'MerchantCanceled', input.cancellationReason ?? null);
  await save(ctx, 'charge', charge.chargeId, charge);
  return ok(await presentCharge(ctx, charge));
}

/** Cancels a permission's open charges (Close Charge Permission with cancelPendingCharges). */
export async function cancelOpenCharges(ctx: Ctx, chargePermissionId: string): Promise<void> {
  for (const charge of await chargesOf(ctx, chargePermissionId)) {
    if (!PENDING_STATES.includes(charge.statusDetails.state)) continue;
    clearTimers(charge);
    charge.statusDetails = statusDetails('Canceled', ctx.now, 'ChargePermissionCanceled');
    await save(ctx, 'charge', charge.chargeId, charge);
  }
}

/** PSP status updates: the transitions a processor may report. */
const UPDATE_TRANSITIONS: Record<string, readonly string[]> = {
  AuthorizationInitiated: ['Authorized', 'Declined', 'Canceled'],
  Authorized: ['Captured', 'Canceled', 'Declined'],
  CaptureInitiated: ['Captured', 'Declined'],
};

export async function updateCharge(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ statusDetails: { state: string; reasonCode?: string } }>(
    {
      fields: {
        statusDetails: obj({
          fields: {
            state: str({
              oneOf: ['AuthorizationInitiated', 'Authorized', 'CaptureInitiated', 'Captured', 'Canceled', 'Declined'],
            }),
            reasonCode: str({ max: 64 }),
          },
          required: ['state'],
        }),
      },
      required: ['statusDetails'],
    },
    ctx.body,
  );
  const charge = await load<ChargeRecord>(ctx, 'charge', ctx.params['chargeId']!);
  const from = charge.statusDetails.state;
  const to = input.statusDetails.state;
  if (!UPDATE_TRANSITIONS[from]?.includes(to)) {
    throw new ApiError('InvalidChargeStatus', `Charge ${charge.chargeId} is ${from} and cannot be updated to ${to}.`);
  }
  clearTimers(charge);
  charge.statusDetails = statusDetails(to, ctx.now, input.statusDetails.reasonCode ?? null);
  if (to === 'Captured' && !charge.captureAmount) charge.captureAmount = charge.chargeAmount;
  await save(ctx, 'charge', charge.chargeId, charge);
  return ok(await presentCharge(ctx, charge));
}
