// The lean shape (`@amazon-pay-edge/core/ops`): the same requests, checks, errors, retries and redaction as the
// classes, signatures verified with the public key; the fast key path and where it sends users for a diagnosis;
// and the generated per-operation functions kept in step with the operations table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOps } from '../scripts/generate-ops.mjs';
import {
  AmazonPayApiError,
  AmazonPayConfigError,
  AmazonPayInvalidArgumentError,
  AmazonPayKeyError,
  WebStoreClient,
  type AmazonPayHookEvent,
} from '../src/index.js';
import { inStoreOperations, webStoreOperations } from '../src/internal.js';
import * as ops from '../src/ops.js';
import {
  apiCall,
  completeCheckoutSession,
  createAmazonPayClient,
  createCheckoutSession,
  createRefund,
  generateButtonConfig,
  getBuyer,
  getCheckoutSession,
  getReports,
  getSignedHeaders,
  observeWith,
  paginateDisbursements,
  paginateReports,
  type LeanClientConfig,
} from '../src/ops.js';
import { accepted, pkcs8Pem, publicKeyObject, rejected, secretFragments } from './fixtures/keys.js';
import { inspectRequest, json, parseAuthorization, SALT, verifyPss, type Received } from './fixtures/server.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

/** A lean client and a class client with the same clock and ids, both talking to a verifying fake server. */
function setup(answers: Response[] = [], extra: Partial<LeanClientConfig> = {}) {
  const seen: Received[] = [];
  const config = {
    publicKeyId: 'SANDBOX-AEXAMPLE',
    privateKey: pkcs8Pem,
    region: 'eu',
    now: () => NOW,
    randomUUID: () => '11111111-2222-3333-4444-555555555555',
    sleep: async () => {},
    random: () => 0,
    fetch: async (url: string, init: RequestInit) => {
      seen.push(await inspectRequest(publicKeyObject, url, init));
      return answers.shift() ?? json(200, { checkoutSessionId: 'CS-1' });
    },
  };
  return { lean: createAmazonPayClient({ ...config, ...extra }), classic: new WebStoreClient(config), seen };
}

const payload = {
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  storeId: 'amzn1.application-oa2-client.x',
};

