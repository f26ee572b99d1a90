/**
 * The sandbox's two clocks. The *server clock* (`now() + clockOffsetMs`) checks `x-amz-pay-date` and
 * fills the `Date` header; `clockOffsetMs` simulates a server whose clock is off. The *lifecycle clock*
 * is the server clock plus whatever `advance(ms)` added: it stamps objects and drives expiries and the
 * asynchronous transitions, so a test can fast-forward a refund or a 24-hour expiry without making
 * every later request signature look stale.
 */
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

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Amazon's time stamps look like `2024-01-01T00:00:00.000Z`; basic form for report times. */
export const basicIso = (ms: number): string => iso(ms).slice(0, 19).replace(/[-:]/g, '') + 'Z';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
