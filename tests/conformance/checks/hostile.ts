/**
 * Hostile inputs, table-driven: every case expects a specific typed error (or a correct result), and
 * nothing is sent that should not be. Runs in every runtime of the matrix (workerd included).
 */
import { WebStoreClient, type AmazonPayClientConfig } from '@amazon-pay-edge/core';
import { equal, ok, throws, throwsSync } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { Check } from '../harness.js';

type Script = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A client whose fetch plays `script` and records every request that left the SDK. */
function scripted(ctx: SuiteContext, script: Script, overrides: Partial<AmazonPayClientConfig> = {}) {
  const sent: { url: string; headers: Headers }[] = [];
  const client = new WebStoreClient(
    ctx.config({
      maxRetries: 0,
      fetch: async (url, init) => {
        sent.push({ url, headers: new Headers(init.headers) });
        return script(url, init);
      },
      ...overrides,
    }),
  );
  return { client, sent };
}

const ok200: Script = () => new Response('{"ok":true}', { status: 200, headers: { 'x-amz-pay-request-id': 'r1' } });

/** A price that is a class instance: amounts are checked whatever their prototype. */
class Price {
  constructor(
    readonly amount: unknown,
    readonly currencyCode: string,
  ) {}
}

function expectError(error: unknown, code: string, field?: [string, unknown]): void {
  const e = error as Record<string, unknown>;
  ok(error instanceof Error, `an Error (got ${String(error)})`);
  equal(e['code'], code, 'code');
  ok(typeof e['name'] === 'string' && (e['name'] as string).startsWith('AmazonPay'), 'an AmazonPay* name');
  if (field) equal(e[field[0]], field[1], field[0]);
}

const BAD_CONFIG: [string, Partial<AmazonPayClientConfig>, string][] = [
  ['unknown region', { region: 'mars' }, 'region'],
  ['empty key id', { publicKeyId: '' }, 'publicKeyId'],
  ['key id that would corrupt the Authorization header', { publicKeyId: 'SANDBOX-A, Signature=x' }, 'publicKeyId'],
  ['unknown algorithm', { algorithm: 'AMZN-PAY-RSASSA-PKCS1' as never }, 'algorithm'],
  ['baseUrl with another scheme', { baseUrl: 'ftp://127.0.0.1/' }, 'baseUrl'],
  ['baseUrl with credentials', { baseUrl: 'https://user:pass@127.0.0.1/' }, 'baseUrl'],
  ['absurd maxRetries', { maxRetries: 1000 }, 'maxRetries'],
  ['a LIVE- key id with sandbox: true', { publicKeyId: 'LIVE-AEXAMPLE', sandbox: true }, 'environment'],
  ['a SANDBOX- key id with environment live', { environment: 'live' }, 'environment'],
  ['a key id outside printable ASCII', { publicKeyId: 'SANDBOX-A\u00e9' }, 'publicKeyId'],
  ['a userAgent with CR/LF', { userAgent: 'ua\r\nx-injected: 1' }, 'userAgent'],
  ['an unknown option name (maxRetry)', { maxRetry: 0 } as never, 'maxRetry'],
  ['an unknown option name (timout)', { timout: 5 } as never, 'timout'],
  ['region "constructor"', { region: 'constructor' }, 'region'],
  ['region "__proto__"', { region: '__proto__' }, 'region'],
];

const BAD_IDS: [string, unknown][] = [
  ['empty', ''],
  ['"."', '.'],
  ['".."', '..'],
  ['a "/"', 'S01-1/../../refunds'],
  ['a "?"', 'S01-1?merchantId=x'],
  ['a "#"', 'S01-1#x'],
  ['CR/LF', 'S01-1\r\nx-injected: 1'],
  ['NUL', 'S01-1\u0000'],
  ['a space', 'S01 1'],
  ['a backslash', '..\\..\\refunds'],
  ['10,000 characters', 'S'.repeat(10_000)],
  ['a number', 42],
];

