// Nothing secret leaves through observability: over a full checkout (buyer sign-in, delegated calls with an
// auth token, a retried capture, a refused signature), a canary private key, every signature sent, every
// token and the buyer's e-mail are searched for in every hook event, span attribute/event and pino line.
import { Writable } from 'node:stream';
import { fieldsFirst, type AmazonPayHookEvent } from '@amazon-pay-edge/core';
import { InMemorySpanExporter, BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { expect, it } from 'vitest';
import { openTelemetryHooks } from '../src/index.js';
import { DEFAULT_DELAYS } from '@amazon-pay-edge/sandbox';
import {
  checkout,
  clientFor,
  main,
  other,
  setup,
  signInUrl,
  usd,
  visit,
  sessionPayload,
} from '../../sandbox/test/helpers.js';

const BUYER_EMAIL = 'canary.buyer+7f3a@example.com';

it('no key, signature, token or buyer e-mail in any hook event, span or log line over a full checkout', async () => {
  const events: AmazonPayHookEvent[] = [];
  const push = (e: AmazonPayHookEvent) => void events.push(e);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = fieldsFirst(pino({ level: 'debug' }, sink));

  const secrets = new Set<string>();
  const { sandbox } = setup({ buyer: { email: BUYER_EMAIL } });
  // Every signature and auth token the client puts on the wire is recorded, to be searched for later.
  const fetch = async (input: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const signature = /Signature=([^,\s]+)/.exec(headers.get('authorization') ?? '')?.[1];
    if (signature) secrets.add(signature);
    const token = headers.get('x-amz-pay-authtoken');
    if (token) secrets.add(token);
    return sandbox.fetch(input, init);
  };
  const hooks = [
    { onCallStart: push, onAttempt: push, onAnswer: push, onRetry: push, onCallEnd: push },
    openTelemetryHooks({ tracerProvider: provider }),
  ];
  const client = clientFor(sandbox, { fetch, hooks, logger });

  // Buyer sign-in and checkout, the buyer token and e-mail travelling through the client.
  const created = await client.createCheckoutSession(
    sessionPayload({ paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('25.00') } }),
  );
  const back = await visit(sandbox, signInUrl(created.data.checkoutSessionId));
  expect(back.pathname).toBe('/result');
  // Amazon Sign-In: the sign-in page returns the buyer token to the shop.
  const signedIn = await sandbox.fetch(
    'https://pay-api.amazon.com/sandbox-ui/signin?signInReturnUrl=' + encodeURIComponent('https://shop.example/in'),
  );
  const buyerToken = new URL(signedIn.headers.get('location')!).searchParams.get('buyerToken');
  expect(buyerToken).toBeTruthy();
  secrets.add(buyerToken!);
  expect((await client.getBuyer(buyerToken!)).data.email).toBe(BUYER_EMAIL);
  const session = await client.getCheckoutSession(created.data.checkoutSessionId);
  expect(JSON.stringify(session.data)).toContain(BUYER_EMAIL);
  const done = await client.completeCheckoutSession(created.data.checkoutSessionId, { chargeAmount: usd('25.00') });
  // A capture retried after a 503, and a refund.
  sandbox.faults.push({ status: 503, match: { path: '/capture' } });
  await client.captureCharge(done.data.chargeId!, { captureAmount: usd('25.00') });
  await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('5.00') });
  sandbox.advance(DEFAULT_DELAYS.refundMs);
  await checkout(sandbox, client, { intent: 'AuthorizeWithCapture' });
  // Delegated calls with a token (accepted, then a forged one refused).
  const token = (await client.getAuthorizationToken('mws-canary-token', 'A1MERCHANT')).data.authorizationToken;
  secrets.add(token).add('mws-canary-token');
  const account = await client.createMerchantAccount({
    uniqueReferenceId: 'canary-merchant',
    ledgerCurrency: 'JPY',
    businessInfo: {
      businessType: 'CORPORATE',
      countryOfEstablishment: 'JP',
      businessLegalName: 'Canary KK',
      businessAddress: { addressLine1: '1-1', countryCode: 'JP' },
    },
  });
  if (account.data.authorizationToken) secrets.add(account.data.authorizationToken);
  await client.updateMerchantAccount(account.data.merchantAccountId, {}, { authToken: token });
  await client
    .updateMerchantAccount(account.data.merchantAccountId, {}, { authToken: 'Atza|forged-canary-token' })
    .catch(() => undefined);
  secrets.add('Atza|forged-canary-token');
  // A signature the sandbox refuses (the wrong private key): its message quotes the signature.
  await clientFor(sandbox, { fetch, hooks, logger, privateKey: other.privatePem })
    .getReports()
    .catch(() => undefined);

  // The private key: a line from the middle of its PEM body.
  const keyLines = main.privatePem.split('\n');
  secrets.add(keyLines[Math.floor(keyLines.length / 2)]!);
  secrets.add(BUYER_EMAIL);

  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  const spanText = JSON.stringify(
    spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
  );
  const eventText = JSON.stringify(events);
  const logText = lines.join('');

  // The test saw real traffic on every channel.
  expect(events.filter((e) => e.type === 'callEnd').length).toBeGreaterThan(10);
  expect(events.some((e) => e.type === 'retry')).toBe(true);
  expect(spans.length).toBeGreaterThan(20);
  expect(lines.length).toBeGreaterThan(10);
  expect(logText).toContain('"operation":"captureCharge"');
  expect([...secrets].filter((s) => s.length > 8).length).toBeGreaterThan(15);

  for (const secret of secrets) {
    expect(eventText.includes(secret), `hook events contain ${secret.slice(0, 12)}…`).toBe(false);
    expect(spanText.includes(secret), `spans contain ${secret.slice(0, 12)}…`).toBe(false);
    expect(logText.includes(secret), `log lines contain ${secret.slice(0, 12)}…`).toBe(false);
  }
  // The buyer token's path is there, redacted.
  expect(eventText).toContain('/v2/buyers/[redacted]');
  await provider.shutdown();
});
