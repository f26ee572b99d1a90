// verifySignedRequest over requests signed by the client (through an injected fetch), and each way a
// request can be wrong: every refusal is an AmazonPaySignatureError with a stable reason.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AmazonPaySignatureError,
  parseAuthorization,
  verifySignedRequest,
  WebStoreClient,
  type SignatureErrorReason,
  type VerifySignedRequestOptions,
} from '../src/index.js';
import { receivedQuery } from '../src/internal.js';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey, publicKey } = pair();
const other = pair();
const PEM = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const keys = { 'SANDBOX-A': PEM };

/** One real request as the client sends it, captured by an injected fetch. */
async function signed(
  algorithm: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2' = 'AMZN-PAY-RSASSA-PSS-V2',
): Promise<Request> {
  let captured: Request | undefined;
  const client = new WebStoreClient({
    publicKeyId: 'SANDBOX-A',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    region: 'us',
    algorithm,
    maxRetries: 0,
    fetch: async (input, init) => {
      captured = new Request(input, init);
      return new Response('{"chargeId":"C"}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  const body = {
    storeId: 'amzn1.x',
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/r?x=1=2' },
    merchantMetadata: { merchantStoreName: 'shop ü' },
  };
  await client.createCheckoutSession(body, { idempotencyKey: 'idem-1' });
  return captured!;
}

async function rejection(
  request: Request,
  options: Partial<VerifySignedRequestOptions> = {},
): Promise<AmazonPaySignatureError> {
  const date = Date.parse(
    request.headers
      .get('x-amz-pay-date')!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  const error = await verifySignedRequest(request, { keys, now: () => date, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmazonPaySignatureError);
  expect((error as AmazonPaySignatureError).code).toBe('ERR_AMAZON_PAY_SIGNATURE');
  return error as AmazonPaySignatureError;
}

function changed(
  request: Request,
  change: { url?: string; headers?: Record<string, string | null>; body?: string },
): Request {
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(change.url ?? request.url, {
    method: request.method,
    headers,
    body: change.body ?? request.clone().body,
    duplex: 'half',
  } as RequestInit);
}

const dateOf = (request: Request) =>
  Date.parse(
    request.headers
      .get('x-amz-pay-date')!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );

describe('verifySignedRequest', () => {
  it.each(['AMZN-PAY-RSASSA-PSS', 'AMZN-PAY-RSASSA-PSS-V2'] as const)(
    'accepts what the client signs with %s',
    async (algorithm) => {
      const request = await signed(algorithm);
      const body = await request.clone().text();
      const verified = await verifySignedRequest(request, { keys, now: () => dateOf(request) });
      expect(verified).toMatchObject({ publicKeyId: 'SANDBOX-A', algorithm, date: dateOf(request) });
      expect(new TextDecoder().decode(verified.body)).toBe(body);
      expect(verified.signedHeaders['x-amz-pay-idempotency-key']).toBe('idem-1');
      expect(verified.stringToSign.startsWith(`${algorithm}\n`)).toBe(true);
    },
  );

  it('takes public CryptoKeys and a key lookup function as well as PEM text', async () => {
    const request = await signed();
    const cryptoKey = await crypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const now = () => dateOf(request);
    expect((await verifySignedRequest(request.clone(), { keys: { 'SANDBOX-A': cryptoKey }, now })).publicKeyId).toBe(
      'SANDBOX-A',
    );
    expect(
      (await verifySignedRequest(request.clone(), { keys: async (id) => (id === 'SANDBOX-A' ? PEM : undefined), now }))
        .publicKeyId,
    ).toBe('SANDBOX-A');
  });

  const cases: Array<[string, SignatureErrorReason, (r: Request) => Request, Partial<VerifySignedRequestOptions>?]> = [
    ['an unknown key id', 'UNKNOWN_KEY_ID', (r) => r, { keys: { 'SANDBOX-B': PEM } }],
    [
      'a signature by another key',
      'BAD_SIGNATURE',
      (r) => r,
      { keys: { 'SANDBOX-A': other.publicKey.export({ type: 'spki', format: 'pem' }) as string } },
    ],
    ['a changed body', 'BAD_SIGNATURE', (r) => changed(r, { body: '{"storeId":"amzn1.y"}' })],
    [
      'a changed signed header',
      'BAD_SIGNATURE',
      (r) => changed(r, { headers: { 'x-amz-pay-idempotency-key': 'idem-2' } }),
    ],
    ['a changed path', 'BAD_SIGNATURE', (r) => changed(r, { url: r.url.replace('/checkoutSessions', '/charges') })],
    ['a changed query', 'BAD_SIGNATURE', (r) => changed(r, { url: `${r.url}?extra=1` })],
    [
      'a garbled signature',
      'BAD_SIGNATURE',
      (r) =>
        changed(r, {
          headers: { authorization: r.headers.get('authorization')!.replace(/Signature=\S+/, 'Signature=%%%') },
        }),
    ],
    ['no authorization header', 'MISSING_AUTHORIZATION', (r) => changed(r, { headers: { authorization: null } })],
    [
      'a malformed authorization header',
      'MALFORMED_AUTHORIZATION',
      (r) => changed(r, { headers: { authorization: 'Bearer x' } }),
    ],
    [
      'an unknown algorithm',
      'UNSUPPORTED_ALGORITHM',
      (r) =>
        changed(r, {
          headers: { authorization: r.headers.get('authorization')!.replace(/^\S+/, 'AMZN-PAY-RSASSA-PKCS1') },
        }),
    ],
    ['a required header left out', 'MISSING_HEADER', (r) => changed(r, { headers: { 'x-amz-pay-region': null } })],
    [
      'the idempotency key not signed',
      'UNSIGNED_HEADER',
      (r) =>
        changed(r, {
          headers: { authorization: r.headers.get('authorization')!.replace(';x-amz-pay-idempotency-key', '') },
        }),
    ],
    ['a malformed date', 'BAD_DATE', (r) => changed(r, { headers: { 'x-amz-pay-date': '2024-13-01' } })],
  ];
  it.each(cases)('refuses %s', async (_name, reason, change, options) => {
    const error = await rejection(change(await signed()), options);
    expect(error.reason).toBe(reason);
    expect(error.message).not.toMatch(/PRIVATE KEY/);
  });

  it('refuses stale and future dates by the given clock and tolerance', async () => {
    const request = await signed();
    const date = dateOf(request);
    expect((await rejection(request.clone(), { now: () => date + 15 * 60_000 + 1000 })).reason).toBe('STALE_DATE');
    expect((await rejection(request.clone(), { now: () => date - 1000 })).reason).toBe('FUTURE_DATE');
    expect(
      (await verifySignedRequest(request.clone(), { keys, now: () => date - 1000, toleranceMs: 5000 })).publicKeyId,
    ).toBe('SANDBOX-A');
    expect((await rejection(request.clone(), { now: () => date + 61_000, maxAgeMs: 60_000 })).reason).toBe(
      'STALE_DATE',
    );
  });

  it('parses the authorization header with any whitespace, and keeps every = in a query value', () => {
    expect(
      parseAuthorization(
        'AMZN-PAY-RSASSA-PSS-V2  PublicKeyId=K,SignedHeaders=Accept;x-amz-pay-date,   Signature=ab+/=',
      ),
    ).toEqual({
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      publicKeyId: 'K',
      signedHeaders: ['accept', 'x-amz-pay-date'],
      signature: 'ab+/=',
    });
    expect(parseAuthorization('AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=K, Signature=x')).toBeUndefined();
    expect(receivedQuery('?a=x%3D1=2&a=&b&%zz=1')).toEqual({ a: ['x=1=2', ''], b: [''], '%zz': ['1'] });
  });
});
