// Retries, timeouts, idempotency, clock skew and the error model, against a scripted fake server.
import { describe, expect, it } from 'vitest';
import {
  AmazonPayApiError,
  AmazonPayConnectionError,
  AmazonPayTimeoutError,
  WebStoreClient,
  formatAmzDate,
  type CallOptions,
} from '../src/index.js';
import { pkcs8Pem, publicKeyObject } from './fixtures/keys.js';
import { inspectRequest, json, type Received } from './fixtures/server.js';

const START = Date.UTC(2024, 5, 1, 12, 0, 0);
type Step = Response | Error | 'hang' | 'hang-body' | ((r: Received) => Response);

/** A client whose clock only moves when it sleeps, talking to a server that plays `steps` in order. */
function setup(steps: Step[], extra: Record<string, unknown> = {}) {
  let t = START;
  const seen: Received[] = [];
  const sleeps: number[] = [];
  const client = new WebStoreClient({
    publicKeyId: 'SANDBOX-AEXAMPLE',
    privateKey: pkcs8Pem,
    region: 'eu',
    now: () => t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      t += ms + 1000; // a second passes on top, so every attempt has a distinct x-amz-pay-date
    },
    random: () => 0.5,
    // Generous: the fake verifies each request with node:crypto, slow on a loaded machine; hang cases set their own.
    timeout: 30_000,
    fetch: async (url: string, init: RequestInit) => {
      seen.push(await inspectRequest(publicKeyObject, url, init));
      const step = steps.shift();
      if (step === undefined) throw new Error('script exhausted');
      if (step instanceof Error) throw step;
      if (step === 'hang') {
        return new Promise<Response>((_, reject) =>
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
        );
      }
      if (step === 'hang-body') {
        // Headers arrive, then the body stalls; like real fetch, aborting errors the body stream.
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"partial":'));
            init.signal!.addEventListener('abort', () => controller.error(init.signal!.reason));
          },
        });
        return new Response(body, { status: 200 });
      }
      return typeof step === 'function' ? step(seen.at(-1)!) : step;
    },
    ...extra,
  });
  return { client, seen, sleeps, advance: (ms: number) => (t += ms), now: () => t };
}

const refund = { chargeId: 'S01-1', refundAmount: { amount: '1.00', currencyCode: 'EUR' as const } };

