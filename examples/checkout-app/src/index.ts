/**
 * A merchant's checkout endpoint as one Web-standard handler, `(request: Request) => Promise<Response>`.
 * Every runtime example (Worker, Deno, Bun, Node, service worker) serves this same handler; only how the
 * configuration and the key arrive differs per runtime.
 *
 *   GET  /button-config                      -> { payloadJSON, signature, publicKeyId, algorithm } for amazon.Pay.renderButton
 *   GET  /review?amazonCheckoutSessionId=ID  -> reads the session, sets the amount and result URL, returns what the review page shows
 *   POST /complete?amazonCheckoutSessionId=ID-> completes the session after the buyer returns; returns charge ids and state
 *   POST /ipn                                 -> verifies an Amazon Pay IPN (SNS), re-fetches the object it names, answers 200
 */
import { AmazonPayError, WebStoreClient, type AmazonPayClientConfig, type CurrencyCode } from '@amazon-pay-edge/core';
import { createIpnVerifier, type IpnVerifierOptions } from '@amazon-pay-edge/core';

export { configFromEnv, type EnvRecord } from './config.js';

export interface CheckoutAppConfig {
  client: AmazonPayClientConfig;
  storeId: string;
  /** Absolute URL of this app, e.g. https://shop.example (review and result URLs hang off it). */
  publicUrl: string;
  /** The order total this demo shop charges. A real shop computes it from the cart on the server. */
  amount: string;
  currencyCode: CurrencyCode;
  ipn?: IpnVerifierOptions;
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
  const amazonPay = new WebStoreClient(config.client);
  const verifier = createIpnVerifier(config.ipn ?? {});
  const chargeAmount = { amount: config.amount, currencyCode: config.currencyCode };
  const reviewUrl = new URL('/review.html', config.publicUrl).href;
  const resultUrl = new URL('/result.html', config.publicUrl).href;

  const routes: Record<string, (request: Request, url: URL) => Promise<Response>> = {
    'GET /button-config': async () =>
      json(
        200,
        await amazonPay.generateButtonConfig({
          storeId: config.storeId,
          webCheckoutDetails: { checkoutReviewReturnUrl: reviewUrl },
          scopes: ['name', 'email', 'shippingAddress'],
        }),
      ),

    'GET /review': async (_request, url) => {
      const id = sessionIdOf(url);
      if (typeof id !== 'string') return id;
      const { data: session } = await amazonPay.getCheckoutSession(id);
      const { data: updated } = await amazonPay.updateCheckoutSession(id, {
        webCheckoutDetails: { checkoutResultReturnUrl: resultUrl },
        paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount, canHandlePendingAuthorization: false },
        merchantMetadata: { merchantReferenceId: `order-${id.slice(-8)}`, merchantStoreName: 'amazon-pay-edge demo shop' },
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
      const { data } = await amazonPay.completeCheckoutSession(id, { chargeAmount });
      return json(200, { state: data.statusDetails?.state, chargeId: data.chargeId, chargePermissionId: data.chargePermissionId });
    },

    'POST /ipn': async (request) => {
      const message = await verifier.verify(await request.text());
      if (verifier.isDuplicate(message)) return new Response(null, { status: 200 });
      // An IPN only says "something changed": read the object with a signed GET before acting on it.
      const id = message.ObjectId;
      const state =
        message.ObjectType === 'CHARGE'
          ? (await amazonPay.getCharge(id)).data.statusDetails?.state
          : message.ObjectType === 'REFUND'
            ? (await amazonPay.getRefund(id)).data.statusDetails?.state
            : message.ObjectType === 'CHARGE_PERMISSION'
              ? (await amazonPay.getChargePermission(id)).data.statusDetails?.state
              : undefined;
      await config.onIpn?.({ objectType: message.ObjectType, objectId: id, state });
      return new Response(null, { status: 200 });
    },
  };

  return async (request) => {
    const url = new URL(request.url);
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return json(404, { error: `no route ${request.method} ${url.pathname}` });
    try {
      return await route(request, url);
    } catch (error) {
      if (error instanceof AmazonPayError) {
        const e = error as AmazonPayError & { status?: number; reasonCode?: string; requestId?: string; reason?: string };
        // IPN verification failures are the sender's problem (400); API failures keep Amazon's facts for the logs.
        const status = e.code === 'ERR_AMAZON_PAY_IPN' ? 400 : e.status && e.status < 500 ? 422 : 502;
        return json(status, { error: e.code, reasonCode: e.reasonCode ?? e.reason, requestId: e.requestId, message: e.message });
      }
      throw error;
    }
  };
}
