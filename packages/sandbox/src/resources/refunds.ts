/**
 * Refunds: only on a Captured charge, at most 10 per charge, and all of them together never above the
 * captured amount plus the lesser of 15% or 75 USD (or equivalent), as Amazon allows. RefundInitiated moves to Refunded
 * (or Declined, simulated) after `delays.refundMs`.
 */
import { stamp } from '../clock.js';
import { shape } from '../shapes.js';
import { list, load, ok, present, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { schedule, statusDetails, transition } from '../lifecycle.js';
import { fromMinor, marginMinor, sameCurrency, toMinor, type Price } from '../money.js';
import { body, price, softDescriptor, str } from '../validate.js';
import type { ChargeRecord, RefundRecord } from './records.js';

export const MAX_REFUNDS_PER_CHARGE = 10;

export async function refundCharge(
  ctx: Ctx,
  chargeId: string,
  refundAmount: Price,
  options: { softDescriptor?: string; referenceId?: string },
): Promise<RefundRecord> {
  const charge = await load<ChargeRecord>(ctx, 'charge', chargeId);
  if (charge.statusDetails.state !== 'Captured' || !charge.captureAmount) {
    throw new ApiError(
      'InvalidChargeStatus',
      `Charge ${chargeId} is ${charge.statusDetails.state}; only a Captured charge can be refunded.`,
    );
  }
  sameCurrency(refundAmount, charge.captureAmount.currencyCode, 'refundAmount');
  if (toMinor(refundAmount) <= 0)
    throw new ApiError(
      'InvalidParameterValue',
      'The value provided for refundAmount.amount is invalid: it must be greater than zero.',
    );
  const existing = await list<RefundRecord>(
    ctx,
    'refund',
    'refundId',
    (r) => r.chargeId === chargeId && r.statusDetails.state !== 'Declined',
  );
  if (existing.length >= MAX_REFUNDS_PER_CHARGE) {
    throw new ApiError(
      'TransactionCountExceeded',
      `Charge ${chargeId} already has ${MAX_REFUNDS_PER_CHARGE} refunds, the most Amazon Pay allows.`,
    );
  }
  const refunded = existing.reduce((t, r) => t + toMinor(r.refundAmount), 0);
  // Amazon allows refunding up to the capture plus the lesser of 15% or 75 USD (or equivalent).
  const left = toMinor(charge.captureAmount) + marginMinor(charge.captureAmount) - refunded;
  if (toMinor(refundAmount) > left) {
    const leftPrice = fromMinor(left, refundAmount.currencyCode);
    throw new ApiError(
      'TransactionAmountExceeded',
      `refundAmount ${refundAmount.amount} ${refundAmount.currencyCode} is more than what is ` +
        `left to refund on Charge ${chargeId} (${leftPrice.amount}: ${charge.captureAmount.amount} ` +
        `captured, plus at most 15% or 75 USD or equivalent).`,
    );
  }
  const now = ctx.now;
  const refund: RefundRecord = {
    refundId: ids.refund(charge.chargePermissionId),
    chargeId,
    refundAmount,
    softDescriptor: options.softDescriptor ?? null,
    creationTimestamp: stamp(now),
    statusDetails: statusDetails('RefundInitiated', now),
    releaseEnvironment: charge.releaseEnvironment,
    _env: ctx.env,
  };
  if (options.referenceId !== undefined) refund._referenceId = options.referenceId;
  const at = now + ctx.delays.refundMs;
  const declined =
    ctx.simulation === 'AmazonRejected' || ctx.simulation === 'ProcessingFailure' ? ctx.simulation : undefined;
  schedule(
    refund,
    transition(at, declined ? 'Declined' : 'Refunded', { reasonCode: declined ?? null, ifState: ['RefundInitiated'] }),
  );
  await save(ctx, 'refund', refund.refundId, refund);
  return refund;
}

const createShape = {
  fields: { chargeId: str({ max: 64 }), refundAmount: price, softDescriptor },
  required: ['chargeId', 'refundAmount'],
};

export async function createRefund(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ chargeId: string; refundAmount: Price; softDescriptor?: string }>(createShape, ctx.body);
  const refund = await refundCharge(
    ctx,
    input.chargeId,
    input.refundAmount,
    input.softDescriptor !== undefined ? { softDescriptor: input.softDescriptor } : {},
  );
  return ok(shape('refund', present(refund)), 201);
}

export async function getRefund(ctx: Ctx): Promise<HandlerResult> {
  return ok(shape('refund', present(await load<RefundRecord>(ctx, 'refund', ctx.params['refundId']!))));
}
