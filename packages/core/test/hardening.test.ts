// Issue 10: hostile servers, hostile callers and secrets. Each describe block is one class of case; the
// fake server verifies every request it receives with the public key (node:crypto), not with SDK code.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AmazonPayApiError,
  AmazonPayConfigError,
  AmazonPayConnectionError,
  AmazonPayInvalidArgumentError,
  AmazonPayIpnError,
  AmazonPayKeyError,
  AmazonPayTimeoutError,
  WebStoreClient,
  createIpnVerifier,
  type AmazonPayClientConfig,
} from '../src/index.js';
import { CERT_URL, NOW, body, fakeFetch, pem, signedEnvelope, validCertPem } from './fixtures/ipn.js';
import { pkcs8Pem, publicKeyObject } from './fixtures/keys.js';
import { inspectRequest, json, type Received } from './fixtures/server.js';

type Answer = Response | ((r: Received) => Response | Promise<Response>);

/** A client whose fetch verifies each request and answers from `answers` in order (then 500s). */
function setup(answers: Answer[], extra: Partial<AmazonPayClientConfig> = {}) {
  const seen: Received[] = [];
  const client = new WebStoreClient({
    publicKeyId: 'SANDBOX-AEXAMPLE',
    privateKey: pkcs8Pem,
    region: 'eu',
    sleep: async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted(),
    // Generous: the fake verifies each request with node:crypto, slow on a loaded machine; timeout tests set their own.
    timeout: 30_000,
    maxRetries: 2,
    fetch: async (url: string, init: RequestInit) => {
      const received = await inspectRequest(publicKeyObject, url, init);
      expect(received.verified).toBe(true);
      seen.push(received);
      const answer = answers.shift() ?? new Response('{}', { status: 500 });
      return typeof answer === 'function' ? answer(received) : answer;
    },
    ...extra,
  });
  return { client, seen };
}

const refund = { chargeId: 'S01-1', refundAmount: { amount: '1.00', currencyCode: 'EUR' as const } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('a non-2xx answer is never a success', () => {
  it.each([301, 302, 303, 304, 307, 308, 100, 199])(
    '%i to createRefund rejects with AmazonPayApiError, not retried, Location not followed',
    async (status) => {
      const headers = { location: 'https://evil.example/steal' };
      const answer =
        status < 200
          ? () => Object.defineProperty(new Response(null, { status: 200 }), 'status', { value: status })
          : new Response(null, { status, headers });
      const { client, seen } = setup([answer]);
      const error = await rejection(client.createRefund(refund));
      expect(error).toBeInstanceOf(AmazonPayApiError);
      expect((error as AmazonPayApiError).status).toBe(status);
      expect(seen).toHaveLength(1);
      expect(seen.every((r) => r.url.host === 'pay-api.amazon.eu')).toBe(true);
    },
  );

  it('status 0 / opaque redirect (a browser with redirect: manual) rejects', async () => {
    const opaque = () => {
      const r = new Response(null, { status: 200 });
      Object.defineProperties(r, { status: { value: 0 }, type: { value: 'opaqueredirect' } });
      return r;
    };
    const { client, seen } = setup([opaque]);
    const error = await rejection(client.createRefund(refund));
    expect(error).toMatchObject({ code: 'ERR_AMAZON_PAY_API', status: 0, retryable: false });
    expect(seen).toHaveLength(1);
  });

  it("merchantAccountClaim's documented 303 resolves with its Location exposed, and is not followed", async () => {
    const { client, seen } = setup([
      new Response(null, { status: 303, headers: { location: 'https://sellercentral.amazon.com/claim?x=1' } }),
    ]);
    const result = await client.merchantAccountClaim('A1MERCHANT', { uniqueReferenceId: 'ref-1' } as never);
    expect(result.status).toBe(303);
    expect(result.location).toBe('https://sellercentral.amazon.com/claim?x=1');
    expect(seen).toHaveLength(1);
  });

  it('a 302 to merchantAccountClaim (not its documented answer) still rejects', async () => {
    const { client } = setup([new Response(null, { status: 302, headers: { location: 'https://x.example' } })]);
    await expect(
      client.merchantAccountClaim('A1MERCHANT', { uniqueReferenceId: 'ref-1' } as never),
    ).rejects.toBeInstanceOf(AmazonPayApiError);
  });
});

describe('an aborted signal stops the call, whenever it aborts', () => {
  it('aborted in the same tick as the call: nothing is sent, rejects with the reason', async () => {
    const { client, seen } = setup([json(201, { refundId: 'R1' })]);
    const controller = new AbortController();
    const call = client.createRefund(refund, { signal: controller.signal });
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(seen).toHaveLength(0);
  });

  it('a custom sleep that ignores the signal cannot let a retry go out after the abort', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const { client, seen } = setup([json(503, { reasonCode: 'ServiceUnavailable', message: 'x' })], {
      sleep: async () => controller.abort(reason), // aborts while "sleeping", and ignores the signal
    });
    await expect(client.createRefund(refund, { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
  });

  it('aborted while the key is imported or the request signed: nothing is sent', async () => {
    const controller = new AbortController();
    let signCalls = 0;
    const subtle = new Proxy(crypto.subtle, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as (...args: unknown[]) => unknown;
        if (name !== 'sign') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          signCalls++;
          controller.abort(new Error('late'));
          return value.apply(target, args);
        };
      },
    });
    const { client, seen } = setup([json(201, {})], { subtle });
    await expect(client.createRefund(refund, { signal: controller.signal })).rejects.toThrow('late');
    expect(signCalls).toBe(1);
    expect(seen).toHaveLength(0);
  });
});

