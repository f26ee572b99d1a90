// The other resources: buyer, delivery trackers, reports and schedules, disbursements, merchant accounts
// and stores, disputes and files, In-Store, authorization tokens.
import { InStoreClient } from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELAYS } from '../src/index.js';
import { apiFailure, checkout, KEY_ID, main, setup, usd } from './helpers.js';

describe('buyer', () => {
  it('Get Buyer by a token from the sign-in page or createBuyerToken', async () => {
    const { sandbox, client } = setup();
    const res = await sandbox.fetch(
      'https://pay-api.amazon.com/sandbox-ui/signin?signInReturnUrl=' +
        encodeURIComponent('https://shop.example/signed-in?x=1'),
    );
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('x')).toBe('1');
    const buyer = await client.getBuyer(back.searchParams.get('buyerToken')!);
    expect(buyer.data).toMatchObject({
      name: 'Sandbox Buyer',
      email: 'buyer@example.com',
      postalCode: '98109',
      countryCode: 'US',
    });
    expect(buyer.data.buyerId).toMatch(/^amzn1\.account\./);
    const token = await sandbox.createBuyerToken({ name: 'Grace Hopper', email: 'grace@example.com' });
    expect((await client.getBuyer(token)).data).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
    await apiFailure(client.getBuyer('no-such-token'), 404, 'ResourceNotFound');
  });
});

describe('delivery trackers', () => {
  it('echoes a valid tracker for an existing permission; rejects the wrong shapes', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '5.00' });
    const chargePermissionId = done.data.chargePermissionId!;
    const res = await client.deliveryTrackers({
      chargePermissionId,
      deliveryDetails: [{ trackingNumber: '1Z999', carrierCode: 'UPS' }],
    });
    expect(res.data).toEqual({
      amazonOrderReferenceId: null,
      chargePermissionId,
      deliveryDetails: [{ trackingNumber: '1Z999', carrierCode: 'UPS' }],
    });
    await apiFailure(
      client.deliveryTrackers({ chargePermissionId, deliveryDetails: [] }),
      400,
      'InvalidParameterValue',
    );
    await apiFailure(
      client.deliveryTrackers({
        chargePermissionId: 'S01-0000000-0000000',
        deliveryDetails: [{ trackingNumber: '1', carrierCode: 'UPS' }],
      }),
      404,
      'ResourceNotFound',
    );
    await apiFailure(
      client.deliveryTrackers({
        chargePermissionId,
        amazonOrderReferenceId: 'P01-1',
        deliveryDetails: [{ trackingNumber: '1', carrierCode: 'UPS' }],
      } as never),
      400,
      'InvalidParameterCombination',
    );
  });
});

