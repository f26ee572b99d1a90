/**
 * The IPN inbox's store contract: one key per notification, taken with a lease, then either marked done
 * (kept for a retention period so SNS retries are answered without running the handler again) or released
 * (so the next retry runs it). Every adapter implements these three calls atomically on its engine.
 */
import { checkNumber } from '../check-number.js';
import { AmazonPayConfigError } from '../errors.js';

/**
 * What `claim` found: `claimed` (this caller holds the lease), `done` (processed within retention), `busy` (leased).
 */
export type IpnClaimResult = 'claimed' | 'done' | 'busy';

/**
 * Claim / complete / release over a shared engine. `token` is the caller's random claim token: only the holder
 * of the current lease may complete or release it, so a holder whose lease expired cannot undo a successor.
 */
export interface IpnStore {
  /**
   * Atomically takes `key` for `leaseMs` when it is absent, or when its lease or retention has expired.
   * Resolves to `done` while a completed key is retained and to `busy` while another lease runs.
   */
  claim(key: string, token: string, leaseMs: number): Promise<IpnClaimResult>;
  /** Marks the key done for `retentionMs` if `token` still holds it; false when the lease was lost. */
  complete(key: string, token: string, retentionMs: number): Promise<boolean>;
  /** Drops the claim if `token` still holds it, so the next delivery can take the key at once. */
  release(key: string, token: string): Promise<void>;
}

/** Options every adapter that keeps its own expiry times takes. */
export interface IpnStoreClockOptions {
  /** Epoch ms. Default `Date.now`. Instances sharing a store must agree on the time within a fraction of the lease. */
  now?: (() => number) | undefined;
}

export function clockOf(options: IpnStoreClockOptions | undefined): () => number {
  const now = options?.now;
  if (now !== undefined && typeof now !== 'function')
    throw new AmazonPayConfigError('now', 'now must be a function returning epoch milliseconds.');
  return now ?? Date.now;
}

interface MemoryEntry {
  state: 'claimed' | 'done';
  token: string;
  expiresAt: number;
}

/** Options of the in-memory claim store (one process only; use a shared store across instances). */
export interface MemoryIpnStoreOptions extends IpnStoreClockOptions {
  /** Most keys kept; expired entries go first, then the oldest. Default 10 000. */
  maxEntries?: number | undefined;
}

/**
 * The default store: a Map in this process (one server, one isolate, tests). It gives exactly-once only
 * within this instance; several instances need a shared store (`@amazon-pay-edge/core/ipn/stores/*`).
 */
export function createMemoryIpnStore(options: MemoryIpnStoreOptions = {}): IpnStore & { readonly size: number } {
  const now = clockOf(options);
  const maxEntries = checkNumber('maxEntries', options.maxEntries, { integer: true, min: 1 }) ?? 10_000;
  const entries = new Map<string, MemoryEntry>();

  const live = (key: string, at: number): MemoryEntry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt > at) return entry;
    if (entry) entries.delete(key);
    return undefined;
  };
  const evict = (at: number) => {
    if (entries.size <= maxEntries) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    // Never evict a running lease before a done entry: dropping a lease would let a duplicate run.
    for (const [key, entry] of entries) {
      if (entries.size <= maxEntries) break;
      if (entry.state === 'done') entries.delete(key);
    }
  };

  return {
    async claim(key, token, leaseMs) {
      const at = now();
      const entry = live(key, at);
      if (entry) return entry.state === 'done' ? 'done' : 'busy';
      entries.set(key, { state: 'claimed', token, expiresAt: at + leaseMs });
      evict(at);
      return 'claimed';
    },
    async complete(key, token, retentionMs) {
      const at = now();
      const entry = live(key, at);
      if (!entry || entry.state !== 'claimed' || entry.token !== token) return false;
      entries.delete(key);
      entries.set(key, { state: 'done', token, expiresAt: at + retentionMs });
      return true;
    },
    async release(key, token) {
      const entry = entries.get(key);
      if (entry && entry.state === 'claimed' && entry.token === token) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