describe('a fetch or body that ignores the abort signal cannot hang a call', () => {
  it('a fetch that never settles times out on every attempt', async () => {
    let calls = 0;
    const client = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'eu',
      timeout: 20,
      maxRetries: 1,
      sleep: async () => {},
      fetch: () => {
        calls++;
        return new Promise<Response>(() => {}); // ignores the signal
      },
    });
    const error = await rejection(client.getCharge('S01-1'));
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect(calls).toBe(2);
  });

  it('a body stream that never ends (and ignores the signal) times out', async () => {
    const client = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'eu',
      timeout: 20,
      maxRetries: 0,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode('{"chargeId":'));
            },
          }),
          { status: 200 },
        ),
    });
    await expect(client.getCharge('S01-1')).rejects.toBeInstanceOf(AmazonPayTimeoutError);
  });

  it('the IPN certificate fetch and the SubscribeURL fetch are raced against their timer too', async () => {
    const verifier = createIpnVerifier({ fetch: () => new Promise<Response>(() => {}), now: () => NOW, timeoutMs: 20 });
    await expect(verifier.verify(body())).rejects.toMatchObject({ reason: 'CERT_FETCH' });
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('-----BEGIN')) }), {
        status: 200,
      });
    const confirmFetch = fakeFetch({ [CERT_URL]: pem(validCertPem) });
    const confirmer = createIpnVerifier({
      fetch: (url: string, init: RequestInit) =>
        url === CERT_URL ? confirmFetch.fetch(url, init) : Promise.resolve(stalled()),
      now: () => NOW,
      timeoutMs: 20,
    });
    await expect(confirmer.confirmSubscription(body({ type: 'SubscriptionConfirmation' }))).rejects.toMatchObject({
      reason: 'CONFIRM_FAILED',
    });
  });
});

