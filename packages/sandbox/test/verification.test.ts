// Every verification failure the sandbox can produce, with Amazon's status, reason code and message.
import { AmazonPayApiError, WebStoreClient } from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import {
  apiFailure,
  clientFor,
  errorOf,
  KEY_ID,
  keys,
  LEGACY_KEY_ID,
  LIVE_KEY_ID,
  main,
  other,
  rawRequest,
  sessionPayload,
  setup,
} from './helpers.js';

const sandbox = createSandbox({ keys });
const send = async (req: Request | Promise<Request>) => errorOf(await sandbox.fetch(await req));
const UNKNOWN = '/v2/checkoutSessions/00000000-0000-0000-0000-000000000000';

describe('a correctly signed request', () => {
  it('passes verification (and then finds no such session)', async () => {
    const res = await sandbox.fetch(await rawRequest({ path: UNKNOWN }));
    expect(await errorOf(res)).toMatchObject({ status: 404, reasonCode: 'ResourceNotFound' });
    expect(res.headers.get('x-amz-pay-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(res.headers.get('date')!)).toBeGreaterThan(0);
  });

  it.each([
    ['V2 (salt 32)', 'AMZN-PAY-RSASSA-PSS-V2'],
    ['V1 (salt 20)', 'AMZN-PAY-RSASSA-PSS'],
  ] as const)('is accepted from the core client with %s', async (_name, algorithm) => {
    const client = clientFor(sandbox, { algorithm });
    expect((await client.createCheckoutSession(sessionPayload())).status).toBe(201);
  });

  it('accepts the region aliases and casings the official SDKs send (us, NA)', async () => {
    for (const region of ['us', 'NA', 'na']) {
      expect((await send(rawRequest({ path: UNKNOWN, region }))).reasonCode).toBe('ResourceNotFound');
    }
  });

  it('accepts a date a few seconds ahead (clock tolerance) and the extended date form', async () => {
    expect((await send(rawRequest({ path: UNKNOWN, date: Date.now() + 3000 }))).reasonCode).toBe('ResourceNotFound');
    // The official Node SDK signs 2024-01-01T00:00:00Z instead of 20240101T000000Z.
    const extended = new Date().toISOString().slice(0, 19) + 'Z';
    expect((await send(rawRequest({ path: UNKNOWN, dateHeader: extended }))).reasonCode).toBe('ResourceNotFound');
  });

  it('accepts a path of the key id’s own environment (/sandbox/v2 with a SANDBOX- key, as the Ruby SDK sends)', async () => {
    expect((await send(rawRequest({ path: `/sandbox${UNKNOWN}` }))).reasonCode).toBe('ResourceNotFound');
  });

  it('accepts a legacy key id with an environment in the path, from the core client', async () => {
    const client = clientFor(sandbox, { publicKeyId: LEGACY_KEY_ID, environment: 'sandbox' });
    const created = await client.createCheckoutSession(sessionPayload());
    expect(created.data.releaseEnvironment).toBe('Sandbox');
  });
});

describe('signature failures: 403 InvalidRequestSignature echoing the string-to-sign', () => {
  it('a wrong private key for the key id', async () => {
    const client = clientFor(sandbox, { privateKey: other.privatePem, maxRetries: 0 });
    const e = await apiFailure(client.createCheckoutSession(sessionPayload()), 403, 'InvalidRequestSignature');
    // Server text is shown with its control characters escaped (one log line), the echoed signature redacted.
    expect(e.message).toContain('Unable to verify signature, signing String [AMZN-PAY-RSASSA-PSS-V2\\n');
    expect(e.message).toContain('signature [[redacted]]');
    // Same canonical request on both sides: the echoed string equals the client's, so the key is the problem.
    expect(e.serverStringToSign).toBeDefined();
    expect(e.serverStringToSign).toBe(e.clientStringToSign);
    expect((e.body as { message: string }).message).toMatch(
      /^Unable to verify signature, signing String \[AMZN-PAY-RSASSA-PSS-V2\n[0-9a-f]{64}\] , signature \[\[redacted\]\]$/,
    );
  });

  it('the wrong salt length for the algorithm', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, algorithm: 'AMZN-PAY-RSASSA-PSS-V2', saltLength: 20 }));
    expect(r).toMatchObject({ status: 403, reasonCode: 'InvalidRequestSignature' });
    const v1 = await send(rawRequest({ path: UNKNOWN, algorithm: 'AMZN-PAY-RSASSA-PSS', saltLength: 32 }));
    expect(v1).toMatchObject({ status: 403, reasonCode: 'InvalidRequestSignature' });
  });

  it('a signature made for another algorithm name', async () => {
    const req = await rawRequest({ path: UNKNOWN, algorithm: 'AMZN-PAY-RSASSA-PSS' });
    const relabelled = req.headers.get('authorization')!.replace('AMZN-PAY-RSASSA-PSS ', 'AMZN-PAY-RSASSA-PSS-V2 ');
    const r = await send(
      rawRequest({ path: UNKNOWN, algorithm: 'AMZN-PAY-RSASSA-PSS', after: { authorization: relabelled } }),
    );
    expect(r).toMatchObject({ status: 403, reasonCode: 'InvalidRequestSignature' });
    expect(r.message).toContain('signing String [AMZN-PAY-RSASSA-PSS-V2\n');
  });

  it('a tampered body', async () => {
    const r = await send(
      rawRequest({
        method: 'POST',
        path: '/v2/checkoutSessions',
        idempotencyKey: 'k1',
        body: '{"storeId":"a"}',
        sendBody: '{"storeId":"b"}',
      }),
    );
    expect(r).toMatchObject({ status: 403, reasonCode: 'InvalidRequestSignature' });
  });

  it('a tampered path or query', async () => {
    expect(await send(rawRequest({ path: '/v2/charges/S01-1', sendPath: '/v2/charges/S01-2' }))).toMatchObject({
      reasonCode: 'InvalidRequestSignature',
    });
    const signed = await rawRequest({ path: '/v2/reports', query: { pageSize: 10 } });
    const changed = new Request(signed.url.replace('pageSize=10', 'pageSize=11'), signed);
    expect(await send(changed)).toMatchObject({ reasonCode: 'InvalidRequestSignature' });
  });

  it('a signed header changed after signing (idempotency key)', async () => {
    const r = await send(
      rawRequest({
        method: 'POST',
        path: '/v2/checkoutSessions',
        idempotencyKey: 'a1',
        body: '{}',
        after: { 'x-amz-pay-idempotency-key': 'a2' },
      }),
    );
    expect(r).toMatchObject({ status: 403, reasonCode: 'InvalidRequestSignature' });
  });

  it('a signature that is not Base64', async () => {
    const req = await rawRequest({ path: UNKNOWN });
    const broken = req.headers.get('authorization')!.replace(/Signature=.*$/, 'Signature=%%%notbase64');
    expect(await send(rawRequest({ path: UNKNOWN, after: { authorization: broken } }))).toMatchObject({
      status: 403,
      reasonCode: 'InvalidRequestSignature',
    });
  });

  it('the core client reports both strings when the canonical requests differ', async () => {
    const client = new WebStoreClient({
      publicKeyId: KEY_ID,
      privateKey: main.privatePem,
      region: 'us',
      maxRetries: 0,
      fetch: (url, init) => {
        // A proxy in between rewrites the body: the signature no longer matches what arrives.
        return sandbox.fetch(url, {
          ...init,
          body: JSON.stringify({ ...JSON.parse(init.body as string), supplementaryData: 'x' }),
        });
      },
    });
    const e = await apiFailure(client.createCheckoutSession(sessionPayload()), 403, 'InvalidRequestSignature');
    expect(e.serverStringToSign).toMatch(/^AMZN-PAY-RSASSA-PSS-V2\n[0-9a-f]{64}$/);
    expect(e.serverStringToSign).not.toBe(e.clientStringToSign);
  });
});

