// What code migrated from the official SDKs passes: JSON string payloads, and the SDK/integrator
// identification headers the PHP and Ruby SDKs send. Every request is verified with the public key.
import { createHash } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AmazonPayConfigError,
  AmazonPayInvalidArgumentError,
  SDK_TYPE,
  SDK_VERSION,
  WebStoreClient,
} from '../src/index.js';
import { pkcs1Pem, publicKeyObject } from './fixtures/keys.js';
import { inspectRequest, json, type Received } from './fixtures/server.js';

const DATE = Date.UTC(2024, 0, 1, 0, 0, 0);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function recording(extra: object = {}) {
  const seen: Received[] = [];
  let calls = 0;
  const client = new WebStoreClient({
    publicKeyId: 'SANDBOX-AAAA',
    privateKey: pkcs1Pem,
    region: 'eu',
    now: () => DATE,
    fetch: async (url, init) => {
      calls++;
      seen.push(await inspectRequest(publicKeyObject, url, init));
      return json(200, { chargeId: 'S02-1' });
    },
    ...extra,
  });
  return { client, seen, calls: () => calls };
}

describe('JSON string payloads (as the official Node, PHP and Ruby SDKs take them)', () => {
  // Spacing, key order, escaped slashes and a non-ASCII character: JSON.stringify of the parsed form differs.
  const PAYLOAD =
    '{ "chargeAmount": {"currencyCode": "EUR", "amount": "10.50"},\n  "merchantMetadata": {"merchantReferenceId": "r\\/1", "customInformation": "Grüße"} }';

  it('sends the string byte for byte, hashed as sent, with a signature that verifies', async () => {
    const { client, seen } = recording();
    await client.captureCharge('S02-1', PAYLOAD.replace('chargeAmount', 'captureAmount'), { idempotencyKey: 'k1' });
    await client.updateCheckoutSession('S03-1', PAYLOAD);
    for (const [i, expected] of [PAYLOAD.replace('chargeAmount', 'captureAmount'), PAYLOAD].entries()) {
      const request = seen[i]!;
      expect(request.body).toBe(expected);
      expect(request.verified).toBe(true);
      // The canonical request's last line is the hash of the bytes on the wire, computed here independently.
      const canonicalHash = sha256(request.body);
      expect(request.stringToSign.split('\n')[1]).toBe(sha256(canonicalRequestFrom(request, canonicalHash)));
    }
  });

  it('checks amounts on the parsed form; nothing is sent for a bad one', async () => {
    const { client, calls } = recording();
    const bad = [
      '{"chargeAmount":{"amount":"10.505","currencyCode":"EUR"}}',
      '{"chargeAmount":{"amount":-1,"currencyCode":"EUR"}}',
      '{"chargeAmount":{"amount":"1e3","currencyCode":"EUR"}}',
      '{"paymentDetails":{"chargeAmount":{"amount":"99.50","currencyCode":"JPY"}}}',
      '{"chargeAmount":{"amount":null,"currencyCode":"USD"}}',
    ];
    for (const payload of bad) {
      await expect(client.createCharge(payload)).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
    }
    expect(calls()).toBe(0);
  });

  it('a zero-decimal amount written with ".00" is valid and still sent exactly as written', async () => {
    const { client, seen } = recording();
    const payload = '{"chargeAmount":{"amount":"99.00","currencyCode":"JPY"},"chargePermissionId":"B01"}';
    await client.createCharge(payload);
    expect(seen[0]!.body).toBe(payload);
  });

  it.each([
    ['{"chargeAmount":', /not a JSON object \(.*JSON/],
    ["{'a':1}", /not a JSON object \(.*JSON/],
    ['', /not a JSON object \(.*JSON/],
    ['[1,2]', /not a JSON object \(\[1,2\]\)/],
    ['"text"', /not a JSON object \("text"\)/],
    ['null', /not a JSON object \(null\)/],
    ['42', /not a JSON object \(42\)/],
  ])('refuses %j before sending, saying what to pass', async (payload, message) => {
    const { client, calls } = recording();
    const error = await client.createCheckoutSession(payload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayInvalidArgumentError);
    expect((error as AmazonPayInvalidArgumentError).argument).toBe('payload');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/Pass an object, or a string made by JSON.stringify/);
    expect(calls()).toBe(0);
  });

  it('objects still serialise as before, and numbers are not accepted as payloads', async () => {
    const { client, seen } = recording();
    await client.createCharge({ chargeAmount: { amount: '5.00', currencyCode: 'USD' }, chargePermissionId: 'B01' });
    expect(JSON.parse(seen[0]!.body)).toEqual({
      chargeAmount: { amount: '5.00', currencyCode: 'USD' },
      chargePermissionId: 'B01',
    });
    // @ts-expect-error a number is not a payload
    await expect(client.createCharge(5)).rejects.toBeInstanceOf(AmazonPayInvalidArgumentError);
  });

  it('types: payload positions take a string, ids and query objects do not change', () => {
    const c = {} as WebStoreClient;
    expectTypeOf(c.createCheckoutSession)
      .parameter(0)
      .toEqualTypeOf<Parameters<WebStoreClient['createCheckoutSession']>[0]>();
    expectTypeOf<string>().toMatchTypeOf<Parameters<WebStoreClient['createCheckoutSession']>[0]>();
    expectTypeOf<string>().toMatchTypeOf<Parameters<WebStoreClient['updateChargePermission']>[1]>();
    expectTypeOf<Parameters<WebStoreClient['getCheckoutSession']>[0]>().toEqualTypeOf<string>();
    expectTypeOf<string>().not.toMatchTypeOf<Parameters<WebStoreClient['getDisbursements']>[0]>();
    expectTypeOf<string>().not.toMatchTypeOf<NonNullable<Parameters<WebStoreClient['getReports']>[0]>>();
  });
});

describe('SDK and integrator identification headers', () => {
  it('sends x-amz-pay-sdk-type and -sdk-version on every request, unsigned (as the PHP SDK does)', async () => {
    const { client, seen } = recording();
    await client.getCheckoutSession('S03-1');
    await client.apiCall({ method: 'POST', urlFragment: 'charges', payload: { chargePermissionId: 'B01' } });
    for (const request of seen) {
      expect(request.headers['x-amz-pay-sdk-type']).toBe(SDK_TYPE);
      expect(request.headers['x-amz-pay-sdk-version']).toBe(SDK_VERSION);
      expect(request.headers['x-amz-pay-integrator-id']).toBeUndefined();
      expect(request.signedHeaders.filter((h) => h.includes('sdk') || h.includes('integrator'))).toEqual([]);
      expect(request.verified).toBe(true);
    }
  });

  it('sends the integrator headers configured, on operations, apiCall and getSignedHeaders', async () => {
    const integrator = { id: 'AXXXXXXXXXXXXX', version: '5.4.3', platformVersion: '2.0.7' };
    const { client, seen } = recording({ integrator });
    await client.createCheckoutSession('{"storeId":"amzn1.x"}');
    await client.apiCall({ method: 'GET', urlFragment: 'reports' });
    const headers = await client.getSignedHeaders({ method: 'GET', urlFragment: 'reports' });
    for (const h of [seen[0]!.headers, seen[1]!.headers, headers]) {
      expect(h).toMatchObject({
        'x-amz-pay-integrator-id': 'AXXXXXXXXXXXXX',
        'x-amz-pay-integrator-version': '5.4.3',
        'x-amz-pay-platform-version': '2.0.7',
        'x-amz-pay-sdk-type': SDK_TYPE,
      });
    }
    expect(seen.every((r) => r.verified && !r.signedHeaders.some((h) => h.startsWith('x-amz-pay-integrator')))).toBe(
      true,
    );
  });

  it('a header given per call wins over the configured one (one value, whatever its case)', async () => {
    const { client, seen } = recording({ integrator: { id: 'A1', version: '1' } });
    await client.getCheckoutSession('S03-1', { headers: { 'X-Amz-Pay-Integrator-Id': 'A2' } });
    expect(seen[0]!.headers['x-amz-pay-integrator-id']).toBe('A2');
  });

  it.each([
    [null, 'integrator'],
    ['AXXXX', 'integrator'],
    [{ id: 'A1' }, 'integrator.version'],
    [{ version: '1.0' }, 'integrator.id'],
    [{ id: '', version: '1.0' }, 'integrator.id'],
    [{ id: 'A1\r\nx-evil: 1', version: '1.0' }, 'integrator.id'],
    [{ id: 'A1', version: ' 1.0' }, 'integrator.version'],
    [{ id: 'A1', version: '1.0', platformVersion: 'Grüße' }, 'integrator.platformVersion'],
    [{ id: 'A1', version: '1.0', platformVersion: 7 }, 'integrator.platformVersion'],
    [{ id: 'A'.repeat(257), version: '1.0' }, 'integrator.id'],
    [{ id: 'A1', version: '1.0', platform_version: '2' }, 'integrator'],
  ])('refuses integrator %j at construction (%s)', (integrator, field) => {
    const make = () => recording({ integrator });
    expect(make).toThrow(AmazonPayConfigError);
    try {
      make();
    } catch (error) {
      expect((error as AmazonPayConfigError).field).toBe(field);
    }
  });
});

/** The canonical request rebuilt from what was received, with the payload hash given. */
function canonicalRequestFrom(request: Received, payloadHash: string): string {
  const names = request.signedHeaders;
  const path = request.url.pathname;
  return [
    request.method,
    path,
    request.url.search.slice(1),
    ...names.map((n) => `${n}:${request.headers[n]}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
}