describe('lean client: the same requests as the class, signed and verified', () => {
  it('createCheckoutSession, getCheckoutSession and completeCheckoutSession send what the class sends', async () => {
    const { lean, classic, seen } = setup();
    await createCheckoutSession(lean, payload);
    await classic.createCheckoutSession(payload);
    await getCheckoutSession(lean, 'CS-1');
    await classic.getCheckoutSession('CS-1');
    const amount = { chargeAmount: { amount: '14', currencyCode: 'USD' as const } };
    await completeCheckoutSession(lean, 'CS-1', amount, { idempotencyKey: 'order-1' });
    await classic.completeCheckoutSession('CS-1', amount, { idempotencyKey: 'order-1' });
    expect(seen).toHaveLength(6);
    expect(seen.every((r) => r.verified)).toBe(true);
    for (let i = 0; i < seen.length; i += 2) {
      const [a, b] = [seen[i]!, seen[i + 1]!];
      expect(a.url.href).toBe(b.url.href);
      expect(a.body).toBe(b.body);
      expect(a.stringToSign).toBe(b.stringToSign); // RSA-PSS is randomised: the signed text is what must match
      const { authorization: _a, ...headersA } = a.headers;
      const { authorization: _b, ...headersB } = b.headers;
      expect(headersA).toEqual(headersB);
    }
    expect(seen[0]!.url.pathname).toBe('/v2/checkoutSessions');
    expect(seen[0]!.headers['x-amz-pay-idempotency-key']).toBe('11111111222233334444555555555555');
    expect(seen[4]!.url.pathname).toBe('/v2/checkoutSessions/CS-1/complete');
    expect(JSON.parse(seen[4]!.body)).toEqual({ chargeAmount: { amount: '14', currencyCode: 'USD' } });
  });

  it('every operation function exists for every table row, and one function sends its row', async () => {
    const rows = { ...webStoreOperations, ...inStoreOperations };
    for (const name of Object.keys(rows)) expect(typeof (ops as Record<string, unknown>)[name], name).toBe('function');
    const { lean, seen } = setup([json(200, { reports: [] })]);
    const types = [
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
    ] as const;
    await getReports(lean, { reportTypes: [...types], pageSize: 5 });
    expect(seen[0]!.url.pathname).toBe('/v2/reports');
    expect(seen[0]!.url.searchParams.get('reportTypes')).toBe(types.join(','));
    expect(seen[0]!.url.searchParams.get('pageSize')).toBe('5');
    expect(seen[0]!.verified).toBe(true);
  });

  it('generateButtonConfig signs the exact payloadJSON with the client key', async () => {
    const { lean } = setup();
    const config = await generateButtonConfig(lean, payload);
    expect(config).toMatchObject({ payloadJSON: JSON.stringify(payload), publicKeyId: 'SANDBOX-AEXAMPLE' });
    expect(config.algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
    const { sha256Hex } = await import('../src/signer.js');
    const text = `AMZN-PAY-RSASSA-PSS-V2\n${sha256Hex(config.payloadJSON)}`;
    expect(verifyPss(publicKeyObject, text, config.signature, SALT['AMZN-PAY-RSASSA-PSS-V2']!)).toBe(true);
  });
});

describe('lean escape hatches: getSignedHeaders and apiCall', () => {
  it('getSignedHeaders gives the class its headers, and a request sent with them verifies', async () => {
    const { lean, classic, seen } = setup();
    const request = { method: 'POST', urlFragment: 'checkoutSessions', payload } as const;
    const leanHeaders = await getSignedHeaders(lean, request);
    const classHeaders = await classic.getSignedHeaders(request);
    const { authorization: leanAuth, ...leanRest } = leanHeaders;
    const { authorization: _c, ...classRest } = classHeaders;
    expect(leanRest).toEqual(classRest);
    expect(leanRest['x-amz-pay-idempotency-key']).toBe('11111111222233334444555555555555');
    // Send it ourselves, as a caller of getSignedHeaders would: the verifying fake checks the signature.
    const received = await inspectRequest(publicKeyObject, 'https://pay-api.amazon.eu/v2/checkoutSessions', {
      method: 'POST',
      headers: leanHeaders,
      body: JSON.stringify(payload),
    });
    expect(received.verified).toBe(true);
    expect(parseAuthorization(leanAuth!).signedHeaders).toContain('x-amz-pay-idempotency-key');
    expect(seen).toEqual([]); // nothing was sent by the SDK itself
  });

  it('apiCall sends, retries with the same idempotency key and types the errors', async () => {
    const { lean, seen } = setup([
      json(503, { reasonCode: 'ServiceUnavailable', message: 'x' }),
      json(200, { chargeId: 'C-1' }),
      json(404, { reasonCode: 'ResourceNotFound', message: 'no such charge' }),
    ]);
    const res = await apiCall<{ chargeId: string }>(lean, {
      method: 'POST',
      urlFragment: 'charges/C-1/capture',
      payload: { captureAmount: { amount: '5', currencyCode: 'EUR' } },
    });
    expect(res).toMatchObject({ status: 200, attempts: 2, data: { chargeId: 'C-1' } });
    expect(seen.map((r) => r.url.pathname)).toEqual(['/v2/charges/C-1/capture', '/v2/charges/C-1/capture']);
    expect(seen.every((r) => r.verified)).toBe(true);
    expect(new Set(seen.map((r) => r.headers['x-amz-pay-idempotency-key'])).size).toBe(1);
    await expect(apiCall(lean, { method: 'GET', urlFragment: 'charges/C-2' })).rejects.toBeInstanceOf(
      AmazonPayApiError,
    );
  });

  it('bad raw requests reject with typed errors before anything is signed or sent', async () => {
    const { lean, seen } = setup();
    await expect(getSignedHeaders(lean, { method: 'GET', urlFragment: 'charges?x=1' })).rejects.toMatchObject({
      argument: 'urlFragment',
    });
    await expect(apiCall(lean, { method: 'TRACE' as never, urlFragment: 'charges' })).rejects.toMatchObject({
      argument: 'method',
    });
    await expect(
      apiCall(lean, { method: 'GET', urlFragment: 'reports', queryParams: { pageSize: { n: 1 } as never } }),
    ).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    await expect(getSignedHeaders({} as never, { method: 'GET', urlFragment: 'charges/C' })).rejects.toMatchObject({
      argument: 'client',
    });
    expect(seen).toEqual([]);
  });
});

describe('lean pagination', () => {
  const report = (id: string) => ({ reportId: id, reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_' });

  it('paginateReports follows nextToken, keeps the filters, signs every page; break fetches no more', async () => {
    const { lean, seen } = setup([
      json(200, { reports: [report('R1'), report('R2')], nextToken: 'T1' }),
      json(200, { reports: [report('R3')], nextToken: 'T2' }),
      json(200, { reports: [report('R4')] }),
    ]);
    const ids: string[] = [];
    for await (const r of paginateReports(lean, { pageSize: 2, processingStatuses: 'COMPLETED' })) ids.push(r.reportId);
    expect(ids).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.verified)).toBe(true);
    expect(seen.map((r) => r.url.searchParams.get('nextToken'))).toEqual([null, 'T1', 'T2']);
    expect(seen.every((r) => r.url.searchParams.get('pageSize') === '2')).toBe(true);
    expect(seen.every((r) => r.url.searchParams.get('processingStatuses') === 'COMPLETED')).toBe(true);

    const again = setup([
      json(200, { reports: [report('A'), report('B')], nextToken: 'N' }),
      json(200, { reports: [report('C')] }),
    ]);
    for await (const r of paginateReports(again.lean)) if (r.reportId === 'B') break;
    expect(again.seen).toHaveLength(1);
  });

  it('a token the server hands back twice ends the walk instead of looping', async () => {
    const { lean, seen } = setup([
      json(200, { disbursements: [{ settlementId: 'D1' }], nextToken: 'SAME' }),
      json(200, { disbursements: [{ settlementId: 'D2' }], nextToken: 'SAME' }),
      json(200, { disbursements: [{ settlementId: 'never' }] }),
    ]);
    const ids: string[] = [];
    const range = { startTime: '20240101T000000Z', endTime: '20240102T000000Z' };
    for await (const d of paginateDisbursements(lean, range)) ids.push(d.settlementId);
    expect(ids).toEqual(['D1', 'D2']);
    expect(seen).toHaveLength(2);
  });

  it('a wrong client or a bad query rejects the first next(), and nothing is sent', async () => {
    const { lean, seen } = setup();
    const wrong = paginateReports({} as never);
    await expect(wrong.next()).rejects.toMatchObject({ argument: 'client' });
    const bad = paginateReports(lean, { pageSize: { n: 1 } as never });
    await expect(bad.next()).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect(seen).toEqual([]);
  });
});

describe('lean client: checks, errors, retries and redaction are the classes own', () => {
  it('bad arguments reject with typed errors before anything is sent', async () => {
    const { lean, seen } = setup();
    await expect(getCheckoutSession(lean, 'a/b')).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    await expect(
      createRefund(lean, { chargeId: 'C', refundAmount: { amount: '1.001', currencyCode: 'EUR' } }),
    ).rejects.toMatchObject({
      code: 'ERR_AMAZON_PAY_INVALID_ARGUMENT',
    });
    await expect(createCheckoutSession(lean, payload, { idempotencyKey: 'no spaces allowed' })).rejects.toMatchObject({
      argument: 'idempotencyKey',
    });
    await expect(getCheckoutSession({} as never, 'CS-1')).rejects.toMatchObject({ argument: 'client' });
    expect(seen).toEqual([]);
  });

  it('configuration errors are thrown by the factory; hooks go through observe', () => {
    const base = { publicKeyId: 'SANDBOX-AEXAMPLE', privateKey: pkcs8Pem, region: 'eu' };
    expect(() => createAmazonPayClient({ ...base, region: 'mars' })).toThrow(AmazonPayConfigError);
    expect(() => createAmazonPayClient({ ...base, hooks: {} } as never)).toThrow(/Options are .*observe/);
    expect(() => createAmazonPayClient({ ...base, observe: observeWith({ logger: {} as never }) })).toThrow(
      expect.objectContaining({ field: 'logger' }),
    );
  });

  it('retries a 503 with the same idempotency key, re-signing each attempt', async () => {
    const { lean, seen } = setup([
      json(503, { reasonCode: 'ServiceUnavailable', message: 'x' }),
      json(201, { refundId: 'R' }),
    ]);
    const res = await createRefund(lean, { chargeId: 'C', refundAmount: { amount: '1.00', currencyCode: 'EUR' } });
    expect(res).toMatchObject({ status: 201, attempts: 2, data: { refundId: 'R' } });
    expect(seen.every((r) => r.verified)).toBe(true);
    expect(new Set(seen.map((r) => r.headers['x-amz-pay-idempotency-key'])).size).toBe(1);
  });

  it('API errors are typed and redact buyer tokens from the URL', async () => {
    const token = 'BUYER-TOKEN-SECRET-VALUE-123456';
    const { lean } = setup([json(404, { reasonCode: 'ResourceNotFound', message: `no buyer ${token}` })]);
    const error = await getBuyer(lean, token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayApiError);
    expect((error as AmazonPayApiError).url).toContain('/buyers/[redacted]');
    expect(String((error as Error).message)).not.toContain(token);
  });

  it('observeWith gives the same events as the class hooks; without it there are none', async () => {
    const events: AmazonPayHookEvent[] = [];
    const { lean } = setup([], { observe: observeWith({ hooks: { onCallEnd: (e) => void events.push(e) } }) });
    await getCheckoutSession(lean, 'CS-1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      operation: 'getCheckoutSession',
      pathTemplate: '/v2/checkoutSessions/{checkoutSessionId}',
    });
    expect(events[0]).toMatchObject({ outcome: 'success', status: 200 });
  });

  it('the client serialises to its public facts only', () => {
    const { lean } = setup();
    const text = JSON.stringify(lean);
    expect(JSON.parse(text)).toEqual({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      region: 'eu',
      environment: 'sandbox',
    });
  });
});

