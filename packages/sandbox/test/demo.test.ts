// The demo that `pnpm demo` and `amazon-pay-edge demo` run: every step passes and prints one aligned line.
import { WebStoreClient } from '@amazon-pay-edge/core';
import { expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

it('runs the whole checkout, recurring charge and close, printing a line per step and a summary', async () => {
  const lines: string[] = [];
  const result = await runDemo({ log: (l) => lines.push(l) });
  expect(result.steps.filter((s) => !s.ok)).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.steps.map((s) => `${s.step} ${s.state}`)).toEqual([
    'generateButtonConfig (verified) signature ok',
    'createCheckoutSession Open',
    'buyer signs in (Amazon Pay button) -> /review',
    'getCheckoutSession Open',
    'updateCheckoutSession (amount) Open',
    'buyer confirms payment -> /result',
    'completeCheckoutSession Completed',
    'captureCharge Captured',
    'createRefund (10.00) RefundInitiated',
    'sandbox.advance (refund settles) +15 s lifecycle clock',
    'getRefund Refunded',
    'createCheckoutSession (Recurring) Open',
    'buyer signs in and confirms -> /result',
    'completeCheckoutSession (Recurring) Completed',
    'createCharge (monthly, captureNow) Captured',
    'getChargePermission Chargeable',
    'closeChargePermission Closed',
    // Every state change above produced a signed IPN; each verifies with core's verifier.
    // 4 CHARGE_PERMISSION: Chargeable and Closed (fully captured) for the one-time order, Chargeable and Closed for the subscription.
    'IPNs verified (SNS signatures) 4 CHARGE_PERMISSION, 3 CHARGE, 2 REFUND',
  ]);
  const apiSteps = result.steps.filter((s) => /^\d{3}$/.test(s.status) && s.status !== '303');
  expect(apiSteps.every((s) => /^[0-9a-f-]{36}$/.test(s.requestId))).toBe(true);
  // One header, one line per step, a blank line and the summary; the columns line up.
  const table = lines.filter((l) => /^\d+\s/.test(l));
  expect(table).toHaveLength(18);
  const stateColumn = lines.find((l) => l.startsWith('#'))!.indexOf('state');
  expect(table.every((l) => l[stateColumn - 1] === ' ' && l[stateColumn] !== ' ')).toBe(true);
  expect(lines.at(-1)).toMatch(/^OK: 18 of 18 steps passed in \d+ ms\.$/);
});

it('stops at the first failing step and reports it', async () => {
  // A client whose signed region header is changed in transit cannot pass verification.
  class BrokenClient extends WebStoreClient {
    constructor(config: ConstructorParameters<typeof WebStoreClient>[0]) {
      super({
        ...config,
        maxRetries: 0,
        fetch: (url, init) =>
          fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-amz-pay-region': 'eu' } }),
      });
    }
  }
  const lines: string[] = [];
  const result = await runDemo({ log: (l) => lines.push(l), WebStoreClient: BrokenClient });
  expect(result.ok).toBe(false);
  expect(result.steps.at(-1)).toMatchObject({
    step: 'createCheckoutSession',
    ok: false,
    status: '403',
    state: 'InvalidRequestSignature',
  });
  expect(lines.at(-1)).toMatch(/^FAILED: 1 of 2 steps passed/);
});
