/**
 * Checkout Sessions: Open for 24 hours; the buyer signs in and later confirms payment on the sandbox's
 * approval page (`amazonPayRedirectUrl`); Complete turns the session into a Charge Permission (and a
 * Charge when the payment intent asks for one) and the session into Completed, or Canceled when the
 * buyer cancels, payment is declined, or it expires.
 */
import { DAY, stamp, stampMs } from '../clock.js';
import {
  load,
  ok,
  present,
  releaseEnvironment,
  save,
  type BuyerProfile,
  type Ctx,
  type HandlerResult,
} from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { clearTimers, schedule, statusDetails, transition } from '../lifecycle.js';
import { CURRENCIES, fromMinor, marginMinor, sameCurrency, toMinor, type Price } from '../money.js';
import {
  address,
  any,
  arr,
  body,
  bool,
  merchantMetadata,
  obj,
  price,
  providerMetadata,
  recurringMetadata,
  softDescriptor,
  str,
  type Check,
} from '../validate.js';
import { shape } from '../shapes.js';
import { authorizeCharge } from './charges.js';
import { createPermission } from './chargePermissions.js';
import type { ChargePermissionRecord, CheckoutSessionRecord } from './records.js';

export const SESSION_LIFETIME_MS = 1 * DAY;
/**
 * "Amazon Pay permanently deletes Checkout Session objects and any associated info after 30 days" (Checkout Session
 * reference).
 */
export const SESSION_RETENTION_MS = 30 * DAY;

/** Loads a session; after 30 days it is gone, as Amazon deletes it (404 ResourceNotFound). */
async function loadSession(ctx: Ctx, id: string): Promise<CheckoutSessionRecord> {
  const s = await load<CheckoutSessionRecord>(ctx, 'checkoutSession', id);
  if (ctx.now - stampMs(s.creationTimestamp) > SESSION_RETENTION_MS) {
    await ctx.store.delete('checkoutSession', id);
    throw new ApiError(
      'ResourceNotFound',
      `Checkout Session ${id} was not found (Amazon deletes Checkout Sessions after 30 days).`,
    );
  }
  return s;
}
export const APPROVAL_PATH = '/sandbox-ui/checkout/';

