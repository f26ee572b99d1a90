/**
 * The IPN store on Deno KV (Deno Deploy, or a local SQLite file with `--unstable-kv`). Every write is an
 * atomic check-and-set on the entry just read (`versionstamp`), so two instances that read the same state
 * cannot both win. Expiry is kept in the value: KV's `expireIn` only bounds the earliest deletion.
 */
import { AmazonPayConfigError } from '../../errors.js';
import { clockOf, type IpnClaimResult, type IpnStore, type IpnStoreClockOptions } from '../store.js';

type KvKey = readonly unknown[];
interface KvEntry<T> {
  key: KvKey;
  value: T | null;
  versionstamp: string | null;
}
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
}

interface Row {
  state: 'claimed' | 'done';
  token: string;
  expiresAt: number;
}

export interface DenoKvIpnStoreOptions extends IpnStoreClockOptions {
  /** Key prefix. Default `['amazon-pay', 'ipn']`. */
  prefix?: KvKey | undefined;
}

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
