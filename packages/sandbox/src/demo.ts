/**
 * `@amazon-pay-edge/sandbox/demo`: a complete checkout through the SDK against a sandbox served on
 * 127.0.0.1, printed step by step. Used by `pnpm demo` (scripts/demo.mjs) and `amazon-pay-edge demo`.
 * Node only (a throwaway key pair from node:crypto, the sandbox on node:http).
 */
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  createIpnVerifier,
  WebStoreClient as CoreWebStoreClient,
  type AmazonPayClientConfig,
  type AmazonPayResponse,
} from '@amazon-pay-edge/core';
import { serveSandbox } from './node.js';
import { approvalUrl } from './resources/checkoutSessions.js';

export interface DemoOptions {
  /** Where the lines go (default console.log). */
  log?: (line: string) => void;
  /** The client class to use (e.g. `@amazon-pay-edge/node`'s); default core's `WebStoreClient`. */
  WebStoreClient?: new (config: AmazonPayClientConfig) => CoreWebStoreClient;
  /** Port for the sandbox (default: a free one). */
  port?: number;
}

export interface DemoStep {
  step: string;
  ok: boolean;
  status: string;
  state: string;
  requestId: string;
  ms: number;
  error?: string;
}

export interface DemoResult {
  ok: boolean;
  steps: DemoStep[];
}

interface Outcome {
  status: number | string;
  state: string;
  requestId?: string | undefined;
}

const COLUMNS = [3, 38, 5, 24, 38] as const;

function line(cells: (string | number)[]): string {
  return cells
    .map((c, i) => (i < COLUMNS.length ? String(c).padEnd(COLUMNS[i]!) : String(c).padStart(6)))
    .join(' ')
    .trimEnd();
}

function stateOf(data: unknown): string {
  return (data as { statusDetails?: { state?: string } } | undefined)?.statusDetails?.state ?? '-';
}