describe('reports', () => {
  it('a report is IN_PROGRESS, then COMPLETED with a CSV document of the captures and refunds', async () => {
    const { sandbox, client } = setup();
    const start = new Date(Date.now() - 3600_000).toISOString();
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '42.00' });
    const refund = await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('2.00') });
    sandbox.advance(DEFAULT_DELAYS.refundMs);
    await client.getRefund(refund.data.refundId);
    const end = new Date(sandbox.now() + 3600_000).toISOString();
    const created = await client.createReport({
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
      startTime: start,
      endTime: end,
    });
    expect(created.status).toBe(201);
    const reportId = created.data.reportId;
    expect((await client.getReportById(reportId)).data).toMatchObject({
      processingStatus: 'IN_PROGRESS',
      reportDocumentId: null,
    });
    sandbox.advance(DEFAULT_DELAYS.reportMs);
    const report = (await client.getReportById(reportId)).data;
    expect(report.processingStatus).toBe('COMPLETED');
    const document = await client.getReportDocument(report.reportDocumentId!);
    expect(document.data.compressionAlgorithm).toBe('N/A');
    const csv = await (await sandbox.fetch(document.data.url)).text();
    expect(csv.split('\n')[0]).toBe(
      'TransactionType,TransactionId,ChargePermissionId,SellerReferenceId,Amount,CurrencyCode,TransactionPostedDate',
    );
    expect(csv).toContain(`Capture,${done.data.chargeId},${done.data.chargePermissionId},,42.00,USD`);
    expect(csv).toContain(`Refund,${refund.data.refundId},${done.data.chargePermissionId},,-2.00,USD`);
    await apiFailure(
      client.createReport({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
        startTime: end,
        endTime: start,
      }),
      400,
      'InvalidParameterValue',
    );
  });

  it('Get Reports filters and pages with nextToken', async () => {
    const { sandbox, client } = setup();
    const range = { startTime: '20240101T000000Z', endTime: '20240102T000000Z' };
    for (let i = 0; i < 3; i++)
      await client.createReport({ reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_', ...range });
    await client.createReport({ reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_', ...range });
    const page1 = await client.getReports({
      reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_'],
      pageSize: 2,
    });
    expect(page1.data.reports).toHaveLength(2);
    // The token keeps the first request's filters: one settlement report left, not the refund report.
    const page2 = await client.getReports({ nextToken: page1.data.nextToken! });
    expect(page2.data.reports.map((r) => r.reportType)).toEqual(['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_']);
    expect(page2.data.nextToken).toBeUndefined();
    const ids = [...page1.data.reports, ...page2.data.reports].map((r) => r.reportId);
    expect(new Set(ids).size).toBe(3);
    sandbox.advance(DEFAULT_DELAYS.reportMs);
    expect((await client.getReports({ processingStatuses: 'COMPLETED' })).data.reports).toHaveLength(4);
    await apiFailure(client.getReports({ nextToken: 'garbage' }), 400, 'InvalidParameterValue');
    await apiFailure(client.getReports({ pageSize: 500 }), 400, 'InvalidParameterValue');
  });

  it('report schedules: one per type, replaced only with deleteExistingSchedule, canceled by DELETE', async () => {
    const { client } = setup();
    const type = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_' as const;
    const first = await client.createReportSchedule({ reportType: type, scheduleFrequency: 'P1D' });
    await apiFailure(
      client.createReportSchedule({ reportType: type, scheduleFrequency: 'P7D' }),
      400,
      'InvalidRequest',
    );
    const second = await client.createReportSchedule({
      reportType: type,
      scheduleFrequency: 'P7D',
      deleteExistingSchedule: true,
    });
    await apiFailure(client.getReportScheduleById(first.data.reportScheduleId), 404, 'ResourceNotFound');
    expect((await client.getReportSchedules(type)).data.reportSchedules.map((s) => s.scheduleFrequency)).toEqual([
      'P7D',
    ]);
    expect((await client.getReportScheduleById(second.data.reportScheduleId)).data.nextReportCreationTime).toMatch(
      /^\d{8}T\d{6}Z$/,
    );
    await client.cancelReportSchedule(second.data.reportScheduleId);
    expect((await client.getReportSchedules()).data.reportSchedules).toEqual([]);
    await apiFailure(
      client.createReportSchedule({ reportType: type, scheduleFrequency: 'P2W' as never }),
      400,
      'InvalidParameterValue',
    );
  });
});

describe('disbursements', () => {
  it('nets captures and refunds per day and currency; startTime and endTime are required', async () => {
    const { sandbox, client } = setup();
    const a = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '30.00' });
    await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '12.50' });
    await client.createRefund({ chargeId: a.data.chargeId!, refundAmount: usd('5.00') });
    sandbox.advance(DEFAULT_DELAYS.refundMs);
    const day = new Date(sandbox.now()).toISOString().slice(0, 10).replace(/-/g, '');
    const res = await client.getDisbursements({ startTime: `${day}T000000Z`, endTime: `${day}T235959Z` });
    expect(res.data.disbursements).toEqual([
      expect.objectContaining({
        amount: '37.50',
        currencyCode: 'USD',
        settlementId: `${day}USD`,
        sellerId: 'A2SANDBOXMERCHANT',
      }),
    ]);
    await apiFailure(client.getDisbursements({ startTime: `${day}T000000Z` } as never), 400, 'MissingParameterValue');
  });
});

