/**
 * Partner onboarding and account management, minimally but validly: register/create a merchant account
 * (201), update it (204 for partner onboarding; 200 with the account when called with an
 * x-amz-pay-authtoken, as Account Management does), delete it (202), claim it (303 to a claim page), and
 * create or update its stores (both need an x-amz-pay-authtoken).
 */
import type { Environment } from '@amazon-pay-edge/core';
import { list, load, ok, present, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { any, arr, body, obj, str } from '../validate.js';

const LEDGER_CURRENCIES = ['GBP', 'EUR', 'JPY', 'USD'];

const businessInfo = obj({
  fields: {
    businessType: str({ oneOf: ['CORPORATE', 'INDIVIDUAL'] }),
    countryOfEstablishment: str({ pattern: /^[A-Z]{2}$/ }),
    businessLegalName: str({ max: 256 }),
    businessAddress: obj({ fields: { addressLine1: str({ max: 256 }), countryCode: str({ pattern: /^[A-Z]{2}$/ }) } }),
  },
});

const accountFields = {
  uniqueReferenceId: str({ max: 128 }),
  ledgerCurrency: str({ oneOf: LEDGER_CURRENCIES }),
  businessInfo,
  beneficiaryOwners: arr(any),
  primaryContactPerson: any,
  integrationInfo: any,
  stores: arr(any),
  merchantStatus: any,
};

interface AccountRecord {
  merchantAccountId: string;
  uniqueReferenceId: string;
  _profile: Record<string, unknown>;
  _authorizationToken: string;
  _env: Environment;
  [key: string]: unknown;
}

export async function createMerchantAccount(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Record<string, unknown> & { uniqueReferenceId: string }>(
    { fields: accountFields, required: ['uniqueReferenceId', 'ledgerCurrency', 'businessInfo'] },
    ctx.body,
  );
  const info = input['businessInfo'] as Record<string, unknown>;
  for (const field of ['businessType', 'countryOfEstablishment', 'businessLegalName', 'businessAddress']) {
    if (info[field] === undefined)
      throw new ApiError('MissingParameterValue', `businessInfo.${field} is required for this request.`);
  }
  const taken = await list<AccountRecord>(
    ctx,
    'merchantAccount',
    'merchantAccountId',
    (a) => a.uniqueReferenceId === input.uniqueReferenceId,
  );
  if (taken.length)
    throw new ApiError(
      'InvalidParameterValue',
      `The value provided for uniqueReferenceId is invalid: ${input.uniqueReferenceId} is ` +
        `already registered (${taken[0]!.merchantAccountId}).`,
    );
  const account: AccountRecord = {
    merchantAccountId: ids.merchantAccount(),
    uniqueReferenceId: input.uniqueReferenceId,
    _profile: input,
    _authorizationToken: ids.authorizationToken(),
    _env: ctx.env,
  };
  await save(ctx, 'merchantAccount', account.merchantAccountId, account);
  await save(ctx, 'authorizationToken', account._authorizationToken, {
    merchantId: account.merchantAccountId,
    _env: ctx.env,
  });
  return ok(
    {
      uniqueReferenceId: account.uniqueReferenceId,
      merchantAccountId: account.merchantAccountId,
      authorizationToken: account._authorizationToken,
    },
    201,
  );
}

export async function updateMerchantAccount(ctx: Ctx): Promise<HandlerResult> {
  const { uniqueReferenceId: _ignored, ledgerCurrency: _currency, ...updatable } = accountFields;
  const input = body<Record<string, unknown>>({ fields: updatable }, ctx.body);
  const account = await load<AccountRecord>(ctx, 'merchantAccount', ctx.params['merchantAccountId']!);
  account._profile = { ...account._profile, ...input };
  await save(ctx, 'merchantAccount', account.merchantAccountId, account);
  if (ctx.authToken === undefined) return { status: 204 };
  return ok({ uniqueReferenceId: account.uniqueReferenceId, merchantAccountId: account.merchantAccountId });
}

export async function deleteMerchantAccount(ctx: Ctx): Promise<HandlerResult> {
  const account = await load<AccountRecord>(ctx, 'merchantAccount', ctx.params['merchantAccountId']!);
  await ctx.store.delete('merchantAccount', account.merchantAccountId);
  return { status: 202 };
}

export async function claimMerchantAccount(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ uniqueReferenceId: string }>(
    { fields: { uniqueReferenceId: str({ max: 128 }) }, required: ['uniqueReferenceId'] },
    ctx.body,
  );
  const account = await load<AccountRecord>(ctx, 'merchantAccount', ctx.params['merchantAccountId']!);
  if (account.uniqueReferenceId !== input.uniqueReferenceId) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value provided for uniqueReferenceId is invalid: it does not belong to merchant ` +
        `account ${account.merchantAccountId}.`,
    );
  }
  return {
    status: 303,
    headers: { location: `${ctx.origin}/sandbox-ui/claim/${encodeURIComponent(account.merchantAccountId)}` },
    body: { merchantAccountId: account.merchantAccountId, uniqueReferenceId: account.uniqueReferenceId },
  };
}

const storeFields = {
  storeName: str({ max: 256 }),
  privacyPolicyUrl: str({ max: 1024 }),
  merchantLogoUrl: str({ max: 1024 }),
  allowedOriginDomains: arr(str({ max: 1024 })),
  allowedRedirectURLs: arr(str({ max: 1024 })),
};

interface StoreRecord {
  storeId: string;
  _merchantAccountId: string;
  _env: Environment;
  [key: string]: unknown;
}

function needAuthToken(ctx: Ctx): void {
  if (ctx.authToken === undefined)
    throw new ApiError(
      'MissingHeader',
      'The x-amz-pay-authtoken header is required: pass the authorizationToken of the merchant ' +
        'account (CallOptions.authToken).',
    );
}

export async function createStore(ctx: Ctx): Promise<HandlerResult> {
  needAuthToken(ctx);
  const input = body<Record<string, unknown>>({ fields: storeFields, required: ['storeName'] }, ctx.body);
  const account = await load<AccountRecord>(ctx, 'merchantAccount', ctx.params['merchantAccountId']!);
  const store: StoreRecord = {
    storeId: ids.store(),
    storeName: null,
    privacyPolicyUrl: null,
    merchantLogoUrl: null,
    allowedOriginDomains: null,
    allowedRedirectURLs: null,
    ...input,
    _merchantAccountId: account.merchantAccountId,
    _env: ctx.env,
  };
  await save(ctx, 'store', store.storeId, store);
  return ok(present(store as never), 201);
}

export async function updateStore(ctx: Ctx): Promise<HandlerResult> {
  needAuthToken(ctx);
  const input = body<Record<string, unknown>>({ fields: storeFields }, ctx.body);
  const store = await load<StoreRecord>(ctx, 'store', ctx.params['storeId']!);
  if (store._merchantAccountId !== ctx.params['merchantAccountId']) {
    throw new ApiError(
      'ResourceNotFound',
      `Store ${store.storeId} was not found under merchant account ${ctx.params['merchantAccountId']}.`,
    );
  }
  Object.assign(store, input);
  await save(ctx, 'store', store.storeId, store);
  return ok(present(store as never));
}
