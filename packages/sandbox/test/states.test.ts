// State-machine and validation violations answer with Amazon's reason codes and statuses.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELAYS } from '../src/index.js';
import {
  apiFailure,
  checkout,
  clientFor,
  errorOf,
  LEGACY_KEY_ID,
  rawRequest,
  sessionPayload,
  setup,
  usd,
} from './helpers.js';

describe('charges', () => {
  it('capture: only once, only from Authorized, never above the authorized amount', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Authorize', amount: '50.00' });
    const chargeId = done.data.chargeId!;
    await apiFailure(client.captureCharge(chargeId, { captureAmount: usd('50.01') }), 400, 'TransactionAmountExceeded');
    await apiFailure(
      client.captureCharge(chargeId, { captureAmount: { amount: '10.00', currencyCode: 'EUR' } }),
      400,
      'CurrencyMismatch',
    );
    await client.captureCharge(chargeId, { captureAmount: usd('50.00') });
    const e = await apiFailure(
      client.captureCharge(chargeId, { captureAmount: usd('1.00') }),
      422,
      'InvalidChargeStatus',
    );
    expect(e.message).toContain('Captured');
    await apiFailure(client.cancelCharge(chargeId, { cancellationReason: 'too late' }), 422, 'InvalidChargeStatus');
  });

  it('cancel: an Authorized charge becomes Canceled (MerchantCanceled) and cannot be captured', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Authorize', amount: '50.00' });
    const canceled = await client.cancelCharge(done.data.chargeId!, { cancellationReason: 'out of stock' });
    expect(canceled.data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'MerchantCanceled',
      reasonDescription: 'out of stock',
    });
    await apiFailure(
      client.captureCharge(done.data.chargeId!, { captureAmount: usd('50.00') }),
      422,
      'InvalidChargeStatus',
    );
    // The canceled amount is available again on the permission.
    expect((await client.getChargePermission(done.data.chargePermissionId!)).data.limits?.amountBalance).toEqual(
      usd('50.00'),
    );
  });

  it('charges above what is left of a OneTime permission: 400 TransactionAmountExceeded', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    await client.createCharge({ chargePermissionId, chargeAmount: usd('20.00') });
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('10.01') }),
      400,
      'TransactionAmountExceeded',
    );
    await client.createCharge({ chargePermissionId, chargeAmount: usd('10.00') });
  });

  it('charges on a Closed permission: 422 InvalidChargePermissionStatus; closing twice too', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    await client.closeChargePermission(chargePermissionId, { closureReason: 'done' });
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('1.00') }),
      422,
      'InvalidChargePermissionStatus',
    );
    await apiFailure(client.closeChargePermission(chargePermissionId, {}), 422, 'InvalidChargePermissionStatus');
    await apiFailure(
      client.updateChargePermission(chargePermissionId, { merchantMetadata: { merchantReferenceId: 'x' } }),
      422,
      'InvalidChargePermissionStatus',
    );
  });

  it('softDescriptor without captureNow: 400 InvalidParameterCombination', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    await apiFailure(
      client.createCharge({
        chargePermissionId: done.data.chargePermissionId!,
        chargeAmount: usd('1.00'),
        softDescriptor: 'X',
      }),
      400,
      'InvalidParameterCombination',
    );
  });
});

describe('refunds', () => {
  it('only on Captured charges, never above the capture plus min(15%, 75 USD) in total, at most 10', async () => {
    const { sandbox, client } = setup();
    const authorized = await checkout(sandbox, client, { intent: 'Authorize', amount: '20.00' });
    await apiFailure(
      client.createRefund({ chargeId: authorized.data.chargeId!, refundAmount: usd('1.00') }),
      422,
      'InvalidChargeStatus',
    );

    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '20.00' });
    const chargeId = done.data.chargeId!;
    await client.createRefund({ chargeId, refundAmount: usd('15.00') });
    // Pending refunds count: 15.00 initiated of 20.00 + 3.00 (15%, less than 75 USD): 8.00 left.
    const e = await apiFailure(
      client.createRefund({ chargeId, refundAmount: usd('8.01') }),
      400,
      'TransactionAmountExceeded',
    );
    expect(e.message).toContain('8.00');
    for (let i = 0; i < 9; i++) await client.createRefund({ chargeId, refundAmount: usd('0.50') });
    await apiFailure(client.createRefund({ chargeId, refundAmount: usd('0.10') }), 422, 'TransactionCountExceeded');
    sandbox.advance(DEFAULT_DELAYS.refundMs);
    expect((await client.getCharge(chargeId)).data.refundedAmount).toEqual(usd('19.50'));
  });

  it('a refund of an unknown charge: 404 ResourceNotFound', async () => {
    const { client } = setup();
    await apiFailure(
      client.createRefund({ chargeId: 'S01-0000000-0000000-C0000000', refundAmount: usd('1.00') }),
      404,
      'ResourceNotFound',
    );
  });
});

