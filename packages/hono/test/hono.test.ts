import { AmazonPayConfigError } from '@amazon-pay-edge/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { amazonPay, ipnRoute } from '../src/index.js';

describe('@amazon-pay-edge/hono', () => {
  it('refuses a missing config before any request', () => {
    expect(() => amazonPay(undefined as never)).toThrow(AmazonPayConfigError);
    expect(() => ipnRoute(undefined as never)).toThrow(AmazonPayConfigError);
  });

  it('a config that fails to build answers 500 and is built again on the next request', async () => {
    let builds = 0;
    const app = new Hono();
    app.use(
      amazonPay(() => {
        builds++;
        throw new Error('AMAZON_PAY_PRIVATE_KEY is not set');
      }),
    );
    app.get('/', (c) => c.text('unreachable'));
    expect((await app.request('/')).status).toBe(500);
    expect((await app.request('/')).status).toBe(500);
    expect(builds).toBe(2);
  });

  it('the IPN route answers 405 to GET and 400 to a body that is not an SNS message, outside Workers (no executionCtx)', async () => {
    const { createIpnVerifier } = await import('@amazon-pay-edge/core');
    const app = new Hono();
    const route = ipnRoute({ verifier: createIpnVerifier(), handle: () => {} });
    app.all('/ipn', route);
    expect((await app.request('/ipn')).status).toBe(405);
    expect((await app.request('/ipn', { method: 'POST', body: '{"Type":"Notification"}' })).status).toBe(400);
  });
});