describe('merchant accounts, stores, authorization tokens', () => {
  const account = {
    uniqueReferenceId: 'partner-merchant-1',
    ledgerCurrency: 'JPY' as const,
    businessInfo: {
      businessType: 'CORPORATE' as const,
      countryOfEstablishment: 'JP',
      businessLegalName: 'Edge KK',
      businessAddress: { addressLine1: '1-1', countryCode: 'JP' },
    },
  };

  it('register, update (204), claim (303), stores with the auth token, delete (202)', async () => {
    const { client } = setup();
    const created = await client.createMerchantAccount(account);
    expect(created.status).toBe(201);
    const { merchantAccountId, authorizationToken } = created.data;
    expect(merchantAccountId).toMatch(/^A[A-Z0-9]{13}$/);
    await apiFailure(client.createMerchantAccount(account), 400, 'InvalidParameterValue');

    const updated = await client.updateAmazonPayAccount(merchantAccountId, {
      businessInfo: { businessLegalName: 'Edge GK' },
    });
    expect(updated.status).toBe(204);
    const managed = await client.updateMerchantAccount(
      merchantAccountId,
      { businessInfo: { businessLegalName: 'Edge GK' } },
      { authToken: authorizationToken! },
    );
    expect(managed.data).toEqual({ uniqueReferenceId: 'partner-merchant-1', merchantAccountId });
    await apiFailure(
      client.updateMerchantAccount(merchantAccountId, {}, { authToken: 'Atza|forged' }),
      403,
      'InvalidAuthorizationToken',
    );

    const claim = await client.merchantAccountClaim(merchantAccountId, { uniqueReferenceId: 'partner-merchant-1' });
    expect(claim.status).toBe(303);
    expect(claim.headers.get('location')).toContain(`/sandbox-ui/claim/${merchantAccountId}`);

    await apiFailure(client.createStore(merchantAccountId, { storeName: 'Shop' }), 400, 'MissingHeader');
    const store = await client.createStore(
      merchantAccountId,
      { storeName: 'Shop', allowedOriginDomains: ['https://shop.example'] },
      { authToken: authorizationToken! },
    );
    expect(store.data.storeId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
    const renamed = await client.updateStore(
      merchantAccountId,
      store.data.storeId,
      { storeName: 'Shop 2' },
      { authToken: authorizationToken! },
    );
    expect(renamed.data).toMatchObject({ storeName: 'Shop 2', allowedOriginDomains: ['https://shop.example'] });

    expect((await client.deleteAmazonPayAccount(merchantAccountId)).status).toBe(202);
    await apiFailure(client.updateAmazonPayAccount(merchantAccountId, {}), 404, 'ResourceNotFound');
  });

  it('getAuthorizationToken returns a token the sandbox then accepts as x-amz-pay-authtoken', async () => {
    const { client } = setup();
    const created = await client.createMerchantAccount({ ...account, uniqueReferenceId: 'm-2' });
    const token = (await client.getAuthorizationToken('mws-auth-token', 'A1MERCHANT')).data.authorizationToken;
    expect(token).toMatch(/^Atza\|/);
    expect((await client.updateMerchantAccount(created.data.merchantAccountId, {}, { authToken: token })).status).toBe(
      200,
    );
  });
});

describe('disputes and files', () => {
  it('create on a captured charge, upload evidence, contest (UnderReview), resolve', async () => {
    const { sandbox, client } = setup();
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '20.00' });
    const chargeId = done.data.chargeId!;
    const base = {
      chargeId,
      providerMetadata: { providerDisputeId: 'psp-1' },
      filingReason: 'ProductNotReceived' as const,
      filingTimestamp: Date.now(),
      statusDetails: { state: 'ActionRequired' as const },
    };
    await apiFailure(client.createDispute({ ...base, disputeAmount: usd('20.01') }), 400, 'TransactionAmountExceeded');
    const dispute = await client.createDispute({ ...base, disputeAmount: usd('20.00') });
    expect(dispute.status).toBe(201);
    expect(dispute.data.statusDetails.state).toBe('ActionRequired');

    const file = await client.uploadFile({ type: 'pdf', purpose: 'disputeEvidence' });
    expect(file.data.id).toBe(file.data.fileId);
    expect((await sandbox.fetch(file.data.url!, { method: 'PUT', body: 'pdf bytes' })).status).toBe(200);
    await apiFailure(
      client.contestDispute(dispute.data.disputeId, {
        merchantEvidences: [{ evidenceType: 'Receipt', fileId: 'nope' }],
      }),
      404,
      'ResourceNotFound',
    );
    const contested = await client.contestDispute(dispute.data.disputeId, {
      merchantEvidences: [
        { evidenceType: 'Receipt', fileId: file.data.id! },
        { evidenceType: 'TrackingNumber', evidenceText: '1Z999' },
      ],
    });
    expect(contested.data.statusDetails.state).toBe('UnderReview');
    await apiFailure(
      client.contestDispute(dispute.data.disputeId, {
        merchantEvidences: [{ evidenceType: 'Other', evidenceText: 'again' }],
      }),
      400,
      'InvalidRequest',
    );
    const resolved = await client.updateDispute(dispute.data.disputeId, {
      statusDetails: { state: 'Resolved', resolution: 'MerchantWon' },
    });
    expect(resolved.data.statusDetails).toMatchObject({ state: 'Resolved', resolution: 'MerchantWon' });
    await apiFailure(client.uploadFile({ type: 'exe', purpose: 'disputeEvidence' }), 400, 'InvalidParameterValue');
  });
});