const url: Check = (v, path) => {
  const text = str({ max: 1024 })(v, path) as string;
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value provided for ${path} is invalid: use an absolute http(s) URL.`,
    );
  }
  return text;
};

const webCheckoutDetails = obj({
  fields: {
    checkoutReviewReturnUrl: url,
    checkoutResultReturnUrl: url,
    checkoutCancelUrl: url,
    checkoutMode: str({ oneOf: ['ProcessOrder'] }),
  },
});

const paymentDetails = obj({
  fields: {
    paymentIntent: str({ oneOf: ['Confirm', 'Authorize', 'AuthorizeWithCapture'] }),
    canHandlePendingAuthorization: bool,
    chargeAmount: price,
    totalOrderAmount: price,
    presentmentCurrency: str({ oneOf: Object.keys(CURRENCIES) }),
    softDescriptor,
    allowOvercharge: bool,
    extendExpiration: bool,
    estimateOrderTotal: price,
  },
});

const chargePermissionType = str({ oneOf: ['OneTime', 'Recurring', 'PaymentMethodOnFile'] });
const SCOPES = ['name', 'email', 'postalCode', 'shippingAddress', 'phoneNumber', 'primeStatus', 'billingAddress'];

const createShape = {
  fields: {
    webCheckoutDetails,
    storeId: str({ max: 256 }),
    scopes: arr(str({ oneOf: SCOPES })),
    chargePermissionType,
    recurringMetadata,
    paymentDetails,
    merchantMetadata,
    platformId: str({ max: 64 }),
    providerMetadata,
    addressDetails: address,
    deliverySpecifications: any,
    paymentMethodOnFileMetadata: obj({ fields: { setupOnly: bool } }),
    chargePermissionId: str({ max: 64 }),
    supplementaryData: str({ max: 4096 }),
  },
  required: ['webCheckoutDetails', 'storeId'],
};

const updateShape = {
  fields: {
    webCheckoutDetails,
    paymentDetails,
    merchantMetadata,
    supplementaryData: str({ max: 4096 }),
    platformId: str({ max: 64 }),
    providerMetadata,
    chargePermissionType,
    recurringMetadata,
    multiAddressesCheckoutMetadata: arr(
      obj({ fields: { addressId: str({ max: 64 }), price }, required: ['addressId', 'price'] }),
    ),
  },
};

type Input = Record<string, any>; // validated by the shapes above

function constraintsOf(s: CheckoutSessionRecord): { constraintId: string; description: string }[] {
  const pd = s.paymentDetails;
  const out: { constraintId: string; description: string }[] = [];
  const add = (constraintId: string, description: string) => out.push({ constraintId, description });
  if (!s.buyer) add('BuyerNotAssociated', 'The buyer has not signed in yet: send them to amazonPayRedirectUrl.');
  if (!s.webCheckoutDetails['checkoutResultReturnUrl'])
    add('CheckoutResultReturnUrlNotSet', 'checkoutResultReturnUrl is not set.');
  if (!pd['chargeAmount'] && !(s.paymentMethodOnFileMetadata as { setupOnly?: boolean } | null)?.setupOnly)
    add('ChargeAmountNotSet', 'paymentDetails.chargeAmount is not set.');
  if (!pd['paymentIntent']) add('PaymentIntentNotSet', 'paymentDetails.paymentIntent is not set.');
  if (s.chargePermissionType === 'Recurring' && !(s.recurringMetadata as { frequency?: unknown } | null)?.frequency) {
    add('RecurringFrequencyNotSet', 'recurringMetadata.frequency is required for a Recurring checkout.');
  }
  return out;
}

/** The approval page of a session: Amazon's hosted sign-in (the button) and payment pages in one. */
export const approvalUrl = (origin: string, checkoutSessionId: string): string =>
  `${origin}${APPROVAL_PATH}${encodeURIComponent(checkoutSessionId)}`;

export function presentSession(
  ctx: Pick<Ctx, 'origin' | 'redirectUrlBeforeSignIn'>,
  s: CheckoutSessionRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const open = s.statusDetails.state === 'Open';
  const constraints = open ? constraintsOf(s) : [];
  // Amazon returns amazonPayRedirectUrl once the buyer has signed in (through the button) and the
  // session carries what payment needs; before that it is null. The shortcut shows the approval page
  // before sign-in too, for tests that skip the button.
  const ready = s.buyer ? constraints.length === 0 : ctx.redirectUrlBeforeSignIn === true;
  const redirect = open && ready ? approvalUrl(ctx.origin, s.checkoutSessionId) : null;
  return shape('checkoutSession', {
    ...present(s),
    webCheckoutDetails: { ...s.webCheckoutDetails, amazonPayRedirectUrl: redirect },
    merchantMetadata: s.merchantMetadata ?? {},
    providerMetadata: s.providerMetadata ?? {},
    buyer: open ? s.buyer : null,
    constraints,
    ...extra,
  });
}

export async function createCheckoutSession(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Input>(createShape, ctx.body);
  const wcd = input['webCheckoutDetails'] as Input;
  const pd = (input['paymentDetails'] ?? {}) as Input;
  if (wcd['checkoutMode'] === 'ProcessOrder') {
    for (const [field, value] of [
      ['webCheckoutDetails.checkoutResultReturnUrl', wcd['checkoutResultReturnUrl']],
      ['paymentDetails.chargeAmount', pd['chargeAmount']],
      ['paymentDetails.paymentIntent', pd['paymentIntent']],
    ] as const) {
      if (value === undefined)
        throw new ApiError(
          'MissingParameterValue',
          `${field} is required when webCheckoutDetails.checkoutMode is ProcessOrder.`,
        );
    }
  } else if (wcd['checkoutReviewReturnUrl'] === undefined) {
    throw new ApiError(
      'MissingParameterValue',
      'webCheckoutDetails.checkoutReviewReturnUrl is required (or use checkoutMode ProcessOrder ' +
        'with a checkoutResultReturnUrl).',
    );
  }
  checkPaymentDetails(pd);
  if (input['chargePermissionId'] !== undefined)
    await load<ChargePermissionRecord>(ctx, 'chargePermission', input['chargePermissionId']);
  const now = ctx.now;
  const scopes = (input['scopes'] as string[] | undefined) ?? null;
  const session: CheckoutSessionRecord = {
    checkoutSessionId: ids.checkoutSession(),
    webCheckoutDetails: wcd,
    productType: scopes && !scopes.includes('shippingAddress') ? 'PayOnly' : 'PayAndShip',
    paymentDetails: withPresentment(pd),
    chargePermissionType: input['chargePermissionType'] ?? 'OneTime',
    recurringMetadata: input['recurringMetadata'] ?? null,
    paymentMethodOnFileMetadata: input['paymentMethodOnFileMetadata'] ?? null,
    merchantMetadata: input['merchantMetadata'] ?? null,
    supplementaryData: input['supplementaryData'] ?? null,
    buyer: null,
    billingAddress: null,
    shippingAddress: input['addressDetails'] ?? null,
    paymentPreferences: null,
    statusDetails: statusDetails('Open', now),
    platformId: input['platformId'] ?? null,
    chargePermissionId: null,
    chargeId: null,
    creationTimestamp: stamp(now),
    expirationTimestamp: stamp(now + SESSION_LIFETIME_MS),
    storeId: input['storeId'],
    deliverySpecifications: input['deliverySpecifications'] ?? null,
    providerMetadata: input['providerMetadata'] ?? null,
    releaseEnvironment: releaseEnvironment(ctx.env),
    _scopes: scopes,
    _addressDetails: input['addressDetails'] ?? null,
    _paymentConfirmed: false,
    _existingChargePermissionId: input['chargePermissionId'] ?? null,
    _env: ctx.env,
  };
  schedule(
    session,
    transition(now + SESSION_LIFETIME_MS, 'Canceled', {
      reasonCode: 'Expired',
      reasonDescription: 'The buyer did not complete checkout within 24 hours.',
      ifState: ['Open'],
    }),
  );
  await save(ctx, 'checkoutSession', session.checkoutSessionId, session);
  return ok(presentSession(ctx, session), 201);
}

function checkPaymentDetails(pd: Input): void {
  if (pd['softDescriptor'] !== undefined && pd['paymentIntent'] !== 'AuthorizeWithCapture') {
    throw new ApiError(
      'InvalidParameterCombination',
      'paymentDetails.softDescriptor can only be used with paymentIntent AuthorizeWithCapture.',
    );
  }
  const currency = (pd['chargeAmount'] as Price | undefined)?.currencyCode;
  if (currency && pd['totalOrderAmount'])
    sameCurrency(pd['totalOrderAmount'] as Price, currency, 'paymentDetails.totalOrderAmount');
}

function withPresentment(pd: Input): Input {
  const currency = (pd['chargeAmount'] as Price | undefined)?.currencyCode;
  return currency && !pd['presentmentCurrency'] ? { ...pd, presentmentCurrency: currency } : pd;
}

export async function getCheckoutSession(ctx: Ctx): Promise<HandlerResult> {
  return ok(presentSession(ctx, await loadSession(ctx, ctx.params['checkoutSessionId']!)));
}

function requireOpen(s: CheckoutSessionRecord, action: string): void {
  if (s.statusDetails.state === 'Canceled') {
    throw new ApiError(
      'CheckoutSessionCanceled',
      `Checkout Session ${s.checkoutSessionId} was canceled (${s.statusDetails.reasonCode}); start a new checkout.`,
    );
  }
  if (s.statusDetails.state !== 'Open') {
    throw new ApiError(
      'InvalidCheckoutSessionStatus',
      `Checkout Session ${s.checkoutSessionId} is ${s.statusDetails.state}; it can only be ${action} while Open.`,
    );
  }
}

export async function updateCheckoutSession(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Input>(updateShape, ctx.body);
  const s = await loadSession(ctx, ctx.params['checkoutSessionId']!);
  if (s.statusDetails.state !== 'Open') {
    throw new ApiError(
      'InvalidCheckoutSessionStatus',
      `Checkout Session ${s.checkoutSessionId} is ${s.statusDetails.state}; it can only be updated while Open.`,
    );
  }
  const pd = input['paymentDetails']
    ? withPresentment({ ...s.paymentDetails, ...input['paymentDetails'] })
    : s.paymentDetails;
  checkPaymentDetails(pd);
  const paymentChanged = ['chargeAmount', 'paymentIntent', 'totalOrderAmount'].some(
    (k) => JSON.stringify(pd[k]) !== JSON.stringify(s.paymentDetails[k]),
  );
  s.paymentDetails = pd;
  if (input['webCheckoutDetails']) s.webCheckoutDetails = { ...s.webCheckoutDetails, ...input['webCheckoutDetails'] };
  if (input['merchantMetadata']) s.merchantMetadata = { ...s.merchantMetadata, ...input['merchantMetadata'] };
  if (input['recurringMetadata']) s.recurringMetadata = { ...s.recurringMetadata, ...input['recurringMetadata'] };
  for (const field of ['supplementaryData', 'platformId', 'providerMetadata', 'chargePermissionType'] as const) {
    if (input[field] !== undefined) (s as Record<string, unknown>)[field] = input[field];
  }
  if (input['multiAddressesCheckoutMetadata'])
    (s as Record<string, unknown>)['multiAddressesCheckoutMetadata'] = input['multiAddressesCheckoutMetadata'];
  // A changed amount or intent needs the buyer's confirmation again.
  if (paymentChanged) s._paymentConfirmed = false;
  await save(ctx, 'checkoutSession', s.checkoutSessionId, s);
  return ok(presentSession(ctx, s));
}

const completeShape = { fields: { chargeAmount: price, totalOrderAmount: price } };

/** A Saved Wallet session set up without a payment: completing it needs no chargeAmount. */
const setupOnly = (s: CheckoutSessionRecord) =>
  s.chargePermissionType === 'PaymentMethodOnFile' &&
  (s.paymentMethodOnFileMetadata as { setupOnly?: boolean } | null)?.setupOnly === true;

export async function completeCheckoutSession(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ chargeAmount?: Price; totalOrderAmount?: Price }>(completeShape, ctx.body);
  const s = await loadSession(ctx, ctx.params['checkoutSessionId']!);
  requireOpen(s, 'completed');
  if (!s._paymentConfirmed) {
    throw new ApiError(
      'InvalidCheckoutSessionStatus',
      `Checkout Session ${s.checkoutSessionId} cannot be completed yet: the buyer must first ` +
        `return from amazonPayRedirectUrl (shown once no constraint is left).`,
    );
  }
  if (!input.chargeAmount && !(setupOnly(s) && !s.paymentDetails['chargeAmount'])) {
    throw new ApiError(
      'MissingParameterValue',
      'chargeAmount is required (only a Saved Wallet setupOnly session completes without one).',
    );
  }
  // The session's totalOrderAmount must be confirmed on Complete (inferred from Amazon's Complete
  // Checkout Session reference, which lists totalOrderAmount for sessions that set one).
  const total = s.paymentDetails['totalOrderAmount'] as Price | undefined;
  if (total && !input.totalOrderAmount) {
    throw new ApiError(
      'MissingParameterValue',
      'totalOrderAmount is required: the Checkout Session has paymentDetails.totalOrderAmount.',
    );
  }
  if (total && input.totalOrderAmount && toMinor(input.totalOrderAmount) !== toMinor(total)) {
    sameCurrency(input.totalOrderAmount, total.currencyCode, 'totalOrderAmount');
    throw new ApiError(
      'AmountMismatch',
      `totalOrderAmount ${input.totalOrderAmount.amount} does not match the Checkout Session's ` +
        `${total.amount} ${total.currencyCode}.`,
    );
  }
  return finish(ctx, s, input);
}