function from(result: AmazonPayResponse<unknown>, expected?: string): Outcome {
  const state = stateOf(result.data);
  if (expected && state !== expected) throw new Error(`expected state ${expected}, got ${state}`);
  return { status: result.status, state, requestId: result.requestId };
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? ((l: string) => console.log(l));
  const Client = options.WebStoreClient ?? CoreWebStoreClient;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = 'SANDBOX-AEDGEDEMO0000000000000000';
  // `ipn: {}`: the sandbox signs and records an SNS IPN for every state change; the last step verifies them all.
  const served = await serveSandbox({
    port: options.port ?? 0,
    keys: { [publicKeyId]: publicKey.export({ type: 'spki', format: 'pem' }) as string },
    ipn: {},
  });
  const { sandbox, url } = served;
  const client = new Client({
    publicKeyId,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    region: 'us',
    baseUrl: url,
  });
  const merchant = `${url}/sandbox-ui/merchant`;
  const amount = { amount: '49.90', currencyCode: 'USD' as const };
  const steps: DemoStep[] = [];
  let failed = false;

  log(`Amazon Pay sandbox on ${url} (key ${publicKeyId}, throwaway RSA-2048 pair, ${client.algorithm})`);
  log('');
  log(line(['#', 'step', 'HTTP', 'state', 'request id', 'ms']));

  async function step(name: string, run: () => Promise<Outcome>): Promise<void> {
    if (failed) return;
    const started = performance.now();
    let record: DemoStep;
    try {
      const outcome = await run();
      record = {
        step: name,
        ok: true,
        status: String(outcome.status),
        state: outcome.state,
        requestId: outcome.requestId ?? '-',
        ms: Math.round(performance.now() - started),
      };
    } catch (error) {
      failed = true;
      const e = error as Error & { reasonCode?: string; status?: number; requestId?: string };
      record = {
        step: name,
        ok: false,
        status: e.status === undefined ? 'ERR' : String(e.status),
        state: e.reasonCode ?? 'failed',
        requestId: e.requestId ?? '-',
        ms: Math.round(performance.now() - started),
        error: e.message,
      };
    }
    steps.push(record);
    log(line([steps.length, record.step, record.status, record.state, record.requestId, record.ms]));
    if (record.error) log(`    ! ${record.error}`);
  }

  /** The buyer's browser: GET the Amazon Pay URL, expect a 303, and follow it to the merchant's page. */
  async function visit(redirectUrl: string | null | undefined, expectPage: string): Promise<Outcome> {
    if (!redirectUrl) throw new Error('the session has no amazonPayRedirectUrl');
    const first = await fetch(redirectUrl, { redirect: 'manual' });
    const location = first.headers.get('location');
    if (first.status !== 303 || !location)
      throw new Error(`expected a 303 redirect, got ${first.status}: ${await first.text()}`);
    const page = await fetch(location);
    const body = (await page.json()) as { page?: string; query?: Record<string, string> };
    if (body.page !== expectPage || !body.query?.['amazonCheckoutSessionId'])
      throw new Error(`expected the ${expectPage} page with amazonCheckoutSessionId, got ${location}`);
    return {
      status: `${first.status}`,
      state: `-> ${expectPage}`,
      requestId: first.headers.get('x-amz-pay-request-id') ?? undefined,
    };
  }

  const started = performance.now();
  try {
    const buttonPayload = {
      storeId: 'amzn1.application-oa2-client.sandboxdemo0000000000000000000',
      webCheckoutDetails: { checkoutReviewReturnUrl: `${merchant}/review` },
      scopes: ['name', 'email', 'shippingAddress', 'billingAddress'] as const,
    };
    let sessionId = '';
    let redirectUrl: string | null | undefined;
    let chargeId = '';
    let refundId = '';

    await step('generateButtonConfig (verified)', async () => {
      const config = await client.generateButtonConfig(buttonPayload);
      if (!(await sandbox.verifyButtonSignature(config)))
        throw new Error('the button signature does not verify with the registered public key');
      return { status: '-', state: 'signature ok' };
    });
    await step('createCheckoutSession', async () => {
      const r = await client.createCheckoutSession({ ...buttonPayload, scopes: [...buttonPayload.scopes] });
      sessionId = r.data.checkoutSessionId;
      // As at Amazon, there is no amazonPayRedirectUrl before the buyer signed in.
      if (r.data.webCheckoutDetails?.amazonPayRedirectUrl !== null)
        throw new Error('amazonPayRedirectUrl is set before sign-in');
      return from(r, 'Open');
    });
    // The sandbox's approval page stands in for the Amazon Pay button: the buyer signs in there.
    await step('buyer signs in (Amazon Pay button)', () => visit(approvalUrl(url, sessionId), '/review'));
    await step('getCheckoutSession', async () => {
      const r = await client.getCheckoutSession(sessionId);
      if (!r.data.buyer?.name || !r.data.shippingAddress)
        throw new Error('no buyer or shipping address on the session');
      return from(r, 'Open');
    });
    await step('updateCheckoutSession (amount)', async () => {
      const r = await client.updateCheckoutSession(sessionId, {
        webCheckoutDetails: { checkoutResultReturnUrl: `${merchant}/result` },
        paymentDetails: { paymentIntent: 'Authorize', chargeAmount: amount, canHandlePendingAuthorization: false },
        merchantMetadata: { merchantReferenceId: 'demo-order-1', merchantStoreName: 'amazon-pay-edge demo' },
      });
      if (r.data.constraints?.length)
        throw new Error(`constraints left: ${r.data.constraints.map((c) => c.constraintId).join(', ')}`);
      redirectUrl = r.data.webCheckoutDetails?.amazonPayRedirectUrl;
      return from(r, 'Open');
    });
    await step('buyer confirms payment', () => visit(redirectUrl, '/result'));
    await step('completeCheckoutSession', async () => {
      const r = await client.completeCheckoutSession(sessionId, { chargeAmount: amount });
      chargeId = r.data.chargeId ?? '';
      if (!chargeId) throw new Error('no chargeId on the completed session');
      return from(r, 'Completed');
    });
    await step('captureCharge', async () =>
      from(await client.captureCharge(chargeId, { captureAmount: amount, softDescriptor: 'EDGE DEMO' }), 'Captured'),
    );
    await step('createRefund (10.00)', async () => {
      const r = await client.createRefund({ chargeId, refundAmount: { amount: '10.00', currencyCode: 'USD' } });
      refundId = r.data.refundId;
      return from(r, 'RefundInitiated');
    });
    await step('sandbox.advance (refund settles)', async () => {
      sandbox.advance(15_000);
      return { status: '-', state: '+15 s lifecycle clock' };
    });
    await step('getRefund', async () => from(await client.getRefund(refundId), 'Refunded'));

    let permissionId = '';
    await step('createCheckoutSession (Recurring)', async () => {
      const r = await client.createCheckoutSession({
        storeId: buttonPayload.storeId,
        webCheckoutDetails: {
          checkoutReviewReturnUrl: `${merchant}/review`,
          checkoutResultReturnUrl: `${merchant}/result`,
        },
        chargePermissionType: 'Recurring',
        recurringMetadata: {
          frequency: { unit: 'Month', value: '1' },
          amount: { amount: '9.99', currencyCode: 'USD' },
        },
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: '9.99', currencyCode: 'USD' } },
      });
      sessionId = r.data.checkoutSessionId;
      return from(r, 'Open');
    });
    await step('buyer signs in and confirms', () => visit(approvalUrl(url, sessionId), '/result'));
    await step('completeCheckoutSession (Recurring)', async () => {
      const r = await client.completeCheckoutSession(sessionId, {
        chargeAmount: { amount: '9.99', currencyCode: 'USD' },
      });
      permissionId = r.data.chargePermissionId ?? '';
      return from(r, 'Completed');
    });
    await step('createCharge (monthly, captureNow)', async () =>
      from(
        await client.createCharge({
          chargePermissionId: permissionId,
          chargeAmount: { amount: '9.99', currencyCode: 'USD' },
          captureNow: true,
          chargeInitiator: 'MITR',
          channel: 'Web',
        }),
        'Captured',
      ),
    );
    await step('getChargePermission', async () => from(await client.getChargePermission(permissionId), 'Chargeable'));
    await step('closeChargePermission', async () =>
      from(
        await client.closeChargePermission(permissionId, {
          closureReason: 'Subscription canceled',
          cancelPendingCharges: true,
        }),
        'Closed',
      ),
    );
    await step('IPNs verified (SNS signatures)', async () => {
      await sandbox.flushIpns();
      // The sandbox's certificate is served over http on 127.0.0.1: accepted only because it is named here.
      const verifier = createIpnVerifier({
        allowedCertificateHosts: [new URL(url).host],
        allowInsecureCertificateUrl: true,
      });
      const kinds = new Map<string, number>();
      for (const delivery of sandbox.ipnDeliveries) {
        const message = await verifier.verify(delivery.body);
        kinds.set(message.ObjectType, (kinds.get(message.ObjectType) ?? 0) + 1);
      }
      if (kinds.size === 0) throw new Error('the sandbox recorded no IPN');
      return { status: '-', state: [...kinds].map(([k, n]) => `${n} ${k}`).join(', '), requestId: undefined };
    });
  } finally {
    await served.close();
  }
  const passed = steps.filter((s) => s.ok).length;
  log('');
  log(
    `${failed ? 'FAILED' : 'OK'}: ${passed} of ${steps.length} steps passed in ` +
      `${Math.round(performance.now() - started)} ms${failed ? ' (stopped at the first failure)' : ''}.`,
  );
  return { ok: !failed && passed > 0, steps };
}