export function hostileChecks(ctx: SuiteContext): Check[] {
  const checks: Check[] = [];

  for (const [name, patch, field] of BAD_CONFIG) {
    checks.push({
      name: `hostile config: ${name} -> AmazonPayConfigError(${field}) at construction`,
      run: () =>
        expectError(
          throwsSync(() => new WebStoreClient(ctx.config(patch)), 'constructor'),
          'ERR_AMAZON_PAY_CONFIG',
          ['field', field],
        ),
    });
  }

  for (const [name, id] of BAD_IDS) {
    checks.push({
      name: `hostile id: ${name} -> AmazonPayInvalidArgumentError, nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        expectError(
          await throws(() => client.getCharge(id as string), 'getCharge'),
          'ERR_AMAZON_PAY_INVALID_ARGUMENT',
          ['argument', 'chargeId'],
        );
        equal(sent.length, 0, 'requests sent');
      },
    });
  }

  checks.push({
    name: 'hostile id: "%2F" and "%2e%2e" are encoded again and stay one segment of the operation path',
    run: async () => {
      const { client, sent } = scripted(ctx, ok200);
      await client.getCharge('a%2Fb');
      await client.getRefund('%2e%2e');
      // A baseUrl may add a prefix (the browser runners use /amazon); what follows it must be exactly this.
      const prefix = new URL(ctx.baseUrl ?? 'https://pay-api.amazon.com').pathname.replace(/\/+$/, '');
      equal(new URL(sent[0]!.url).pathname, `${prefix}/v2/charges/a%252Fb`, 'path');
      equal(new URL(sent[1]!.url).pathname, `${prefix}/v2/refunds/%252e%252e`, 'path');
    },
  });

  const headerCases: [string, Record<string, unknown>, string][] = [
    ['CR/LF in a caller header value', { headers: { 'x-note': 'a\r\nx-injected: 1' } }, 'headers'],
    ['a caller header name with a space', { headers: { 'x note': 'a' } }, 'headers'],
    ['a caller header overriding a signed one', { headers: { 'X-Amz-Pay-Date': '20000101T000000Z' } }, 'headers'],
    ['CR/LF in an idempotency key', { idempotencyKey: 'abc\r\nx-injected: 1' }, 'idempotencyKey'],
    ['a 33-character idempotency key', { idempotencyKey: 'a'.repeat(33) }, 'idempotencyKey'],
    ['LF in an auth token', { authToken: 'tok\nx-injected: 1' }, 'authToken'],
    ['an auth token beyond Latin-1', { authToken: 'tok\u20ac' }, 'authToken'],
    ['a header value beyond Latin-1', { headers: { 'x-note': 'snow \u2603' } }, 'headers'],
    ['NUL in a header value', { headers: { 'x-note': 'a\u0000b' } }, 'headers'],
    ...['expect', 'transfer-encoding', 'connection', 'upgrade', 'keep-alive', 'host', 'content-length'].map(
      (name): [string, Record<string, unknown>, string] => [
        `the forbidden header ${name}`,
        { headers: { [name]: '1' } },
        'headers',
      ],
    ),
  ];
  for (const [name, options, argument] of headerCases) {
    checks.push({
      name: `hostile headers: ${name} -> AmazonPayInvalidArgumentError(${argument}), nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        const error = await throws(
          () => client.createRefund({ chargeId: 'S01-1', refundAmount: { amount: '1', currencyCode: 'USD' } }, options),
          'createRefund',
        );
        expectError(error, 'ERR_AMAZON_PAY_INVALID_ARGUMENT', ['argument', argument]);
        equal(sent.length, 0, 'requests sent');
      },
    });
  }

  const cyclic: Record<string, unknown> = { chargeId: 'S01-1' };
  cyclic['self'] = cyclic;
  const payloads: [string, unknown][] = [
    ['a BigInt', { chargeId: 'S01-1', refundAmount: { amount: '1', currencyCode: 'USD' }, n: BigInt(1) }],
    ['a cycle', cyclic],
    [
      'an amount JSON cannot hold exactly',
      { chargeId: 'S01-1', refundAmount: { amount: 0.1 + 0.2, currencyCode: 'USD' } },
    ],
    ['a class-instance price with a negative amount', { chargeId: 'S01-1', refundAmount: new Price('-5', 'USD') }],
    [
      'a null-prototype price with a float amount',
      {
        chargeId: 'S01-1',
        refundAmount: Object.assign(Object.create(null), { amount: 0.1 + 0.2, currencyCode: 'USD' }),
      },
    ],
    [
      'a price whose toJSON swaps in an unchecked amount',
      {
        chargeId: 'S01-1',
        refundAmount: { amount: '1.00', currencyCode: 'USD', toJSON: () => ({ amount: '1e3', currencyCode: 'USD' }) },
      },
    ],
    ['a JPY amount with a fraction', { chargeId: 'S01-1', refundAmount: { amount: '99.50', currencyCode: 'JPY' } }],
  ];
  for (const [name, payload] of payloads) {
    checks.push({
      name: `hostile payload: ${name} -> AmazonPayInvalidArgumentError, nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        expectError(
          await throws(() => client.createRefund(payload as never), 'createRefund'),
          'ERR_AMAZON_PAY_INVALID_ARGUMENT',
        );
        equal(sent.length, 0, 'requests sent');
      },
    });
  }

  checks.push(
    {
      name: 'hostile response: a non-JSON 500 page -> AmazonPayApiError HTTP_500 with the raw text',
      run: async () => {
        const { client } = scripted(ctx, () => new Response('<html><h1>500</h1></html>', { status: 500 }));
        const error = await throws(() => client.getCharge('S01-1'), 'getCharge');
        expectError(error, 'ERR_AMAZON_PAY_API', ['reasonCode', 'HTTP_500']);
        equal((error as { rawBody: string }).rawBody, '<html><h1>500</h1></html>', 'rawBody');
      },
    },
    {
      name: 'hostile response: truncated JSON in a 200 -> AmazonPayConnectionError',
      run: async () => {
        const { client } = scripted(ctx, () => new Response('{"chargeId":"S01', { status: 200 }));
        expectError(await throws(() => client.getCharge('S01-1'), 'getCharge'), 'ERR_AMAZON_PAY_CONNECTION');
      },
    },
    {
      name: 'hostile response: headers then a stalled body -> AmazonPayTimeoutError',
      run: async () => {
        const { client } = scripted(
          ctx,
          (_url, init) =>
            new Response(
              new ReadableStream({
                start(controller) {
                  controller.enqueue(new TextEncoder().encode('{"a":'));
                  init.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
                },
              }),
              { status: 200 },
            ),
          { timeout: 200 },
        );
        expectError(await throws(() => client.getCharge('S01-1'), 'getCharge'), 'ERR_AMAZON_PAY_TIMEOUT', [
          'attempts',
          1,
        ]);
      },
    },
    {
      name: 'hostile response: a 4 MiB error body is read only up to 64 KiB',
      run: async () => {
        const { client } = scripted(ctx, () => new Response('x'.repeat(4 * 1024 * 1024), { status: 400 }));
        const error = await throws(() => client.getCharge('S01-1'), 'getCharge');
        equal((error as { rawBody: string }).rawBody.length, 64 * 1024, 'rawBody length');
        ok((error as Error).message.length < 1000, 'the message stays short');
      },
    },
    {
      name: 'hostile response: no x-amz-pay-request-id -> requestId undefined, result intact',
      run: async () => {
        const { client } = scripted(ctx, () => new Response('{"chargeId":"S01-1"}', { status: 200 }));
        const res = await client.getCharge('S01-1');
        equal(res.requestId, undefined, 'requestId');
        equal((res.data as { chargeId: string }).chargeId, 'S01-1', 'data');
      },
    },
  );

  checks.push(...issue10Checks(ctx));

  checks.push({
    name: 'secrets: no message, JSON or string form of a client or an error shows key, signature or auth token',
    run: async () => {
      const token = 'Atza|secret-auth-token-value-1234567890';
      const { client, sent } = scripted(
        ctx,
        () => new Response('{"reasonCode":"InvalidRequestSignature","message":"nope"}', { status: 401 }),
        {
          privateKey: ctx.keys.jwk,
        },
      );
      const error = await throws(() => client.getCharge('S01-1', { authToken: token }), 'getCharge');
      const signature = /Signature=(\S+)$/.exec(sent[0]!.headers.get('authorization') ?? '')?.[1] ?? '';
      ok(signature.length > 100, 'a signature was sent');
      const shown = [
        String(error),
        (error as Error).message,
        (error as Error).stack ?? '',
        JSON.stringify(error),
        JSON.stringify(client),
        String(client),
      ].join('\n');
      const { d = '', p = '', q = '' } = ctx.keys.jwk;
      for (const secret of [signature.slice(10, 40), token, d.slice(10, 50), p.slice(10, 50), q.slice(10, 50)]) {
        ok(!shown.includes(secret), `a secret fragment leaked: ${secret.slice(0, 6)}…`);
      }
    },
  });

  return checks;
}

/** A signal-ignoring fetch that never settles. */
const never: Script = () => new Promise<Response>(() => {});
/** Headers arrive, then a body that never ends and ignores the abort signal. */
const endlessBody: Script = () =>
  new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) }), { status: 200 });
const refund = { chargeId: 'S01-1', refundAmount: { amount: '1.00', currencyCode: 'USD' as const } };

/** Issue 10: redirects, aborts, hanging fetches, bad arguments to the escape hatches, secrets in errors. */
function issue10Checks(ctx: SuiteContext): Check[] {
  const checks: Check[] = [];
  for (const status of [301, 302, 303, 307, 308]) {
    checks.push({
      name: `hostile response: ${status} to createRefund -> AmazonPayApiError, not retried, Location not followed`,
      run: async () => {
        const { client, sent } = scripted(
          ctx,
          () => new Response(null, { status, headers: { location: 'https://evil.example/' } }),
          { maxRetries: 3 },
        );
        expectError(await throws(() => client.createRefund(refund), 'createRefund'), 'ERR_AMAZON_PAY_API', [
          'status',
          status,
        ]);
        equal(sent.length, 1, 'requests sent');
      },
    });
  }
  checks.push(
    {
      name: 'hostile response: an opaque redirect (status 0) -> AmazonPayApiError, never a success',
      run: async () => {
        const opaque = { status: 0, type: 'opaqueredirect', headers: new Headers(), body: null } as unknown as Response;
        const { client } = scripted(ctx, () => opaque, { maxRetries: 3 });
        expectError(await throws(() => client.createRefund(refund), 'createRefund'), 'ERR_AMAZON_PAY_API', [
          'status',
          0,
        ]);
      },
    },
    {
      name: "merchantAccountClaim's documented 303 resolves with location, not followed",
      run: async () => {
        const { client, sent } = scripted(
          ctx,
          () => new Response(null, { status: 303, headers: { location: 'https://sellercentral.example/claim' } }),
        );
        const res = await client.merchantAccountClaim('A1', { uniqueReferenceId: 'r' } as never);
        equal(res.status, 303, 'status');
        equal(res.location, 'https://sellercentral.example/claim', 'location');
        equal(sent.length, 1, 'requests sent');
      },
    },
    {
      name: 'abort: a signal aborted in the same tick as the call -> rejects with its reason, nothing sent',
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        const controller = new AbortController();
        const call = client.createRefund(refund, { signal: controller.signal });
        const reason = new Error('cancelled');
        controller.abort(reason);
        equal(await throws(() => call, 'createRefund'), reason, 'rejection');
        equal(sent.length, 0, 'requests sent');
      },
    },
    {
      name: 'abort: a custom sleep that ignores the signal cannot let a retry out after the abort',
      run: async () => {
        const controller = new AbortController();
        const reason = new Error('stop');
        const { client, sent } = scripted(ctx, () => new Response('{}', { status: 503 }), {
          maxRetries: 3,
          sleep: async () => controller.abort(reason),
        });
        equal(
          await throws(() => client.createRefund(refund, { signal: controller.signal }), 'createRefund'),
          reason,
          'rejection',
        );
        equal(sent.length, 1, 'requests sent');
      },
    },
    {
      name: 'hostile fetch: one that never settles and ignores the signal -> AmazonPayTimeoutError on every attempt',
      run: async () => {
        const { client, sent } = scripted(ctx, never, { timeout: 30, maxRetries: 1, sleep: async () => {} });
        expectError(await throws(() => client.getCharge('S01-1'), 'getCharge'), 'ERR_AMAZON_PAY_TIMEOUT', [
          'attempts',
          2,
        ]);
        equal(sent.length, 2, 'requests sent');
      },
    },
    {
      name: 'hostile fetch: a body that never ends and ignores the signal -> AmazonPayTimeoutError',
      run: async () => {
        const { client } = scripted(ctx, endlessBody, { timeout: 30 });
        expectError(await throws(() => client.getCharge('S01-1'), 'getCharge'), 'ERR_AMAZON_PAY_TIMEOUT');
      },
    },
    {
      name: 'hostile fetch: resolving to something that is not a Response -> AmazonPayConnectionError, not retried',
      run: async () => {
        const { client, sent } = scripted(ctx, () => ({ status: 200 }) as unknown as Response, {
          maxRetries: 3,
          sleep: async () => {},
        });
        const error = await throws(() => client.getCharge('S01-1'), 'getCharge');
        expectError(error, 'ERR_AMAZON_PAY_CONNECTION');
        ok(/not a Response/.test((error as Error).message), 'the message says what went wrong');
        equal(sent.length, 1, 'requests sent');
      },
    },
    {
      name: 'hostile key: an object that merely looks like a CryptoKey -> AmazonPayKeyError at construction',
      run: () => {
        const fake = {
          type: 'private',
          extractable: false,
          usages: ['sign'],
          algorithm: { name: 'RSA-PSS', hash: { name: 'SHA-256' }, modulusLength: 2048 },
        };
        expectError(
          throwsSync(() => new WebStoreClient(ctx.config({ privateKey: fake as never })), 'constructor'),
          'ERR_AMAZON_PAY_KEY',
        );
      },
    },
    {
      name: 'amounts: JPY "99.00" is sent as "99" (zero-decimal currencies are normalised)',
      run: async () => {
        const bodies: string[] = [];
        const { client } = scripted(
          ctx,
          async (_url, init) => (bodies.push(String(init.body)), new Response('{}', { status: 201 })),
        );
        await client.createRefund({
          chargeId: 'S01-1',
          refundAmount: { amount: '99.00', currencyCode: 'JPY' },
        } as never);
        equal(
          (JSON.parse(bodies[0]!) as { refundAmount: { amount: string } }).refundAmount.amount,
          '99',
          'amount sent',
        );
      },
    },
  );
  const badQueries: [string, unknown][] = [
    ['an object', { a: { b: 1 } }],
    ['a symbol', { a: Symbol('s') }],
    ['a nested array', { a: [['x']] }],
  ];
  for (const [name, queryParams] of badQueries) {
    checks.push({
      name: `hostile apiCall: a query value that is ${name} -> AmazonPayInvalidArgumentError (apiCall and getSignedHeaders reject), nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        let call: Promise<unknown> | undefined;
        let signed: Promise<unknown> | undefined;
        const options = { method: 'GET', urlFragment: 'reports', queryParams } as never;
        try {
          call = client.apiCall(options);
          signed = client.getSignedHeaders(options);
        } catch {
          throw new Error('apiCall/getSignedHeaders threw synchronously instead of rejecting');
        }
        expectError(await throws(() => call, 'apiCall'), 'ERR_AMAZON_PAY_INVALID_ARGUMENT');
        expectError(await throws(() => signed, 'getSignedHeaders'), 'ERR_AMAZON_PAY_INVALID_ARGUMENT');
        equal(sent.length, 0, 'requests sent');
      },
    });
  }
  checks.push({
    name: 'secrets: an echoed request signature is scrubbed; buyer tokens in the URL are redacted; server text is escaped',
    run: async () => {
      let signature = '';
      const { client } = scripted(ctx, (_url, init) => {
        signature = /Signature=(\S+)$/.exec(new Headers(init.headers).get('authorization') ?? '')?.[1] ?? '';
        const message = `Unable to verify signature, signing String [x] , signature [${signature}]\nFAKE LOG LINE`;
        return new Response(JSON.stringify({ reasonCode: 'InvalidRequestSignature', message }), { status: 401 });
      });
      const error = (await throws(() => client.getBuyer('BUYERTOKENCANARY42'), 'getBuyer')) as Error & {
        url: string;
        rawBody: string;
      };
      ok(signature.length > 100, 'a signature was sent');
      const shown = [
        String(error),
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
        error.url,
        error.rawBody,
      ].join('\n');
      ok(!shown.includes(signature), 'the signature leaked');
      ok(!shown.includes('BUYERTOKENCANARY42'), 'the buyer token leaked');
      ok(error.url.endsWith('/buyers/[redacted]'), `url is redacted: ${error.url}`);
      ok(
        error.message.includes('\\nFAKE LOG LINE') && !error.message.includes('\nFAKE LOG LINE'),
        'server newlines are escaped',
      );
    },
  });
  return checks;
}
