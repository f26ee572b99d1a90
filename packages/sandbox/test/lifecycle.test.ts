// The payment lifecycle end to end through the core client (`fetch: sandbox.fetch`).
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELAYS } from '../src/index.js';
import { ApiError } from '../src/errors.js';
import { parseAmazonPayTimestamp } from '@amazon-pay-edge/core';
import { apiFailure, checkout, MERCHANT, sessionPayload, setup, signInUrl, usd, visit } from './helpers.js';

describe('one-time checkout', () => {
  it('runs create -> sign-in -> update -> confirm -> complete -> capture -> refund -> Refunded', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({ webCheckoutDetails: { checkoutReviewReturnUrl: `${MERCHANT}/review` } }),
    );
    expect(created.status).toBe(201);
    expect(created.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const id = created.data.checkoutSessionId;
    expect(created.data.statusDetails.state).toBe('Open');
    expect(created.data.constraints?.map((c) => c.constraintId).sort()).toEqual([
      'BuyerNotAssociated',
      'ChargeAmountNotSet',
      'CheckoutResultReturnUrlNotSet',
      'PaymentIntentNotSet',
    ]);

    // Amazon shows no amazonPayRedirectUrl before the buyer signed in (through the button).
    expect(created.data.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    // Sign-in: the button's page attaches a buyer and sends them to the review URL.
    const review = await visit(sandbox, signInUrl(id));
    expect(review.origin + review.pathname).toBe(`${MERCHANT}/review`);
    expect(review.searchParams.get('amazonCheckoutSessionId')).toBe(id);

    const got = await client.getCheckoutSession(id);
    expect(got.data.buyer?.name).toBe('Sandbox Buyer');
    expect(got.data.shippingAddress?.city).toBe('Seattle');
    expect(got.data.paymentPreferences?.[0]?.paymentDescriptor).toContain('Visa');
    // With a buyer but constraints left, Amazon shows no redirect URL.
    expect(got.data.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    await apiFailure(
      client.completeCheckoutSession(id, { chargeAmount: usd('100.00') }),
      422,
      'InvalidCheckoutSessionStatus',
    );

    const updated = await client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: `${MERCHANT}/result` },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('100.5') },
    });
    expect(updated.data.constraints).toEqual([]);
    // Signed in and updated with payment details: now Amazon hands out the redirect URL.
    expect(updated.data.webCheckoutDetails?.amazonPayRedirectUrl).toBe(signInUrl(id));
    expect(updated.data.paymentDetails?.chargeAmount).toEqual(usd('100.50'));
    expect(updated.data.paymentDetails?.presentmentCurrency).toBe('USD');

    const result = await visit(sandbox, updated.data.webCheckoutDetails?.amazonPayRedirectUrl);
    expect(result.pathname).toBe('/result');

    const completed = await client.completeCheckoutSession(id, { chargeAmount: usd('100.50') });
    expect(completed.status).toBe(200);
    expect(completed.data.statusDetails.state).toBe('Completed');
    expect(completed.data.chargePermissionId).toMatch(/^S01-\d{7}-\d{7}$/);
    expect(completed.data.chargeId).toMatch(/^S01-\d{7}-\d{7}-C\d{7}$/);

    const chargeId = completed.data.chargeId!;
    const authorized = await client.getCharge(chargeId);
    expect(authorized.data.statusDetails.state).toBe('Authorized');
    expect(authorized.data.captureAmount).toBeNull();

    const captured = await client.captureCharge(chargeId, { captureAmount: usd('80.00') });
    expect(captured.data.statusDetails.state).toBe('Captured');
    expect(captured.data.captureAmount).toEqual(usd('80.00'));

    const refund = await client.createRefund({ chargeId, refundAmount: usd('30.00') });
    expect(refund.status).toBe(201);
    expect(refund.data.statusDetails.state).toBe('RefundInitiated');
    expect((await client.getRefund(refund.data.refundId)).data.statusDetails.state).toBe('RefundInitiated');
    sandbox.advance(DEFAULT_DELAYS.refundMs);
    expect((await client.getRefund(refund.data.refundId)).data.statusDetails.state).toBe('Refunded');
    expect((await client.getCharge(chargeId)).data.refundedAmount).toEqual(usd('30.00'));

    const permission = await client.getChargePermission(completed.data.chargePermissionId!);
    expect(permission.data.statusDetails.state).toBe('Chargeable');
    // 100.50 limit, 80.00 taken by the partial capture.
    expect(permission.data.limits).toEqual({ amountLimit: usd('100.50'), amountBalance: usd('20.50') });
    expect(permission.data.buyer?.name).toBe('Sandbox Buyer');

    // Once completed, Amazon no longer shows the buyer on the session.
    const after = await client.getCheckoutSession(id);
    expect(after.data.buyer).toBeNull();
    expect(after.data.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
  });

  it('AuthorizeWithCapture captures at completion; Confirm creates only the permission', async () => {
    const { sandbox, client } = setup();
    const captured = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '12.00' });
    expect((await client.getCharge(captured.data.chargeId!)).data.statusDetails.state).toBe('Captured');

    const confirmed = await checkout(sandbox, client, { intent: 'Confirm', amount: '50.00', total: '80.00' });
    expect(confirmed.data.chargeId).toBeNull();
    const permissionId = confirmed.data.chargePermissionId!;
    const charge = await client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: usd('50.00'),
      captureNow: true,
      softDescriptor: 'SHOP',
    });
    expect(charge.status).toBe(201);
    expect(charge.data.statusDetails.state).toBe('Captured');
    expect(charge.data.softDescriptor).toBe('SHOP');
    expect((await client.getChargePermission(permissionId)).data.limits?.amountBalance).toEqual(usd('30.00'));
  });

  it('a ProcessOrder session goes straight from the approval page to the result URL', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession({
      storeId: 'amzn1.application-oa2-client.x',
      webCheckoutDetails: { checkoutMode: 'ProcessOrder', checkoutResultReturnUrl: `${MERCHANT}/result` },
      paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: usd('5.00') },
      addressDetails: {
        name: 'Jane',
        addressLine1: '1 Main St',
        city: 'Springfield',
        postalCode: '12345',
        countryCode: 'US',
      },
    });
    expect(created.data.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    expect((await visit(sandbox, signInUrl(created.data.checkoutSessionId))).pathname).toBe('/result');
    const done = await client.completeCheckoutSession(created.data.checkoutSessionId, { chargeAmount: usd('5.00') });
    expect(done.data.statusDetails.state).toBe('Completed');
    expect((await client.getChargePermission(done.data.chargePermissionId!)).data.shippingAddress?.name).toBe('Jane');
  });

  it('finalizeCheckoutSession completes a signed-in session without the payment redirect', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(sessionPayload());
    await sandbox.approveCheckoutSession(created.data.checkoutSessionId);
    const id = created.data.checkoutSessionId;
    // A PayAndShip session is finalized with the shipping address the buyer chose.
    await apiFailure(
      client.finalizeCheckoutSession(id, { paymentIntent: 'Authorize', chargeAmount: usd('7.00') }),
      400,
      'MissingParameterValue',
    );
    const shippingAddress = {
      name: 'Susie Smith',
      addressLine1: '10 Ditka Ave',
      city: 'Chicago',
      stateOrRegion: 'IL',
      postalCode: '60602',
      countryCode: 'US',
    };
    const done = await client.finalizeCheckoutSession(id, {
      paymentIntent: 'Authorize',
      chargeAmount: usd('7.00'),
      shippingAddress,
    });
    expect(done.data.statusDetails.state).toBe('Completed');
    expect(done.data.shippingAddress).toMatchObject(shippingAddress);
    // Finalize answers carry cartDetails (official Node SDK integration test key list).
    expect(Object.keys(done.data)).toContain('cartDetails');
    expect((await client.getCharge(done.data.chargeId!)).data.chargeAmount).toEqual(usd('7.00'));
  });

  it('approveCheckoutSession attaches the buyer given', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(sessionPayload());
    const location = await sandbox.approveCheckoutSession(created.data.checkoutSessionId, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      shippingAddress: { city: 'London', countryCode: 'GB' },
    });
    expect(new URL(location).pathname).toBe('/review');
    const got = await client.getCheckoutSession(created.data.checkoutSessionId);
    expect(got.data.buyer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(got.data.buyer?.buyerId).toMatch(/^amzn1\.account\./);
    expect(got.data.shippingAddress).toMatchObject({ city: 'London', countryCode: 'GB', addressLine1: null });
  });

  it('the buyer can cancel on the approval page', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({
        webCheckoutDetails: { checkoutReviewReturnUrl: `${MERCHANT}/review`, checkoutCancelUrl: `${MERCHANT}/cancel` },
      }),
    );
    const res = await sandbox.fetch(`${signInUrl(created.data.checkoutSessionId)}?action=cancel`);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!).pathname).toBe('/cancel');
    const got = await client.getCheckoutSession(created.data.checkoutSessionId);
    expect(got.data.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'BuyerCanceled' });
  });
});