describe('retries', () => {
  it('retries a 503, re-signing each attempt with a fresh date and the same idempotency key', async () => {
    const { client, seen, sleeps } = setup([
      json(503, { reasonCode: 'ServiceUnavailable', message: 'x' }),
      json(503, {}),
      json(201, { refundId: 'R1' }),
    ]);
    const res = await client.createRefund(refund);
    expect(res).toMatchObject({ status: 201, attempts: 3, data: { refundId: 'R1' } });
    expect(sleeps).toEqual([250, 500]); // full jitter with random() = 0.5: base 500 ms, doubling
    expect(seen.every((s) => s.verified)).toBe(true);
    const dates = seen.map((s) => s.headers['x-amz-pay-date']);
    expect(new Set(dates).size).toBe(3);
    expect(dates[0]).toBe(formatAmzDate(START));
    const keys = seen.map((s) => s.headers['x-amz-pay-idempotency-key']);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(res.idempotencyKey).toBe(keys[0]);
    const auths = seen.map((s) => s.headers['authorization']);
    expect(new Set(auths).size).toBe(3);
  });

  it('honours Retry-After in seconds and as an HTTP date, clamped', async () => {
    const a = setup([json(429, { reasonCode: 'TooManyRequests' }, { 'retry-after': '3' }), json(200, {})]);
    await a.client.getCharge('S01-1');
    expect(a.sleeps).toEqual([3000]);
    const b = setup([json(429, {}, { 'retry-after': new Date(START + 2000).toUTCString() }), json(200, {})]);
    await b.client.getCharge('S01-1');
    expect(b.sleeps).toEqual([2000]);
    const c = setup([json(503, {}, { 'retry-after': '86400' }), json(200, {})]);
    await c.client.getCharge('S01-1');
    expect(c.sleeps).toEqual([13_000]);
  });

  it('retries a network reset and keeps the idempotency key', async () => {
    const { client, seen } = setup([new TypeError('fetch failed: ECONNRESET'), json(200, { chargeId: 'S01-1' })]);
    const res = await client.captureCharge(
      'S01-1',
      { captureAmount: { amount: 5, currencyCode: 'EUR' } },
      { idempotencyKey: 'cap-1' },
    );
    expect(res.attempts).toBe(2);
    expect(seen.map((s) => s.headers['x-amz-pay-idempotency-key'])).toEqual(['cap-1', 'cap-1']);
  });

  it('times out a hung response, retries, then gives up with AmazonPayTimeoutError', async () => {
    const { client, seen } = setup(['hang', 'hang'], { timeout: 50 });
    const error = await client.getCharge('S01-1', { maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect(error).toMatchObject({
      code: 'ERR_AMAZON_PAY_TIMEOUT',
      name: 'AmazonPayTimeoutError',
      attempts: 2,
      timeoutMs: 50,
    });
    expect(seen).toHaveLength(2);
  });

  it('the timeout covers the body read', async () => {
    const { client } = setup(['hang-body', json(200, { ok: 1 })], { timeout: 1000 });
    const res = await client.getCharge('S01-1');
    expect(res).toMatchObject({ attempts: 2, data: { ok: 1 } });
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry %i', async (status) => {
    const { client, seen } = setup([
      json(status, { reasonCode: 'InvalidParameterValue', message: 'bad' }),
      json(200, {}),
    ]);
    const error = await client.createRefund(refund).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayApiError);
    expect(error).toMatchObject({ status, attempts: 1, retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('stops after maxRetries and returns the last error with its facts', async () => {
    const { client, seen } = setup([
      json(500, {}),
      json(502, {}),
      json(503, {}),
      json(504, { reasonCode: 'InternalServerError', message: 'down' }),
    ]);
    const error = (await client.createRefund(refund).catch((e: unknown) => e)) as AmazonPayApiError;
    expect(error).toBeInstanceOf(AmazonPayApiError);
    expect(error).toMatchObject({
      status: 504,
      reasonCode: 'InternalServerError',
      attempts: 4,
      retryable: true,
      isServer: true,
    });
    expect(error.idempotencyKey).toBe(seen[0]!.headers['x-amz-pay-idempotency-key']);
    expect(seen).toHaveLength(4);
  });

  it('maxRetries 0 in the config means one attempt', async () => {
    const { client, seen } = setup([json(503, {}), json(200, {})], { maxRetries: 0 });
    await expect(client.getCharge('S01-1')).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it("passes a caller's abort through as the abort reason, without retrying", async () => {
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const { client, seen } = setup([
      () => {
        controller.abort(reason);
        return json(503, {});
      },
      json(200, {}),
    ]);
    await expect(client.getCharge('S01-1', { signal: controller.signal } as CallOptions)).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
    await expect(client.getCharge('S01-1', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
  });

  it('a connection error with no retries left is an AmazonPayConnectionError with the cause', async () => {
    const cause = new TypeError('getaddrinfo ENOTFOUND');
    const { client } = setup([cause], { maxRetries: 0 });
    const error = await client.getCharge('S01-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayConnectionError);
    expect(error).toMatchObject({ code: 'ERR_AMAZON_PAY_CONNECTION', attempts: 1, cause });
  });
});

describe('error mapping', () => {
  it('maps a JSON error body', async () => {
    const { client } = setup([
      json(404, { reasonCode: 'ResourceNotFound', message: 'No charge S01-1' }, { 'x-amz-pay-request-id': 'rid-404' }),
    ]);
    const error = (await client.getCharge('S01-1').catch((e: unknown) => e)) as AmazonPayApiError;
    expect(error).toMatchObject({
      name: 'AmazonPayApiError',
      code: 'ERR_AMAZON_PAY_API',
      status: 404,
      reasonCode: 'ResourceNotFound',
      requestId: 'rid-404',
      body: { reasonCode: 'ResourceNotFound', message: 'No charge S01-1' },
      isNotFound: true,
    });
    expect(error.message).toContain('No charge S01-1');
    expect(error.message).toContain('rid-404');
  });

  it.each([
    ['an HTML 502 page', '<html><body><h1>502 Bad Gateway</h1></body></html>', 'HTTP_502', /502 Bad Gateway/],
    ['an empty body', '', 'HTTP_502', /empty response body/],
    ['truncated JSON', '{"reasonCode":"InternalServ', 'HTTP_502', /non-JSON/],
  ])('maps %s', async (_name, body, reasonCode, message) => {
    const { client } = setup([new Response(body, { status: 502 })], { maxRetries: 0 });
    const error = (await client.getCharge('S01-1').catch((e: unknown) => e)) as AmazonPayApiError;
    expect(error).toBeInstanceOf(AmazonPayApiError);
    expect(error.reasonCode).toBe(reasonCode);
    expect(error.rawBody).toBe(body);
    expect(error.message).toMatch(message);
    expect(error.requestId).toBeUndefined();
  });

  it('shows the echoed string-to-sign next to ours for InvalidRequestSignature', async () => {
    const { client } = setup([
      (r) =>
        json(401, {
          reasonCode: 'InvalidRequestSignature',
          message: `Unable to verify signature, signing String [${r.stringToSign.replace('V2', 'V9')}] , signature [abc]`,
        }),
    ]);
    const error = (await client.getCharge('S01-1').catch((e: unknown) => e)) as AmazonPayApiError;
    expect(error.serverStringToSign).toMatch(/^AMZN-PAY-RSASSA-PSS-V9\n[0-9a-f]{64}$/);
    expect(error.clientStringToSign).toMatch(/^AMZN-PAY-RSASSA-PSS-V2\n[0-9a-f]{64}$/);
    expect(error.message).toContain("this SDK's string-to-sign");
    expect(error.isAuth).toBe(true);
  });
});

describe('hostile responses', () => {
  it('retries a 2xx whose JSON is cut short, then reports a connection error', async () => {
    const { client, seen } = setup([
      new Response('{"chargeId":"S01', { status: 200 }),
      new Response('{"chargeId":"S01-1"}', { status: 200 }),
    ]);
    expect((await client.getCharge('S01-1')).data).toEqual({ chargeId: 'S01-1' });
    expect(seen).toHaveLength(2);
    const b = setup([new Response('<html>', { status: 200 })], { maxRetries: 0 });
    await expect(b.client.getCharge('S01-1')).rejects.toMatchObject({
      code: 'ERR_AMAZON_PAY_CONNECTION',
      cause: expect.any(SyntaxError),
    });
  });

  it('reads at most 64 KiB of an error body', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const { client } = setup([new Response(huge, { status: 400 })]);
    const error = (await client.getCharge('S01-1').catch((e: unknown) => e)) as AmazonPayApiError;
    expect(error.status).toBe(400);
    expect(error.rawBody.length).toBe(64 * 1024);
    expect(error.message.length).toBeLessThan(1000);
  });

  it('a response without x-amz-pay-request-id still resolves, with requestId undefined', async () => {
    const { client } = setup([new Response('{"ok":true}', { status: 200 })]);
    const res = await client.getCharge('S01-1');
    expect(res.requestId).toBeUndefined();
    expect(res.data).toEqual({ ok: true });
  });
});

describe('clock skew', () => {
  it('adopts the server time when it rejects x-amz-pay-date, and retries once', async () => {
    const serverNow = START - 10 * 60_000; // our clock runs 10 minutes fast
    const { client, seen } = setup([
      json(
        400,
        { reasonCode: 'InvalidHeaderValue', message: 'The value provided for x-amz-pay-date should not be in future' },
        { date: new Date(serverNow).toUTCString() },
      ),
      json(200, { ok: true }),
    ]);
    const res = await client.getCharge('S01-1');
    expect(res.attempts).toBe(2);
    expect(seen[1]!.headers['x-amz-pay-date']).toBe(formatAmzDate(serverNow));
    expect(client.clockOffsetMs).toBe(-10 * 60_000);
  });

  it('retries a date rejection only once', async () => {
    const reject = () =>
      json(
        400,
        { reasonCode: 'InvalidHeaderValue', message: 'x-amz-pay-date is in the future' },
        { date: new Date(START - 3_600_000).toUTCString() },
      );
    const { client, seen } = setup([reject(), reject(), json(200, {})]);
    await expect(client.getCharge('S01-1')).rejects.toMatchObject({ reasonCode: 'InvalidHeaderValue', attempts: 2 });
    expect(seen).toHaveLength(2);
  });

  it('learns a skew over 5 minutes from a successful response and uses it next time', async () => {
    const { client, seen } = setup([
      json(200, {}, { date: new Date(START + 7 * 60_000).toUTCString() }),
      json(200, {}),
    ]);
    await client.getCharge('S01-1');
    await client.getCharge('S01-1');
    expect(client.clockOffsetMs).toBe(7 * 60_000);
    expect(seen[1]!.headers['x-amz-pay-date']).toBe(formatAmzDate(START + 7 * 60_000));
  });

  it('ignores a small skew', async () => {
    const { client } = setup([json(200, {}, { date: new Date(START + 60_000).toUTCString() })]);
    await client.getCharge('S01-1');
    expect(client.clockOffsetMs).toBe(0);
  });
});
