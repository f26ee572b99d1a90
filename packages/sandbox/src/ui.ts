/**
 * The sandbox's unsigned pages, standing in for what a browser does on Amazon's side:
 *
 *   GET /sandbox-ui/checkout/{checkoutSessionId}      the amazonPayRedirectUrl: sign-in, then payment
 *                                                     confirmation; 303 to the merchant's return URL
 *       ?action=cancel                                the buyer cancels (303 to checkoutCancelUrl)
 *   GET /sandbox-ui/signin?signInReturnUrl=URL        Amazon Sign-In: 303 to URL?buyerToken=...
 *   GET /sandbox-ui/report-documents/{id}             a report document's download URL (text/csv)
 *   PUT /sandbox-ui/files/{id}                        a dispute evidence upload URL (accepts anything)
 *   GET /sandbox-ui/claim/{merchantAccountId}         the merchant account claim page
 *   GET /sandbox-ui/merchant/...                      a stand-in merchant page that echoes its query as
 *                                                     JSON (return URLs for tests and the demo)
 *   GET /sandbox-ui/sns-certificate.pem               the SigningCertURL of the sandbox's IPNs (self-signed)
 *   GET /sandbox-ui/sns-confirm?Token=...             a SubscriptionConfirmation's SubscribeURL
 *   GET /sandbox-ui/sns-unsubscribe?SubscriptionArn=  a Notification's UnsubscribeURL
 */
import { decodeStrict } from './verify/verify.js';
import type { Ctx, HandlerResult } from './context.js';
import { ApiError } from './errors.js';
import { createBuyerToken } from './resources/buyers.js';
import { APPROVAL_PATH, approveSession } from './resources/checkoutSessions.js';
import { reportDocumentText } from './resources/reports.js';
import type { IpnEmitter } from './ipn/emitter.js';

export const UI_PREFIX = '/sandbox-ui/';

/** Works out the environment a UI page belongs to from the record it names (UI requests are unsigned). */
async function envOf(ctx: Ctx, kind: 'checkoutSession' | 'report', id: string): Promise<Ctx> {
  const raw = (await ctx.store.get(kind, id)) as { _env?: Ctx['env'] } | undefined;
  return { ...ctx, env: raw?._env ?? 'sandbox' };
}

/** SNS's answers to ConfirmSubscription and Unsubscribe (core's confirmSubscription reads SubscriptionArn). */
const snsXml = (action: 'ConfirmSubscription' | 'Unsubscribe', result: string): HandlerResult => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body:
    `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/">${result}` +
    `<ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
});

export async function handleUi(ctx: Ctx, method: string, url: URL, ipn: IpnEmitter): Promise<HandlerResult> {
  const rest = url.pathname.slice(UI_PREFIX.length);
  const [page, ...tail] = rest.split('/');
  const id = decodeStrict(tail.join('/'));
  if (method === 'GET' && page === 'sns-certificate.pem' && !id) {
    return { status: 200, body: await ipn.certificatePem(), headers: { 'content-type': 'application/x-x509-ca-cert' } };
  }
  if (method === 'GET' && page === 'sns-confirm' && !id) {
    if (!ipn.confirm(url.searchParams.get('Token'))) {
      throw new ApiError(
        'InvalidParameterValue',
        'Token is not one this sandbox issued: visit the SubscribeURL of a ' +
          'SubscriptionConfirmation from sandbox.sendSubscriptionConfirmation().',
      );
    }
    return snsXml(
      'ConfirmSubscription',
      '<ConfirmSubscriptionResult>' +
        `<SubscriptionArn>${ipn.subscription.subscriptionArn}</SubscriptionArn>` +
        '</ConfirmSubscriptionResult>',
    );
  }
  if (method === 'GET' && page === 'sns-unsubscribe' && !id) {
    if (!ipn.unsubscribe(url.searchParams.get('SubscriptionArn'))) {
      throw new ApiError(
        'ResourceNotFound',
        "SubscriptionArn does not name this sandbox's subscription: use the UnsubscribeURL of " +
          'one of its notifications.',
      );
    }
    return snsXml('Unsubscribe', '');
  }
  if (method === 'GET' && `/sandbox-ui/${page}/` === APPROVAL_PATH && id) {
    const action = url.searchParams.get('action') === 'cancel' ? 'cancel' : 'approve';
    const location = await approveSession(await envOf(ctx, 'checkoutSession', id), id, undefined, action);
    return { status: 303, headers: { location } };
  }
  if (method === 'GET' && page === 'signin') {
    const target = url.searchParams.get('signInReturnUrl');
    let back: URL;
    try {
      back = new URL(target ?? '');
    } catch {
      throw new ApiError('InvalidParameterValue', 'signInReturnUrl must be an absolute URL.');
    }
    back.searchParams.set('buyerToken', await createBuyerToken(ctx));
    return { status: 303, headers: { location: back.href } };
  }
  if (method === 'GET' && page === 'report-documents' && id) {
    const text = await reportDocumentText(ctx, id);
    return { status: 200, body: text, headers: { 'content-type': 'text/csv; charset=utf-8' } };
  }
  if (method === 'PUT' && page === 'files' && id) return { status: 200, body: { fileId: id, uploaded: true } };
  if (method === 'GET' && page === 'claim' && id)
    return { status: 200, body: { merchantAccountId: id, page: 'claim' } };
  if (method === 'GET' && page === 'merchant') {
    return { status: 200, body: { page: `/${tail.join('/')}`, query: Object.fromEntries(url.searchParams) } };
  }
  throw new ApiError('ResourceNotFound', `There is no sandbox page at ${method} ${url.pathname}.`);
}
