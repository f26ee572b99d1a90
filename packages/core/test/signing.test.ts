import { describe, expect, it } from 'vitest';
import {
  AmazonPayConfigError,
  WebStoreClient,
  amazonPayHeaders,
  canonicalRequest,
  formatAmzDate,
  importPrivateKey,
  parseAmzDate,
  resolveEndpoint,
  signRequest,
  stringToSign,
} from '../src/index.js';
import { pkcs1Pem, pkcs8Der, pkcs8Pem, publicKeyObject } from './fixtures/keys.js';
import { inspectRequest, json, parseAuthorization, verifyPss } from './fixtures/server.js';

const DATE = Date.UTC(2024, 0, 1, 0, 0, 0);

describe('formatAmzDate', () => {
  it('formats UTC in the basic form and round-trips', () => {
    expect(formatAmzDate(DATE)).toBe('20240101T000000Z');
    expect(formatAmzDate(new Date('2018-05-24T22:37:10.999Z'))).toBe('20180524T223710Z');
    expect(parseAmzDate('20180524T223710Z')).toBe(Date.UTC(2018, 4, 24, 22, 37, 10));
    expect(parseAmzDate('2018-05-24T22:37:10Z')).toBe(Date.UTC(2018, 4, 24, 22, 37, 10));
    expect(parseAmzDate('20181324T223710Z')).toBeNaN();
    expect(parseAmzDate('yesterday')).toBeNaN();
  });
});

