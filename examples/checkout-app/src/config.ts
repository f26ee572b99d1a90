/** Reads the example's configuration from a runtime's environment (a Worker `env`, `Deno.env.toObject()`, `process.env`). */
import type { CurrencyCode } from '@amazon-pay-edge/core';
import type { CheckoutAppConfig } from './index.js';

export type EnvRecord = Readonly<Record<string, unknown>>;

function need(env: EnvRecord, name: string): string {
  const value = env[name];
  if (typeof value !== 'string' || value === '') throw new Error(`Set ${name} (see the example's README).`);
  return value;
}

/**
 * AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY (PEM text; a secret), AMAZON_PAY_REGION (default us),
 * AMAZON_PAY_STORE_ID, PUBLIC_URL, ORDER_AMOUNT (default 49.90), ORDER_CURRENCY (default USD),
 * AMAZON_PAY_BASE_URL (only to use a local sandbox), IPN_TEST_CERT_HOST (only to accept the local sandbox's IPN certificate).
 */
export function configFromEnv(
  env: EnvRecord,
  privateKey: CheckoutAppConfig['client']['privateKey'] = need(env, 'AMAZON_PAY_PRIVATE_KEY'),
): CheckoutAppConfig {
  const baseUrl =
    typeof env['AMAZON_PAY_BASE_URL'] === 'string' && env['AMAZON_PAY_BASE_URL']
      ? env['AMAZON_PAY_BASE_URL']
      : undefined;
  const testCertHost =
    typeof env['IPN_TEST_CERT_HOST'] === 'string' && env['IPN_TEST_CERT_HOST'] ? env['IPN_TEST_CERT_HOST'] : undefined;
  return {
    client: {
      publicKeyId: need(env, 'AMAZON_PAY_PUBLIC_KEY_ID'),
      privateKey,
      region: typeof env['AMAZON_PAY_REGION'] === 'string' ? env['AMAZON_PAY_REGION'] : 'us',
      baseUrl,
    },
    storeId: need(env, 'AMAZON_PAY_STORE_ID'),
    publicUrl: need(env, 'PUBLIC_URL'),
    amount: typeof env['ORDER_AMOUNT'] === 'string' ? env['ORDER_AMOUNT'] : '49.90',
    currencyCode: (typeof env['ORDER_CURRENCY'] === 'string' ? env['ORDER_CURRENCY'] : 'USD') as CurrencyCode,
    ipn: testCertHost ? { allowedCertificateHosts: [testCertHost], allowInsecureCertificateUrl: true } : {},
  };
}