describe('lean key path', () => {
  const make = (privateKey: unknown, fetch: () => never) =>
    createAmazonPayClient({ publicKeyId: 'SANDBOX-AEXAMPLE', privateKey: privateKey as string, region: 'eu', fetch });

  it.each(accepted)('%s: imported on the fast path, the request verifies with the public key', async (_, input) => {
    const seen: Received[] = [];
    const client = createAmazonPayClient({
      publicKeyId: 'SANDBOX-AEXAMPLE',
      privateKey: input() as string,
      region: 'eu',
      fetch: async (url: string, init: RequestInit) => {
        seen.push(await inspectRequest(publicKeyObject, url, init));
        return json(200, {});
      },
    });
    await getCheckoutSession(client, 'CS-1');
    expect(seen[0]!.verified).toBe(true);
    expect(parseAuthorization(seen[0]!.headers['authorization']!).publicKeyId).toBe('SANDBOX-AEXAMPLE');
  });

  it.each(rejected)('%s: a typed key error, nothing sent, no key material', async (_, input) => {
    let sent = 0;
    const fetch = () => {
      sent++;
      throw new Error('must not be called');
    };
    let error: unknown;
    try {
      await getCheckoutSession(make(input(), fetch as never), 'CS-1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonPayKeyError);
    expect(sent).toBe(0);
    const { reason, message } = error as AmazonPayKeyError;
    // The fast path names the diagnosis instead of carrying it; empty and small keys it can tell itself.
    if (reason !== 'EMPTY' && reason !== 'TOO_SMALL') expect(message).toMatch(/preparePrivateKey.*check-key/);
    const shown = `${message} ${JSON.stringify(error)}`;
    for (const fragment of secretFragments()) expect(shown).not.toContain(fragment);
  });

  it('the diagnosis it points to gives the exact reason (preparePrivateKey)', async () => {
    const { preparePrivateKey } = await import('../src/signer.js');
    for (const [, input, reason] of rejected) {
      expect(() => preparePrivateKey(input() as string)).toThrow(expect.objectContaining({ reason }));
    }
  });
});

describe('generated operation functions', () => {
  it('src/ops.ts is what scripts/generate-ops.mjs writes from the operations table', async () => {
    const source = readFileSync(new URL('../src/operations.ts', import.meta.url), 'utf8');
    const written = readFileSync(new URL('../src/ops.ts', import.meta.url), 'utf8');
    expect(written, 'run node packages/core/scripts/generate-ops.mjs').toBe(await renderOps(source));
  });
});