const finalizeShape = {
  fields: {
    paymentIntent: str({ oneOf: ['Confirm', 'Authorize', 'AuthorizeWithCapture'] }),
    chargeAmount: price,
    totalOrderAmount: price,
    canHandlePendingAuthorization: bool,
    supplementaryData: str({ max: 4096 }),
    shippingAddress: address,
    billingAddress: address,
  },
  required: ['paymentIntent', 'chargeAmount'],
};

export async function finalizeCheckoutSession(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Input>(finalizeShape, ctx.body);
  const s = await loadSession(ctx, ctx.params['checkoutSessionId']!);
  requireOpen(s, 'finalized');
  if (!s.buyer)
    throw new ApiError(
      'InvalidCheckoutSessionStatus',
      `Checkout Session ${s.checkoutSessionId} has no buyer yet (BuyerNotAssociated).`,
    );
  // Finalize (Apple Pay-style flows) confirms the address the buyer chose: PayAndShip needs it.
  if (s.productType === 'PayAndShip' && !input['shippingAddress']) {
    throw new ApiError(
      'MissingParameterValue',
      'shippingAddress is required to finalize a PayAndShip Checkout Session.',
    );
  }
  if (input['shippingAddress']) s.shippingAddress = input['shippingAddress'];
  if (input['billingAddress']) s.billingAddress = input['billingAddress'];
  s.paymentDetails = withPresentment({
    ...s.paymentDetails,
    chargeAmount: s.paymentDetails['chargeAmount'] ?? input['chargeAmount'],
    paymentIntent: input['paymentIntent'],
    ...(input['canHandlePendingAuthorization'] !== undefined
      ? { canHandlePendingAuthorization: input['canHandlePendingAuthorization'] }
      : {}),
    ...(input['totalOrderAmount'] ? { totalOrderAmount: input['totalOrderAmount'] } : {}),
  });
  if (input['supplementaryData'] !== undefined) s.supplementaryData = input['supplementaryData'];
  return finish(ctx, s, input as { chargeAmount: Price; totalOrderAmount?: Price }, { cartDetails: null });
}

