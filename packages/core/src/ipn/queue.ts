/**
 * The durable inbox's store contract: a verified notification is stored (once per key) and answered 200 at
 * once; processors then take due entries under a lease, and record success (kept for retention), a failure
 * (retried later with back-off) or, after the last attempt, a dead letter that can be listed and replayed.
 */
import { AmazonPayConfigError } from '../errors.js';
import { clockOf, type IpnStoreClockOptions } from './store.js';

/** Where a durable-mode entry stands: waiting or retrying, processed, or a dead letter to list and replay. */
export type IpnQueueState = 'pending' | 'done' | 'dead';

/** One stored notification. `payload` is the verified SNS envelope as received (it carries no buyer data). */
export interface IpnQueueEntry {
  key: string;
  payload: string;
  state: IpnQueueState;
  /** Failed attempts so far. */
  attempts: number;
  /** Epoch ms: when a pending entry is due (or its lease ends), when a done entry may be forgotten. */
  nextAt: number;
  /** The last failure's message (`Error.message`, cut to 500 characters). */
  lastError?: string | undefined;
}

/** Durable-mode storage: enqueue once per key, lease due entries atomically, record the outcome. */
export interface IpnQueueStore {
  /** Stores a new entry, due now; false when the key is already stored (a duplicate delivery). */
  enqueue(key: string, payload: string): Promise<boolean>;
  /**
   * Atomically leases up to `limit` due pending entries to `token` for `leaseMs` (a crashed processor's lease lapses).
   */
  takeDue(limit: number, token: string, leaseMs: number): Promise<IpnQueueEntry[]>;
  /** Marks a leased entry done for `retentionMs`; false when the lease was lost. */
  succeed(key: string, token: string, retentionMs: number): Promise<boolean>;
  /** Records a failed attempt: pending again in `delayMs` (store clock), or dead when `dead`. */
  fail(key: string, token: string, outcome: { delayMs: number; dead: boolean; error: string }): Promise<boolean>;
  /** Entries in one state, soonest `nextAt` first. */
  list(state: IpnQueueState, limit: number): Promise<IpnQueueEntry[]>;
  /** Makes a dead entry pending and due now, attempts reset; false when it is not dead. */
  replay(key: string): Promise<boolean>;
}

interface Row extends IpnQueueEntry {
  token?: string | undefined;
}

/** The durable inbox in this process's memory: for one server and for tests (a restart loses it). */
export function createMemoryIpnQueue(options: IpnStoreClockOptions = {}): IpnQueueStore {
  const now = clockOf(options);
  const rows = new Map<string, Row>();
  const copy = ({ token: _token, ...entry }: Row): IpnQueueEntry => ({ ...entry });
  const leased = (key: string, token: string) => {
    const row = rows.get(key);
    return row && row.state === 'pending' && row.token === token && row.nextAt > now() ? row : undefined;
  };
  return {
    async enqueue(key, payload) {
      const row = rows.get(key);
      if (row && !(row.state === 'done' && row.nextAt <= now())) return false;
      rows.set(key, { key, payload, state: 'pending', attempts: 0, nextAt: now() });
      return true;
    },
    async takeDue(limit, token, leaseMs) {
      const at = now();
      const due = [...rows.values()]
        .filter((r) => r.state === 'pending' && r.nextAt <= at)
        .sort((a, b) => a.nextAt - b.nextAt)
        .slice(0, limit);
      for (const row of due) Object.assign(row, { token, nextAt: at + leaseMs });
      return due.map(copy);
    },
    async succeed(key, token, retentionMs) {
      const row = leased(key, token);
      if (!row) return false;
      Object.assign(row, { state: 'done', token: undefined, nextAt: now() + retentionMs });
      return true;
    },
    async fail(key, token, outcome) {
      const row = leased(key, token);
      if (!row) return false;
      Object.assign(row, {
        state: outcome.dead ? 'dead' : 'pending',
        token: undefined,
        attempts: row.attempts + 1,
        nextAt: now() + outcome.delayMs,
        lastError: outcome.error,
      });
      return true;
    },
    async list(state, limit) {
      return [...rows.values()]
        .filter((r) => r.state === state)
        .sort((a, b) => a.nextAt - b.nextAt)
        .slice(0, limit)
        .map(copy);
    },
    async replay(key) {
      const row = rows.get(key);
      if (!row || row.state !== 'dead') return false;
      Object.assign(row, { state: 'pending', attempts: 0, nextAt: now() });
      return true;
    },
  };
}

export function checkQueueStore(queue: unknown): asserts queue is IpnQueueStore {
  const methods = ['enqueue', 'takeDue', 'succeed', 'fail', 'list', 'replay'];
  if (!queue || !methods.every((m) => typeof (queue as Record<string, unknown>)[m] === 'function')) {
    throw new AmazonPayConfigError(
      'durable.queue',
      `durable.queue must implement ${methods.join(', ')} (see IpnQueueStore).`,
    );
  }
}
