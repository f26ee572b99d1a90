/**
 * Full signed calls against the fake Amazon Pay server, which verifies every signature with the
 * public key (WebCrypto `verify`), plus the retry loop and the one-time key import.
 */
import { formatAmzDate, WebStoreClient, type AmazonPayResponse } from '@amazon-pay-edge/core';
import { deepEqual, equal, notEqual, ok, throws } from '../assert.js';
import type { SuiteContext } from '../context.js';
import { FAIL_ONCE_PREFIX, type FakeReply } from '../fake-amazon-pay.js';
import type { Check } from '../harness.js';
import { pem } from '../key-material.js';

const CREATE_PAYLOAD = {
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  storeId: 'amzn1.application-oa2-client.conformance',
};
const CHARGE = { chargeAmount: { amount: '14.00', currencyCode: 'USD' } } as const;

function replyOf(result: AmazonPayResponse<unknown>): FakeReply {
  return result.data as FakeReply;
}

const nonce = () => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

export function apiCallChecks(ctx: SuiteContext): Check[] {
  return [
    {
      name: 'api: createCheckoutSession is signed, sent and verified by the server',
      run: async () => {
        const result = await new WebStoreClient(ctx.config()).createCheckoutSession(CREATE_PAYLOAD);
        const { received, checkoutSessionId } = replyOf(result);
        equal(result.status, 201, 'status');
        equal(result.attempts, 1, 'attempts');
        ok(typeof result.requestId === 'string' && result.requestId.length > 0, 'x-amz-pay-request-id is surfaced');
        deepEqual(JSON.parse(result.rawBody), result.data, 'rawBody is the JSON text of data');
        ok(checkoutSessionId.startsWith('fake-'), 'the created id comes back');
        equal(received.method, 'POST', 'method');
        ok(
          received.path.endsWith('/v2/checkoutSessions') && !received.path.includes('/sandbox/'),
          `path ${received.path}: a SANDBOX- key id uses /v2`,
        );
        equal(received.publicKeyId, ctx.publicKeyId, 'PublicKeyId');
        equal(received.algorithm, 'AMZN-PAY-RSASSA-PSS-V2', 'default algorithm');
        equal(received.region, 'na', 'x-amz-pay-region');
        deepEqual(JSON.parse(received.body), CREATE_PAYLOAD, 'body');
        ok(
          typeof result.idempotencyKey === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(result.idempotencyKey),
          'a generated idempotency key',
        );
        equal(received.idempotencyKey, result.idempotencyKey, 'the idempotency key sent');
        ok(received.signedHeaders.includes('x-amz-pay-idempotency-key'), 'the idempotency key is signed');
      },
    },
    {
      name: 'api: getCheckoutSession with an id that needs percent-encoding',
      run: async () => {
        const id = `S01-ü%+&=é~${nonce()}`;
        const result = await new WebStoreClient(ctx.config()).getCheckoutSession(id);
        const { received, checkoutSessionId } = replyOf(result);
        equal(result.status, 200, 'status');
        equal(checkoutSessionId, id, 'the server decoded the same id');
        equal(received.method, 'GET', 'method');
        ok(received.path.endsWith(`/v2/checkoutSessions/${id}`), `path ${received.path}`);
        equal(received.idempotencyKey, null, 'a GET carries no idempotency key');
        equal(received.body, '', 'a GET has no body');
      },
    },
    {
      name: 'api: updateCheckoutSession sends a UTF-8 body whose hash verifies',
      run: async () => {
        const payload = {
          merchantMetadata: { merchantStoreName: 'Grüße ✓ 日本 🛒', noteToBuyer: 'line\nbreak "quoted"' },
        };
        const result = await new WebStoreClient(ctx.config()).updateCheckoutSession(`S01-${nonce()}`, payload);
        const { received } = replyOf(result);
        equal(received.method, 'PATCH', 'method');
        deepEqual(JSON.parse(received.body), payload, 'body');
        equal(received.idempotencyKey, null, 'a PATCH carries no idempotency key');
      },
    },
    {
      name: "api: completeCheckoutSession sends the caller's idempotency key, signed",
      run: async () => {
        const idempotencyKey = `conformance_${nonce()}`;
        const id = `S01-${nonce()}`;
        const result = await new WebStoreClient(ctx.config()).completeCheckoutSession(id, CHARGE, { idempotencyKey });
        const { received } = replyOf(result);
        ok(received.path.endsWith(`/v2/checkoutSessions/${id}/complete`), `path ${received.path}`);
        equal(received.idempotencyKey, idempotencyKey, 'idempotency key received');
        equal(result.idempotencyKey, idempotencyKey, 'idempotency key reported');
        deepEqual(JSON.parse(received.body), CHARGE, 'body');
      },
    },
    {
      name: 'api: getReports sends sorted, RFC 3986-encoded query parameters that verify',
      run: async () => {
        const result = await new WebStoreClient(ctx.config()).getReports({
          reportTypes: [
            '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
            '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
          ],
          createdSince: '2024-01-01T00:00:00Z',
          pageSize: 10,
        });
        const { received } = replyOf(result);
        ok(received.path.endsWith('/v2/reports'), `path ${received.path}`);
        equal(
          received.query,
          'createdSince=2024-01-01T00%3A00%3A00Z&pageSize=10&reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_%2C_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
          'query string',
        );
      },
    },
    {
      name: 'api: a legacy key id in the EU sandbox signs /sandbox/v2 paths',
      run: async () => {
        const client = new WebStoreClient(
          ctx.config({ publicKeyId: ctx.legacyKeyId, environment: 'sandbox', region: 'eu' }),
        );
        const id = `S02-${nonce()}`;
        const { received } = replyOf(await client.getCheckoutSession(id));
        ok(received.path.endsWith(`/sandbox/v2/checkoutSessions/${id}`), `path ${received.path}`);
        equal(received.publicKeyId, ctx.legacyKeyId, 'PublicKeyId');
        equal(received.region, 'eu', 'x-amz-pay-region');
      },
    },
    {
      name: 'api: AMZN-PAY-RSASSA-PSS (salt 20) requests verify',
      run: async () => {
        const client = new WebStoreClient(ctx.config({ algorithm: 'AMZN-PAY-RSASSA-PSS' }));
        const { received } = replyOf(await client.getCheckoutSession(`S01-${nonce()}`));
        equal(received.algorithm, 'AMZN-PAY-RSASSA-PSS', 'algorithm');
      },
    },
    {
      name: 'api: a body altered after signing is refused with InvalidRequestSignature (the server really verifies)',
      run: async () => {
        const tamper: typeof ctx.serverFetch = (input, init) =>
          ctx.serverFetch(input, { ...init, body: String(init.body).replace('conformance', 'c0nformance') });
        const client = new WebStoreClient(ctx.config({ fetch: tamper }));
        const error = (await throws(() => client.createCheckoutSession(CREATE_PAYLOAD), 'tampered call')) as Record<
          string,
          unknown
        >;
        equal(error.name, 'AmazonPayApiError', 'name');
        equal(error.code, 'ERR_AMAZON_PAY_API', 'code');
        equal(error.status, 401, 'status');
        equal(error.reasonCode, 'InvalidRequestSignature', 'reasonCode');
        equal(error.retryable, false, 'retryable');
        equal(error.attempts, 1, 'a signature failure is not retried');
        ok(typeof error.clientStringToSign === 'string', 'the string this SDK signed is attached for diagnosis');
        ok(typeof error.serverStringToSign === 'string', "the server's echoed string-to-sign is attached");
        notEqual(
          error.serverStringToSign,
          error.clientStringToSign,
          'the altered body changed the string the server computed',
        );
      },
    },
    {
      name: 'api: a retry re-signs with a fresh x-amz-pay-date and keeps the idempotency key',
      run: async () => {
        let clock = Math.floor(Date.now() / 1000) * 1000;
        const start = clock;
        const sleeps: number[] = [];
        const client = new WebStoreClient(
          ctx.config({
            now: () => clock,
            sleep: async (ms) => {
              sleeps.push(ms);
              clock += ms + 2000;
            },
            random: () => 0.5,
            maxRetries: 2,
          }),
        );
        const result = await client.completeCheckoutSession(`${FAIL_ONCE_PREFIX}${nonce()}`, CHARGE);
        equal(result.status, 200, 'status after the retry');
        equal(result.attempts, 2, 'attempts');
        equal(sleeps.length, 1, 'one back-off');
        const attempts = replyOf(result).attempts;
        equal(attempts.length, 2, 'verified attempts seen by the server');
        const [first, second] = attempts as [FakeReply['received'], FakeReply['received']];
        equal(first.date, formatAmzDate(start), 'first x-amz-pay-date');
        equal(
          second.date,
          formatAmzDate(start + sleeps[0]! + 2000),
          'second x-amz-pay-date comes from the clock at that attempt',
        );
        notEqual(first.stringToSign, second.stringToSign, 'string-to-sign per attempt');
        ok(typeof result.idempotencyKey === 'string', 'an idempotency key');
        equal(first.idempotencyKey, result.idempotencyKey, 'first attempt idempotency key');
        equal(second.idempotencyKey, result.idempotencyKey, 'second attempt idempotency key');
      },
    },
    {
      name: 'api: two concurrent first calls import the key once',
      run: async () => {
        let imports = 0;
        const real = crypto.subtle;
        const subtle = new Proxy(real, {
          get(target, property) {
            const value: unknown = Reflect.get(target, property, target);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (property === 'importKey') imports++;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        });
        const client = new WebStoreClient(ctx.config({ privateKey: pem('PRIVATE KEY', ctx.keys.pkcs8), subtle }));
        const [a, b] = await Promise.all([
          client.getCheckoutSession(`S01-a${nonce()}`),
          client.getCheckoutSession(`S01-b${nonce()}`),
        ]);
        equal(a.status, 200, 'first call');
        equal(b.status, 200, 'second call');
        equal(imports, 1, 'importKey calls for two concurrent first calls');
        await client.generateButtonSignature('{}');
        equal(imports, 1, 'importKey calls after a later signature');
      },
    },
  ];
}
