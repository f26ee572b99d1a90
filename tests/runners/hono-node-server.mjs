// @amazon-pay-edge/hono on a real Node server: @hono/node-server serving the middleware and the IPN route on
// 127.0.0.1 (random port), exercised over real HTTP: a checkout call whose client (from the middleware)
// signs against a served sandbox, and SNS-signed IPNs from the sandbox's emitter (`trigger`), verified with
// the sandbox's certificate, delivered twice: one handler run; a forgery is a 400.
import { generateKeyPairSync } from 'node:crypto';
import process from 'node:process';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createIpnVerifier } from '@amazon-pay-edge/core';
import { amazonPay, ipnRoute } from '@amazon-pay-edge/hono';
import { serveSandbox } from '@amazon-pay-edge/sandbox/node';
import { report } from './report.mjs';

const name = process.argv.at(-1);
const result = { passed: 0, failed: 0, failures: [] };
const KEY_ID = 'SANDBOX-AHONONODESERVER';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sandbox = await serveSandbox({ keys: { [KEY_ID]: publicKey.export({ type: 'spki', format: 'pem' }) } });

const runs = [];
const app = new Hono();
app.use(
  '/api/*',
  amazonPay(() => ({
    publicKeyId: KEY_ID,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    region: 'us',
    baseUrl: sandbox.url,
  })),
);
app.post('/api/checkout', async (c) => {
  const { amount } = await c.req.json();
  const session = await c.get('amazonPay').createCheckoutSession({
    storeId: 'amzn1.application-oa2-client.honoNodeServer',
    webCheckoutDetails: { checkoutMode: 'ProcessOrder', checkoutResultReturnUrl: 'https://shop.example/result' },
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount, currencyCode: 'USD' } },
  });
  return c.json({ checkoutSessionId: session.data.checkoutSessionId, state: session.data.statusDetails.state }, 201);
});
app.post(
  '/ipn',
  ipnRoute({
    // The sandbox's SNS certificate is served by the sandbox itself, over http on 127.0.0.1.
    verifier: createIpnVerifier({ allowedCertificateHosts: ['127.0.0.1'], allowInsecureCertificateUrl: true }),
    handle: (n) => void runs.push(n),
  }),
);

const server = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const base = `http://127.0.0.1:${server.address().port}`;

const checks = [
  [
    'a checkout call over HTTP: the middleware’s client signs it and the sandbox (over HTTP) accepts it',
    async () => {
      const response = await fetch(`${base}/api/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: '12.34' }),
      });
      const body = await response.json();
      if (response.status !== 201) throw new Error(`status ${response.status}: ${JSON.stringify(body)}`);
      if (body.state !== 'Open') throw new Error(`state ${body.state}`);
      const stored = await sandbox.sandbox.store.get('checkoutSession', body.checkoutSessionId);
      if (stored?.paymentDetails?.chargeAmount?.amount !== '12.34') throw new Error('the sandbox has no such session');
    },
  ],
  [
    'a signed IPN from the sandbox, delivered twice over HTTP, runs the handler once; a forgery is a 400',
    async () => {
      const triggered = await sandbox.sandbox.trigger({ event: 'charge.captured', to: `${base}/ipn`, duplicates: 1 });
      const statuses = triggered.deliveries.map((d) => d.status ?? d.error);
      if (statuses.join() !== '200,200') throw new Error(`statuses ${statuses.join()}`);
      if (runs.length !== 1 || runs[0].ObjectId !== triggered.message.ObjectId)
        throw new Error(`runs ${JSON.stringify(runs)}`);
      const forged = triggered.deliveries[0].body.replace('CHARGE', 'REFUND');
      const response = await fetch(`${base}/ipn`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        body: forged,
      });
      if (response.status !== 400) throw new Error(`forgery answered ${response.status}`);
      if (runs.length !== 1) throw new Error('the forgery ran the handler');
    },
  ],
];

try {
  for (const [check, run] of checks) {
    try {
      await run();
      result.passed++;
      console.log(`  ok   hono-node-server: ${check}`);
    } catch (error) {
      result.failed++;
      result.failures.push(`hono-node-server: ${check}: ${error?.stack ?? error}`);
    }
  }
} finally {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
  await sandbox.close();
}
report(name, result, 'Hono on @hono/node-server 2.1.9 (real HTTP)');
