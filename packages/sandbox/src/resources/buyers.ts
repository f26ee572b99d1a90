/** Buyer (Amazon Sign-In) by buyer token, and the token exchange for delegated calls. */
import { load, ok, present, save, type BuyerProfile, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { queryOf } from '../validate.js';

/** Signs a buyer in (the sandbox's stand-in for the Sign-In button) and returns their buyer token. */
export async function createBuyerToken(ctx: Ctx, profile: BuyerProfile = {}): Promise<string> {
  const d = ctx.defaultBuyer;
  const shippingAddress = profile.shippingAddress ?? d.shippingAddress;
  const token = ids.buyerToken();
  await save(ctx, 'buyerToken', token, {
    buyerId: profile.buyerId ?? ids.buyer(),
    name: profile.name ?? d.name,
    email: profile.email ?? d.email,
    postalCode: (shippingAddress['postalCode'] as string | undefined) ?? null,
    countryCode: (shippingAddress['countryCode'] as string | undefined) ?? null,
    phoneNumber: profile.phoneNumber ?? d.phoneNumber,
    shippingAddress,
    billingAddress: profile.billingAddress ?? d.billingAddress,
    primeMembershipTypes: profile.primeMembershipTypes ?? d.primeMembershipTypes,
    _env: ctx.env,
  });
  return token;
}

export async function getBuyer(ctx: Ctx): Promise<HandlerResult> {
  return ok(present(await load(ctx, 'buyerToken', ctx.params['buyerToken']!)));
}

export async function getAuthorizationToken(ctx: Ctx): Promise<HandlerResult> {
  const { merchantId } = queryOf(ctx.query, ['merchantId']);
  if (!merchantId) throw new ApiError('MissingParameterValue', 'merchantId is required as a query parameter.');
  const authorizationToken = ids.authorizationToken();
  await save(ctx, 'authorizationToken', authorizationToken, {
    merchantId,
    mwsAuthToken: ctx.params['mwsAuthToken'],
    _env: ctx.env,
  });
  return ok({ authorizationToken });
}