describe('recurring', () => {
  it('charges a Recurring permission repeatedly and closes it, canceling the open charge', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', type: 'Recurring', amount: '9.99' });
    const permissionId = done.data.chargePermissionId!;
    const permission = await client.getChargePermission(permissionId);
    expect(permission.data.chargePermissionType).toBe('Recurring');
    // Recurring permissions close after 13 months.
    expect(
      parseAmazonPayTimestamp(permission.data.expirationTimestamp!).getTime() -
        parseAmazonPayTimestamp(permission.data.creationTimestamp).getTime(),
    ).toBe(395 * 86_400_000);
    expect(permission.data.limits).toEqual({ amountLimit: null, amountBalance: null });

    const first = await client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: usd('9.99'),
      captureNow: true,
      chargeInitiator: 'MITR',
    });
    expect(first.data.statusDetails.state).toBe('Captured');
    const second = await client.createCharge({ chargePermissionId: permissionId, chargeAmount: usd('9.99') });
    expect(second.data.statusDetails.state).toBe('Authorized');

    const closed = await client.closeChargePermission(permissionId, {
      closureReason: 'Subscription canceled',
      cancelPendingCharges: true,
    });
    expect(closed.data.statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'MerchantClosed', reasonDescription: 'Subscription canceled' }],
    });
    expect((await client.getCharge(second.data.chargeId)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'ChargePermissionCanceled',
    });
    expect((await client.getCharge(first.data.chargeId)).data.statusDetails.state).toBe('Captured');
  });

  it('without cancelPendingCharges an authorized charge stays capturable after close', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Authorize', type: 'Recurring', amount: '20.00' });
    await client.closeChargePermission(done.data.chargePermissionId!, {});
    expect(
      (await client.captureCharge(done.data.chargeId!, { captureAmount: usd('20.00') })).data.statusDetails.state,
    ).toBe('Captured');
  });
});