describe('date, host and region: 400 InvalidHeaderValue', () => {
  it('a date older than 15 minutes', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, date: Date.now() - 16 * 60_000 }));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    expect(r.message).toMatch(/x-amz-pay-date.*15 minutes/);
  });

  it('a date in the future beyond the tolerance', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, date: Date.now() + 60_000 }));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    expect(r.message).toMatch(/provided for x-amz-pay-date should not be in future/);
  });

  it('a malformed date', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, after: { 'x-amz-pay-date': '2024-13-45 10:00' } }));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    expect(r.message).toContain('x-amz-pay-date');
  });

  it('an x-amz-pay-host that is not the host the request went to', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, host: 'pay-api.amazon.eu', region: 'eu' }));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    expect(r.message).toMatch(/x-amz-pay-host.*pay-api\.amazon\.com/);
  });

  it('a region that does not match the host, or is unknown', async () => {
    expect(await send(rawRequest({ path: UNKNOWN, region: 'eu' }))).toMatchObject({
      status: 400,
      reasonCode: 'InvalidHeaderValue',
    });
    expect(await send(rawRequest({ path: UNKNOWN, region: 'xx' }))).toMatchObject({
      status: 400,
      reasonCode: 'InvalidHeaderValue',
    });
    expect(await send(rawRequest({ origin: 'https://pay-api.amazon.jp', path: UNKNOWN, region: 'na' }))).toMatchObject({
      reasonCode: 'InvalidHeaderValue',
    });
    expect(await send(rawRequest({ origin: 'https://pay-api.amazon.jp', path: UNKNOWN, region: 'jp' }))).toMatchObject({
      reasonCode: 'ResourceNotFound',
    });
  });

  it('a client configured for one region but sent to another region’s host', async () => {
    const client = clientFor(sandbox, { region: 'us', baseUrl: 'https://pay-api.amazon.eu', maxRetries: 0 });
    const e = await apiFailure(client.getCheckoutSession('x'), 400, 'InvalidHeaderValue');
    expect(e.message).toContain('x-amz-pay-region');
  });
});

