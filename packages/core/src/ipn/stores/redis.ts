/**
 * The IPN store on Redis (or any server speaking its commands: Valkey, Upstash's REST client). No driver is
 * imported: pass `command(args)` over your client. Claim is `SET key claimed:<token> NX PX <lease>`; complete
 * and release are Lua scripts that act only while the value is still this caller's claim, so a holder whose
 * lease expired cannot overwrite or delete a successor's. Expiry is the server's own (PX).
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnQueueEntry, IpnQueueState, IpnQueueStore } from '../queue.js';
import type { IpnClaimResult, IpnStore } from '../store.js';

/** Sends one Redis command: node-redis `(a) => client.sendCommand(a)`, ioredis `(a) => redis.call(...a)`. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

/** Options of {@link createRedisIpnStore}. */
export interface RedisIpnStoreOptions {
  /** Sends one command; see {@link RedisCommand}. */
  command: RedisCommand;
  /** Prepended to every key. Default `amazon-pay:ipn:`. */
  prefix?: string | undefined;
}

const COMPLETE = `if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'done:' .. ARGV[1], 'PX', ARGV[2]) return 1 end return 0`;
const RELEASE =
  `if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then return ` + `redis.call('DEL', KEYS[1]) end return 0`;

/** The claim store (synchronous mode) on Redis: `SET NX PX` claims, token-checked Lua completes and releases. */
export function createRedisIpnStore(options: RedisIpnStoreOptions): IpnStore {
  if (typeof options?.command !== 'function')
    throw new AmazonPayConfigError('command', 'command must be a function (args: string[]) => Promise<reply>.');
  const prefix = options.prefix ?? 'amazon-pay:ipn:';
  const send = options.command;
  const ms = (value: number) => String(Math.max(1, Math.ceil(value)));
  return {
    async claim(key, token, leaseMs): Promise<IpnClaimResult> {
      const set = await send(['SET', prefix + key, `claimed:${token}`, 'NX', 'PX', ms(leaseMs)]);
      if (set === 'OK') return 'claimed';
      const value = await send(['GET', prefix + key]);
      return typeof value === 'string' && value.startsWith('done:') ? 'done' : 'busy';
    },
    async complete(key, token, retentionMs) {
      return Number(await send(['EVAL', COMPLETE, '1', prefix + key, token, ms(retentionMs)])) === 1;
    },
    async release(key, token) {
      await send(['EVAL', RELEASE, '1', prefix + key, token]);
    },
  };
}

// ---- the durable inbox (IpnQueueStore) on Redis --------------------------------------------------------

/** Options of {@link createRedisIpnQueue}. */
export interface RedisIpnQueueOptions {
  /** Sends one command (as for {@link createRedisIpnStore}); the queue uses `EVAL` only. */
  command: RedisCommand;
  /**
   * Prepended to every key. Default `{amazon-pay:ipn-queue}:`: the braces are a Redis Cluster hash tag, so the
   * indexes and every entry live in one slot, as the scripts that touch them together require.
   */
  prefix?: string | undefined;
}

