/**
 * A merchant's checkout endpoint as one Web-standard handler, `(request: Request) => Promise<Response>`.
 * Every runtime example (Worker, Deno, Bun, Node, service worker) serves this same handler; only how the
 * configuration and the key arrive differs per runtime.
 *
 *   GET  /button-config                      -> { payloadJSON, signature, publicKeyId, algorithm } for amazon.Pay.renderButton
 *   GET  /review?amazonCheckoutSessionId=ID  -> reads the session, sets the amount and result URL, returns what the review page shows
 *   POST /complete?amazonCheckoutSessionId=ID-> completes the session after the buyer returns; returns charge ids and state
 *   POST /ipn                                 -> the IPN inbox: verifies (SNS), claims the notification in `ipnStore`,
 *                                               re-fetches the object it names, answers 200 (5xx so SNS retries a failure)
 */
import { AmazonPayError, type CurrencyCode } from '@amazon-pay-edge/core';
import {
  createIpnHandler,
  createIpnRouter,
  createIpnVerifier,
  type IpnObjectReader,
  type IpnStore,
  type IpnVerifierOptions,
} from '@amazon-pay-edge/core';
// The lean shape: a client object and one function per operation, so a Worker bundles only the calls it makes.
import {
  completeCheckoutSession,
  createAmazonPayClient,
  generateButtonConfig,
  getCharge,
  getChargePermission,
  getCheckoutSession,
  getRefund,
  updateCheckoutSession,
  type LeanClientConfig,
} from '@amazon-pay-edge/core/ops';

export { configFromEnv, type EnvRecord } from './config.js';

export interface CheckoutAppConfig {
  client: LeanClientConfig;
  storeId: string;
  /** Absolute URL of this app, e.g. https://shop.example (review and result URLs hang off it). */
  publicUrl: string;
  /** The order total this demo shop charges. A real shop computes it from the cart on the server. */
  amount: string;
  currencyCode: CurrencyCode;
  ipn?: IpnVerifierOptions;
  /** Where IPN claims live: a shared store when several instances serve /ipn. Default: in memory. */
  ipnStore?: IpnStore;
  /** Called for each verified IPN after the object is re-fetched (logging, a queue...). */
  onIpn?: (event: { objectType: string; objectId: string; state: string | undefined }) => void | Promise<void>;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

function sessionIdOf(url: URL): string | Response {
  const id = url.searchParams.get('amazonCheckoutSessionId');
  return id ? id : json(400, { error: 'amazonCheckoutSessionId is required' });
}

export function createCheckoutApp(config: CheckoutAppConfig): (request: Request) => Promise<Response> {
  const amazonPay = createAmazonPayClient(config.client);
  // What the IPN router re-fetches objects with: three of the operation functions, bound to this client.
  const reader: IpnObjectReader = {
    getCharge: (id, options) => getCharge(amazonPay, id, options),
    getRefund: (id, options) => getRefund(amazonPay, id, options),
    getChargePermission: (id, options) => getChargePermission(amazonPay, id, options),
  };
  const report = (objectType: string, objectId: string, state: string | undefined) =>
    config.onIpn?.({ objectType, objectId, state });
  // The router re-fetches the object with a signed GET (an IPN carries no state) before our code sees it.
  const router = createIpnRouter(reader)
    .on('CHARGE', (n, charge) => report(n.ObjectType, n.ObjectId, charge.statusDetails?.state))
    .on('REFUND', (n, refund) => report(n.ObjectType, n.ObjectId, refund.statusDetails?.state))
    .on('CHARGE_PERMISSION', (n, permission) => report(n.ObjectType, n.ObjectId, permission.statusDetails?.state))
    .fallback((n) => report(n.ObjectType, n.ObjectId, undefined));
  const inbox = createIpnHandler({
    verifier: createIpnVerifier(config.ipn ?? {}),
    store: config.ipnStore,
    handle: router.handle,
  });
  const chargeAmount = { amount: config.amount, currencyCode: config.currencyCode };
  const reviewUrl = new URL('/review.html', config.publicUrl).href;
  const resultUrl = new URL('/result.html', config.publicUrl).href;

  const routes: Record<string, (request: Request, url: URL) => Promise<Response>> = {
    'GET /button-config': async () =>
      json(
        200,
        await generateButtonConfig(amazonPay, {
          storeId: config.storeId,
          webCheckoutDetails: { checkoutReviewReturnUrl: reviewUrl },
          scopes: ['name', 'email', 'shippingAddress'],
        }),
      ),

    'GET /review': async (_request, url) => {
      const id = sessionIdOf(url);
      if (typeof id !== 'string') return id;
      const { data: session } = await getCheckoutSession(amazonPay, id);
      const { data: updated } = await updateCheckoutSession(amazonPay, id, {
        webCheckoutDetails: { checkoutResultReturnUrl: resultUrl },
        paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount, canHandlePendingAuthorization: false },
        merchantMetadata: {
          merchantReferenceId: `order-${id.slice(-8)}`,
          merchantStoreName: 'amazon-pay-edge demo shop',
        },
      });
      return json(200, {
        buyer: session.buyer,
        shippingAddress: session.shippingAddress,
        amount: chargeAmount,
        amazonPayRedirectUrl: updated.webCheckoutDetails?.amazonPayRedirectUrl,
      });
    },

    'POST /complete': async (_request, url) => {
      const id = sessionIdOf(url);
      if (typeof id !== 'string') return id;
      const { data } = await completeCheckoutSession(amazonPay, id, { chargeAmount });
      return json(200, {
        state: data.statusDetails?.state,
        chargeId: data.chargeId,
        chargePermissionId: data.chargePermissionId,
      });
    },

    // The inbox answers by itself: 400 for a forgery, 5xx for what a retry may fix, 200 once processed.
    'POST /ipn': (request) => inbox(request),
  };

  return async (request) => {
    const url = new URL(request.url);
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return json(404, { error: `no route ${request.method} ${url.pathname}` });
    try {
      return await route(request, url);
    } catch (error) {
      if (error instanceof AmazonPayError) {
        const e = error as AmazonPayError & {
          status?: number;
          reasonCode?: string;
          requestId?: string;
          reason?: string;
        };
        // API failures keep Amazon's facts for the logs.
        const status = e.status && e.status < 500 ? 422 : 502;
        return json(status, {
          error: e.code,
          reasonCode: e.reasonCode ?? e.reason,
          requestId: e.requestId,
          message: e.message,
        });
      }
      throw error;
    }
  };
}
