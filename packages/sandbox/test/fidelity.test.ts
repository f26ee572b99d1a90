// Amazon's rules the sandbox models beyond the contract suite's documented cases: Saved Wallet setup
// without an amount, the OneTime charge count, totalOrderAmount on Complete, allowOvercharge, and the
// amazonPayRedirectUrl test shortcut (off by default).
import { describe, expect, it } from 'vitest';
import { apiFailure, checkout, MERCHANT, sessionPayload, setup, signInUrl, usd, visit } from './helpers.js';

describe('fidelity to Amazon’s rules', () => {
  it('a Saved Wallet setupOnly session completes without chargeAmount into a permission that never expires', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm', presentmentCurrency: 'EUR' },
      }),
    );
    expect((await visit(sandbox, signInUrl(created.data.checkoutSessionId))).pathname).toBe('/result');
    const done = await client.completeCheckoutSession(created.data.checkoutSessionId, {} as never);
    expect(done.data.statusDetails.state).toBe('Completed');
    expect(done.data.chargeId).toBeNull();
    const permission = (await client.getChargePermission(done.data.chargePermissionId!)).data;
    expect(permission).toMatchObject({
      chargePermissionType: 'PaymentMethodOnFile',
      expirationTimestamp: null,
      presentmentCurrency: 'EUR',
      limits: { amountLimit: null, amountBalance: null },
    });
    // Any other session still needs the amount.
    const other = await client.createCheckoutSession(
      sessionPayload({ paymentDetails: { paymentIntent: 'Confirm', chargeAmount: usd('3.00') } }),
    );
    await visit(sandbox, signInUrl(other.data.checkoutSessionId));
    await apiFailure(
      client.completeCheckoutSession(other.data.checkoutSessionId, {} as never),
      400,
      'MissingParameterValue',
    );
  });

  it('a OneTime permission takes at most 25 charges', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    for (let i = 0; i < 25; i++) {
      const charge = await client.createCharge({ chargePermissionId, chargeAmount: usd('1.00') });
      await client.cancelCharge(charge.data.chargeId, {});
    }
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('1.00') }),
      422,
      'TransactionCountExceeded',
    );
  });

  it('Complete confirms the session’s totalOrderAmount: missing is 400, different is 409', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({
        paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('10.00'), totalOrderAmount: usd('25.00') },
      }),
    );
    const id = created.data.checkoutSessionId;
    await visit(sandbox, signInUrl(id));
    await apiFailure(client.completeCheckoutSession(id, { chargeAmount: usd('10.00') }), 400, 'MissingParameterValue');
    await apiFailure(
      client.completeCheckoutSession(id, { chargeAmount: usd('10.00'), totalOrderAmount: usd('24.00') }),
      409,
      'AmountMismatch',
    );
    const done = await client.completeCheckoutSession(id, {
      chargeAmount: usd('10.00'),
      totalOrderAmount: usd('25.00'),
    });
    expect((await client.getChargePermission(done.data.chargePermissionId!)).data.limits?.amountLimit).toEqual(
      usd('25.00'),
    );
  });

  it('allowOvercharge raises a OneTime limit by the lesser of 15% or 75 USD', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: usd('100.00'), allowOvercharge: true },
      }),
    );
    await visit(sandbox, signInUrl(created.data.checkoutSessionId));
    const done = await client.completeCheckoutSession(created.data.checkoutSessionId, { chargeAmount: usd('100.00') });
    expect((await client.getChargePermission(done.data.chargePermissionId!)).data.limits).toEqual({
      amountLimit: usd('115.00'),
      amountBalance: usd('115.00'),
    });
    await apiFailure(
      client.createCharge({ chargePermissionId: done.data.chargePermissionId!, chargeAmount: usd('115.01') }),
      400,
      'TransactionAmountExceeded',
    );
    expect(
      (
        await client.createCharge({
          chargePermissionId: done.data.chargePermissionId!,
          chargeAmount: usd('115.00'),
          captureNow: true,
        })
      ).data.statusDetails.state,
    ).toBe('Captured');
  });

  it('redirectUrlBeforeSignIn (a test shortcut, off by default) shows amazonPayRedirectUrl before sign-in', async () => {
    const off = setup();
    expect(
      (await off.client.createCheckoutSession(sessionPayload())).data.webCheckoutDetails?.amazonPayRedirectUrl,
    ).toBeNull();
    const { sandbox, client } = setup({ redirectUrlBeforeSignIn: true });
    const created = await client.createCheckoutSession(
      sessionPayload({ webCheckoutDetails: { checkoutReviewReturnUrl: `${MERCHANT}/review` } }),
    );
    const redirect = created.data.webCheckoutDetails?.amazonPayRedirectUrl;
    expect(redirect).toBe(signInUrl(created.data.checkoutSessionId));
    expect((await visit(sandbox, redirect)).pathname).toBe('/review');
    // Signed in with constraints left: null again, as at Amazon.
    expect(
      (await client.getCheckoutSession(created.data.checkoutSessionId)).data.webCheckoutDetails?.amazonPayRedirectUrl,
    ).toBeNull();
  });
});
