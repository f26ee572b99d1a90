import { describe, expect, it } from 'vitest';
import {
  AmazonPayConfigError,
  createIpnHandler,
  createIpnRouter,
  createIpnVerifier,
  createMemoryIpnQueue,
  createMemoryIpnStore,
  isKnownIpnNotification,
  type IpnHandlerEvent,
  type IpnHandlerOptions,
  type IpnNotification,
  type IpnObjectReader,
} from '../src/index.js';
import {
  CERT_URL,
  NOW,
  SUBSCRIBE_URL,
  TOPIC_ARN,
  amazonPayMessage,
  body,
  fakeFetch,
  pem,
  validCertPem,
} from './fixtures/ipn.js';

const post = (text: string) => new Request('https://shop.example/ipn', { method: 'POST', body: text });

function setup(
  options: Partial<IpnHandlerOptions> = {},
  routes: Parameters<typeof fakeFetch>[0] = { [CERT_URL]: pem(validCertPem) },
) {
  const fake = fakeFetch(routes);
  const runs: IpnNotification[] = [];
  const events: IpnHandlerEvent[] = [];
  const handler = createIpnHandler({
    verifier: createIpnVerifier({ fetch: fake.fetch, now: () => NOW }),
    handle: (n) => void runs.push(n),
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { handler, runs, events, calls: fake.calls };
}

describe('createIpnHandler', () => {
  it('runs the handler once for a notification and answers 200 to its retries and to a copy under another MessageId', async () => {
    const { handler, runs, events } = setup();
    const first = body({ messageId: 'm-1' });
    expect((await handler(post(first))).status).toBe(200);
    expect((await handler(post(first))).status).toBe(200);
    expect((await handler(post(body({ messageId: 'm-2' })))).status).toBe(200);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      ObjectType: 'CHARGE',
      ObjectId: amazonPayMessage.ObjectId,
      NotificationId: amazonPayMessage.NotificationId,
    });
    expect(events.map((e) => e.type)).toEqual(['processed', 'duplicate', 'duplicate']);
    expect(events[0]!.key).toBe(`notification:${amazonPayMessage.NotificationId}`);
  });

  it('answers a forgery with 400 and never runs the handler', async () => {
    const { handler, runs } = setup();
    const forged = body({
      tamper: { Message: JSON.stringify({ ...amazonPayMessage, ObjectId: 'S01-0000000-0000000-C999999' }) },
    });
    expect((await handler(post(forged))).status).toBe(400);
    expect((await handler(post('not json'))).status).toBe(400);
    expect(runs).toHaveLength(0);
  });

  it('answers 503 when the certificate cannot be fetched (SNS retries), and processes the retry once it can', async () => {
    let up = false;
    const { handler, runs } = setup(
      {},
      {
        [CERT_URL]: () => (up ? new Response(validCertPem) : new Response('unavailable', { status: 503 })),
      },
    );
    const delivery = body();
    expect((await handler(post(delivery))).status).toBe(503);
    expect(runs).toHaveLength(0);
    up = true;
    expect((await handler(post(delivery))).status).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it('releases the claim when the handler throws (500), so the retry runs it; after success retries are answered without running', async () => {
    let calls = 0;
    const { handler, events } = setup({
      handle: () => {
        calls++;
        if (calls === 1) throw new Error('Amazon Pay unreachable');
      },
    });
    const delivery = body();
    expect((await handler(post(delivery))).status).toBe(500);
    expect((await handler(post(delivery))).status).toBe(200);
    expect((await handler(post(delivery))).status).toBe(200);
    expect(calls).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['failed', 'processed', 'duplicate']);
  });

  it('aborts the handler signal when the budget runs out (503), keeps the lease meanwhile, and records the late result', async () => {
    const late: Promise<unknown>[] = [];
    let signal: AbortSignal | undefined;
    let finish!: () => void;
    let calls = 0;
    const { handler } = setup({
      timeoutMs: 20,
      leaseMs: 60_000,
      handle: (_n, context) => {
        calls++;
        signal = context.signal;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    const delivery = body();
    const response = await handler(post(delivery), { waitUntil: (p) => void late.push(p) });
    expect(response.status).toBe(503);
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as DOMException).name).toBe('TimeoutError');
    // The late handler still holds the lease: a retry now is told to come back (503), not run a second time.
    expect((await handler(post(delivery))).status).toBe(503);
    finish();
    await Promise.all(late);
    expect((await handler(post(delivery))).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('a handler that fails after its budget releases the claim for the next delivery', async () => {
    const late: Promise<unknown>[] = [];
    let calls = 0;
    const { handler } = setup({
      timeoutMs: 20,
      leaseMs: 60_000,
      handle: (_n, { signal }) => {
        calls++;
        if (calls > 1) return;
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
    });
    const delivery = body();
    expect((await handler(post(delivery), { waitUntil: (p) => void late.push(p) })).status).toBe(503);
    await Promise.all(late);
    expect((await handler(post(delivery))).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers 503 (never 4xx) when the store is down, and runs nothing', async () => {
    const store = createMemoryIpnStore();
    const { handler, runs } = setup({
      store: { ...store, claim: () => Promise.reject(new Error('connection refused')) },
    });
    expect((await handler(post(body()))).status).toBe(503);
    expect(runs).toHaveLength(0);
  });

  it('answers 405 to anything but POST', async () => {
    const { handler } = setup();
    const response = await handler(new Request('https://shop.example/ipn'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('confirms subscriptions only when opted in for the topic; a failed SubscribeURL GET is retryable (503)', async () => {
    const confirmation = body({ type: 'SubscriptionConfirmation' });
    const off = setup(
      {},
      {
        [CERT_URL]: pem(validCertPem),
        [SUBSCRIBE_URL]: () => new Response('<SubscriptionArn>arn:x</SubscriptionArn>'),
      },
    );
    expect((await off.handler(post(confirmation))).status).toBe(403);
    expect(off.calls.map((c) => c.url)).not.toContain(SUBSCRIBE_URL);

    const other = setup(
      { confirmSubscriptions: { topicArns: ['arn:aws:sns:eu-west-1:1:other'] } },
      { [CERT_URL]: pem(validCertPem) },
    );
    expect((await other.handler(post(confirmation))).status).toBe(403);

    let up = false;
    const on = setup(
      { confirmSubscriptions: { topicArns: [TOPIC_ARN] } },
      {
        [CERT_URL]: pem(validCertPem),
        [SUBSCRIBE_URL]: () =>
          up ? new Response('<SubscriptionArn>arn:x</SubscriptionArn>') : new Response('no', { status: 500 }),
      },
    );
    expect((await on.handler(post(confirmation))).status).toBe(503);
    up = true;
    expect((await on.handler(post(confirmation))).status).toBe(200);
    expect(on.calls.filter((c) => c.url === SUBSCRIBE_URL)).toHaveLength(2);
    expect(on.runs).toHaveLength(0);
  });

  it('refuses a lease that does not outlive the time budget, and a store without the three methods', () => {
    const verifier = createIpnVerifier();
    expect(() => createIpnHandler({ verifier, handle: () => {}, timeoutMs: 5_000, leaseMs: 5_000 })).toThrow(
      AmazonPayConfigError,
    );
    expect(() => createIpnHandler({ verifier, handle: () => {}, store: {} as never })).toThrow(AmazonPayConfigError);
    expect(() => createIpnHandler({ verifier: {} as never, handle: () => {} })).toThrow(AmazonPayConfigError);
  });
});

describe('createIpnRouter', () => {
  const reader = () => {
    const calls: { method: string; id: string; signal: AbortSignal | undefined }[] = [];
    const get = (method: string, data: unknown) => async (id: string, options?: { signal?: AbortSignal }) => {
      calls.push({ method, id, signal: options?.signal });
      return { data: { ...(data as object), id } } as never;
    };
    const client: IpnObjectReader = {
      getCharge: get('getCharge', { statusDetails: { state: 'Captured' } }),
      getRefund: get('getRefund', { statusDetails: { state: 'Refunded' } }),
      getChargePermission: get('getChargePermission', { statusDetails: { state: 'Chargeable' } }),
    };
    return { client, calls };
  };

  it('re-fetches the object with the signed GET for its type, passing the budget signal, and hands the current object over', async () => {
    const { client, calls } = reader();
    const seen: string[] = [];
    const router = createIpnRouter(client)
      .on('CHARGE', (n, charge) => void seen.push(`${n.ObjectType} ${charge.statusDetails?.state}`))
      .on('REFUND', (n, refund) => void seen.push(`${n.ObjectType} ${refund.statusDetails?.state}`));
    const { handler } = setup({ handle: router.handle });
    expect((await handler(post(body()))).status).toBe(200);
    expect(
      (await handler(post(body({ message: { ...amazonPayMessage, ObjectType: 'REFUND', NotificationId: 'r-1' } }))))
        .status,
    ).toBe(200);
    expect(seen).toEqual(['CHARGE Captured', 'REFUND Refunded']);
    expect(calls.map((c) => `${c.method} ${c.id}`)).toEqual([
      `getCharge ${amazonPayMessage.ObjectId}`,
      `getRefund ${amazonPayMessage.ObjectId}`,
    ]);
    expect(calls.every((c) => c.signal instanceof AbortSignal)).toBe(true);
  });

  it('sends unknown and unrouted types to the fallback, and a type without a GET (CHARGEBACK) gets no object', async () => {
    const { client, calls } = reader();
    const fallback: string[] = [];
    let chargeback: unknown = 'not called';
    const router = createIpnRouter(client)
      .on('CHARGEBACK', (_n, object) => void (chargeback = object))
      .fallback((n) => void fallback.push(`${n.ObjectType} known=${isKnownIpnNotification(n)}`));
    const { handler } = setup({ handle: router.handle });
    const send = (type: string, id: string) =>
      handler(post(body({ message: { ...amazonPayMessage, ObjectType: type, NotificationId: id } })));
    expect((await send('SUBSCRIPTION', 'u-1')).status).toBe(200);
    expect((await send('CHARGE_PERMISSION', 'u-2')).status).toBe(200);
    expect((await send('CHARGEBACK', 'u-3')).status).toBe(200);
    expect(fallback).toEqual(['SUBSCRIPTION known=false', 'CHARGE_PERMISSION known=true']);
    expect(chargeback).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('a failing re-fetch fails the delivery (500) so SNS retries it', async () => {
    const client: IpnObjectReader = {
      ...reader().client,
      getCharge: () => Promise.reject(new Error('503 from Amazon')),
    };
    const { handler } = setup({ handle: createIpnRouter(client).on('CHARGE', () => {}).handle });
    expect((await handler(post(body()))).status).toBe(500);
  });

  it('needs a client for types it re-fetches', () => {
    expect(() => createIpnRouter().on('CHARGE', () => {})).toThrow(AmazonPayConfigError);
    expect(() => createIpnRouter().on('CHARGEBACK', () => {})).not.toThrow();
    expect(() => createIpnRouter().on('NOPE' as never, () => {})).toThrow(AmazonPayConfigError);
  });
});

describe('createMemoryIpnStore', () => {
  it('evicts done keys before running leases when full', async () => {
    const store = createMemoryIpnStore({ maxEntries: 2 });
    expect(await store.claim('lease', 't', 60_000)).toBe('claimed');
    expect(await store.claim('done', 't', 60_000)).toBe('claimed');
    expect(await store.complete('done', 't', 60_000)).toBe(true);
    expect(await store.claim('third', 't', 60_000)).toBe('claimed');
    expect(store.size).toBe(2);
    expect(await store.claim('lease', 'other', 60_000)).toBe('busy');
  });
});

describe('createIpnHandler, durable mode', () => {
  const durableSetup = (handle: IpnHandlerOptions['handle'], maxAttempts = 3) => {
    let clock = NOW;
    const queue = createMemoryIpnQueue({ now: () => clock });
    const handler = createIpnHandler({
      verifier: createIpnVerifier({ fetch: fakeFetch({ [CERT_URL]: pem(validCertPem) }).fetch, now: () => NOW }),
      handle,
      durable: { queue, maxAttempts, backoffMs: () => 1, processOnReceipt: false },
    });
    return { handler, queue, advance: (ms: number) => (clock += ms) };
  };

  it('stores a verified notification and answers 200 at once; process() runs it once; duplicates are not stored twice', async () => {
    const runs: number[] = [];
    const { handler, queue } = durableSetup((_n, { attempt }) => void runs.push(attempt));
    expect((await handler(post(body({ messageId: 'a' })))).status).toBe(200);
    expect((await handler(post(body({ messageId: 'b' })))).status).toBe(200);
    expect(runs).toEqual([]);
    expect(await queue.list('pending', 10)).toHaveLength(1);
    expect(await handler.processDue()).toEqual({ processed: 1, failed: 0, dead: 0 });
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 0, dead: 0 });
    expect(runs).toEqual([1]);
    expect((await handler(post(body({ messageId: 'c' })))).status).toBe(200);
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 0, dead: 0 });
  });

  it('retries with back-off, dead-letters after maxAttempts, and replays a dead letter', async () => {
    let healthy = false;
    const attempts: number[] = [];
    const { handler, advance } = durableSetup((_n, { attempt }) => {
      attempts.push(attempt);
      if (!healthy) throw new Error('downstream outage');
    });
    expect((await handler(post(body()))).status).toBe(200);
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 1, dead: 0 });
    // Not due before its back-off has passed.
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 0, dead: 0 });
    advance(2);
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 1, dead: 0 });
    advance(2);
    expect(await handler.processDue()).toEqual({ processed: 0, failed: 0, dead: 1 });
    const dead = await handler.deadLetters();
    expect(dead.map((d) => [d.key, d.attempts, d.lastError])).toEqual([
      [`notification:${amazonPayMessage.NotificationId}`, 3, 'downstream outage'],
    ]);
    healthy = true;
    expect(await handler.replay('notification:nope')).toBe(false);
    expect(await handler.replay(dead[0]!.key)).toBe(true);
    expect(await handler.processDue()).toEqual({ processed: 1, failed: 0, dead: 0 });
    expect(await handler.deadLetters()).toEqual([]);
    expect(attempts).toEqual([1, 2, 3, 1]);
  });

  it('concurrent processors take each entry once', async () => {
    let runs = 0;
    const { handler } = durableSetup(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
    });
    for (let i = 0; i < 10; i++)
      await handler(post(body({ message: { ...amazonPayMessage, NotificationId: `n-${i}` } })));
    const results = await Promise.all(Array.from({ length: 4 }, () => handler.processDue({ limit: 4 })));
    const total = results.reduce((sum, r) => sum + r.processed, 0) + (await handler.processDue()).processed;
    expect(total).toBe(10);
    expect(runs).toBe(10);
  });

  it('answers 503 when the queue cannot store the notification', async () => {
    const queue = { ...createMemoryIpnQueue(), enqueue: () => Promise.reject(new Error('down')) };
    const handler = createIpnHandler({
      verifier: createIpnVerifier({ fetch: fakeFetch({ [CERT_URL]: pem(validCertPem) }).fetch, now: () => NOW }),
      handle: () => {},
      durable: { queue },
    });
    expect((await handler(post(body()))).status).toBe(503);
  });
});
