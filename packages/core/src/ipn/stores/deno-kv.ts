/**
 * The IPN store on Deno KV (Deno Deploy, or a local SQLite file with `--unstable-kv`). Every write is an
 * atomic check-and-set on the entry just read (`versionstamp`), so two instances that read the same state
 * cannot both win. Expiry is kept in the value: KV's `expireIn` only bounds the earliest deletion.
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnQueueEntry, IpnQueueState, IpnQueueStore } from '../queue.js';
import { clockOf, type IpnClaimResult, type IpnStore, type IpnStoreClockOptions } from '../store.js';

type KvKey = readonly unknown[];
interface KvEntry<T> {
  key: KvKey;
  value: T | null;
  versionstamp: string | null;
}
interface KvListIterator<T> extends AsyncIterable<KvEntry<T>> {}
interface KvAtomic {
  check(...checks: { key: KvKey; versionstamp: string | null }[]): KvAtomic;
  set(key: KvKey, value: unknown, options?: { expireIn?: number }): KvAtomic;
  delete(key: KvKey): KvAtomic;
  commit(): Promise<{ ok: boolean }>;
}
/** The parts of `Deno.Kv` this store uses. */
export interface DenoKvLike {
  get<T = unknown>(key: KvKey): Promise<KvEntry<T>>;
  atomic(): KvAtomic;
  /** Used by the queue only (`createDenoKvIpnQueue`). */
  list?<T = unknown>(
    selector: { prefix: KvKey; end?: KvKey },
    options?: { limit?: number; batchSize?: number },
  ): KvListIterator<T>;
}

interface Row {
  state: 'claimed' | 'done';
  token: string;
  expiresAt: number;
}

/** Options of {@link createDenoKvIpnStore}. */
export interface DenoKvIpnStoreOptions extends IpnStoreClockOptions {
  /** Key prefix. Default `['amazon-pay', 'ipn']`. */
  prefix?: KvKey | undefined;
}

/** The claim store (synchronous mode) on Deno KV: versionstamp check-and-set on one entry per key. */
export function createDenoKvIpnStore(kv: DenoKvLike, options: DenoKvIpnStoreOptions = {}): IpnStore {
  if (typeof kv?.atomic !== 'function') throw new AmazonPayConfigError('kv', 'Pass a Deno.Kv (await Deno.openKv()).');
  const now = clockOf(options);
  const prefix = options.prefix ?? ['amazon-pay', 'ipn'];
  const keyOf = (key: string): KvKey => [...prefix, key];
  // A lost check-and-set means another instance wrote in between: read again and decide on the new state.
  const MAX_ROUNDS = 16;

  return {
    async claim(key, token, leaseMs): Promise<IpnClaimResult> {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const at = now();
        const entry = await kv.get<Row>(keyOf(key));
        const row = entry.value;
        if (row && row.expiresAt > at) return row.state === 'done' ? 'done' : 'busy';
        const value: Row = { state: 'claimed', token, expiresAt: at + leaseMs };
        const { ok } = await kv.atomic().check(entry).set(keyOf(key), value, { expireIn: leaseMs }).commit();
        if (ok) return 'claimed';
      }
      return 'busy';
    },
    async complete(key, token, retentionMs) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const at = now();
        const entry = await kv.get<Row>(keyOf(key));
        const row = entry.value;
        if (!row || row.state !== 'claimed' || row.token !== token || row.expiresAt <= at) return false;
        const value: Row = { state: 'done', token, expiresAt: at + retentionMs };
        if ((await kv.atomic().check(entry).set(keyOf(key), value, { expireIn: retentionMs }).commit()).ok) return true;
      }
      return false;
    },
    async release(key, token) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const entry = await kv.get<Row>(keyOf(key));
        const row = entry.value;
        if (!row || row.state !== 'claimed' || row.token !== token) return;
        if ((await kv.atomic().check(entry).delete(keyOf(key)).commit()).ok) return;
      }
    },
  };
}

// ---- the durable inbox (IpnQueueStore) on Deno KV -------------------------------------------------------

/** Options of {@link createDenoKvIpnQueue}. */
export interface DenoKvIpnQueueOptions extends IpnStoreClockOptions {
  /** Key prefix. Default `['amazon-pay', 'ipn-queue']`. */
  prefix?: KvKey | undefined;
}

interface QueueRow {
  key: string;
  payload: string;
  state: IpnQueueState;
  attempts: number;
  nextAt: number;
  token?: string | undefined;
  lastError?: string | undefined;
}

/**
 * The durable inbox on Deno KV. Each entry is one KV entry (`[...prefix, 'entry', key]`) plus an index key per
 * state sorted by due time (`[...prefix, state, nextAt, key]`), written together in one atomic operation that
 * checks the entry's versionstamp: of two processors that read the same due entry, one commit wins and the
 * other moves on to the next entry. Entries past retention expire with `expireIn`. A KV value holds at most
 * 64 KiB; an SNS envelope of an Amazon Pay IPN is about 2 KB.
 */