describe('time', () => {
  it('an Open session is Canceled (Expired) after 24 hours of lifecycle clock', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(sessionPayload());
    sandbox.advance(24 * 3600_000 - 1000);
    expect((await client.getCheckoutSession(created.data.checkoutSessionId)).data.statusDetails.state).toBe('Open');
    sandbox.advance(1000);
    const got = await client.getCheckoutSession(created.data.checkoutSessionId);
    expect(got.data.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'Expired' });
    await apiFailure(
      client.completeCheckoutSession(created.data.checkoutSessionId, { chargeAmount: usd('1.00') }),
      400,
      'CheckoutSessionCanceled',
    );
  });

  it('an unused authorization is Canceled (ExpiredUnused) after 30 days', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Authorize', amount: '10.00' });
    sandbox.advance(30 * 24 * 3600_000);
    expect((await client.getCharge(done.data.chargeId!)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'ExpiredUnused',
    });
    expect((await client.getChargePermission(done.data.chargePermissionId!)).data.limits?.amountBalance).toEqual(
      usd('10.00'),
    );
  });

  it('a pending authorization (simulation AuthorizationInitiated) answers 202 and settles after 30 s', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, {
      intent: 'Authorize',
      amount: '10.00',
      pending: true,
      simulation: 'AuthorizationInitiated',
    });
    expect(done.status).toBe(202);
    expect((await client.getCharge(done.data.chargeId!)).data.statusDetails.state).toBe('AuthorizationInitiated');
    sandbox.advance(DEFAULT_DELAYS.authorizationMs);
    expect((await client.getCharge(done.data.chargeId!)).data.statusDetails.state).toBe('Authorized');
  });

  it('asynchronous steps also follow a custom clock and custom delays', async () => {
    let now = Date.UTC(2030, 0, 1);
    const { sandbox, client } = setup({ now: () => now, delays: { refundMs: 60_000 } }, { now: () => now });
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '10.00' });
    const refund = await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('1.00') });
    expect(refund.data.creationTimestamp).toBe('20300101T000000Z');
    now += 59_000;
    expect((await client.getRefund(refund.data.refundId)).data.statusDetails.state).toBe('RefundInitiated');
    now += 1_000;
    const settled = await client.getRefund(refund.data.refundId);
    expect(settled.data.statusDetails).toMatchObject({ state: 'Refunded', lastUpdatedTimestamp: '20300101T000100Z' });
  });
});

describe('programmatic helpers', () => {
  it('reject with a typed ApiError (code ERR_AMAZON_PAY_SANDBOX_API) for an unknown session', async () => {
    const { sandbox } = setup();
    await expect(sandbox.approveCheckoutSession('no-such-session')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'ERR_AMAZON_PAY_SANDBOX_API',
      reasonCode: 'ResourceNotFound',
      status: 404,
    });
    await expect(sandbox.cancelCheckoutSession('no-such-session')).rejects.toBeInstanceOf(ApiError);
  });

  it('verifyButtonSignature accepts the client’s button config and rejects a changed payload', async () => {
    const { sandbox, client } = setup();
    const config = await client.generateButtonConfig({
      storeId: 'x',
      webCheckoutDetails: { checkoutReviewReturnUrl: `${MERCHANT}/review` },
    });
    expect(await sandbox.verifyButtonSignature(config)).toBe(true);
    expect(
      await sandbox.verifyButtonSignature({ ...config, payloadJSON: config.payloadJSON.replace('"x"', '"y"') }),
    ).toBe(false);
    expect(await sandbox.verifyButtonSignature({ ...config, algorithm: 'AMZN-PAY-RSASSA-PSS' })).toBe(false);
    expect(await sandbox.verifyButtonSignature({ ...config, publicKeyId: 'SANDBOX-UNKNOWN' })).toBe(false);
  });
});