/** Complete / Finalize: the amount must match the session's; then the permission (and charge) are created. */
async function finish(
  ctx: Ctx,
  s: CheckoutSessionRecord,
  input: { chargeAmount?: Price; totalOrderAmount?: Price },
  extra: Record<string, unknown> = {},
): Promise<HandlerResult> {
  const pd = s.paymentDetails;
  const expected = pd['chargeAmount'] as Price | undefined;
  if (!expected && !setupOnly(s))
    throw new ApiError(
      'InvalidCheckoutSessionStatus',
      `Checkout Session ${s.checkoutSessionId} has no paymentDetails.chargeAmount (ChargeAmountNotSet).`,
    );
  if (expected && input.chargeAmount) {
    sameCurrency(input.chargeAmount, expected.currencyCode, 'chargeAmount');
    if (toMinor(input.chargeAmount) !== toMinor(expected)) {
      throw new ApiError(
        'AmountMismatch',
        `chargeAmount ${input.chargeAmount.amount} ${input.chargeAmount.currencyCode} does not ` +
          `match the Checkout Session's paymentDetails.chargeAmount ${expected.amount} ` +
          `${expected.currencyCode}.`,
      );
    }
  }
  const currency = expected?.currencyCode ?? (pd['presentmentCurrency'] as string | undefined) ?? 'USD';
  if (input.totalOrderAmount) sameCurrency(input.totalOrderAmount, currency, 'totalOrderAmount');
  const simulation = ctx.simulation;
  if (simulation === 'BuyerCanceled' || simulation === 'AmazonCanceled' || simulation === 'Declined') {
    clearTimers(s);
    s.statusDetails = statusDetails('Canceled', ctx.now, simulation);
    await save(ctx, 'checkoutSession', s.checkoutSessionId, s);
    throw new ApiError(
      'CheckoutSessionCanceled',
      `Checkout Session ${s.checkoutSessionId} was canceled (${simulation}); send the buyer back ` +
        `to the start of checkout.`,
    );
  }
  const intent = pd['paymentIntent'] as string;
  if (simulation === 'AuthorizationInitiated' && intent === 'Confirm') {
    throw new ApiError(
      'InvalidSandboxSimulationSpecified',
      'AuthorizationInitiated needs paymentIntent Authorize or AuthorizeWithCapture.',
    );
  }
  const totalOrderAmount = input.totalOrderAmount ?? (pd['totalOrderAmount'] as Price | undefined);
  let permission: ChargePermissionRecord;
  if (s._existingChargePermissionId) {
    // Updating the payment method of an existing permission (saved wallet / subscription).
    permission = await load<ChargePermissionRecord>(ctx, 'chargePermission', s._existingChargePermissionId);
    Object.assign(permission, {
      buyer: s.buyer,
      paymentPreferences: s.paymentPreferences,
      billingAddress: s.billingAddress,
      statusDetails: statusDetails('Chargeable', ctx.now),
    });
    await save(ctx, 'chargePermission', permission.chargePermissionId, permission);
  } else {
    permission = await createPermission(ctx, {
      chargePermissionType: s.chargePermissionType,
      presentmentCurrency: currency,
      amountLimit: amountLimitOf(expected, totalOrderAmount, pd['allowOvercharge'] === true),
      buyer: s.buyer,
      shippingAddress: s.shippingAddress,
      billingAddress: s.billingAddress,
      paymentPreferences: s.paymentPreferences,
      merchantMetadata: s.merchantMetadata,
      platformId: s.platformId,
      recurringMetadata: s.recurringMetadata,
      extendExpiration: pd['extendExpiration'] === true,
    });
  }
  let pending = false;
  if (expected && (intent === 'Authorize' || intent === 'AuthorizeWithCapture')) {
    const charge = await authorizeCharge(
      ctx,
      permission,
      {
        chargeAmount: expected,
        captureNow: intent === 'AuthorizeWithCapture',
        ...(pd['softDescriptor'] !== undefined ? { softDescriptor: pd['softDescriptor'] as string } : {}),
        canHandlePendingAuthorization: pd['canHandlePendingAuthorization'] === true,
        ...(s.merchantMetadata ? { merchantMetadata: s.merchantMetadata } : {}),
        ...(s.platformId ? { platformId: s.platformId } : {}),
      },
      simulation,
    );
    s.chargeId = charge.chargeId;
    pending = charge.statusDetails.state === 'AuthorizationInitiated';
  }
  clearTimers(s);
  s.chargePermissionId = permission.chargePermissionId;
  s.statusDetails = statusDetails('Completed', ctx.now);
  await save(ctx, 'checkoutSession', s.checkoutSessionId, s);
  // Amazon answers 202 Accepted while the authorization is still pending.
  return ok(presentSession(ctx, s, extra), pending ? 202 : 200);
}

