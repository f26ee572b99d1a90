/**
 * Disbursements, derived from the sandbox's own money movements: for each UTC day and currency in the
 * asked range, captures minus refunds settle into one disbursement (days that net to zero or less pay
 * nothing). Ids are stable, so repeated calls agree.
 */
import { stampMs } from '../clock.js';
import { list, ok, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { fromMinor, toMinor } from '../money.js';
import { pageSizeOf, pageToken, queryOf, time } from '../validate.js';
import type { ChargeRecord, RefundRecord } from './records.js';

export async function getDisbursements(ctx: Ctx): Promise<HandlerResult> {
  const query = queryOf(ctx.query, ['startTime', 'endTime', 'pageSize', 'nextToken']);
  const token = pageToken.decode(query['nextToken']);
  const { nextToken: _token, ...filters } = query;
  const q = token.filters ?? filters;
  if (!q['startTime']) throw new ApiError('MissingParameterValue', 'startTime is required (e.g. 20240101T000000Z).');
  if (!q['endTime']) throw new ApiError('MissingParameterValue', 'endTime is required (e.g. 20240131T235959Z).');
  const start = time(q['startTime'], 'startTime') as number;
  const end = time(q['endTime'], 'endTime') as number;
  if (start >= end)
    throw new ApiError(
      'InvalidParameterValue',
      'The value provided for startTime is invalid: it must be before endTime.',
    );
  const pageSize = pageSizeOf(q['pageSize'], 100, 100);
  const offset = token.offset;

  const net = new Map<string, number>(); // "2024-01-01|USD" -> minor units
  const add = (ts: string, currency: string, minor: number) => {
    const ms = stampMs(ts);
    if (ms < start || ms >= end) return;
    const key = `${new Date(ms).toISOString().slice(0, 10)}|${currency}`;
    net.set(key, (net.get(key) ?? 0) + minor);
  };
  for (const c of await list<ChargeRecord>(
    ctx,
    'charge',
    'chargeId',
    (c) => c.statusDetails.state === 'Captured' && c.captureAmount !== null,
  )) {
    add(c.statusDetails.lastUpdatedTimestamp, c.captureAmount!.currencyCode, toMinor(c.captureAmount!));
  }
  for (const r of await list<RefundRecord>(ctx, 'refund', 'refundId', (r) => r.statusDetails.state === 'Refunded')) {
    add(r.statusDetails.lastUpdatedTimestamp, r.refundAmount.currencyCode, -toMinor(r.refundAmount));
  }
  const all = [...net.entries()]
    .filter(([, minor]) => minor > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, minor]) => {
      const [day, currencyCode] = key.split('|') as [string, string];
      const compact = day.replace(/-/g, '');
      return {
        sellerId: ctx.merchantId,
        settlementId: `${compact}${currencyCode}`,
        amazonDisbursementReferenceId: `AMZN-${compact}-${currencyCode}`,
        amount: fromMinor(minor, currencyCode).amount,
        currencyCode,
        transactionTime: `${day}T23:59:59Z`,
      };
    });
  const result: Record<string, unknown> = { disbursements: all.slice(offset, offset + pageSize) };
  if (offset + pageSize < all.length) result['nextToken'] = pageToken.encode(offset + pageSize, q);
  return ok(result);
}
