/**
 * The sandbox's two clocks. The *server clock* (`now() + clockOffsetMs`) checks `x-amz-pay-date` and
 * fills the `Date` header; `clockOffsetMs` simulates a server whose clock is off. The *lifecycle clock*
 * is the server clock plus whatever `advance(ms)` added: it stamps objects and drives expiries and the
 * asynchronous transitions, so a test can fast-forward a refund or a 24-hour expiry without making
 * every later request signature look stale.
 */
import { formatAmazonPayTimestamp, parseAmazonPayTimestamp } from '@amazon-pay-edge/core';

export class SandboxClock {
  clockOffsetMs = 0;
  advancedMs = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  server(): number {
    return this.#now() + this.clockOffsetMs;
  }

  lifecycle(): number {
    return this.server() + this.advancedMs;
  }
}

/**
 * Amazon's response timestamps are ISO 8601 basic, `yyyyMMddTHHmmssZ` (e.g. `20190714T155300Z`): core's
 * one formatter, so the sandbox and the SDK share the rule.
 */
export const stamp = (ms: number): string => formatAmazonPayTimestamp(ms);

/** Epoch ms of a timestamp the sandbox wrote (`yyyyMMddTHHmmssZ`). */
export const stampMs = (ts: string): number => parseAmazonPayTimestamp(ts).getTime();

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
