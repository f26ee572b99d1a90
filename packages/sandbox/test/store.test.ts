// The store is pluggable: an asynchronous key-value store (as a KV namespace or a database would be)
// runs the lifecycle, and the in-memory store copies values and enforces its bound.
import { describe, expect, it } from 'vitest';
import { createSandbox, MemoryStore, SandboxConfigError, type RecordKind, type SandboxStore } from '../src/index.js';
import { checkout, clientFor, keys, main, usd } from './helpers.js';

class AsyncMapStore implements SandboxStore {
  readonly data = new Map<string, string>();
  writes = 0;
  async get(kind: RecordKind, id: string) {
    const text = this.data.get(`${kind}/${id}`);
    return text === undefined ? undefined : JSON.parse(text);
  }
  async put(kind: RecordKind, id: string, value: unknown) {
    this.writes++;
    this.data.set(`${kind}/${id}`, JSON.stringify(value));
  }
  async list(kind: RecordKind) {
    return [...this.data.entries()].filter(([k]) => k.startsWith(`${kind}/`)).map(([, v]) => JSON.parse(v));
  }
  async delete(kind: RecordKind, id: string) {
    this.data.delete(`${kind}/${id}`);
  }
}

describe('SandboxStore', () => {
  it('an async store plugged in holds every object of a checkout', async () => {
    const store = new AsyncMapStore();
    const sandbox = createSandbox({ keys, store });
    const client = clientFor(sandbox);
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '10.00' });
    expect(store.data.has(`checkoutSession/${done.data.checkoutSessionId}`)).toBe(true);
    expect(store.data.has(`chargePermission/${done.data.chargePermissionId}`)).toBe(true);
    expect(JSON.parse(store.data.get(`charge/${done.data.chargeId}`)!).statusDetails.state).toBe('Captured');
    // A second sandbox over the same store sees the same objects (a restart with a persistent store).
    const again = clientFor(createSandbox({ keys, store }));
    expect((await again.getCharge(done.data.chargeId!)).data.captureAmount).toEqual(usd('10.00'));
  });

  it('MemoryStore hands out copies and refuses to grow past maxRecordsPerKind', () => {
    const store = new MemoryStore({ maxRecordsPerKind: 2 });
    const value = { a: 1 };
    store.put('charge', '1', value);
    value.a = 2;
    expect(store.get('charge', '1')).toEqual({ a: 1 });
    (store.get('charge', '1') as { a: number }).a = 3;
    expect(store.get('charge', '1')).toEqual({ a: 1 });
    store.put('charge', '2', {});
    store.put('charge', '2', { replaced: true });
    expect(() => store.put('charge', '3', {})).toThrow(/maxRecordsPerKind/);
    expect(store.list('charge')).toEqual([{ a: 1 }, { replaced: true }]);
    store.delete('charge', '1');
    expect(store.get('charge', '1')).toBeUndefined();
  });

  it('a store failure answers 500 InternalServerError without breaking later requests', async () => {
    const store = new AsyncMapStore();
    const failing = {
      ...store,
      get: store.get.bind(store),
      list: store.list.bind(store),
      delete: store.delete.bind(store),
      put: async () => Promise.reject(new Error('disk full')),
    };
    const broken = createSandbox({ keys, store: failing });
    const res = await clientFor(broken, { maxRetries: 0 })
      .createCheckoutSession({ storeId: 's', webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/' } })
      .catch((e: unknown) => e);
    expect(res).toMatchObject({ status: 500, reasonCode: 'InternalServerError' });
    expect((res as Error).message).toContain('disk full');
    // The queue of operations is not stuck: a read still works.
    expect((await clientFor(broken).getReports()).status).toBe(200);
  });
});

describe('configuration errors', () => {
  it.each([
    ['no keys', {}, 'keys'],
    ['an empty key map', { keys: {} }, 'keys'],
    ['a private key', { keys: { 'SANDBOX-A': main.privatePem } }, 'keys'],
    ['text that is not a PEM', { keys: { 'SANDBOX-A': 'hello' } }, 'keys'],
    ['a key id with a comma', { keys: { 'SANDBOX-A,B': main.publicPem } }, 'keys'],
    ['a negative tolerance', { keys, clockToleranceMs: -1 }, 'clockToleranceMs'],
    ['an unknown delay', { keys, delays: { shippingMs: 1 } }, 'delays'],
    ['a relative publicUrl', { keys, publicUrl: '/x' }, 'publicUrl'],
  ])('%s throws SandboxConfigError naming the field', (_name, options, field) => {
    const e = (() => {
      try {
        createSandbox(options as never);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(SandboxConfigError);
    expect(e).toMatchObject({ name: 'SandboxConfigError', code: 'ERR_AMAZON_PAY_SANDBOX_CONFIG', field });
    expect((e as Error).message).not.toContain('PRIVATE KEY-----\nMII');
  });

  it('words a bad number the way core does (one validator)', () => {
    expect(() => createSandbox({ keys, clockToleranceMs: -1 })).toThrow(
      'clockToleranceMs must be a number (milliseconds) of at least 0; got -1.',
    );
  });
});
