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
      run: () => expectError(throwsSync(() => new WebStoreClient(ctx.config(patch)), 'constructor'), 'ERR_AMAZON_PAY_CONFIG', ['field', field]),
    });
  }

  for (const [name, id] of BAD_IDS) {
    checks.push({
      name: `hostile id: ${name} -> AmazonPayInvalidArgumentError, nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        expectError(await throws(() => client.getCharge(id as string), 'getCharge'), 'ERR_AMAZON_PAY_INVALID_ARGUMENT', ['argument', 'chargeId']);
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
  ];
  for (const [name, options, argument] of headerCases) {
    checks.push({
      name: `hostile headers: ${name} -> AmazonPayInvalidArgumentError(${argument}), nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        const error = await throws(() => client.createRefund({ chargeId: 'S01-1', refundAmount: { amount: '1', currencyCode: 'USD' } }, options), 'createRefund');
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
    ['an amount JSON cannot hold exactly', { chargeId: 'S01-1', refundAmount: { amount: 0.1 + 0.2, currencyCode: 'USD' } }],
  ];
  for (const [name, payload] of payloads) {
    checks.push({
      name: `hostile payload: ${name} -> AmazonPayInvalidArgumentError, nothing sent`,
      run: async () => {
        const { client, sent } = scripted(ctx, ok200);
        expectError(await throws(() => client.createRefund(payload as never), 'createRefund'), 'ERR_AMAZON_PAY_INVALID_ARGUMENT');
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
        expectError(await throws(() => client.getCharge('S01-1'), 'getCharge'), 'ERR_AMAZON_PAY_TIMEOUT', ['attempts', 1]);
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

  checks.push({
    name: 'secrets: no message, JSON or string form of a client or an error shows key, signature or auth token',
    run: async () => {
      const token = 'Atza|secret-auth-token-value-1234567890';
      const { client, sent } = scripted(ctx, () => new Response('{"reasonCode":"InvalidRequestSignature","message":"nope"}', { status: 401 }), {
        privateKey: ctx.keys.jwk,
      });
      const error = await throws(() => client.getCharge('S01-1', { authToken: token }), 'getCharge');
      const signature = /Signature=(\S+)$/.exec(sent[0]!.headers.get('authorization') ?? '')?.[1] ?? '';
      ok(signature.length > 100, 'a signature was sent');
      const shown = [String(error), (error as Error).message, (error as Error).stack ?? '', JSON.stringify(error), JSON.stringify(client), String(client)].join('\n');
      const { d = '', p = '', q = '' } = ctx.keys.jwk;
      for (const secret of [signature.slice(10, 40), token, d.slice(10, 50), p.slice(10, 50), q.slice(10, 50)]) {
        ok(!shown.includes(secret), `a secret fragment leaked: ${secret.slice(0, 6)}…`);
      }
    },
  });

  return checks;
}
