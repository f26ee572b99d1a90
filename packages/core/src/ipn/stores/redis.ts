/**
 * The IPN store on Redis (or any server speaking its commands: Valkey, Upstash's REST client). No driver is
 * imported: pass `command(args)` over your client. Claim is `SET key claimed:<token> NX PX <lease>`; complete
 * and release are Lua scripts that act only while the value is still this caller's claim, so a holder whose
 * lease expired cannot overwrite or delete a successor's. Expiry is the server's own (PX).
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnClaimResult, IpnStore } from '../store.js';

/** Sends one Redis command: node-redis `(a) => client.sendCommand(a)`, ioredis `(a) => redis.call(...a)`. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

export interface RedisIpnStoreOptions {
  command: RedisCommand;
  /** Prepended to every key. Default `amazon-pay:ipn:`. */
  prefix?: string | undefined;
}

const COMPLETE = `if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'done:' .. ARGV[1], 'PX', ARGV[2]) return 1 end return 0`;
const RELEASE =
  `if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then return ` + `redis.call('DEL', KEYS[1]) end return 0`;

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