/**
 * A OneTime permission's amount limit: the larger of totalOrderAmount and chargeAmount; with
 * `allowOvercharge`, plus the lesser of 15% or 75 USD (or equivalent), Amazon's overcharge allowance.
 */
function amountLimitOf(charge: Price | undefined, total: Price | undefined, allowOvercharge: boolean): Price | null {
  const base = total && (!charge || toMinor(total) > toMinor(charge)) ? total : charge;
  if (!base) return null;
  return allowOvercharge ? fromMinor(toMinor(base) + marginMinor(base), base.currencyCode) : base;
}

/**
 * The buyer's visit to `amazonPayRedirectUrl`: attaches the buyer (sign-in) and, once nothing else is
 * missing, records their payment confirmation. Returns where the buyer is sent next (303).
 */
export async function approveSession(
  ctx: Ctx,
  id: string,
  profile: BuyerProfile | undefined,
  action: 'approve' | 'cancel' = 'approve',
): Promise<string> {
  const s = await loadSession(ctx, id);
  requireOpen(s, action === 'cancel' ? 'canceled by the buyer' : 'approved');
  const wcd = s.webCheckoutDetails as Record<string, string | undefined>;
  const back = (target: string | undefined) => {
    const u = new URL(target ?? wcd['checkoutResultReturnUrl'] ?? wcd['checkoutReviewReturnUrl']!);
    u.searchParams.set('amazonCheckoutSessionId', id);
    return u.href;
  };
  if (action === 'cancel') {
    clearTimers(s);
    s.statusDetails = statusDetails(
      'Canceled',
      ctx.now,
      'BuyerCanceled',
      'The buyer canceled checkout on the Amazon Pay page.',
    );
    await save(ctx, 'checkoutSession', id, s);
    return back(wcd['checkoutCancelUrl'] ?? wcd['checkoutReviewReturnUrl']);
  }
  if (!s.buyer || profile) attachBuyer(ctx, s, profile ?? {});
  const missing = constraintsOf(s);
  if (missing.length === 0) {
    s._paymentConfirmed = true;
    await save(ctx, 'checkoutSession', id, s);
    return back(wcd['checkoutResultReturnUrl']);
  }
  await save(ctx, 'checkoutSession', id, s);
  return back(wcd['checkoutReviewReturnUrl']);
}

function attachBuyer(ctx: Ctx, s: CheckoutSessionRecord, profile: BuyerProfile): void {
  const d = ctx.defaultBuyer;
  s.buyer = {
    buyerId: profile.buyerId ?? ids.buyer(),
    name: profile.name ?? d.name,
    email: profile.email ?? d.email,
    phoneNumber: profile.phoneNumber ?? d.phoneNumber,
    primeMembershipTypes: profile.primeMembershipTypes ?? d.primeMembershipTypes,
  };
  const scopes = s._scopes;
  const wants = (scope: string) => !scopes || scopes.includes(scope);
  if (!s._addressDetails)
    s.shippingAddress = s.productType === 'PayOnly' ? null : { ...(profile.shippingAddress ?? d.shippingAddress) };
  s.billingAddress = wants('billingAddress') || !scopes ? { ...(profile.billingAddress ?? d.billingAddress) } : null;
  s.paymentPreferences = [{ paymentDescriptor: profile.paymentDescriptor ?? d.paymentDescriptor }];
}