describe('headers and key ids', () => {
  it('a missing required header: 400 MissingHeader', async () => {
    for (const name of ['x-amz-pay-region', 'x-amz-pay-date', 'x-amz-pay-host', 'authorization']) {
      const r = await send(rawRequest({ path: UNKNOWN, after: { [name]: null } }));
      expect(r, name).toMatchObject({ status: 400, reasonCode: 'MissingHeader' });
      expect(r.message).toContain(name);
    }
  });

  it('a required header left out of SignedHeaders: 400 InvalidHeaderValue', async () => {
    const r = await send(
      rawRequest({
        path: UNKNOWN,
        signedHeaderNames: ['content-type', 'x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region'],
      }),
    );
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    expect(r.message).toMatch(/SignedHeaders.*accept is missing/);
  });

  it('a malformed authorization header or an unknown algorithm: 400 InvalidHeaderValue', async () => {
    expect(await send(rawRequest({ path: UNKNOWN, after: { authorization: 'Bearer abc' } }))).toMatchObject({
      status: 400,
      reasonCode: 'InvalidHeaderValue',
    });
    const req = await rawRequest({ path: UNKNOWN });
    const md5 = req.headers.get('authorization')!.replace('AMZN-PAY-RSASSA-PSS-V2', 'AMZN-PAY-RSASSA-PSS-V9');
    expect(await send(rawRequest({ path: UNKNOWN, after: { authorization: md5 } }))).toMatchObject({
      status: 400,
      reasonCode: 'InvalidHeaderValue',
    });
  });

  it('an unknown public key id: 403 InvalidAuthentication', async () => {
    const r = await send(rawRequest({ path: UNKNOWN, publicKeyId: 'SANDBOX-NOTREGISTERED' }));
    expect(r).toMatchObject({ status: 403, reasonCode: 'InvalidAuthentication' });
    expect(r.message).toContain('SANDBOX-NOTREGISTERED');
  });

  it('the path rule: env-specific key on the other environment, legacy key without one', async () => {
    const live = await send(rawRequest({ path: `/live${UNKNOWN}` }));
    expect(live).toMatchObject({ status: 401, reasonCode: 'UnauthorizedAccess' });
    expect(await send(rawRequest({ path: `/sandbox${UNKNOWN}`, publicKeyId: LIVE_KEY_ID }))).toMatchObject({
      status: 401,
      reasonCode: 'UnauthorizedAccess',
    });
    const legacy = await send(rawRequest({ path: UNKNOWN, publicKeyId: LEGACY_KEY_ID }));
    expect(legacy).toMatchObject({ status: 403, reasonCode: 'InvalidAuthentication' });
    expect(legacy.message).toContain('/sandbox/v2');
  });

  it('another API version: 400 InvalidAPIVersion', async () => {
    expect(await send(rawRequest({ path: '/v1/checkoutSessions/x' }))).toMatchObject({
      status: 400,
      reasonCode: 'InvalidAPIVersion',
    });
  });
});

describe('clock skew', () => {
  it('the core client recovers from a skewed clock through the Date header', async () => {
    const { client } = setup({}, { now: () => Date.now() - 20 * 60_000 });
    const res = await client.createCheckoutSession(sessionPayload());
    expect(res.attempts).toBe(2);
    expect(Math.abs(client.clockOffsetMs - 20 * 60_000)).toBeLessThan(5_000);
  });

  it('clockOffsetMs moves the server clock: a correct caller now looks stale', async () => {
    const skewed = createSandbox({ keys });
    skewed.clockOffsetMs = 30 * 60_000;
    const r = await errorOf(await skewed.fetch(await rawRequest({ path: UNKNOWN })));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
    const res = await skewed.fetch(await rawRequest({ path: UNKNOWN, date: Date.now() + 30 * 60_000 }));
    expect(Date.parse(res.headers.get('date')!) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect((await errorOf(res)).reasonCode).toBe('ResourceNotFound');
  });

  it('a client ahead of the server clock is corrected by one retry', async () => {
    const { client } = setup({ clockToleranceMs: 0 }, { now: () => Date.now() + 10 * 60_000, maxRetries: 0 });
    // The corrected clock lands within the tolerance, so the retry succeeds.
    const res = await client.getReports();
    expect(res.attempts).toBe(2);
    expect(res.data).toEqual({ reports: [] });
  });
});

it('AmazonPayApiError carries the request id of the failed request', async () => {
  const client = clientFor(sandbox, { privateKey: other.privatePem, maxRetries: 0 });
  const e = await client.getCheckoutSession('x').catch((err: unknown) => err as AmazonPayApiError);
  expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
});
