/**
 * Charge Permissions: the buyer's consent that charges are made against. Chargeable until closed,
 * hard-declined (NonChargeable, PaymentMethodInvalid) or expired (OneTime: 180 days, or 13 months with
 * extendExpiration). OneTime permissions carry an amount limit that all their charges share.
 */
import { DAY, stamp, stampMs } from '../clock.js';
import { shape } from '../shapes.js';
import { load, ok, present, releaseEnvironment, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { schedule, statusDetails, transition } from '../lifecycle.js';
import type { Price } from '../money.js';
import { body, bool, merchantMetadata, recurringMetadata, str } from '../validate.js';
import { cancelOpenCharges, closeIfFullyCaptured, limitsOf } from './charges.js';
import type { ChargePermissionRecord } from './records.js';

export const ONE_TIME_LIFETIME_MS = 180 * DAY;
export const EXTENDED_LIFETIME_MS = 395 * DAY;
/**
 * Recurring permissions close after 13 months (amazonpay-onboarding.com's Charge Permission page, a
 * partner guide; Amazon's reference says only "after the expiration date"). Saved Wallet permissions
 * have no expiration (`expirationTimestamp: null` in the .NET SDK's sample responses).
 */
export const RECURRING_LIFETIME_MS = 395 * DAY;

function lifetimeOf(input: PermissionInput): number | undefined {
  if (input.chargePermissionType === 'OneTime')
    return input.extendExpiration ? EXTENDED_LIFETIME_MS : ONE_TIME_LIFETIME_MS;
  if (input.chargePermissionType === 'Recurring') return RECURRING_LIFETIME_MS;
  return undefined;
}

export interface PermissionInput {
  chargePermissionType: string;
  presentmentCurrency: string;
  amountLimit: Price | null;
  buyer: Record<string, unknown> | null;
  shippingAddress: Record<string, unknown> | null;
  billingAddress: Record<string, unknown> | null;
  paymentPreferences: Record<string, unknown>[] | null;
  merchantMetadata: Record<string, unknown> | null;
  platformId: string | null;
  recurringMetadata: Record<string, unknown> | null;
  extendExpiration?: boolean;
}

export async function createPermission(ctx: Ctx, input: PermissionInput): Promise<ChargePermissionRecord> {
  const now = ctx.now;
  const lifetime = lifetimeOf(input);
  const permission: ChargePermissionRecord = {
    chargePermissionId: ids.chargePermission(ctx.env),
    chargePermissionReferenceId: null,
    buyer: input.buyer,
    releaseEnvironment: releaseEnvironment(ctx.env),
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress,
    paymentPreferences: input.paymentPreferences,
    statusDetails: statusDetails('Chargeable', now),
    creationTimestamp: stamp(now),
    expirationTimestamp: lifetime === undefined ? null : stamp(now + lifetime),
    merchantMetadata: input.merchantMetadata,
    platformId: input.platformId,
    presentmentCurrency: input.presentmentCurrency,
    chargePermissionType: input.chargePermissionType,
    recurringMetadata: input.recurringMetadata,
    _amountLimit: input.chargePermissionType === 'OneTime' ? input.amountLimit : null,
    _env: ctx.env,
  };
  if (lifetime !== undefined) {
    schedule(
      permission,
      transition(now + lifetime, 'Closed', { reasonCode: 'Expired', ifState: ['Chargeable', 'NonChargeable'] }),
    );
  }
  await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
  return permission;
}

/** Amazon keeps a OneTime permission's buyer details for 30 days after creation, then returns null. */
export const BUYER_DETAILS_RETENTION_MS = 30 * DAY;

export async function presentPermission(
  ctx: Ctx,
  permission: ChargePermissionRecord,
): Promise<Record<string, unknown>> {
  const { state, reasonCode, reasonDescription, lastUpdatedTimestamp } = permission.statusDetails;
  // Internally one reasonCode, like every other object; Amazon shows a Charge Permission's as a list.
  const reasons = reasonCode ? [{ reasonCode, reasonDescription }] : null;
  const expired =
    permission.chargePermissionType === 'OneTime' &&
    ctx.now - stampMs(permission.creationTimestamp) > BUYER_DETAILS_RETENTION_MS;
  return shape('chargePermission', {
    ...present(permission),
    ...(expired ? { buyer: null, shippingAddress: null, billingAddress: null } : {}),
    statusDetails: { state, reasons, lastUpdatedTimestamp },
    merchantMetadata: permission.merchantMetadata ?? {},
    recurringMetadata: permission.recurringMetadata ?? {},
    limits: await limitsOf(ctx, permission),
  });
}

/** Loads a permission, closing it first if its charges captured all of it since the last read (timers). */
async function loadPermission(ctx: Ctx, id: string): Promise<ChargePermissionRecord> {
  const permission = await load<ChargePermissionRecord>(ctx, 'chargePermission', id);
  await closeIfFullyCaptured(ctx, permission);
  return permission;
}

export async function getChargePermission(ctx: Ctx): Promise<HandlerResult> {
  return ok(await presentPermission(ctx, await loadPermission(ctx, ctx.params['chargePermissionId']!)));
}

export async function updateChargePermission(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ merchantMetadata?: Record<string, unknown>; recurringMetadata?: Record<string, unknown> }>(
    { fields: { merchantMetadata, recurringMetadata } },
    ctx.body,
  );
  const permission = await loadPermission(ctx, ctx.params['chargePermissionId']!);
  if (permission.statusDetails.state === 'Closed') {
    throw new ApiError(
      'InvalidChargePermissionStatus',
      `Charge Permission ${permission.chargePermissionId} is Closed and can no longer be updated.`,
    );
  }
  if (input.recurringMetadata && permission.chargePermissionType !== 'Recurring') {
    throw new ApiError(
      'ChargePermissionNotModifiable',
      `recurringMetadata can only be set on a Recurring Charge Permission; ` +
        `${permission.chargePermissionId} is ${permission.chargePermissionType}.`,
    );
  }
  if (input.merchantMetadata)
    permission.merchantMetadata = { ...permission.merchantMetadata, ...input.merchantMetadata };
  if (input.recurringMetadata)
    permission.recurringMetadata = { ...permission.recurringMetadata, ...input.recurringMetadata };
  await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
  return ok(await presentPermission(ctx, permission));
}

export async function closeChargePermission(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ closureReason?: string; cancelPendingCharges?: boolean }>(
    { fields: { closureReason: str({ max: 255 }), cancelPendingCharges: bool } },
    ctx.body,
  );
  const permission = await loadPermission(ctx, ctx.params['chargePermissionId']!);
  if (permission.statusDetails.state === 'Closed') {
    throw new ApiError(
      'InvalidChargePermissionStatus',
      `Charge Permission ${permission.chargePermissionId} is already Closed (${permission.statusDetails.reasonCode}).`,
    );
  }
  if (input.cancelPendingCharges) await cancelOpenCharges(ctx, permission.chargePermissionId);
  delete permission._timers;
  permission.statusDetails = statusDetails(
    'Closed',
    ctx.now,
    ctx.simulation === 'AmazonClosed' ? 'AmazonClosed' : 'MerchantClosed',
    input.closureReason ?? null,
  );
  await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
  return ok(await presentPermission(ctx, permission));
}
