/**
 * Amazon Pay's response timestamps (`creationTimestamp`, `expirationTimestamp`,
 * `statusDetails.lastUpdatedTimestamp`, ...) use the ISO 8601 *basic* format `yyyyMMddTHHmmssZ`, e.g.
 * `20190714T155300Z` (Amazon's sample responses; the .NET SDK parses exactly that format). JavaScript's
 * `new Date()` does not read it (Invalid Date), so this module parses and formats it.
 */
import { AmazonPayError } from './errors.js';
import type { AmazonPayTimestamp } from './types/common.js';

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Thrown by `parseAmazonPayTimestamp` for anything but a real `yyyyMMddTHHmmssZ` instant. Code
 * `ERR_AMAZON_PAY_INVALID_ARGUMENT`, like every bad argument.
 */
export class AmazonPayTimestampError extends AmazonPayError {
  override name = 'AmazonPayTimestampError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_INVALID_ARGUMENT';
  /** Always `timestamp`. */
  readonly argument = 'timestamp';
  /** The rejected value (a timestamp is not secret, so it is kept for diagnosis). */
  readonly value: unknown;
  constructor(value: unknown) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    super(
      'ERR_AMAZON_PAY_INVALID_ARGUMENT',
      `Not an Amazon Pay timestamp (yyyyMMddTHHmmssZ, e.g. 20190714T155300Z): ${shown}.`,
    );
    this.value = value;
  }
}

/**
 * Parses an Amazon Pay timestamp (`20190714T155300Z`) into a `Date`. Throws `AmazonPayTimestampError`
 * (code `ERR_AMAZON_PAY_INVALID_ARGUMENT`) for any other format or an impossible date such as month 13.
 */
export function parseAmazonPayTimestamp(ts: AmazonPayTimestamp): Date {
  const m = typeof ts === 'string' ? BASIC.exec(ts) : null;
  if (!m) throw new AmazonPayTimestampError(ts);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  // Date.UTC rolls over (Feb 30 -> Mar 2); a real instant reads back the same fields.
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  if (!same || h > 23 || mi > 59 || s > 59) throw new AmazonPayTimestampError(ts);
  return date;
}

/** Formats a `Date` (or epoch ms) as Amazon Pay does: `yyyyMMddTHHmmssZ` in UTC, seconds truncated. */
export function formatAmazonPayTimestamp(at: Date | number): AmazonPayTimestamp {
  const date = typeof at === 'number' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new AmazonPayTimestampError(String(at));
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}
