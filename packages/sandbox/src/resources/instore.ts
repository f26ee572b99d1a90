/**
 * In-Store: a merchant scan turns a buyer's code into a Chargeable permission; the in-store charge
 * authorizes and captures at once; the in-store refund is a normal refund. Reference ids (scan, charge,
 * refund) must be unique per merchant.
 */
import { find, load, ok, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import type { Price } from '../money.js';
import { any, body, obj, price, softDescriptor, str } from '../validate.js';
import { authorizeCharge } from './charges.js';
import { createPermission } from './chargePermissions.js';
import type { ChargePermissionRecord } from './records.js';
import { refundCharge } from './refunds.js';

/** Checks that a reference id is new; the returned function records it once the operation succeeded. */
async function newReference(ctx: Ctx, kind: string, referenceId: string): Promise<() => Promise<void>> {
  const key = `${kind}:${referenceId}`;
  if (await find(ctx, 'inStoreReference', key)) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value provided for ${kind} is invalid: ${referenceId} was used before; each reference id must be unique.`,
    );
  }
  return () => save(ctx, 'inStoreReference', key, { _env: ctx.env });
}

const metadata = any;

export async function merchantScan(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ scanData: string; scanReferenceId: string; ledgerCurrency: string; merchantCOE: string }>(
    {
      fields: {
        scanData: str({ max: 2048 }),
        scanReferenceId: str({ max: 32 }),
        ledgerCurrency: str({ oneOf: ['GBP', 'EUR', 'JPY', 'USD'] }),
        merchantCOE: str({ pattern: /^[A-Z]{2}$/ }),
        storeLocation: obj({ fields: { countryCode: str({ pattern: /^[A-Z]{2}$/ }), state: str({ max: 64 }) } }),
        metadata,
      },
      required: ['scanData', 'scanReferenceId', 'ledgerCurrency', 'merchantCOE'],
    },
    ctx.body,
  );
  const claim = await newReference(ctx, 'scanReferenceId', input.scanReferenceId);
  const d = ctx.defaultBuyer;
  const permission = await createPermission(ctx, {
    chargePermissionType: 'OneTime',
    presentmentCurrency: input.ledgerCurrency,
    amountLimit: null,
    buyer: { buyerId: null, name: d.name, email: d.email, phoneNumber: null, primeMembershipTypes: null },
    shippingAddress: null,
    billingAddress: null,
    paymentPreferences: [{ paymentDescriptor: d.paymentDescriptor }],
    merchantMetadata: null,
    platformId: null,
    recurringMetadata: null,
  });
  await claim();
  return ok({ chargePermissionId: permission.chargePermissionId });
}

export async function inStoreCharge(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{
    chargePermissionId: string;
    chargeReferenceId: string;
    chargeTotal: Price;
    softDescriptor?: string;
  }>(
    {
      fields: {
        chargePermissionId: str({ max: 64 }),
        chargeReferenceId: str({ max: 32 }),
        chargeTotal: price,
        softDescriptor,
        metadata,
      },
      required: ['chargePermissionId', 'chargeReferenceId', 'chargeTotal'],
    },
    ctx.body,
  );
  const permission = await load<ChargePermissionRecord>(ctx, 'chargePermission', input.chargePermissionId);
  const claim = await newReference(ctx, 'chargeReferenceId', input.chargeReferenceId);
  const charge = await authorizeCharge(
    ctx,
    permission,
    {
      chargeAmount: input.chargeTotal,
      captureNow: true,
      channel: 'PointOfSale',
      referenceId: input.chargeReferenceId,
      ...(input.softDescriptor !== undefined ? { softDescriptor: input.softDescriptor } : {}),
    },
    ctx.simulation,
  );
  await claim();
  return ok({
    chargeId: charge.chargeId,
    chargeStatus: {
      state: charge.statusDetails.state,
      reasonCode: charge.statusDetails.reasonCode,
      reasonDescription: charge.statusDetails.reasonDescription,
    },
  });
}

export async function inStoreRefund(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ chargeId: string; refundReferenceId: string; refundTotal: Price; softDescriptor?: string }>(
    {
      fields: {
        chargeId: str({ max: 64 }),
        refundReferenceId: str({ max: 32 }),
        refundTotal: price,
        softDescriptor,
        metadata,
      },
      required: ['chargeId', 'refundReferenceId', 'refundTotal'],
    },
    ctx.body,
  );
  await load(ctx, 'charge', input.chargeId);
  const claim = await newReference(ctx, 'refundReferenceId', input.refundReferenceId);
  const refund = await refundCharge(ctx, input.chargeId, input.refundTotal, {
    referenceId: input.refundReferenceId,
    ...(input.softDescriptor !== undefined ? { softDescriptor: input.softDescriptor } : {}),
  });
  await claim();
  return ok({
    refundId: refund.refundId,
    refundStatus: {
      state: refund.statusDetails.state,
      reasonCode: refund.statusDetails.reasonCode,
      reasonDescription: refund.statusDetails.reasonDescription,
    },
  });
}
