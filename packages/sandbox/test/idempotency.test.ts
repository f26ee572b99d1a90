// Idempotency as Amazon keeps it: replay on the same request, DuplicateIdempotencyKey on another, never a
// second charge from a retry.
import { describe, expect, it } from 'vitest';
import { apiFailure, checkout, errorOf, rawRequest, setup, usd } from './helpers.js';

async function permission(options: { amount?: string } = {}) {
  const { sandbox, client } = setup();
  const done = await checkout(sandbox, client, { intent: 'Confirm', amount: options.amount ?? '100.00' });
  return { sandbox, client, chargePermissionId: done.data.chargePermissionId! };
}

const chargesIn = async (sandbox: { store: { list(kind: 'charge'): unknown } }) =>
  [...((await sandbox.store.list('charge')) as Iterable<unknown>)].length;

describe('idempotency keys', () => {
  it('the same key and body return the stored response without a second charge', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    const payload = { chargePermissionId, chargeAmount: usd('10.00'), captureNow: true };
    const first = await client.createCharge(payload, { idempotencyKey: 'order-42-charge' });
    const second = await client.createCharge(payload, { idempotencyKey: 'order-42-charge' });
    expect(second.status).toBe(first.status);
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.requestId).not.toBe(first.requestId);
    expect(await chargesIn(sandbox)).toBe(1);
    expect((await client.getChargePermission(chargePermissionId)).data.limits?.amountBalance).toEqual(usd('90.00'));
  });

  it('the same key with another body is refused with 400 DuplicateIdempotencyKey', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    await client.createCharge({ chargePermissionId, chargeAmount: usd('10.00') }, { idempotencyKey: 'k-1' });
    const e = await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('11.00') }, { idempotencyKey: 'k-1' }),
      400,
      'DuplicateIdempotencyKey',
    );
    expect(e.message).toContain('k-1');
    expect(await chargesIn(sandbox)).toBe(1);
  });

  it('keys are scoped per operation: one key on Create Charge and Create Checkout Session makes both', async () => {
    // Amazon's own integration tests (amzn/amazon-pay-api-sdk-nodejs tst/webStoreClientTest.js) send one key
    // to Create Charge, Create Report, Create Report Schedule, Create Dispute and Upload File, and pass.
    const { sandbox, client, chargePermissionId } = await permission();
    await client.createCharge({ chargePermissionId, chargeAmount: usd('10.00') }, { idempotencyKey: 'k-1' });
    const session = await client.createCheckoutSession(
      { storeId: 'x', webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/' } },
      { idempotencyKey: 'k-1' },
    );
    expect(session.status).toBe(201);
    const report = await client.createReport(
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
        startTime: '20230618T150630Z',
        endTime: '20230911T150350Z',
      },
      { idempotencyKey: 'k-1' },
    );
    expect(report.status).toBe(201);
    expect(await chargesIn(sandbox)).toBe(1);
    // Within one operation the key still names one request.
    await apiFailure(
      client.createCheckoutSession(
        { storeId: 'y', webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/' } },
        { idempotencyKey: 'k-1' },
      ),
      400,
      'DuplicateIdempotencyKey',
    );
  });

  it('a retry after a lost response gets the first answer: one charge, not two', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    // The charge is created, then the response is lost (503 instead).
    sandbox.faults.push({ match: { method: 'POST', path: '/v2/charges' }, status: 503, when: 'after' });
    const res = await client.createCharge({ chargePermissionId, chargeAmount: usd('25.00'), captureNow: true });
    expect(res.attempts).toBe(2);
    expect(res.status).toBe(201);
    expect(await chargesIn(sandbox)).toBe(1);
    expect((await client.getChargePermission(chargePermissionId)).data.limits?.amountBalance).toEqual(usd('75.00'));
  });

  it('a retry after a dropped connection gets the first answer too', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    sandbox.faults.push({ match: { path: '/v2/charges' }, drop: true, when: 'after' });
    const res = await client.createCharge({ chargePermissionId, chargeAmount: usd('25.00') });
    expect(res.attempts).toBe(2);
    expect(await chargesIn(sandbox)).toBe(1);
  });

  it('business errors are replayed as well (a declined charge is not re-attempted)', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    const options = { idempotencyKey: 'decline-1', headers: { 'x-amz-pay-simulation-code': 'SoftDeclined' } };
    const first = await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('5.00') }, options),
      422,
      'SoftDeclined',
    );
    // Without the simulation header the same request would now succeed, but the key replays the decline.
    const second = await apiFailure(
      client.createCharge({ chargePermissionId, chargeAmount: usd('5.00') }, { idempotencyKey: 'decline-1' }),
      422,
      'SoftDeclined',
    );
    expect(second.rawBody).toBe(first.rawBody);
    expect(await chargesIn(sandbox)).toBe(0);
  });

  it('server errors are not stored, so a retry runs the operation', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    sandbox.faults.push({ match: { path: '/v2/charges' }, status: 500 });
    const res = await client.createCharge(
      { chargePermissionId, chargeAmount: usd('1.00') },
      { idempotencyKey: 'retry-me' },
    );
    expect(res.attempts).toBe(2);
    expect(await chargesIn(sandbox)).toBe(1);
  });

  it('create calls need a key (400 MissingHeader); a malformed key is 400 InvalidHeaderValue', async () => {
    const { sandbox } = setup();
    const missing = await errorOf(
      await sandbox.fetch(await rawRequest({ method: 'POST', path: '/v2/charges', body: '{}' })),
    );
    expect(missing).toMatchObject({ status: 400, reasonCode: 'MissingHeader' });
    expect(missing.message).toContain('x-amz-pay-idempotency-key');
    const bad = await errorOf(
      await sandbox.fetch(
        await rawRequest({ method: 'POST', path: '/v2/charges', body: '{}', idempotencyKey: 'has space' }),
      ),
    );
    expect(bad).toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
  });

  it('concurrent requests with one key create one charge', async () => {
    const { sandbox, client, chargePermissionId } = await permission();
    const payload = { chargePermissionId, chargeAmount: usd('3.00'), captureNow: true };
    const results = await Promise.all(
      [1, 2, 3].map(() => client.createCharge(payload, { idempotencyKey: 'same-time' })),
    );
    expect(new Set(results.map((r) => r.data.chargeId)).size).toBe(1);
    expect(await chargesIn(sandbox)).toBe(1);
  });
});