describe('checkout sessions', () => {
  it('complete: amount must match (409 AmountMismatch), currency too (400 CurrencyMismatch), only once (422)', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({ paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('10.00') } }),
    );
    await sandbox.approveCheckoutSession(created.data.checkoutSessionId);
    const id = created.data.checkoutSessionId;
    await apiFailure(client.completeCheckoutSession(id, { chargeAmount: usd('9.99') }), 409, 'AmountMismatch');
    await apiFailure(
      client.completeCheckoutSession(id, { chargeAmount: { amount: '10.00', currencyCode: 'EUR' } }),
      400,
      'CurrencyMismatch',
    );
    await client.completeCheckoutSession(id, { chargeAmount: usd('10') });
    await apiFailure(
      client.completeCheckoutSession(id, { chargeAmount: usd('10.00') }),
      422,
      'InvalidCheckoutSessionStatus',
    );
    await apiFailure(
      client.updateCheckoutSession(id, { merchantMetadata: { noteToBuyer: 'x' } }),
      422,
      'InvalidCheckoutSessionStatus',
    );
  });

  it('an amount changed after the buyer confirmed needs their confirmation again', async () => {
    const { sandbox, client } = setup();
    const created = await client.createCheckoutSession(
      sessionPayload({ paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('10.00') } }),
    );
    const id = created.data.checkoutSessionId;
    await sandbox.approveCheckoutSession(id);
    await client.updateCheckoutSession(id, { paymentDetails: { chargeAmount: usd('12.00') } });
    await apiFailure(
      client.completeCheckoutSession(id, { chargeAmount: usd('12.00') }),
      422,
      'InvalidCheckoutSessionStatus',
    );
    await sandbox.approveCheckoutSession(id);
    expect((await client.completeCheckoutSession(id, { chargeAmount: usd('12.00') })).data.statusDetails.state).toBe(
      'Completed',
    );
  });

  it('create: required fields, unknown fields and invalid values', async () => {
    const { client } = setup();
    const missing = await apiFailure(
      client.createCheckoutSession({ webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/' } } as never),
      400,
      'MissingParameterValue',
    );
    expect(missing.message).toContain('storeId');
    const unknown = await apiFailure(
      client.createCheckoutSession({ ...sessionPayload(), colour: 'red' } as never),
      400,
      'UnrecognizedField',
    );
    expect(unknown.message).toContain('colour');
    const url = await apiFailure(
      client.createCheckoutSession(sessionPayload({ webCheckoutDetails: { checkoutReviewReturnUrl: 'not a url' } })),
      400,
      'InvalidParameterValue',
    );
    expect(url.message).toContain('webCheckoutDetails.checkoutReviewReturnUrl');
    const intent = await apiFailure(
      client.createCheckoutSession(sessionPayload({ paymentDetails: { paymentIntent: 'Steal' } })),
      400,
      'InvalidParameterValue',
    );
    expect(intent.message).toContain('paymentDetails.paymentIntent');
    await apiFailure(
      client.createCheckoutSession(
        sessionPayload({ paymentDetails: { chargeAmount: { amount: '1.00', currencyCode: 'XXX' } } }),
      ),
      400,
      'InvalidParameterValue',
    );
    await apiFailure(
      client.createCheckoutSession(
        sessionPayload({
          paymentDetails: {
            chargeAmount: { amount: '1', currencyCode: 'JPY' },
            softDescriptor: 'X',
            paymentIntent: 'Authorize',
          },
        }),
      ),
      400,
      'InvalidParameterCombination',
    );
  });

  it('a body that is not JSON: 400 InvalidRequestFormat', async () => {
    const { client } = setup();
    await apiFailure(
      client.apiCall({ method: 'POST', urlFragment: 'checkoutSessions', payload: '{"storeId":' }),
      400,
      'InvalidRequestFormat',
    );
  });
});