describe('amounts are checked on what is sent', () => {
  class Price {
    constructor(
      readonly amount: unknown,
      readonly currencyCode: string,
    ) {}
  }
  const nullProto = (amount: unknown) => Object.assign(Object.create(null), { amount, currencyCode: 'EUR' });
  it.each([
    ['class instance, float error', new Price(0.1 + 0.2, 'EUR')],
    ['class instance, negative string', new Price('-5', 'EUR')],
    ['null-prototype object', nullProto('-5')],
    ['null-prototype object, float', nullProto(0.30000000000000004)],
    [
      'toJSON swapping a checked amount for an unchecked one',
      { amount: '1.00', currencyCode: 'EUR', toJSON: () => ({ amount: '1e3', currencyCode: 'EUR' }) },
    ],
    [
      'toJSON on the payload',
      { toJSON: () => ({ chargeId: 'S01-1', refundAmount: { amount: '-1', currencyCode: 'EUR' } }) },
    ],
  ])('%s is refused before sending', async (_name, price) => {
    const { client, seen } = setup([json(201, {})]);
    const payload = 'toJSON' in price && !('amount' in price) ? price : { chargeId: 'S01-1', refundAmount: price };
    await expect(client.createRefund(payload as never)).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect(seen).toHaveLength(0);
  });

  it('a valid class-instance price is sent as the checked decimal string; the signed bytes are the sent bytes', async () => {
    const { client, seen } = setup([json(201, {})]);
    await client.createRefund({ chargeId: 'S01-1', refundAmount: new Price(12.5, 'EUR') } as never);
    expect(JSON.parse(seen[0]!.body)).toEqual({
      chargeId: 'S01-1',
      refundAmount: { amount: '12.5', currencyCode: 'EUR' },
    });
    expect(seen[0]!.verified).toBe(true);
  });

  it('JPY "99.00" is normalised to "99" in every amount field; a real fraction is refused', async () => {
    const { client, seen } = setup([json(201, {}), json(201, {})]);
    await client.createCharge({
      chargePermissionId: 'B01-1',
      chargeAmount: { amount: '99.00', currencyCode: 'JPY' },
      nested: { deep: [{ amount: 5.0, currencyCode: 'jpy' }] },
    } as never);
    const sent = JSON.parse(seen[0]!.body);
    expect(sent.chargeAmount.amount).toBe('99');
    expect(sent.nested.deep[0].amount).toBe('5');
    await expect(
      client.createCharge({
        chargePermissionId: 'B01-1',
        chargeAmount: { amount: '99.50', currencyCode: 'JPY' },
      } as never),
    ).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect(seen).toHaveLength(1);
  });

  it('apiCall checks amounts in object payloads too; a string payload is sent exactly as given', async () => {
    const { client, seen } = setup([json(201, {})]);
    const bad = { chargeId: 'S01-1', refundAmount: { amount: '-1', currencyCode: 'EUR' } };
    await expect(client.apiCall({ method: 'POST', urlFragment: 'refunds', payload: bad })).rejects.toBeInstanceOf(
      AmazonPayInvalidArgumentError,
    );
    expect(seen).toHaveLength(0);
    await client.apiCall({ method: 'POST', urlFragment: 'refunds', payload: JSON.stringify(bad) });
    expect(seen[0]!.body).toBe(JSON.stringify(bad));
  });

  it('a "__proto__" key in a payload stays a plain key and is checked', async () => {
    const { client, seen } = setup([json(201, {})]);
    const payload = JSON.parse(
      '{"chargeId":"S01-1","refundAmount":{"amount":"2.00","currencyCode":"EUR"},"__proto__":{"amount":"-1","currencyCode":"EUR"}}',
    );
    await expect(client.createRefund(payload)).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect(seen).toHaveLength(0);
  });
});

describe('a 2xx body over the size bound fails once with a typed error', () => {
  it('is not retried', async () => {
    let calls = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const client = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'eu',
      maxRetries: 3,
      sleep: async () => {},
      fetch: async () => {
        calls++;
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent++ > 40) c.close();
            else c.enqueue(chunk);
          },
        });
        return new Response(stream, { status: 200 });
      },
    });
    const error = await rejection(client.getCharge('S01-1'));
    expect(error).toBeInstanceOf(AmazonPayConnectionError);
    expect((error as AmazonPayConnectionError).attempts).toBe(1);
    expect((error as Error).message).toMatch(/exceeds \d+ bytes/);
    expect(calls).toBe(1);
  });
});