export function createDenoKvIpnQueue(kv: DenoKvLike, options: DenoKvIpnQueueOptions = {}): IpnQueueStore {
  if (typeof kv?.atomic !== 'function' || typeof kv.list !== 'function')
    throw new AmazonPayConfigError('kv', 'Pass a Deno.Kv (await Deno.openKv()).');
  const list = kv.list.bind(kv);
  const clock = clockOf(options);
  // Whole milliseconds, so "due" is an exclusive upper bound on the index: [..., 'pending', now + 1].
  const now = () => Math.floor(clock());
  const prefix = options.prefix ?? ['amazon-pay', 'ipn-queue'];
  const entryKey = (key: string): KvKey => [...prefix, 'entry', key];
  const indexKey = (row: QueueRow): KvKey => [...prefix, row.state, row.nextAt, row.key];
  const MAX_ROUNDS = 16;
  const copy = ({ token: _token, ...row }: QueueRow): IpnQueueEntry => ({ ...row });

  /**
   * Replaces `entry` (read just before) with `next`, index included: `ok`, `lost` (another writer came first),
   * or `retry` when the commit threw (the local SQLite backend answers "database is locked" to concurrent
   * writers). The caller then reads again: the check-and-set makes a retry safe even if that commit landed.
   */
  const swap = async (entry: KvEntry<QueueRow>, next: QueueRow, expireIn?: number, round = 0) => {
    const op = kv.atomic().check(entry);
    if (entry.value) op.delete(indexKey(entry.value));
    const expiry = expireIn === undefined ? undefined : { expireIn };
    op.set(entryKey(next.key), next, expiry).set(indexKey(next), null, expiry);
    try {
      return (await op.commit()).ok ? 'ok' : 'lost';
    } catch (error) {
      if (round >= MAX_ROUNDS - 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8 * (round + 1)));
      return 'retry';
    }
  };
  /** Reads the entry, and retries `step` on a lost check-and-set; `step` returns a result or undefined to stop. */
  const update = async (key: string, step: (row: QueueRow | null, at: number) => [QueueRow, number?] | undefined) => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const entry = await kv.get<QueueRow>(entryKey(key));
      const next = step(entry.value, now());
      if (!next) return false;
      if ((await swap(entry, next[0], next[1], round)) === 'ok') return true;
    }
    return false;
  };
  const leased = (row: QueueRow | null, token: string, at: number): row is QueueRow =>
    !!row && row.state === 'pending' && row.token === token && row.nextAt > at;

  return {
    enqueue: (key, payload) =>
      update(key, (row, at) =>
        row && !(row.state === 'done' && row.nextAt <= at)
          ? undefined
          : [{ key, payload, state: 'pending', attempts: 0, nextAt: at }],
      ),
    async takeDue(limit, token, leaseMs) {
      const at = now();
      const until = at + Math.ceil(leaseMs);
      const taken: IpnQueueEntry[] = [];
      const due = list<null>(
        { prefix: [...prefix, 'pending'], end: [...prefix, 'pending', at + 1] },
        { batchSize: 25 },
      );
      for await (const { key: index } of due) {
        if (taken.length >= limit) break;
        const key = String(index[index.length - 1]);
        for (let round = 0; round < MAX_ROUNDS; round++) {
          const entry = await kv.get<QueueRow>(entryKey(key));
          const row = entry.value;
          // The entry moved on since the listing (another processor took it): skip it.
          if (!row || row.state !== 'pending' || row.nextAt > at) break;
          const next: QueueRow = { ...row, token, nextAt: until };
          const outcome = await swap(entry, next, undefined, round);
          if (outcome === 'ok') taken.push(copy(next));
          if (outcome !== 'retry') break;
        }
      }
      return taken;
    },
    succeed: (key, token, retentionMs) =>
      update(key, (row, at) =>
        leased(row, token, at)
          ? [{ ...row, state: 'done', token: undefined, nextAt: at + Math.ceil(retentionMs) }, Math.ceil(retentionMs)]
          : undefined,
      ),
    fail: (key, token, outcome) =>
      update(key, (row, at) =>
        leased(row, token, at)
          ? [
              {
                ...row,
                state: outcome.dead ? 'dead' : 'pending',
                token: undefined,
                attempts: row.attempts + 1,
                nextAt: at + Math.ceil(outcome.delayMs),
                lastError: outcome.error,
              },
            ]
          : undefined,
      ),
    async list(state, limit) {
      const out: IpnQueueEntry[] = [];
      for await (const { key: index } of list<null>({ prefix: [...prefix, state] }, { limit: Math.max(1, limit) })) {
        const row = (await kv.get<QueueRow>(entryKey(String(index[index.length - 1])))).value;
        if (row && row.state === state) out.push(copy(row));
      }
      return out;
    },
    replay: (key) =>
      update(key, (row, at) =>
        row && row.state === 'dead'
          ? [{ ...row, state: 'pending', attempts: 0, token: undefined, nextAt: at }]
          : undefined,
      ),
  };
}