describe('In-Store', () => {
  it('merchant scan -> charge (Captured) -> refund; reference ids are single-use', async () => {
    const { sandbox } = setup();
    const client = new InStoreClient({
      publicKeyId: KEY_ID,
      privateKey: main.privatePem,
      region: 'us',
      fetch: sandbox.fetch,
    });
    const scan = await client.merchantScan({
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: 'scan-1',
      ledgerCurrency: 'USD',
      merchantCOE: 'US',
    });
    const chargePermissionId = scan.data.chargePermissionId;
    await apiFailure(
      client.merchantScan({ scanData: 'x', scanReferenceId: 'scan-1', ledgerCurrency: 'USD', merchantCOE: 'US' }),
      400,
      'InvalidParameterValue',
    );
    const charge = await client.charge({ chargePermissionId, chargeReferenceId: 'charge-1', chargeTotal: usd('8.00') });
    expect(charge.data.chargeStatus?.state).toBe('Captured');
    await apiFailure(
      client.charge({ chargePermissionId, chargeReferenceId: 'charge-1', chargeTotal: usd('1.00') }),
      400,
      'InvalidParameterValue',
    );
    const refund = await client.refund({
      chargeId: charge.data.chargeId,
      refundReferenceId: 'refund-1',
      refundTotal: usd('8.00'),
    });
    expect(refund.data.refundStatus?.state).toBe('RefundInitiated');
    // Up to the capture plus the lesser of 15% or 75 USD: 8.00 + 1.20.
    await apiFailure(
      client.refund({ chargeId: charge.data.chargeId, refundReferenceId: 'refund-2', refundTotal: usd('1.21') }),
      400,
      'TransactionAmountExceeded',
    );
    // Amazon lists no simulation codes for In-Store charges: refused unless the sandbox's extensions are on.
    const decline = { headers: { 'x-amz-pay-simulation-code': 'HardDeclined' } };
    await apiFailure(
      client.charge({ chargePermissionId, chargeReferenceId: 'charge-2', chargeTotal: usd('1.00') }, decline),
      400,
      'InvalidSandboxSimulationSpecified',
    );
    const extended = setup({ simulationExtensions: true }).sandbox;
    const extendedClient = new InStoreClient({
      publicKeyId: KEY_ID,
      privateKey: main.privatePem,
      region: 'us',
      fetch: extended.fetch,
    });
    const scanned = await extendedClient.merchantScan({
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: 'scan-x',
      ledgerCurrency: 'USD',
      merchantCOE: 'US',
    });
    await apiFailure(
      extendedClient.charge(
        {
          chargePermissionId: scanned.data.chargePermissionId,
          chargeReferenceId: 'charge-x',
          chargeTotal: usd('1.00'),
        },
        decline,
      ),
      422,
      'HardDeclined',
    );
  });
});