describe('bad input gets a typed error before anything is sent', () => {
  const base = { publicKeyId: 'SANDBOX-AEXAMPLE', privateKey: pkcs8Pem, region: 'eu' };
  it.each([
    ['LIVE- key with sandbox: true', { publicKeyId: 'LIVE-AEXAMPLE', sandbox: true }, 'environment'],
    ['LIVE- key with environment sandbox', { publicKeyId: 'LIVE-AEXAMPLE', environment: 'sandbox' }, 'environment'],
    ['SANDBOX- key with sandbox: false', { publicKeyId: 'SANDBOX-AEXAMPLE', sandbox: false }, 'environment'],
    ['publicKeyId with non-ASCII', { publicKeyId: 'SANDBOX-Aé' }, 'publicKeyId'],
    ['publicKeyId with a control character', { publicKeyId: 'SANDBOX-A\u0007' }, 'publicKeyId'],
    ['userAgent with CR/LF', { userAgent: 'x\r\nx-injected: 1' }, 'userAgent'],
    ['userAgent with NUL', { userAgent: 'x\u0000' }, 'userAgent'],
    ['userAgent beyond Latin-1', { userAgent: 'agent ☃' }, 'userAgent'],
    ['unknown option maxRetry', { maxRetry: 0 }, 'maxRetry'],
    ['unknown option timout', { timout: 5 }, 'timout'],
    ['region constructor', { region: 'constructor' }, 'region'],
    ['region __proto__', { region: '__proto__' }, 'region'],
    ['region toString', { region: 'toString' }, 'region'],
  ])('%s -> AmazonPayConfigError at construction', (_name, patch, field) => {
    const error = (() => {
      try {
        new WebStoreClient({ ...base, ...patch } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect((error as AmazonPayConfigError).field).toBe(field);
  });

  it('agreeing environments are fine', () => {
    expect(new WebStoreClient({ ...base, publicKeyId: 'LIVE-AEXAMPLE', sandbox: false }).environment).toBe('live');
    expect(new WebStoreClient({ ...base, environment: 'sandbox' }).environment).toBe('sandbox');
  });

  it('an object that merely looks like a CryptoKey -> AmazonPayKeyError at construction', () => {
    const fake = {
      type: 'private',
      extractable: false,
      algorithm: { name: 'RSA-PSS', hash: { name: 'SHA-256' }, modulusLength: 2048 },
      usages: ['sign'],
    };
    expect(() => new WebStoreClient({ ...base, privateKey: fake as never })).toThrow(AmazonPayKeyError);
  });

  const headerCases: [string, Record<string, unknown>][] = [
    ['a header value beyond Latin-1', { headers: { 'x-note': 'snow ☃' } }],
    ['a header value with CR', { headers: { 'x-note': 'a\rb' } }],
    ['a header value with LF', { headers: { 'x-note': 'a\nb' } }],
    ['a header value with NUL', { headers: { 'x-note': 'a\u0000b' } }],
    ['an authToken beyond Latin-1', { authToken: 'tök€n' }],
    ['an authToken with CR/LF', { authToken: 'a\r\nb' }],
    ['an authToken with NUL', { authToken: 'a\u0000' }],
    ...['expect', 'Transfer-Encoding', 'connection', 'upgrade', 'keep-alive', 'host', 'content-length', 'te'].map(
      (name): [string, Record<string, unknown>] => [`forbidden header ${name}`, { headers: { [name]: '1' } }],
    ),
  ];
  it.each(headerCases)('%s -> AmazonPayInvalidArgumentError, nothing sent', async (_name, options) => {
    const { client, seen } = setup([json(200, {})]);
    await expect(client.getCharge('S01-1', options as never)).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    await expect(
      client.apiCall({ method: 'GET', urlFragment: 'charges/S01-1' }, options as never),
    ).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['an object', { a: { b: 1 } }],
    ['a symbol', { a: Symbol('s') }],
    ['a nested array', { a: [['x']] }],
    ['a function', { a: () => 1 }],
    ['NaN', { a: Number.NaN }],
  ])(
    'apiCall query value that is %s -> AmazonPayInvalidArgumentError (never [object Object] on the wire)',
    async (_name, queryParams) => {
      const { client, seen } = setup([json(200, {})]);
      await expect(
        client.apiCall({ method: 'GET', urlFragment: 'reports', queryParams: queryParams as never }),
      ).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
      await expect(
        client.getSignedHeaders({ method: 'GET', urlFragment: 'reports', queryParams: queryParams as never }),
      ).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
      expect(seen).toHaveLength(0);
    },
  );

  it('apiCall and getSignedHeaders reject (never throw synchronously) on bad arguments', async () => {
    const { client } = setup([]);
    for (const bad of [
      undefined,
      null,
      42,
      {},
      { method: 'TRACE', urlFragment: 'x' },
      { method: 'GET', urlFragment: '../x' },
    ]) {
      let apiCall: Promise<unknown> | undefined;
      let headers: Promise<unknown> | undefined;
      expect(() => (apiCall = client.apiCall(bad as never))).not.toThrow();
      expect(() => (headers = client.getSignedHeaders(bad as never))).not.toThrow();
      await expect(apiCall).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
      await expect(headers).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    }
  });

  it.each([
    ['undefined', undefined],
    ['a plain object', { status: 200 }],
    ['a string', 'ok'],
  ])('a fetch resolving to %s -> AmazonPayConnectionError with a clear message, not retried', async (_name, value) => {
    let calls = 0;
    const client = new WebStoreClient({
      ...base,
      maxRetries: 3,
      sleep: async () => {},
      fetch: async () => (calls++, value as never),
    });
    const error = await rejection(client.getCharge('S01-1'));
    expect(error).toBeInstanceOf(AmazonPayConnectionError);
    expect((error as Error).message).toMatch(/not a Response/);
    expect(calls).toBe(1);
  });

  it('a fetch that throws synchronously is a connection error, not a raw throw', async () => {
    const client = new WebStoreClient({
      ...base,
      maxRetries: 0,
      fetch: () => {
        throw new TypeError('boom');
      },
    });
    await expect(client.getCharge('S01-1')).rejects.toBeInstanceOf(AmazonPayConnectionError);
  });
});

describe('no secret in any message, field or log line', () => {
  it('the request signature is scrubbed even when Amazon echoes it; the string-to-sign is kept', async () => {
    let signature = '';
    const { client } = setup([
      (r) => {
        signature = /Signature=(\S+)$/.exec(r.headers['authorization']!)![1]!;
        return json(401, {
          reasonCode: 'InvalidRequestSignature',
          message: `Unable to verify signature, signing String [${r.stringToSign}] , signature [${signature}]`,
        });
      },
    ]);
    const error = (await rejection(client.getCharge('S01-1'))) as AmazonPayApiError;
    expect(signature.length).toBeGreaterThan(100);
    for (const text of [
      error.message,
      error.rawBody,
      JSON.stringify(error.body),
      String(error.stack),
      inspect(error, { showHidden: true, depth: 5 }),
    ]) {
      expect(text).not.toContain(signature);
    }
    expect(error.serverStringToSign).toBe(error.clientStringToSign);
  });

  it('buyer and MWS auth tokens in URL paths are redacted in messages and in url', async () => {
    const buyerToken = 'BUYERTOKENCANARY123';
    const mws = 'amzn.mws.CANARY-0000';
    const { client } = setup(
      [json(404, { reasonCode: 'ResourceNotFound', message: 'no' }), json(500, { reasonCode: 'x', message: 'y' })],
      { maxRetries: 0 },
    );
    const e1 = (await rejection(client.getBuyer(buyerToken))) as AmazonPayApiError;
    const e2 = (await rejection(client.getAuthorizationToken(mws, 'A1MERCHANT'))) as AmazonPayApiError;
    expect(e1.url).toContain('/buyers/[redacted]');
    expect(e2.url).toContain('/authorizationTokens/[redacted]?merchantId=A1MERCHANT');
    for (const e of [e1, e2]) {
      const all = [
        e.message,
        e.url,
        String(e.stack),
        JSON.stringify(e),
        inspect(e, { showHidden: true, depth: 5 }),
      ].join('\n');
      expect(all).not.toContain(buyerToken);
      expect(all).not.toContain(mws);
    }
  });

  it('server text is placed in messages with control characters escaped (no forged log lines)', async () => {
    const { client } = setup(
      [
        json(400, { reasonCode: 'Bad\nReason', message: 'first\nFAKE LOG LINE\r\u001b[31m\u2028' }),
        new Response('<html>\n<b>oops\u0000</b>', { status: 502 }),
      ],
      { maxRetries: 0 },
    );
    const e1 = (await rejection(client.getCharge('S01-1'))) as AmazonPayApiError;
    const e2 = (await rejection(client.getCharge('S01-2'))) as AmazonPayApiError;
    for (const e of [e1, e2])
      expect(e.message).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029](?!Amazon|this SDK|If they)/);
    expect(e1.message.split('\n')).toHaveLength(1);
    expect(e1.message).toContain('first\\nFAKE LOG LINE\\r\\u001b[31m\\u2028');
    expect(e1.reasonCode).toBe('Bad\\nReason');
  });
});

describe('canary sweep: every error class and rejection path', () => {
  const CANARY_TOKEN = 'CANARYTOKEN0123456789';
  const CANARY_BUYER = 'CANARYBUYER0123456789';
  const KEY_BODY = pkcs8Pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  const keyLines = pkcs8Pem.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----'));

  function surfaces(error: unknown): string {
    const e = error as Error & { cause?: unknown };
    const parts = [
      String(e),
      e.message,
      String(e.stack),
      JSON.stringify(e),
      inspect(e, { showHidden: true, depth: 8 }),
    ];
    if (e.cause !== undefined) parts.push(String(e.cause), inspect(e.cause, { showHidden: true, depth: 8 }));
    return parts.join('\n');
  }

  it('no key, signature or token appears in any surface', async () => {
    const signatures: string[] = [];
    const answers: Answer[] = [
      (r) =>
        json(401, {
          reasonCode: 'InvalidRequestSignature',
          message: `signature [${/Signature=(\S+)$/.exec(r.headers['authorization']!)![1]}] String [${r.stringToSign}]`,
        }),
      json(403, { reasonCode: 'UnauthorizedAccess', message: `token ${CANARY_TOKEN}` }),
      new Response('<html>\n502\n</html>', { status: 502 }),
      new Response(null, { status: 302, headers: { location: 'https://evil.example' } }),
    ];
    const client = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'eu',
      maxRetries: 0,
      timeout: 20,
      fetch: async (url: string, init: RequestInit) => {
        const auth = new Headers(init.headers).get('authorization') ?? '';
        signatures.push(auth.split('Signature=')[1] ?? '');
        const answer = answers.shift();
        if (answer === undefined) throw new TypeError(`fetch failed`);
        const r = await inspectRequest(publicKeyObject, url, init);
        return typeof answer === 'function' ? answer(r) : answer;
      },
    });
    const delegated = { authToken: CANARY_TOKEN };
    const errors: unknown[] = [];
    const collect = async (p: Promise<unknown>) => errors.push(await rejection(p));
    await collect(client.getBuyer(CANARY_BUYER, delegated)); // 401 echo
    await collect(client.getBuyer(CANARY_BUYER, delegated)); // 403 quoting the token
    await collect(client.getAuthorizationToken(CANARY_TOKEN, 'A1', delegated)); // 502 HTML
    await collect(client.getBuyer(CANARY_BUYER, delegated)); // 302
    await collect(client.getBuyer(CANARY_BUYER, delegated)); // connection error
    await collect(client.getBuyer(CANARY_BUYER, { ...delegated, headers: { 'x-a': 'b\n' } })); // invalid argument
    await collect(client.getBuyer(CANARY_BUYER, { authToken: `${CANARY_TOKEN}\n` }));
    const hanging = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'eu',
      maxRetries: 0,
      timeout: 10,
      fetch: () => new Promise(() => {}),
    });
    await collect(hanging.getBuyer(CANARY_BUYER, delegated)); // timeout
    const construct = (config: Record<string, unknown>) => {
      try {
        new WebStoreClient({ publicKeyId: 'SANDBOX-A', privateKey: pkcs8Pem, region: 'eu', ...config } as never);
      } catch (e) {
        errors.push(e);
      }
    };
    construct({ region: 'mars' });
    construct({ publicKeyId: 'LIVE-A', sandbox: true });
    construct({ privateKey: pkcs8Pem.replace('-----END PRIVATE KEY-----', '') });
    construct({ privateKey: KEY_BODY.slice(0, 200) });
    construct({ privateKey: pkcs8Pem.replace('PRIVATE KEY', 'PUBLIC KEY') });
    construct({ privateKey: { kty: 'RSA', n: KEY_BODY.slice(0, 100), e: 'AQAB', d: KEY_BODY.slice(100, 200) } });
    expect(errors.length).toBe(14);
    const names = new Set(errors.map((e) => (e as Error).name));
    for (const name of [
      'AmazonPayApiError',
      'AmazonPayConnectionError',
      'AmazonPayTimeoutError',
      'AmazonPayInvalidArgumentError',
      'AmazonPayConfigError',
      'AmazonPayKeyError',
    ]) {
      expect(names).toContain(name);
    }
    for (const error of errors) {
      const text = surfaces(error);
      for (const secret of [CANARY_TOKEN, CANARY_BUYER, ...signatures.filter(Boolean), ...keyLines])
        expect(text).not.toContain(secret);
    }
  });

  it('IPN errors carry no signature', async () => {
    const envelope = signedEnvelope({ tamper: { Message: '{"ObjectType":"CHARGE","ObjectId":"S01-9"}' } });
    const verifier = createIpnVerifier({ fetch: fakeFetch({ [CERT_URL]: pem(validCertPem) }).fetch, now: () => NOW });
    const error = await rejection(verifier.verify(JSON.stringify(envelope)));
    expect(error).toBeInstanceOf(AmazonPayIpnError);
    expect(surfaces(error)).not.toContain(envelope['Signature']!);
  });
});