describe('simulation codes', () => {
  it('HardDeclined on Create Charge: 422 HardDeclined and the permission becomes NonChargeable', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    await apiFailure(
      client.createCharge(
        { chargePermissionId, chargeAmount: usd('5.00') },
        { headers: { 'x-amz-pay-simulation-code': 'HardDeclined' } },
      ),
      422,
      'HardDeclined',
    );
    expect((await client.getChargePermission(chargePermissionId)).data.statusDetails).toMatchObject({
      state: 'NonChargeable',
      reasons: [{ reasonCode: 'PaymentMethodInvalid' }],
    });
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('5.00') }),
      422,
      'InvalidChargePermissionStatus',
    );
  });

  it.each(['SoftDeclined', 'AmazonRejected', 'TransactionTimedOut'])(
    '%s with canHandlePendingAuthorization: AuthorizationInitiated, then Declined',
    async (code) => {
      const { sandbox, client } = setup();
      const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
      const charge = await client.createCharge(
        {
          chargePermissionId: done.data.chargePermissionId!,
          chargeAmount: usd('5.00'),
          canHandlePendingAuthorization: true,
        },
        { headers: { 'x-amz-pay-simulation-code': code } },
      );
      expect(charge.data.statusDetails.state).toBe('AuthorizationInitiated');
      sandbox.advance(DEFAULT_DELAYS.authorizationMs);
      expect((await client.getCharge(charge.data.chargeId)).data.statusDetails).toMatchObject({
        state: 'Declined',
        reasonCode: code,
      });
      expect((await client.getChargePermission(done.data.chargePermissionId!)).data.statusDetails.state).toBe(
        'Chargeable',
      );
    },
  );

  it('Declined on Complete Checkout Session cancels the session: 400 CheckoutSessionCanceled', async () => {
    const { sandbox, client } = setup();
    const e = await apiFailure(checkout(sandbox, client, { simulation: 'Declined' }), 400, 'CheckoutSessionCanceled');
    expect(e.message).toContain('Declined');
  });

  it('CaptureInitiated, AmazonClosed, and codes that do not apply', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm', amount: '30.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    const sim = (code: string) => ({ headers: { 'x-amz-pay-simulation-code': code } });
    const charge = await client.createCharge(
      { chargePermissionId, chargeAmount: usd('5.00'), captureNow: true },
      sim('CaptureInitiated'),
    );
    expect(charge.data.statusDetails.state).toBe('CaptureInitiated');
    sandbox.advance(DEFAULT_DELAYS.captureMs);
    expect((await client.getCharge(charge.data.chargeId)).data.statusDetails.state).toBe('Captured');
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('1.00') }, sim('BuyerCanceled')),
      400,
      'InvalidSandboxSimulationSpecified',
    );
    await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('1.00') }, sim('AuthorizationInitiated')),
      400,
      'InvalidSandboxSimulationSpecified',
    );
    await apiFailure(
      client.getChargePermission(chargePermissionId, sim('HardDeclined')),
      400,
      'InvalidSandboxSimulationSpecified',
    );
    const closed = await client.closeChargePermission(chargePermissionId, {}, sim('AmazonClosed'));
    expect(closed.data.statusDetails).toMatchObject({ state: 'Closed', reasons: [{ reasonCode: 'AmazonClosed' }] });
  });
});

describe('routing and environments', () => {
  it('unknown ids: 404; unknown paths: 404; wrong method: 405 UnsupportedOperation', async () => {
    const { sandbox, client } = setup();
    await apiFailure(client.getCharge('S01-0000000-0000000-C0000000'), 404, 'ResourceNotFound');
    await apiFailure(client.apiCall({ method: 'GET', urlFragment: 'nothingHere' }), 404, 'ResourceNotFound');
    await apiFailure(
      client.apiCall({ method: 'DELETE', urlFragment: 'checkoutSessions/x' }),
      405,
      'UnsupportedOperation',
    );
    expect(await errorOf(await sandbox.fetch('https://pay-api.amazon.com/favicon.ico'))).toMatchObject({
      status: 404,
      reasonCode: 'ResourceNotFound',
    });
  });

  it('objects of the sandbox environment do not exist in the live environment', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'Confirm' });
    const live = clientFor(sandbox, { publicKeyId: LEGACY_KEY_ID, environment: 'live' });
    await apiFailure(live.getChargePermission(done.data.chargePermissionId!), 404, 'ResourceNotFound');
    const legacySandbox = clientFor(sandbox, { publicKeyId: LEGACY_KEY_ID, environment: 'sandbox' });
    expect((await legacySandbox.getChargePermission(done.data.chargePermissionId!)).data.releaseEnvironment).toBe(
      'Sandbox',
    );
    // Live objects carry P01- ids and refuse simulation codes.
    const session = await live.createCheckoutSession(sessionPayload());
    expect(session.data.releaseEnvironment).toBe('Live');
    await apiFailure(
      live.getCheckoutSession(session.data.checkoutSessionId, { headers: { 'x-amz-pay-simulation-code': 'Declined' } }),
      400,
      'InvalidSandboxSimulationSpecified',
    );
  });

  it('GET with unknown query parameters: 400 InvalidParameterValue', async () => {
    const { sandbox } = setup();
    const r = await errorOf(await sandbox.fetch(await rawRequest({ path: '/v2/reports', query: { colour: 'red' } })));
    expect(r).toMatchObject({ status: 400, reasonCode: 'InvalidParameterValue' });
    expect(r.message).toContain('colour');
  });
});
