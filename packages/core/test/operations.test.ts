// Every row of the protocol's operations table (section 5), called through the client against a fake server
// that checks method, path, query and body, and verifies the signature with the public key.
import { describe, expect, it } from 'vitest';
import { AmazonPayInvalidArgumentError, InStoreClient, WebStoreClient } from '../src/index.js';
import { inStoreOperations, webStoreOperations } from '../src/internal.js';
import { pkcs8Pem, publicKeyObject } from './fixtures/keys.js';
import { inspectRequest, json, type Received } from './fixtures/server.js';

const ID = 'S01-1234567-1234567';
const P = { amount: '10.00', currencyCode: 'USD' as const };

// [operation, client, arguments, method, path after the host, expected query string, body sent?]
const table: [string, 'web' | 'in', unknown[], string, string, string, boolean][] = [
  [
    'createCheckoutSession',
    'web',
    [{ storeId: 'amzn1.x', webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/r' } }],
    'POST',
    '/v2/checkoutSessions',
    '',
    true,
  ],
  ['getCheckoutSession', 'web', [ID], 'GET', `/v2/checkoutSessions/${ID}`, '', false],
  [
    'updateCheckoutSession',
    'web',
    [ID, { paymentDetails: { chargeAmount: P } }],
    'PATCH',
    `/v2/checkoutSessions/${ID}`,
    '',
    true,
  ],
  [
    'completeCheckoutSession',
    'web',
    [ID, { chargeAmount: P }],
    'POST',
    `/v2/checkoutSessions/${ID}/complete`,
    '',
    true,
  ],
  [
    'finalizeCheckoutSession',
    'web',
    [ID, { chargeAmount: P, paymentIntent: 'Authorize' }],
    'POST',
    `/v2/checkoutSessions/${ID}/finalize`,
    '',
    true,
  ],
  ['getChargePermission', 'web', [ID], 'GET', `/v2/chargePermissions/${ID}`, '', false],
  [
    'updateChargePermission',
    'web',
    [ID, { merchantMetadata: { merchantReferenceId: 'r1' } }],
    'PATCH',
    `/v2/chargePermissions/${ID}`,
    '',
    true,
  ],
  [
    'closeChargePermission',
    'web',
    [ID, { closureReason: 'done', cancelPendingCharges: false }],
    'DELETE',
    `/v2/chargePermissions/${ID}/close`,
    '',
    true,
  ],
  [
    'createCharge',
    'web',
    [{ chargePermissionId: ID, chargeAmount: P, captureNow: true }],
    'POST',
    '/v2/charges',
    '',
    true,
  ],
  ['getCharge', 'web', [ID], 'GET', `/v2/charges/${ID}`, '', false],
  [
    'updateCharge',
    'web',
    [ID, { statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' } }],
    'PATCH',
    `/v2/charges/${ID}`,
    '',
    true,
  ],
  ['captureCharge', 'web', [ID, { captureAmount: P }], 'POST', `/v2/charges/${ID}/capture`, '', true],
  ['cancelCharge', 'web', [ID, { cancellationReason: 'oops' }], 'DELETE', `/v2/charges/${ID}/cancel`, '', true],
  ['createRefund', 'web', [{ chargeId: ID, refundAmount: P }], 'POST', '/v2/refunds', '', true],
  ['getRefund', 'web', [ID], 'GET', `/v2/refunds/${ID}`, '', false],
  ['getBuyer', 'web', ['buyer-token-1'], 'GET', '/v2/buyers/buyer-token-1', '', false],
  [
    'deliveryTrackers',
    'web',
    [{ chargePermissionId: ID, deliveryDetails: [{ trackingNumber: '1Z', carrierCode: 'UPS' }] }],
    'POST',
    '/v2/deliveryTrackers',
    '',
    true,
  ],
  [
    'getAuthorizationToken',
    'web',
    ['amzn.mws.4ea38b7b', 'A2MERCHANT'],
    'GET',
    '/v2/authorizationTokens/amzn.mws.4ea38b7b',
    'merchantId=A2MERCHANT',
    false,
  ],
  [
    'getReports',
    'web',
    [
      {
        reportTypes: [
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
        ],
        processingStatuses: 'COMPLETED',
        pageSize: 10,
      },
    ],
    'GET',
    '/v2/reports',
    'pageSize=10&processingStatuses=COMPLETED&reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_%2C_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
    false,
  ],
  ['getReportById', 'web', ['R1'], 'GET', '/v2/reports/R1', '', false],
  ['getReportDocument', 'web', ['D1'], 'GET', '/v2/report-documents/D1', '', false],
  [
    'getReportSchedules',
    'web',
    [{ reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_' }],
    'GET',
    '/v2/report-schedules',
    'reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
    false,
  ],
  ['getReportScheduleById', 'web', ['RS1'], 'GET', '/v2/report-schedules/RS1', '', false],
  [
    'createReport',
    'web',
    [
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
        startTime: '20240101T000000Z',
        endTime: '20240102T000000Z',
      },
    ],
    'POST',
    '/v2/reports',
    '',
    true,
  ],
  [
    'createReportSchedule',
    'web',
    [{ reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_', scheduleFrequency: 'P1D' }],
    'POST',
    '/v2/report-schedules',
    '',
    true,
  ],
  ['cancelReportSchedule', 'web', ['RS1'], 'DELETE', '/v2/report-schedules/RS1', '', false],
  [
    'getDisbursements',
    'web',
    [{ startTime: '20240715T000000Z', endTime: '20240716T000000Z', pageSize: 5 }],
    'GET',
    '/v2/disbursements',
    'endTime=20240716T000000Z&pageSize=5&startTime=20240715T000000Z',
    false,
  ],
  [
    'registerAmazonPayAccount',
    'web',
    [{ uniqueReferenceId: 'u1', ledgerCurrency: 'JPY' }],
    'POST',
    '/v2/merchantAccounts',
    '',
    true,
  ],
  ['updateAmazonPayAccount', 'web', ['M1', { businessInfo: {} }], 'PATCH', '/v2/merchantAccounts/M1', '', true],
  ['deleteAmazonPayAccount', 'web', ['M1'], 'DELETE', '/v2/merchantAccounts/M1', '', false],
  [
    'createMerchantAccount',
    'web',
    [{ uniqueReferenceId: 'u1', ledgerCurrency: 'USD' }],
    'POST',
    '/v2/merchantAccounts',
    '',
    true,
  ],
  [
    'updateMerchantAccount',
    'web',
    ['M1', { businessInfo: {} }, { authToken: 'tok' }],
    'PATCH',
    '/v2/merchantAccounts/M1',
    '',
    true,
  ],
  [
    'merchantAccountClaim',
    'web',
    ['M1', { uniqueReferenceId: 'u1' }],
    'POST',
    '/v2/merchantAccounts/M1/claim',
    '',
    true,
  ],
  [
    'createStore',
    'web',
    ['M1', { storeName: 'Shop' }, { authToken: 'tok' }],
    'POST',
    '/v2/merchantAccounts/M1/stores',
    '',
    true,
  ],
  [
    'updateStore',
    'web',
    ['M1', 'ST1', { storeName: 'Shop 2' }, { authToken: 'tok' }],
    'PATCH',
    '/v2/merchantAccounts/M1/stores/ST1',
    '',
    true,
  ],
  [
    'createDispute',
    'web',
    [{ chargeId: ID, disputeAmount: P, filingReason: 'ProductNotReceived' }],
    'POST',
    '/v2/disputes',
    '',
    true,
  ],
  ['getDispute', 'web', ['DS1'], 'GET', '/v2/disputes/DS1', '', false],
  ['updateDispute', 'web', ['DS1', { statusDetails: { state: 'Resolved' } }], 'PATCH', '/v2/disputes/DS1', '', true],
  [
    'contestDispute',
    'web',
    ['DS1', { merchantEvidences: [{ evidenceType: 'TrackingNumber', evidenceText: '1Z' }] }],
    'POST',
    '/v2/disputes/DS1/contest',
    '',
    true,
  ],
  ['uploadFile', 'web', [{ type: 'jpg', purpose: 'disputeEvidence' }], 'POST', '/v2/files', '', true],
  [
    'merchantScan',
    'in',
    [{ scanData: 'UKhr', scanReferenceId: 's1', merchantCOE: 'US', ledgerCurrency: 'USD' }],
    'POST',
    '/v2/in-store/merchantScan',
    '',
    true,
  ],
  [
    'charge',
    'in',
    [{ chargePermissionId: ID, chargeReferenceId: 'c1', chargeTotal: P }],
    'POST',
    '/v2/in-store/charge',
    '',
    true,
  ],
  [
    'refund',
    'in',
    [{ chargeId: ID, refundReferenceId: 'r1', refundTotal: P }],
    'POST',
    '/v2/in-store/refund',
    '',
    true,
  ],
];

function clients() {
  const seen: Received[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    seen.push(await inspectRequest(publicKeyObject, url, init));
    return json(200, { ok: true });
  };
  const config = {
    publicKeyId: 'SANDBOX-AEXAMPLE',
    privateKey: pkcs8Pem,
    region: 'us',
    fetch,
    randomUUID: () => '0123abcd-0000-4000-8000-00000000beef',
  };
  return { seen, web: new WebStoreClient(config), in: new InStoreClient(config) };
}

describe('operations', () => {
  it('covers all 43 operations of the protocol table', () => {
    expect(table).toHaveLength(43);
    const names = new Set([...Object.keys(webStoreOperations), ...Object.keys(inStoreOperations)]);
    expect(names.size).toBe(43);
    expect(new Set(table.map((r) => r[0]))).toEqual(names);
  });

  it.each(table)('%s', async (name, which, args, method, path, query, hasBody) => {
    const c = clients();
    const client = c[which] as unknown as Record<
      string,
      (...a: unknown[]) => Promise<{ status: number; data: unknown; idempotencyKey?: string }>
    >;
    const res = await client[name]!(...args);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ ok: true });
    const r = c.seen[0]!;
    expect(r.verified).toBe(true);
    expect(r.method).toBe(method);
    expect(r.url.pathname).toBe(path);
    expect(r.url.search.replace(/^\?/, '')).toBe(query);
    expect(r.url.host).toBe('pay-api.amazon.com');
    if (hasBody) {
      const payload = args.find((a) => a && typeof a === 'object' && !('authToken' in (a as object)))!;
      expect(JSON.parse(r.body)).toEqual(payload);
    } else {
      expect(r.body).toBe('');
    }
    if (method === 'POST') {
      expect(r.headers['x-amz-pay-idempotency-key']).toBe('0123abcd00004000800000000000beef');
      expect(r.signedHeaders).toContain('x-amz-pay-idempotency-key');
      expect(res.idempotencyKey).toBe(r.headers['x-amz-pay-idempotency-key']);
    } else {
      expect(r.headers['x-amz-pay-idempotency-key']).toBeUndefined();
    }
    const last = args.at(-1) as { authToken?: string };
    if (last && typeof last === 'object' && 'authToken' in last) {
      expect(r.headers['x-amz-pay-authtoken']).toBe('tok');
      expect(r.signedHeaders).toContain('x-amz-pay-authtoken');
    }
  });

  it('legacy key ids use the /sandbox/v2 and /live/v2 prefixes', async () => {
    const seen: Received[] = [];
    const fetch = async (url: string, init: RequestInit) => (
      seen.push(await inspectRequest(publicKeyObject, url, init)),
      json(200, {})
    );
    await new WebStoreClient({
      publicKeyId: 'AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'jp',
      environment: 'live',
      fetch,
    }).getCharge(ID);
    await new InStoreClient({
      publicKeyId: 'AEXAMPLE',
      privateKey: pkcs8Pem,
      region: 'uk',
      sandbox: true,
      fetch,
    }).merchantScan({ scanData: 'x' } as never);
    expect(seen.map((s) => s.url.href)).toEqual([
      `https://pay-api.amazon.jp/live/v2/charges/${ID}`,
      'https://pay-api.amazon.eu/sandbox/v2/in-store/merchantScan',
    ]);
    expect(seen.every((s) => s.verified)).toBe(true);
  });

  it('parses shippingAddressList entries that arrive as JSON strings', async () => {
    const fetch = async () =>
      json(200, {
        checkoutSessionId: ID,
        shippingAddressList: [
          JSON.stringify({ name: 'A', countryCode: 'US' }),
          JSON.stringify({ name: 'B', countryCode: 'DE' }),
        ],
      });
    const res = await new WebStoreClient({
      publicKeyId: 'SANDBOX-A',
      privateKey: pkcs8Pem,
      region: 'us',
      fetch,
    }).getCheckoutSession(ID);
    expect(res.data.shippingAddressList).toEqual([
      { name: 'A', countryCode: 'US' },
      { name: 'B', countryCode: 'DE' },
    ]);
  });

  it("accepts the official SDK's headers object as the last argument", async () => {
    const c = clients();
    await c.web.createCharge(
      { chargePermissionId: ID, chargeAmount: P } as never,
      { 'x-amz-pay-idempotency-key': 'mykey-1' } as never,
    );
    expect(c.seen[0]!.headers['x-amz-pay-idempotency-key']).toBe('mykey-1');
    await c.web.getReportSchedules([
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
    ]);
    expect(c.seen[1]!.url.search).toBe(
      '?reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_%2C_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
    );
  });
});

describe('amounts', () => {
  it.each([
    [10, '10'],
    [10.5, '10.5'],
    ['10.99', '10.99'],
    ['0.01', '0.01'],
    [' 7 ', '7'],
  ])('%j is sent as %j', async (amount, sent) => {
    const c = clients();
    await c.web.createCharge({ chargePermissionId: ID, chargeAmount: { amount, currencyCode: 'EUR' } });
    expect(JSON.parse(c.seen[0]!.body).chargeAmount.amount).toBe(sent);
  });

  it.each([
    [0.1 + 0.2, 'USD'],
    [-1, 'USD'],
    ['1e3', 'USD'],
    ['10.999', 'USD'],
    [Number.NaN, 'USD'],
    ['12.50', 'JPY'],
    ['abc', 'USD'],
    [1e21, 'USD'],
  ])('%j %s is rejected before sending', async (amount, currencyCode) => {
    const c = clients();
    await expect(c.web.captureCharge(ID, { captureAmount: { amount, currencyCode } as never })).rejects.toBeInstanceOf(
      AmazonPayInvalidArgumentError,
    );
    expect(c.seen).toHaveLength(0);
  });
});

describe('ids in paths', () => {
  it.each([
    ['empty', ''],
    ['dot', '.'],
    ['dot-dot', '..'],
    ['slash', 'a/b'],
    ['traversal', '../../v2/refunds'],
    ['question mark', 'a?b=c'],
    ['hash', 'a#b'],
    ['CR LF', 'a\r\nX-Injected: 1'],
    ['NUL', 'a\u0000b'],
    ['space', 'a b'],
    ['tab', 'a\tb'],
    ['backslash', 'a\\..\\b'],
    ['very long', 'A'.repeat(5000)],
    ['not a string', 42],
  ])('%s is rejected before anything is sent', async (_name, id) => {
    const c = clients();
    const error = await c.web.getCharge(id as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect((error as AmazonPayInvalidArgumentError).argument).toBe('chargeId');
    expect(c.seen).toHaveLength(0);
  });

  it('percent-encodes what remains, so the path stays the operation path', async () => {
    const c = clients();
    await c.web.getCharge('a%2F..%2Fb');
    await c.web.getBuyer('tök€n');
    expect(c.seen.map((s) => s.url.pathname)).toEqual(['/v2/charges/a%252F..%252Fb', '/v2/buyers/t%C3%B6k%E2%82%ACn']);
    expect(c.seen.every((s) => s.verified)).toBe(true);
  });

  it('rejects bad idempotency keys and header injection', async () => {
    const c = clients();
    for (const idempotencyKey of ['', 'a'.repeat(33), 'has space', 'new\nline', 'ключ']) {
      await expect(c.web.createRefund({ chargeId: ID, refundAmount: P }, { idempotencyKey })).rejects.toMatchObject({
        argument: 'idempotencyKey',
      });
    }
    await expect(c.web.getCharge(ID, { headers: { 'x-custom': 'a\r\nInjected: 1' } })).rejects.toMatchObject({
      argument: 'headers',
    });
    await expect(c.web.getCharge(ID, { headers: { 'bad name': 'x' } })).rejects.toMatchObject({ argument: 'headers' });
    await expect(c.web.getCharge(ID, { headers: { authorization: 'x' } })).rejects.toMatchObject({
      argument: 'headers',
    });
    await expect(c.web.getCharge(ID, { authToken: 'a\nb' })).rejects.toMatchObject({ argument: 'authToken' });
    await expect(c.web.getCharge(ID, { idempotencykey: 'typo' } as never)).rejects.toMatchObject({
      argument: 'options',
    });
    expect(c.seen).toHaveLength(0);
  });

  it('rejects payloads JSON cannot carry', async () => {
    const c = clients();
    const cycle: Record<string, unknown> = { chargeId: ID };
    cycle['self'] = cycle;
    await expect(c.web.createRefund(cycle as never)).rejects.toMatchObject({ argument: 'payload' });
    await expect(c.web.createRefund({ chargeId: ID, n: 10n } as never)).rejects.toMatchObject({ argument: 'payload' });
    expect(c.seen).toHaveLength(0);
  });
});