describe('IPN verification hardening', () => {
  const verifierWith = (options: Record<string, unknown> = {}) => {
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem) });
    return { verifier: createIpnVerifier({ fetch: fake.fetch, now: () => NOW, ...options }), calls: fake.calls };
  };

  it.each([
    'https://sns.us-east-1.amazonaws.com/?Action=ListTopics',
    'https://sns.us-east-1.amazonaws.com/cert.txt',
    'https://sns.us-east-1.amazonaws.com/',
    'http://sns.us-east-1.amazonaws.com/cert.pem',
  ])('SigningCertURL %s is refused without a fetch', async (certUrl) => {
    const { verifier, calls } = verifierWith();
    await expect(verifier.verify(body({ certUrl }))).rejects.toMatchObject({ reason: 'CERT_URL' });
    expect(calls).toHaveLength(0);
  });

  it.each([
    'https://sns.eu-west-1.amazonaws.com/?Action=ListTopics',
    'https://sns.eu-west-1.amazonaws.com/?Action=Publish&TopicArn=x',
    'https://evil.example/?Action=ConfirmSubscription',
  ])('SubscribeURL %s is refused', async (subscribeUrl) => {
    const { verifier, calls } = verifierWith();
    await expect(
      verifier.confirmSubscription(body({ type: 'SubscriptionConfirmation', subscribeUrl })),
    ).rejects.toMatchObject({ reason: 'SUBSCRIBE_URL' });
    expect(calls.map((c) => c.url)).toEqual([CERT_URL]);
  });

  it('verify() on a parsed object builds the result from verified fields only', async () => {
    const { verifier } = verifierWith();
    const parsed = { ...signedEnvelope(), raw: { injected: 'not signed' }, Extra: 'also not signed' } as Record<
      string,
      unknown
    >;
    const result = await verifier.verify(parsed);
    expect(result.envelope.raw).not.toHaveProperty('injected');
    expect(result.envelope.raw).not.toHaveProperty('Extra');
    expect(JSON.stringify(result)).not.toContain('not signed');
    expect(result.envelope.raw['Signature']).toBe(parsed['Signature']);
  });

  it('requireSignatureVersion2 refuses version 1 and accepts version 2', async () => {
    const { verifier } = verifierWith({ requireSignatureVersion2: true });
    await expect(verifier.verify(body({ version: '1' }))).rejects.toMatchObject({ reason: 'SIGNATURE' });
    await expect(verifier.verify(body({ version: '2' }))).resolves.toMatchObject({ ObjectType: expect.any(String) });
    const lax = verifierWith().verifier;
    await expect(lax.verify(body({ version: '1' }))).resolves.toMatchObject({ ObjectType: expect.any(String) });
  });
});
