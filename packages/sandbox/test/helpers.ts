// Shared test setup: throwaway key pairs (nothing secret is committed), a sandbox, the core client
// pointed at it, and a way to craft signed requests by hand for the verification failures.
import { generateKeyPairSync } from 'node:crypto';
import {
  AmazonPayApiError,
  amazonPayHeaders,
  authorizationHeader,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  importPrivateKey,
  stringToSign,
  WebStoreClient,
  type AmazonPayClientConfig,
  type QueryParams,
} from '@amazon-pay-edge/core';
import { expect } from 'vitest';
import { checkoutApprovalUrl, createSandbox, type Sandbox, type SandboxOptions } from '../src/index.js';

function pair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

export const main = pair();
export const other = pair();
export const KEY_ID = 'SANDBOX-AEDGETEST00000000000000';
export const LEGACY_KEY_ID = 'AEDGELEGACY000000000000000';
export const LIVE_KEY_ID = 'LIVE-AEDGETEST0000000000000000';
export const keys = { [KEY_ID]: main.publicPem, [LEGACY_KEY_ID]: main.publicPem, [LIVE_KEY_ID]: main.publicPem };

export const STORE_ID = 'amzn1.application-oa2-client.0000000000000000000000000000test';
export const MERCHANT = 'https://shop.example';
export const usd = (amount: string) => ({ amount, currencyCode: 'USD' as const });

export function setup(options: Partial<SandboxOptions> = {}, client: Partial<AmazonPayClientConfig> = {}) {
  const sandbox = createSandbox({ keys, ...options });
  return { sandbox, client: clientFor(sandbox, client) };
}

/** A client that sleeps no real time between retries (tests assert the requested waits instead). */
export function clientFor(sandbox: Sandbox, config: Partial<AmazonPayClientConfig> = {}) {
  return new WebStoreClient({
    publicKeyId: KEY_ID,
    privateKey: main.privatePem,
    region: 'us',
    fetch: sandbox.fetch,
    sleep: async () => {},
    ...config,
  });
}

export const sessionPayload = (extra: Record<string, unknown> = {}) => ({
  storeId: STORE_ID,
  webCheckoutDetails: { checkoutReviewReturnUrl: `${MERCHANT}/review`, checkoutResultReturnUrl: `${MERCHANT}/result` },
  ...extra,
});

/** The page that stands in for the Amazon Pay button: where the buyer signs in (amazonPayRedirectUrl is null before). */
export const signInUrl = (checkoutSessionId: string) =>
  checkoutApprovalUrl('https://pay-api.amazon.com', checkoutSessionId);

