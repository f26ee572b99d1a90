/**
 * In-memory de-duplication of IPNs. SNS retries a message with the same MessageId, and Amazon Pay may send
 * one notification twice under different MessageIds, so the key is the NotificationId when there is one.
 * Memory is per instance (per Worker isolate, per server): for exactly-once processing across instances,
 * keep the key in a shared store instead; `ipnDedupeKey` gives it.
 */
import { checkNumber } from '../check-number.js';
import { AmazonPayConfigError, AmazonPayInvalidArgumentError } from '../errors.js';
import { parseIpnMessage } from './parse.js';
import type { IpnEnvelope, IpnMessage, ParsedIpn, VerifiedIpnMessage } from './types.js';

/** The verified message, the envelope, or the `parseIpn`/`verifyEnvelope` result. */
export type IpnDedupeInput = IpnMessage | VerifiedIpnMessage | IpnEnvelope | ParsedIpn;

/** Options of `createIpnDeduplicator`. */
export interface IpnDeduplicatorOptions {
  /** Most keys remembered; the oldest are dropped first. Default 10 000. */
  maxEntries?: number | undefined;
  /** How long a key is remembered, ms. Default 24 hours. */
  ttlMs?: number | undefined;
  /** Clock in ms since the epoch (tests). */
  now?: (() => number) | undefined;
}

/** Remembers handled IPN message ids. */
export interface IpnDeduplicator {
  /** True when this notification was seen within `ttlMs`; otherwise records it and returns false. */
  seen(input: IpnDedupeInput): boolean;
  /** Forgets a notification, e.g. when processing it failed and the retry should be handled. */
  forget(input: IpnDedupeInput): void;
  readonly size: number;
  /** Forgets everything. */
  clear(): void;
}

/** Entries kept by default. */
export const DEFAULT_DEDUPE_MAX_ENTRIES = 10_000;
/** How long an entry is kept by default. */
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60_000;

function notificationIdOfEnvelope(envelope: IpnEnvelope): string | undefined {
  if (envelope.Type !== 'Notification') return undefined;
  try {
    return parseIpnMessage(envelope.Message).NotificationId || undefined;
  } catch {
    return undefined;
  }
}

/** `notification:<NotificationId>`, else `message:<MessageId>`. */
export function ipnDedupeKey(input: IpnDedupeInput): string {
  const value = input as Partial<ParsedIpn> & Partial<IpnMessage> & Partial<IpnEnvelope> & { envelope?: IpnEnvelope };
  const envelope = value.envelope ?? (typeof value.MessageId === 'string' ? (value as IpnEnvelope) : undefined);
  const notificationId =
    value.message?.NotificationId ||
    value.NotificationId ||
    (envelope ? notificationIdOfEnvelope(envelope) : undefined);
  if (notificationId) return `notification:${notificationId}`;
  if (envelope?.MessageId) return `message:${envelope.MessageId}`;
  throw new AmazonPayInvalidArgumentError(
    'input',
    'Cannot de-duplicate: neither a NotificationId nor an SNS MessageId was found. Pass the ' +
      'verified message, the envelope or the parseIpn result.',
  );
}

/** An in-memory record of IPNs already handled, bounded in size and age. */
export function createIpnDeduplicator(options: IpnDeduplicatorOptions = {}): IpnDeduplicator {
  const maxEntries =
    checkNumber('maxEntries', options.maxEntries, { integer: true, min: 1 }) ?? DEFAULT_DEDUPE_MAX_ENTRIES;
  const ttlMs =
    checkNumber('ttlMs', options.ttlMs, { min: 0, exclusiveMin: true, unit: 'milliseconds' }) ?? DEFAULT_DEDUPE_TTL_MS;
  if (options.now !== undefined && typeof options.now !== 'function')
    throw new AmazonPayConfigError('now', 'now must be a function returning epoch milliseconds.');
  const now = options.now ?? Date.now;
  // Insertion order is first-seen order, so expired and oldest keys are always at the front.
  const expiries = new Map<string, number>();

  const sweep = (at: number) => {
    for (const [key, expiry] of expiries) {
      if (expiry > at && expiries.size <= maxEntries) break;
      expiries.delete(key);
    }
  };

  return {
    seen(input) {
      const key = ipnDedupeKey(input);
      const at = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > at) return true;
      expiries.delete(key);
      expiries.set(key, at + ttlMs);
      sweep(at);
      return false;
    },
    forget(input) {
      expiries.delete(ipnDedupeKey(input));
    },
    get size() {
      return expiries.size;
    },
    clear() {
      expiries.clear();
    },
  };
}
