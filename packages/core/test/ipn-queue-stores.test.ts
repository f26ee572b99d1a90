// The queue adapters' input checks and the Durable Object queue's wire protocol (client -> handleIpnQueueRequest).
// Their behaviour on the real engines is the contract suite's job (tests/runners/ipn-stores*.mjs).
import { describe, expect, it } from 'vitest';
import { AmazonPayConfigError } from '../src/errors.js';
import { createMemoryIpnQueue } from '../src/ipn/queue.js';
import { createDenoKvIpnQueue } from '../src/ipn/stores/deno-kv.js';
import {
  createDurableObjectIpnQueue,
  createDurableObjectStorageIpnQueue,
  handleIpnQueueRequest,
} from '../src/ipn/stores/durable-object.js';
import { createRedisIpnQueue } from '../src/ipn/stores/redis.js';

describe('queue adapters refuse a missing client with a typed error', () => {
  it.each([
    ['redis', () => createRedisIpnQueue({} as never)],
    ['deno kv', () => createDenoKvIpnQueue({} as never)],
    ['deno kv without list', () => createDenoKvIpnQueue({ get: async () => ({}), atomic: () => ({}) } as never)],
    ['durable object storage', () => createDurableObjectStorageIpnQueue({} as never)],
    [
      'durable object storage, alarm without setAlarm',
      () => createDurableObjectStorageIpnQueue({ sql: { exec: () => ({ toArray: () => [] }) } }, { alarm: true }),
    ],
    ['durable object namespace', () => createDurableObjectIpnQueue({} as never)],
  ])('%s', (_, make) => {
    expect(make).toThrow(AmazonPayConfigError);
  });
});

describe('Durable Object queue wire protocol', () => {
  // The object's side on a memory queue; the namespace routes every stub to it, as one named object does.
  const queue = createMemoryIpnQueue();
  const names: string[] = [];
  const client = createDurableObjectIpnQueue({
    idFromName: (name: string) => (names.push(name), name),
    get: () => ({ fetch: (url: string, init?: RequestInit) => handleIpnQueueRequest(queue, new Request(url, init)) }),
  });

  it('carries every operation and its result', async () => {
    expect(await client.enqueue('k1', 'payload')).toBe(true);
    expect(await client.enqueue('k1', 'payload')).toBe(false);
    const [entry] = await client.takeDue(5, 't', 60_000);
    expect(entry).toMatchObject({ key: 'k1', payload: 'payload', state: 'pending', attempts: 0 });
    expect(await client.fail('k1', 'other', { delayMs: 0, dead: true, error: 'x' })).toBe(false);
    expect(await client.fail('k1', 't', { delayMs: 0, dead: true, error: 'down' })).toBe(true);
    expect(await client.list('dead', 10)).toMatchObject([{ key: 'k1', attempts: 1, lastError: 'down' }]);
    expect(await client.replay('k1')).toBe(true);
    const [again] = await client.takeDue(5, 't2', 60_000);
    expect(await client.succeed(again!.key, 't2', 60_000)).toBe(true);
    expect(await client.list('done', 10)).toMatchObject([{ key: 'k1', state: 'done' }]);
    expect(new Set(names)).toEqual(new Set(['amazon-pay-ipn-queue']));
  });

  it('answers 400 to a request that is not one of its operations, and the client throws', async () => {
    const post = (body: string) => handleIpnQueueRequest(queue, new Request('https://q/', { method: 'POST', body }));
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ op: 'drop', key: 'k' }))).status).toBe(400);
    expect((await post(JSON.stringify({ op: 'enqueue', payload: 'p' }))).status).toBe(400);
    expect((await post(JSON.stringify({ op: 'toString', key: 'k' }))).status).toBe(400);
    const broken = createDurableObjectIpnQueue({
      idFromName: (name: string) => name,
      get: () => ({ fetch: async () => new Response('bad IPN queue request', { status: 400 }) }),
    });
    await expect(broken.enqueue('k', 'p')).rejects.toThrow(/answered 400/);
  });
});