describe('signRequest', () => {
  it.each([
    ['AMZN-PAY-RSASSA-PSS', 20, 32],
    ['AMZN-PAY-RSASSA-PSS-V2', 32, 20],
  ] as const)('%s signs with salt %i; salt %i does not verify', async (algorithm, salt, wrongSalt) => {
    const key = await importPrivateKey(pkcs8Pem);
    const headers = amazonPayHeaders({
      host: 'pay-api.amazon.com',
      region: 'na',
      date: DATE,
      idempotencyKey: 'abc123',
    });
    const request = { method: 'POST', path: '/sandbox/v2/checkoutSessions', headers, body: '{"a":1}' };
    const signed = await signRequest({ key, algorithm, publicKeyId: 'AXXXX', ...request });
    expect(signed.canonicalRequest).toBe(canonicalRequest(request));
    expect(signed.stringToSign).toBe(stringToSign(algorithm, signed.canonicalRequest));
    const auth = parseAuthorization(signed.headers['authorization']!);
    expect(signed.headers['authorization']).toMatch(
      new RegExp(
        `^${algorithm} PublicKeyId=AXXXX, SignedHeaders=accept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-idempotency-key;x-amz-pay-region, Signature=[A-Za-z0-9+/]+=*$`,
      ),
    );
    expect(Buffer.from(auth.signature, 'base64')).toHaveLength(256);
    expect(verifyPss(publicKeyObject, signed.stringToSign, auth.signature, salt)).toBe(true);
    expect(verifyPss(publicKeyObject, signed.stringToSign, auth.signature, wrongSalt)).toBe(false);
    expect(verifyPss(publicKeyObject, signed.stringToSign + 'x', auth.signature, salt)).toBe(false);
  });

  it('signs the authtoken when present and nothing else optional', () => {
    const h = amazonPayHeaders({ host: 'h', region: 'eu', date: DATE, authToken: 'tok' });
    expect(Object.keys(h).sort()).toEqual([
      'accept',
      'content-type',
      'x-amz-pay-authtoken',
      'x-amz-pay-date',
      'x-amz-pay-host',
      'x-amz-pay-region',
    ]);
  });

  it('hashes the exact body bytes, unicode included', () => {
    const headers = amazonPayHeaders({ host: 'h', region: 'na', date: DATE });
    const a = canonicalRequest({ method: 'POST', path: '/', headers, body: '{"n":"Zoë 日本"}' });
    const b = canonicalRequest({
      method: 'POST',
      path: '/',
      headers,
      body: new TextEncoder().encode('{"n":"Zoë 日本"}'),
    });
    expect(a).toBe(b);
    expect(a.split('\n').at(-1)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('canonical headers are lower-cased, sorted, trimmed and collapsed', () => {
    const c = canonicalRequest({
      method: 'get',
      path: '/',
      headers: { 'X-Amz-Pay-Region': '  na ', Accept: 'a   b\t c' },
    });
    expect(c).toBe(
      'GET\n/\n\naccept:a b c\nx-amz-pay-region:na\n\naccept;x-amz-pay-region\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('endpoints and configuration', () => {
  it.each([
    ['us', 'sandbox', 'AXXXX', 'https://pay-api.amazon.com', '/sandbox/v2', 'na'],
    ['NA', 'live', 'AXXXX', 'https://pay-api.amazon.com', '/live/v2', 'na'],
    ['de', 'sandbox', 'AXXXX', 'https://pay-api.amazon.eu', '/sandbox/v2', 'eu'],
    ['UK', 'live', 'AXXXX', 'https://pay-api.amazon.eu', '/live/v2', 'eu'],
    ['jp', 'sandbox', 'AXXXX', 'https://pay-api.amazon.jp', '/sandbox/v2', 'jp'],
    ['eu', 'live', 'LIVE-AXXXX', 'https://pay-api.amazon.eu', '/v2', 'eu'],
    ['eu', 'sandbox', 'sandbox-AXXXX', 'https://pay-api.amazon.eu', '/v2', 'eu'],
    ['us', undefined, 'SANDBOX-AXXXX', 'https://pay-api.amazon.com', '/v2', 'na'],
  ])('%s %s %s', (region, environment, publicKeyId, origin, prefix, code) => {
    const e = resolveEndpoint({ region, environment, publicKeyId });
    expect(e.origin).toBe(origin);
    expect(e.pathPrefix).toBe(prefix);
    expect(e.region).toBe(code);
    expect(e.host).toBe(origin.slice(8));
  });

  it.each([
    ['sandbox', 'LIVE-AXXXX'],
    ['SANDBOX', 'live-AXXXX'],
    ['live', 'SANDBOX-AXXXX'],
  ])('environment %s contradicting key id %s is a config error, never a silent switch', (environment, publicKeyId) => {
    expect(() => resolveEndpoint({ region: 'eu', environment, publicKeyId })).toThrow(
      expect.objectContaining({ code: 'ERR_AMAZON_PAY_CONFIG', field: 'environment' }),
    );
  });

  it('baseUrl changes origin and host only', () => {
    const e = resolveEndpoint({ region: 'us', publicKeyId: 'SANDBOX-A', baseUrl: 'http://127.0.0.1:8787/amazon/' });
    expect(e).toMatchObject({
      origin: 'http://127.0.0.1:8787',
      host: '127.0.0.1:8787',
      pathPrefix: '/amazon/v2',
      region: 'na',
    });
  });

  const base = { publicKeyId: 'SANDBOX-AAAA', privateKey: pkcs8Pem, region: 'us' };
  it.each([
    ['unknown region', { region: 'mars' }, 'region'],
    ['empty key id', { publicKeyId: '' }, 'publicKeyId'],
    ['unknown algorithm', { algorithm: 'RSA-SHA1' }, 'algorithm'],
    ['legacy key without environment', { publicKeyId: 'AXXXX' }, 'environment'],
    ['bad baseUrl', { baseUrl: 'not a url' }, 'baseUrl'],
    ['negative maxRetries', { maxRetries: -1 }, 'maxRetries'],
    ['zero timeout', { timeout: 0 }, 'timeout'],
  ])('%s fails at construction', (_name, patch, field) => {
    let error: unknown;
    try {
      new WebStoreClient({ ...base, ...patch } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect((error as AmazonPayConfigError).code).toBe('ERR_AMAZON_PAY_CONFIG');
    expect((error as AmazonPayConfigError).name).toBe('AmazonPayConfigError');
    expect((error as AmazonPayConfigError).field).toBe(field);
  });

  it('algorithm undefined means V2; the official SDK spelling sandbox: true works', () => {
    expect(new WebStoreClient({ ...base, algorithm: undefined }).algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
    expect(new WebStoreClient({ ...base, publicKeyId: 'AXXXX', sandbox: true }).environment).toBe('sandbox');
  });
});

describe('client shell', () => {
  function client(fetch: (i: string, init: RequestInit) => Promise<Response>, extra: object = {}) {
    return new WebStoreClient({
      publicKeyId: 'SANDBOX-AAAA',
      privateKey: pkcs1Pem,
      region: 'eu',
      fetch,
      now: () => DATE,
      ...extra,
    });
  }

  it('generateButtonSignature signs exactly the string given; generateButtonConfig returns it', async () => {
    const c = client(async () => json(200, {}));
    const payload =
      '{"storeId":"amzn1.x","webCheckoutDetails":{"checkoutReviewReturnUrl":"https:\\/\\/a.example\\/r"}}';
    const signature = await c.generateButtonSignature(payload);
    expect(verifyPss(publicKeyObject, stringToSign('AMZN-PAY-RSASSA-PSS-V2', payload), signature, 32)).toBe(true);
    const object = {
      storeId: 'amzn1.x',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/r?x=1&y=<é>' },
    };
    const config = await c.generateButtonConfig(object);
    expect(config.payloadJSON).toBe(JSON.stringify(object));
    expect(config).toMatchObject({ publicKeyId: 'SANDBOX-AAAA', algorithm: 'AMZN-PAY-RSASSA-PSS-V2' });
    expect(verifyPss(publicKeyObject, stringToSign(config.algorithm, config.payloadJSON), config.signature, 32)).toBe(
      true,
    );
  });

  it('getSignedHeaders returns headers that verify for the request described', async () => {
    const c = client(async () => json(200, {}));
    const headers = await c.getSignedHeaders({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: { a: 1 },
      headers: { 'x-amz-pay-idempotency-key': 'key-1' },
    });
    expect(headers['x-amz-pay-date']).toBe('20240101T000000Z');
    expect(headers['x-amz-pay-idempotency-key']).toBe('key-1');
    const received = await inspectRequest(publicKeyObject, 'https://pay-api.amazon.eu/v2/checkoutSessions', {
      method: 'POST',
      headers,
      body: '{"a":1}',
    });
    expect(received.verified).toBe(true);
    expect(received.signedHeaders).toEqual([
      'accept',
      'content-type',
      'x-amz-pay-date',
      'x-amz-pay-host',
      'x-amz-pay-idempotency-key',
      'x-amz-pay-region',
    ]);
  });

  it('apiCall sends a signed request that the server verifies, and parses the answer', async () => {
    const seen: Awaited<ReturnType<typeof inspectRequest>>[] = [];
    const c = client(async (url, init) => {
      seen.push(await inspectRequest(publicKeyObject, url, init));
      return json(200, { reports: [] }, { 'x-amz-pay-request-id': 'rid-1' });
    });
    const res = await c.apiCall({
      method: 'GET',
      urlFragment: 'reports',
      queryParams: { reportTypes: 'A,B', pageSize: 10 },
    });
    expect(res).toMatchObject({ status: 200, data: { reports: [] }, requestId: 'rid-1', attempts: 1 });
    expect(seen[0]!.verified).toBe(true);
    expect(seen[0]!.url.href).toBe('https://pay-api.amazon.eu/v2/reports?pageSize=10&reportTypes=A%2CB');
    expect(seen[0]!.headers['user-agent']).toMatch(/^amazon-pay-edge\//);
    expect(seen[0]!.signedHeaders).not.toContain('user-agent');
  });

  it('imports the key once for concurrent first calls', async () => {
    let imports = 0;
    const subtle = new Proxy(crypto.subtle, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === 'importKey') return (...a: unknown[]) => (imports++, (value as Function).apply(target, a));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const c = client(async () => json(200, {}), { subtle, privateKey: pkcs8Der });
    await Promise.all([
      c.getCharge('S01-1'),
      c.getCharge('S01-2'),
      c.generateButtonSignature('{}'),
      c.getRefund('S01-3'),
    ]);
    expect(imports).toBe(1);
  });
});
