/** Configuration and argument errors are typed, with a stable code and a literal name, in every runtime and bundle. */
import { WebStoreClient } from '@amazon-pay-edge/core';
import { equal, ok, throws, throwsSync } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { Check } from '../harness.js';

function checkError(error: unknown, name: string, code: string, field: [string, string]): void {
  const e = error as Record<string, unknown>;
  equal(e.name, name, 'name');
  equal(e.code, code, 'code');
  equal(e[field[0]], field[1], field[0]);
  ok(error instanceof Error, 'is an Error');
  ok(typeof e.message === 'string' && e.message.length > 20, 'explains the fix');
}

export function errorChecks(ctx: SuiteContext): Check[] {
  return [
    {
      name: 'errors: an unknown region is an AmazonPayConfigError on field region',
      run: () => {
        const error = throwsSync(() => new WebStoreClient(ctx.config({ region: 'mars' })), 'constructor');
        checkError(error, 'AmazonPayConfigError', 'ERR_AMAZON_PAY_CONFIG', ['field', 'region']);
      },
    },
    {
      name: 'errors: a legacy key id without environment is an AmazonPayConfigError on field environment',
      run: () => {
        const error = throwsSync(() => new WebStoreClient(ctx.config({ publicKeyId: ctx.legacyKeyId })), 'constructor');
        checkError(error, 'AmazonPayConfigError', 'ERR_AMAZON_PAY_CONFIG', ['field', 'environment']);
      },
    },
    {
      name: 'errors: an id with "/" is an AmazonPayInvalidArgumentError, before any request',
      run: async () => {
        let fetched = 0;
        const client = new WebStoreClient(
          ctx.config({ fetch: () => Promise.resolve(new Response(String(++fetched))) }),
        );
        const error = await throws(() => client.getCheckoutSession('S01-1/../../charges'), 'getCheckoutSession');
        checkError(error, 'AmazonPayInvalidArgumentError', 'ERR_AMAZON_PAY_INVALID_ARGUMENT', [
          'argument',
          'checkoutSessionId',
        ]);
        equal(fetched, 0, 'requests sent');
      },
    },
  ];
}
