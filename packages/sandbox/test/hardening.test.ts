// Issue 10 (sandbox side): malformed percent-encoding is a 400 anywhere in a request, and an
// x-amz-pay-idempotency-key (or auth token) that is not signed is refused, so a captured request replayed
// with a fresh unsigned key cannot create a second charge.
import { describe, expect, it } from 'vitest';
import { errorOf, rawRequest, sessionPayload, setup } from './helpers.js';

describe('malformed percent-encoding: 400, never a 500 "URI malformed"', () => {
  it.each([
    '/v2/checkoutSessions/%E0%A4%A',
    '/v2/charges/%ZZ',
    '/v2/charges/S01-1%',
    '/sandbox/v2/refunds/%C3%28',
    '/sandbox-ui/checkout/%E0%A4%A',
    '/sandbox-ui/sns-confirm?Token=%ZZ',
    '/v2/reports?reportTypes=%E0%A4%A',
  ])('%s', async (path) => {
    const { sandbox } = setup();
    const response = await sandbox.fetch(`https://pay-api.amazon.com${path}`);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.reasonCode).toBe('InvalidRequest');
    expect(error.message).toMatch(/percent-encoding/);
  });

  it('a signed request whose path decodes badly is a 400 too', async () => {
    const { sandbox } = setup();
    const request = await rawRequest({ path: '/v2/charges/abc', sendPath: '/v2/charges/abc%' });
    const response = await sandbox.fetch(new Request(request.url.replace('abc%25', 'abc%'), request));
    expect(await errorOf(response)).toMatchObject({ status: 400, reasonCode: 'InvalidRequest' });
  });
});

describe('x-amz-pay-idempotency-key must be signed', () => {
  it('a captured request replayed with a fresh, unsigned key is refused; no second session is created', async () => {
    const { sandbox } = setup();
    const body = JSON.stringify(sessionPayload());
    const signed = await rawRequest({
      method: 'POST',
      path: '/v2/checkoutSessions',
      body,
      idempotencyKey: 'original-key-1',
    });
    const first = await sandbox.fetch(signed.clone());
    expect(first.status).toBe(201);
    // Replay: same signature, but the (signed) key swapped for a fresh one -> signature mismatch.
    const headers = new Headers(signed.headers);
    headers.set('x-amz-pay-idempotency-key', 'fresh-key-2');
    const swapped = new Request(signed.clone(), { headers });
    expect((await sandbox.fetch(swapped)).status).toBe(403);
    // A request that never signed its key, with a key added: refused outright.
    const unsigned = await rawRequest({
      method: 'POST',
      path: '/v2/checkoutSessions',
      body,
      idempotencyKey: 'unsigned-key-3',
      signedHeaderNames: ['x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region', 'accept', 'content-type'],
    });
    const refused = await sandbox.fetch(unsigned);
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({
      reasonCode: 'InvalidHeaderValue',
      message: expect.stringContaining('x-amz-pay-idempotency-key'),
    });
    expect([...(await sandbox.store.list('checkoutSession'))]).toHaveLength(1);
  });

  it('an unsigned x-amz-pay-authtoken is refused the same way', async () => {
    const { sandbox } = setup();
    const request = await rawRequest({
      signedHeaderNames: ['x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region', 'accept', 'content-type'],
      after: { 'x-amz-pay-authtoken': 'tok' },
    });
    const response = await sandbox.fetch(request);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain('x-amz-pay-authtoken');
  });
});