// Every operation is one Lua script run by EVAL: Redis runs a script alone, so reading an entry and writing it
// (and its index) cannot interleave with another processor. Each script reads the server clock (TIME), so
// instances never compare their own clocks. Layout: a hash per entry (`<prefix>e:<key>`) and three sorted
// sets of keys, `due` (pending, scored by due time or lease end), `done` (by retention end), `dead`.
// KEYS = due, done, dead; ARGV[1] = the prefix; the entry's hash key is built from it in the script.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const FIELDS = `'payload', 'state', 'attempts', 'nextAt', 'lastError', 'token'`;
const QUEUE_SCRIPTS = {
  enqueue: `${NOW}
local e = ARGV[1] .. 'e:' .. ARGV[2]
if redis.call('EXISTS', e) == 1 then return 0 end
redis.call('HSET', e, 'payload', ARGV[3], 'state', 'pending', 'attempts', 0, 'nextAt', now)
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[2])
return 1`,
  // A lapsed lease is due again like any pending entry: its score is the lease end.
  takeDue: `${NOW}
local until_ = now + tonumber(ARGV[4])
local out = {}
for _, k in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  local e = ARGV[1] .. 'e:' .. k
  local f = redis.call('HMGET', e, ${FIELDS})
  if f[2] == 'pending' then
    redis.call('HSET', e, 'token', ARGV[3], 'nextAt', until_)
    redis.call('ZADD', KEYS[1], until_, k)
    out[#out + 1] = { k, f[1], 'pending', f[3], tostring(until_), f[5] }
  else
    redis.call('ZREM', KEYS[1], k)
  end
end
return out`,
  succeed: `${NOW}
local e = ARGV[1] .. 'e:' .. ARGV[2]
local f = redis.call('HMGET', e, ${FIELDS})
if f[2] ~= 'pending' or f[6] ~= ARGV[3] or tonumber(f[4]) <= now then return 0 end
local keep = now + tonumber(ARGV[4])
redis.call('HSET', e, 'state', 'done', 'nextAt', keep)
redis.call('HDEL', e, 'token')
redis.call('PEXPIREAT', e, keep)
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], keep, ARGV[2])
return 1`,
  fail: `${NOW}
local e = ARGV[1] .. 'e:' .. ARGV[2]
local f = redis.call('HMGET', e, ${FIELDS})
if f[2] ~= 'pending' or f[6] ~= ARGV[3] or tonumber(f[4]) <= now then return 0 end
local at = now + tonumber(ARGV[4])
local state = ARGV[5] == '1' and 'dead' or 'pending'
redis.call('HSET', e, 'state', state, 'nextAt', at, 'lastError', ARGV[6])
redis.call('HINCRBY', e, 'attempts', 1)
redis.call('HDEL', e, 'token')
if state == 'dead' then redis.call('ZREM', KEYS[1], ARGV[2]) redis.call('ZADD', KEYS[3], at, ARGV[2])
else redis.call('ZADD', KEYS[1], at, ARGV[2]) end
return 1`,
  replay: `${NOW}
local e = ARGV[1] .. 'e:' .. ARGV[2]
if redis.call('HGET', e, 'state') ~= 'dead' then return 0 end
redis.call('HSET', e, 'state', 'pending', 'attempts', 0, 'nextAt', now)
redis.call('HDEL', e, 'token')
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[2])
return 1`,
  // KEYS[1] is the state's sorted set; done entries past retention (their hashes expired) are dropped first.
  list: `${NOW}
if ARGV[3] == 'done' then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) end
local out = {}
for _, k in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)) do
  local f = redis.call('HMGET', ARGV[1] .. 'e:' .. k, ${FIELDS})
  if f[2] == ARGV[3] then out[#out + 1] = { k, f[1], f[2], f[3], f[4], f[5] } end
end
return out`,
} as const;

const entryOf = (reply: unknown): IpnQueueEntry => {
  const [key, payload, state, attempts, nextAt, lastError] = reply as (string | number | null)[];
  return {
    key: String(key),
    payload: String(payload),
    state: state as IpnQueueState,
    attempts: Number(attempts),
    nextAt: Number(nextAt),
    lastError: lastError == null ? undefined : String(lastError),
  };
};

/**
 * The durable inbox on Redis: one Lua script per operation (see above), so `takeDue` leases atomically and
 * concurrent processors get disjoint entries. Lua over `MULTI`/`WATCH` because taking due entries reads and
 * then writes several keys: `WATCH` would abort and retry every racing processor, and needs a connection of
 * its own per transaction, while one `EVAL` is a single round trip on any client (Upstash's REST too).
 * Configure Redis with `maxmemory-policy noeviction` (or a `volatile-*` policy): an evicted pending entry is
 * a lost notification.
 */
export function createRedisIpnQueue(options: RedisIpnQueueOptions): IpnQueueStore {
  if (typeof options?.command !== 'function')
    throw new AmazonPayConfigError('command', 'command must be a function (args: string[]) => Promise<reply>.');
  const prefix = options.prefix ?? '{amazon-pay:ipn-queue}:';
  const send = options.command;
  const sets = { pending: `${prefix}due`, done: `${prefix}done`, dead: `${prefix}dead` };
  const keys = [sets.pending, sets.done, sets.dead];
  const ms = (value: number) => String(Math.max(0, Math.ceil(value)));
  const run = (script: keyof typeof QUEUE_SCRIPTS, args: string[], scriptKeys = keys) =>
    send(['EVAL', QUEUE_SCRIPTS[script], String(scriptKeys.length), ...scriptKeys, prefix, ...args]);
  const count = (limit: number) => String(Math.max(1, Math.floor(limit)));
  return {
    async enqueue(key, payload) {
      return Number(await run('enqueue', [key, payload])) === 1;
    },
    async takeDue(limit, token, leaseMs) {
      return ((await run('takeDue', [count(limit), token, ms(leaseMs)])) as unknown[]).map(entryOf);
    },
    async succeed(key, token, retentionMs) {
      return Number(await run('succeed', [key, token, ms(Math.max(1, retentionMs))])) === 1;
    },
    async fail(key, token, outcome) {
      return (
        Number(await run('fail', [key, token, ms(outcome.delayMs), outcome.dead ? '1' : '0', outcome.error])) === 1
      );
    },
    async list(state, limit) {
      return ((await run('list', [count(limit), state], [sets[state]])) as unknown[]).map(entryOf);
    },
    async replay(key) {
      return Number(await run('replay', [key])) === 1;
    },
  };
}
