/**
 * The lean shape (`@amazon-pay-edge/core/ops`) in every runtime: the lean client and operation functions
 * send requests the fake server verifies with the public key, every accepted key format takes the fast path,
 * every rejected one is a typed key error before anything is sent, and bad arguments never reach the wire.
 */
import type { FetchLike } from '@amazon-pay-edge/core';
import {
  apiCall,
  completeCheckoutSession,
  createAmazonPayClient,
  createCheckoutSession,
  generateButtonConfig,
  getCheckoutSession,
  getSignedHeaders,
  type AmazonPayResponse,
  type LeanClientConfig,
} from '@amazon-pay-edge/core/ops';
import { deepEqual, equal, ok, throws } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { FakeReply } from '../fake-amazon-pay.js';
import type { Check } from '../harness.js';
import { verifyButtonSignature } from '../verify.js';
import { ACCEPTED, REJECTED, secretFragments } from './keys.js';

const CREATE_PAYLOAD = {
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  storeId: 'amzn1.application-oa2-client.conformance',
};

const replyOf = (result: AmazonPayResponse<unknown>) => result.data as FakeReply;

/** A fetch that reaches the fake server and counts what was sent. */
function counting(ctx: SuiteContext): { fetch: FetchLike; sent: () => number } {
  let sent = 0;
  return {
    fetch: (input, init) => {
      sent++;
      return ctx.serverFetch(input, init);
    },
    sent: () => sent,
  };
}

const leanConfig = (ctx: SuiteContext, overrides: Partial<LeanClientConfig> = {}): LeanClientConfig => {
  const { publicKeyId, privateKey, region, fetch, baseUrl, timeout } = ctx.config();
  return { publicKeyId, privateKey, region, fetch, baseUrl, timeout, ...overrides };
};

export function leanChecks(ctx: SuiteContext): Check[] {
  const fragments = secretFragments(ctx.keys);
  return [
    {
      name: 'lean: createCheckoutSession, getCheckoutSession, completeCheckoutSession are signed and verified',
      run: async () => {
        const client = createAmazonPayClient(leanConfig(ctx));
        const created = await createCheckoutSession(client, CREATE_PAYLOAD);
        const { received, checkoutSessionId } = replyOf(created);
        equal(created.status, 201, 'create status');
        ok(received.path.endsWith('/v2/checkoutSessions'), `path ${received.path}`);
        equal(received.publicKeyId, ctx.publicKeyId, 'PublicKeyId');
        deepEqual(JSON.parse(received.body), CREATE_PAYLOAD, 'body');
        ok(received.signedHeaders.includes('x-amz-pay-idempotency-key'), 'a generated idempotency key, signed');
        const id = `${checkoutSessionId}-ü+&`;
        const got = await getCheckoutSession(client, id);
        equal(replyOf(got).checkoutSessionId, id, 'the server decoded the same id');
        const completed = await completeCheckoutSession(
          client,
          checkoutSessionId,
          { chargeAmount: { amount: '14.00', currencyCode: 'USD' } },
          { idempotencyKey: `complete-${checkoutSessionId.slice(-12)}` },
        );
        const done = replyOf(completed).received;
        ok(done.path.endsWith(`/v2/checkoutSessions/${checkoutSessionId}/complete`), `path ${done.path}`);
        equal(done.idempotencyKey, `complete-${checkoutSessionId.slice(-12)}`, 'the given idempotency key');
      },
    },
    {
      name: 'lean: apiCall and getSignedHeaders (the escape hatches) sign what the server verifies',
      run: async () => {
        const client = createAmazonPayClient(leanConfig(ctx));
        const created = await apiCall(client, {
          method: 'POST',
          urlFragment: 'checkoutSessions',
          payload: CREATE_PAYLOAD,
        });
        equal(created.status, 201, 'apiCall status');
        const { received, checkoutSessionId } = replyOf(created);
        deepEqual(JSON.parse(received.body), CREATE_PAYLOAD, 'apiCall body');
        ok(
          received.signedHeaders.includes('x-amz-pay-idempotency-key'),
          'apiCall: a generated idempotency key, signed',
        );
        // getSignedHeaders: the caller sends the request itself; the server verifies the signature.
        const path = `checkoutSessions/${checkoutSessionId}`;
        const headers = await getSignedHeaders(client, { method: 'GET', urlFragment: path });
        const response = await ctx.serverFetch(`${ctx.baseUrl ?? 'https://pay-api.amazon.com'}/v2/${path}`, {
          method: 'GET',
          headers,
        });
        equal(response.status, 200, 'a request sent with getSignedHeaders is accepted');
        const reply = (await response.json()) as FakeReply;
        equal(reply.checkoutSessionId, checkoutSessionId, 'the server read the same id');
        equal(reply.received.publicKeyId, ctx.publicKeyId, 'PublicKeyId');
      },
    },
    {
      name: 'lean: generateButtonConfig verifies with the public key',
      run: async () => {
        const config = await generateButtonConfig(createAmazonPayClient(leanConfig(ctx)), CREATE_PAYLOAD);
        equal(config.payloadJSON, JSON.stringify(CREATE_PAYLOAD), 'payloadJSON');
        equal(config.algorithm, 'AMZN-PAY-RSASSA-PSS-V2', 'algorithm');
        ok(
          await verifyButtonSignature(ctx.keys.publicKey, config.algorithm, config.payloadJSON, config.signature),
          'verifies',
        );
      },
    },
    {
      name: 'lean: a bad id or amount is refused before anything is sent',
      run: async () => {
        const wire = counting(ctx);
        const client = createAmazonPayClient(leanConfig(ctx, { fetch: wire.fetch }));
        const badId = (await throws(() => getCheckoutSession(client, '../charges'), 'bad id')) as { code?: string };
        equal(badId.code, 'ERR_AMAZON_PAY_INVALID_ARGUMENT', 'bad id code');
        const badAmount = (await throws(
          () => completeCheckoutSession(client, 'S01-1', { chargeAmount: { amount: '1.234', currencyCode: 'USD' } }),
          'bad amount',
        )) as { code?: string };
        equal(badAmount.code, 'ERR_AMAZON_PAY_INVALID_ARGUMENT', 'bad amount code');
        equal(wire.sent(), 0, 'requests sent');
      },
    },
    ...ACCEPTED.map(([name, make]): Check => ({
      name: `lean: fast key path accepts ${name}`,
      run: async () => {
        const client = createAmazonPayClient(leanConfig(ctx, { privateKey: await make(ctx.keys) }));
        const { received } = replyOf(await getCheckoutSession(client, 'S01-lean-key'));
        equal(received.publicKeyId, ctx.publicKeyId, 'verified by the server under the registered key');
      },
    })),
    ...REJECTED.map(([name, , make]): Check => ({
      name: `lean: fast key path refuses ${name} with a typed error, nothing sent`,
      run: async () => {
        const input = await make(ctx.keys);
        const wire = counting(ctx);
        const error = (await throws(
          () =>
            getCheckoutSession(
              createAmazonPayClient(leanConfig(ctx, { privateKey: input, fetch: wire.fetch })),
              'S01-1',
            ),
          'lean client with a rejected key',
        )) as { name?: string; code?: string; message?: string };
        equal(error.name, 'AmazonPayKeyError', 'error name');
        equal(error.code, 'ERR_AMAZON_PAY_KEY', 'error code');
        for (const fragment of fragments) ok(!String(error.message).includes(fragment), 'no key material');
        equal(wire.sent(), 0, 'requests sent');
      },
    })),
  ];
}