/** The buyer's browser on the approval page: returns where the sandbox sends them (the 303 Location). */
export async function visit(sandbox: Sandbox, redirectUrl: string | null | undefined): Promise<URL> {
  expect(redirectUrl).toBeTruthy();
  const res = await sandbox.fetch(redirectUrl!);
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

/** A whole checkout up to Completed; returns the completed session. */
export async function checkout(
  sandbox: Sandbox,
  client: WebStoreClient,
  options: {
    intent?: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture';
    amount?: string;
    total?: string;
    type?: 'OneTime' | 'Recurring';
    simulation?: string;
    pending?: boolean;
  } = {},
) {
  const amount = usd(options.amount ?? '100.00');
  const created = await client.createCheckoutSession(
    sessionPayload({
      paymentDetails: {
        paymentIntent: options.intent ?? 'Authorize',
        chargeAmount: amount,
        ...(options.total ? { totalOrderAmount: usd(options.total) } : {}),
        ...(options.pending ? { canHandlePendingAuthorization: true } : {}),
      },
      ...(options.type === 'Recurring'
        ? { chargePermissionType: 'Recurring', recurringMetadata: { frequency: { unit: 'Month', value: '1' } } }
        : {}),
    }),
  );
  const id = created.data.checkoutSessionId;
  // Sign-in (the button's page) and confirmation in one visit: every constraint is met at creation.
  const back = await visit(sandbox, signInUrl(id));
  expect(back.pathname).toBe('/result');
  const headers = options.simulation ? { 'x-amz-pay-simulation-code': options.simulation } : undefined;
  const body = { chargeAmount: amount, ...(options.total ? { totalOrderAmount: usd(options.total) } : {}) };
  return client.completeCheckoutSession(id, body, headers ? { headers } : {});
}

/** Expects the promise to fail with an Amazon Pay API error of this status and reason code; returns it. */
export async function apiFailure(
  promise: Promise<unknown>,
  status: number,
  reasonCode: string,
): Promise<AmazonPayApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${status} ${reasonCode}`).toBeInstanceOf(AmazonPayApiError);
  const e = error as AmazonPayApiError;
  expect({ status: e.status, reasonCode: e.reasonCode }, e.message).toEqual({ status, reasonCode });
  return e;
}

export interface RawRequest {
  method?: string;
  origin?: string;
  path?: string;
  query?: QueryParams;
  body?: string;
  publicKeyId?: string;
  privatePem?: string;
  algorithm?: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';
  /** Salt used for the RSA-PSS signature (default: the algorithm's). */
  saltLength?: number;
  date?: number;
  /** The x-amz-pay-date text to sign (e.g. the extended form), instead of one made from `date`. */
  dateHeader?: string;
  host?: string;
  region?: string;
  idempotencyKey?: string;
  /** Edit the signed headers after signing (tampering); null deletes. */
  after?: Record<string, string | null>;
  /** Headers to sign (names); default: all the Amazon Pay headers. */
  signedHeaderNames?: string[];
  /** Body actually sent, when it differs from the one signed. */
  sendBody?: string;
  /** Path actually sent, when it differs from the one signed. */
  sendPath?: string;
}

/** Builds a request signed by hand with core's pure signing functions, so each part can be broken on purpose. */
export async function rawRequest(input: RawRequest = {}): Promise<Request> {
  const method = input.method ?? 'GET';
  const origin = input.origin ?? 'https://pay-api.amazon.com';
  const path = input.path ?? '/v2/checkoutSessions/00000000-0000-0000-0000-000000000000';
  const algorithm = input.algorithm ?? 'AMZN-PAY-RSASSA-PSS-V2';
  const headers = amazonPayHeaders({
    host: input.host ?? new URL(origin).host,
    region: input.region ?? 'na',
    date: input.date ?? Date.now(),
    idempotencyKey: input.idempotencyKey,
  });
  if (input.dateHeader !== undefined) headers['x-amz-pay-date'] = input.dateHeader;
  const toSign: Record<string, string> = {};
  for (const name of input.signedHeaderNames ?? Object.keys(headers)) toSign[name] = headers[name]!;
  const canonical = canonicalRequest({ method, path, query: input.query, headers: toSign, body: input.body });
  const sts = stringToSign(algorithm, canonical);
  const key = await importPrivateKey(input.privatePem ?? main.privatePem);
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: input.saltLength ?? (algorithm === 'AMZN-PAY-RSASSA-PSS' ? 20 : 32) },
      key,
      new TextEncoder().encode(sts),
    ),
  );
  const sent: Record<string, string> = {
    ...headers,
    authorization: authorizationHeader(
      algorithm,
      input.publicKeyId ?? KEY_ID,
      Object.keys(toSign).sort().join(';'),
      btoa(String.fromCharCode(...signature)),
    ),
  };
  for (const [name, value] of Object.entries(input.after ?? {})) {
    if (value === null) delete sent[name];
    else sent[name] = value;
  }
  const qs = canonicalQuery(input.query);
  const url = origin + canonicalUri(input.sendPath ?? path) + (qs ? `?${qs}` : '');
  const body = input.sendBody ?? input.body;
  return new Request(url, { method, headers: sent, ...(body !== undefined ? { body } : {}) });
}

export async function errorOf(response: Response): Promise<{ status: number; reasonCode: string; message: string }> {
  const body = (await response.json()) as { reasonCode: string; message: string };
  return { status: response.status, reasonCode: body.reasonCode, message: body.message };
}
