// The Node entry: the sandbox over HTTP on 127.0.0.1, called by the core client with `baseUrl`.
import { request as httpRequest } from 'node:http';
import { AmazonPayConnectionError } from '@amazon-pay-edge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutApprovalUrl } from '../src/index.js';
import { serveSandbox, type ServedSandbox } from '../src/node.js';
import { apiFailure, clientFor, keys, sessionPayload } from './helpers.js';

let served: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox({ port: 0, keys });
});
afterAll(async () => {
  await served.close();
});

const client = () => clientFor(served.sandbox, { baseUrl: served.url, fetch: undefined });

describe('serveSandbox', () => {
  it('listens on 127.0.0.1 on a free port', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs a checkout over HTTP with baseUrl; the buyer pages work in a real HTTP client', async () => {
    const c = client();
    const created = await c.createCheckoutSession(
      sessionPayload({
        webCheckoutDetails: {
          checkoutReviewReturnUrl: `${served.url}/sandbox-ui/merchant/review`,
          checkoutResultReturnUrl: `${served.url}/sandbox-ui/merchant/result`,
        },
        paymentDetails: {
          paymentIntent: 'AuthorizeWithCapture',
          chargeAmount: { amount: '15.00', currencyCode: 'USD' },
        },
      }),
    );
    // No amazonPayRedirectUrl before sign-in; the button's stand-in page is on the served origin.
    expect(created.data.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    const signIn = checkoutApprovalUrl(served.url, created.data.checkoutSessionId);
    // Follow it like a browser: approval page -> 303 -> the merchant's result page.
    const page = await fetch(signIn);
    expect(page.url.startsWith(`${served.url}/sandbox-ui/merchant/result?`)).toBe(true);
    expect(((await page.json()) as { query: Record<string, string> }).query['amazonCheckoutSessionId']).toBe(
      created.data.checkoutSessionId,
    );
    const done = await c.completeCheckoutSession(created.data.checkoutSessionId, {
      chargeAmount: { amount: '15.00', currencyCode: 'USD' },
    });
    expect(done.data.statusDetails.state).toBe('Completed');
    expect((await c.getCharge(done.data.chargeId!)).data.statusDetails.state).toBe('Captured');
  });

  it('verifies x-amz-pay-host against the Host the request arrived with (port included)', async () => {
    const wrongHost = clientFor(served.sandbox, {
      baseUrl: served.url,
      maxRetries: 0,
      fetch: (url, init) => fetch(url.replace('127.0.0.1', 'localhost'), init),
    });
    const e = await apiFailure(wrongHost.getReports(), 400, 'InvalidHeaderValue');
    expect(e.message).toContain('x-amz-pay-host');
  });

  it('a dropped connection destroys the socket; the client sees a connection error', async () => {
    served.sandbox.faults.push({ drop: true, times: 2 });
    const e = await clientFor(served.sandbox, { baseUrl: served.url, fetch: undefined, maxRetries: 1 })
      .getReports()
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AmazonPayConnectionError);
    expect((e as AmazonPayConnectionError).attempts).toBe(2);
    expect((await client().getReports()).status).toBe(200);
  });

  it('passes the exact body bytes through (a signature over them verifies)', async () => {
    const c = client();
    const res = await c.createCheckoutSession(
      sessionPayload({ merchantMetadata: { noteToBuyer: 'Grüße – ✓ \u00e9' } }),
    );
    expect(res.data.merchantMetadata?.noteToBuyer).toBe('Grüße – ✓ \u00e9');
  });

  it('answers a raw HTTP request with the error shape and headers', async () => {
    const { status, headers, body } = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
    }>((resolve, reject) => {
      const req = httpRequest(`${served.url}/v2/reports`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ reasonCode: 'MissingHeader' });
    expect(headers['x-amz-pay-request-id']).toBeTruthy();
    expect(headers['date']).toBeTruthy();
  });
});
