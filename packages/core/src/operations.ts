/**
 * The 43 Amazon Pay v2 operations as one table: HTTP method, path template (ids in braces, in argument
 * order), named scalar query parameters, and whether a payload or a query object follows. Client methods
 * are generated from it; the argument and response types sit beside each row.
 */
import type * as T from './types/index.js';
import type { HttpMethod } from './transport/request.js';

/** One row of the operations table: how an operation is sent. */
export interface OperationSpec {
  method: HttpMethod;
  /** Relative to `/v2/`; `{name}` is an id argument, validated and percent-encoded. */
  path: string;
  /** Scalar query parameters taken as positional arguments after the ids. */
  queryArgs?: readonly string[];
  /** The next argument is the request payload. */
  body?: boolean;
  /** The next argument is a query object (list values are sent comma-joined, as Amazon expects). */
  query?: 'optional' | 'required';
  /** 3xx statuses that are this operation's documented success (exposed with their `Location`, never followed). */
  redirects?: readonly number[];
}

/** A table row carrying, for the type system only, its argument tuple and response type. */
export type Operation<Args extends unknown[], Res> = OperationSpec & { readonly __types?: (args: Args) => Res };

const op = <Args extends unknown[], Res>(spec: OperationSpec): Operation<Args, Res> => spec;

/** Shared by both clients (the official SDKs' base `AmazonPayClient`). */
export const commonOperations = {
  /**
   * Gets the delegation token a solution provider uses to call the API for a merchant (sent as `authToken`).
   *
   * Amazon Pay API: **Get Authorization Token**, `GET /v2/authorizationTokens/{mwsAuthToken}`.
   *
   * @example
   * ```ts
   * const { data } = await client.getAuthorizationToken(mwsAuthToken, 'A1MERCHANTID');
   * const authToken = data.authorizationToken;
   * ```
   */
  getAuthorizationToken: op<[mwsAuthToken: string, merchantId: string], T.AuthorizationToken>({
    method: 'GET',
    path: 'authorizationTokens/{mwsAuthToken}',
    queryArgs: ['merchantId'],
  }),
  /**
   * Sends the shipment tracking number of an order so Amazon can notify the buyer about the delivery.
   *
   * Amazon Pay API: **Delivery Trackers**, `POST /v2/deliveryTrackers`.
   *
   * @example
   * ```ts
   * await client.deliveryTrackers({
   *   chargePermissionId: 'S01-1234567-1234567',
   *   deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
   * });
   * ```
   */
  deliveryTrackers: op<[payload: T.DeliveryTrackerRequest], T.DeliveryTracker>({ method: 'POST', path: 'deliveryTrackers', body: true }),
} as const;

/** The Web Store client's operations (the common ones included). */
export const webStoreOperations = {
  ...commonOperations,
  // Checkout sessions
  /**
   * Creates a Checkout Session for a buyer who clicked the Amazon Pay button; idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Create Checkout Session**, `POST /v2/checkoutSessions`.
   *
   * @example
   * ```ts
   * const { data } = await client.createCheckoutSession({
   *   webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
   *   storeId: 'amzn1.application-oa2-client.xxxx',
   * });
   * console.log(data.checkoutSessionId);
   * ```
   */
  createCheckoutSession: op<[payload: T.CreateCheckoutSessionRequest], T.CheckoutSession>({ method: 'POST', path: 'checkoutSessions', body: true }),
  /**
   * Gets a Checkout Session: buyer, shipping address, payment descriptor and state.
   *
   * Amazon Pay API: **Get Checkout Session**, `GET /v2/checkoutSessions/{checkoutSessionId}`.
   *
   * @example
   * ```ts
   * const { data: session } = await client.getCheckoutSession(checkoutSessionId);
   * console.log(session.statusDetails.state, session.buyer?.email);
   * ```
   */
  getCheckoutSession: op<[checkoutSessionId: string], T.CheckoutSession>({ method: 'GET', path: 'checkoutSessions/{checkoutSessionId}' }),
  /**
   * Sets the amount, payment intent and result URL before the buyer is redirected to Amazon Pay.
   *
   * Amazon Pay API: **Update Checkout Session**, `PATCH /v2/checkoutSessions/{checkoutSessionId}`.
   *
   * @example
   * ```ts
   * const { data } = await client.updateCheckoutSession(checkoutSessionId, {
   *   webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
   *   paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '49.90', currencyCode: 'USD' } },
   * });
   * const redirect = data.webCheckoutDetails?.amazonPayRedirectUrl;
   * if (redirect) location.href = redirect;
   * ```
   */
  updateCheckoutSession: op<[checkoutSessionId: string, payload: T.UpdateCheckoutSessionRequest], T.CheckoutSession>({
    method: 'PATCH',
    path: 'checkoutSessions/{checkoutSessionId}',
    body: true,
  }),
  /**
   * Confirms the amount once the buyer returns, which authorizes (or captures) the payment and creates the Charge Permission.
   *
   * Amazon Pay API: **Complete Checkout Session**, `POST /v2/checkoutSessions/{checkoutSessionId}/complete`.
   *
   * @example
   * ```ts
   * const { data } = await client.completeCheckoutSession(checkoutSessionId, { chargeAmount: { amount: '49.90', currencyCode: 'USD' } });
   * console.log(data.chargeId, data.chargePermissionId);
   * ```
   */
  completeCheckoutSession: op<[checkoutSessionId: string, payload: T.CompleteCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/complete',
    body: true,
  }),
  /**
   * Finalizes an Amazon Pay Checkout Session when Amazon Pay was used as a payment method on your own checkout (APB flow).
   *
   * Amazon Pay API: **Finalize Checkout Session**, `POST /v2/checkoutSessions/{checkoutSessionId}/finalize`.
   *
   * @example
   * ```ts
   * await client.finalizeCheckoutSession(checkoutSessionId, { chargeAmount: { amount: '49.90', currencyCode: 'USD' }, paymentIntent: 'Authorize' });
   * ```
   */
  finalizeCheckoutSession: op<[checkoutSessionId: string, payload: T.FinalizeCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/finalize',
    body: true,
  }),
  // Charge permissions
  /**
   * Gets a Charge Permission: whether more charges can be made on it, its limits and the buyer details.
   *
   * Amazon Pay API: **Get Charge Permission**, `GET /v2/chargePermissions/{chargePermissionId}`.
   *
   * @example
   * ```ts
   * const { data } = await client.getChargePermission(chargePermissionId);
   * console.log(data.statusDetails.state);
   * ```
   */
  getChargePermission: op<[chargePermissionId: string], T.ChargePermission>({ method: 'GET', path: 'chargePermissions/{chargePermissionId}' }),
  /**
   * Updates the merchant metadata (order id, store name, note) of a Charge Permission.
   *
   * Amazon Pay API: **Update Charge Permission**, `PATCH /v2/chargePermissions/{chargePermissionId}`.
   *
   * @example
   * ```ts
   * await client.updateChargePermission(chargePermissionId, { merchantMetadata: { merchantReferenceId: 'order-1234' } });
   * ```
   */
  updateChargePermission: op<[chargePermissionId: string, payload: T.UpdateChargePermissionRequest], T.ChargePermission>({
    method: 'PATCH',
    path: 'chargePermissions/{chargePermissionId}',
    body: true,
  }),
  /**
   * Closes a Charge Permission so no further charges can be made on it (e.g. a cancelled subscription).
   *
   * Amazon Pay API: **Close Charge Permission**, `DELETE /v2/chargePermissions/{chargePermissionId}/close`.
   *
   * @example
   * ```ts
   * await client.closeChargePermission(chargePermissionId, { closureReason: 'Subscription cancelled', cancelPendingCharges: false });
   * ```
   */
  closeChargePermission: op<[chargePermissionId: string, payload: T.CloseChargePermissionRequest], T.ChargePermission>({
    method: 'DELETE',
    path: 'chargePermissions/{chargePermissionId}/close',
    body: true,
  }),
  // Charges
  /**
   * Authorizes (and optionally captures) a payment on a Charge Permission; idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Create Charge**, `POST /v2/charges`.
   *
   * @example
   * ```ts
   * const { data } = await client.createCharge(
   *   { chargePermissionId, chargeAmount: { amount: '14.00', currencyCode: 'USD' }, captureNow: true },
   *   { idempotencyKey: `charge-${orderId}` },
   * );
   * ```
   */
  createCharge: op<[payload: T.CreateChargeRequest], T.Charge>({ method: 'POST', path: 'charges', body: true }),
  /**
   * Gets a Charge: amounts authorized, captured and refunded, and its state.
   *
   * Amazon Pay API: **Get Charge**, `GET /v2/charges/{chargeId}`.
   *
   * @example
   * ```ts
   * const { data: charge } = await client.getCharge(chargeId);
   * console.log(charge.statusDetails.state);
   * ```
   */
  getCharge: op<[chargeId: string], T.Charge>({ method: 'GET', path: 'charges/{chargeId}' }),
  /**
   * Updates the merchant metadata or the sales channel data of a Charge.
   *
   * Amazon Pay API: **Update Charge**, `PATCH /v2/charges/{chargeId}`.
   *
   * @example
   * ```ts
   * await client.updateCharge(chargeId, { statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' } });
   * ```
   */
  updateCharge: op<[chargeId: string, payload: T.UpdateChargeRequest], T.Charge>({ method: 'PATCH', path: 'charges/{chargeId}', body: true }),
  /**
   * Captures an authorized Charge (up to the authorized amount); idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Capture Charge**, `POST /v2/charges/{chargeId}/capture`.
   *
   * @example
   * ```ts
   * await client.captureCharge(chargeId, { captureAmount: { amount: '14.00', currencyCode: 'USD' }, softDescriptor: 'SHOP' });
   * ```
   */
  captureCharge: op<[chargeId: string, payload: T.CaptureChargeRequest], T.Charge>({ method: 'POST', path: 'charges/{chargeId}/capture', body: true }),
  /**
   * Cancels an authorized Charge that has not been captured.
   *
   * Amazon Pay API: **Cancel Charge**, `DELETE /v2/charges/{chargeId}/cancel`.
   *
   * @example
   * ```ts
   * await client.cancelCharge(chargeId, { cancellationReason: 'Out of stock' });
   * ```
   */
  cancelCharge: op<[chargeId: string, payload: T.CancelChargeRequest], T.Charge>({ method: 'DELETE', path: 'charges/{chargeId}/cancel', body: true }),
  // Refunds
  /**
   * Refunds all or part of a captured Charge; idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Create Refund**, `POST /v2/refunds`.
   *
   * @example
   * ```ts
   * const { data: refund } = await client.createRefund({ chargeId, refundAmount: { amount: '14.00', currencyCode: 'USD' } });
   * ```
   */
  createRefund: op<[payload: T.CreateRefundRequest], T.Refund>({ method: 'POST', path: 'refunds', body: true }),
  /**
   * Gets a Refund and its state (refunds complete asynchronously).
   *
   * Amazon Pay API: **Get Refund**, `GET /v2/refunds/{refundId}`.
   *
   * @example
   * ```ts
   * const { data } = await client.getRefund(refundId);
   * console.log(data.statusDetails.state);
   * ```
   */
  getRefund: op<[refundId: string], T.Refund>({ method: 'GET', path: 'refunds/{refundId}' }),
  // Buyer (Amazon Sign-in)
  /**
   * Gets the buyer's details from the buyer token Amazon appends to your sign-in return URL.
   *
   * Amazon Pay API: **Get Buyer**, `GET /v2/buyers/{buyerToken}`.
   *
   * @example
   * ```ts
   * const { data: buyer } = await client.getBuyer(buyerToken);
   * console.log(buyer.name, buyer.email);
   * ```
   */
  getBuyer: op<[buyerToken: string], T.Buyer>({ method: 'GET', path: 'buyers/{buyerToken}' }),
  // Reporting
  /**
   * Lists the reports created for this merchant, optionally filtered by type, state and time.
   *
   * Amazon Pay API: **Get Reports**, `GET /v2/reports`.
   *
   * @example
   * ```ts
   * const { data } = await client.getReports({ reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_', pageSize: 10 });
   * ```
   */
  getReports: op<[query?: T.GetReportsQuery], T.ReportList>({ method: 'GET', path: 'reports', query: 'optional' }),
  /**
   * Gets one report and, once it is done, the id of its document.
   *
   * Amazon Pay API: **Get Report By Id**, `GET /v2/reports/{reportId}`.
   *
   * @example
   * ```ts
   * const { data: report } = await client.getReportById(reportId);
   * if (report.processingStatus === 'COMPLETED') console.log(report.reportDocumentId);
   * ```
   */
  getReportById: op<[reportId: string], T.Report>({ method: 'GET', path: 'reports/{reportId}' }),
  /**
   * Gets a pre-signed URL from which the report's document can be downloaded.
   *
   * Amazon Pay API: **Get Report Document**, `GET /v2/report-documents/{reportDocumentId}`.
   *
   * @example
   * ```ts
   * const { data } = await client.getReportDocument(reportDocumentId);
   * const csv = await (await fetch(data.url)).text();
   * ```
   */
  getReportDocument: op<[reportDocumentId: string], T.ReportDocument>({ method: 'GET', path: 'report-documents/{reportDocumentId}' }),
  /**
   * Lists the report schedules, optionally for some report types only.
   *
   * Amazon Pay API: **Get Report Schedules**, `GET /v2/report-schedules`.
   *
   * @example
   * ```ts
   * const { data } = await client.getReportSchedules('_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_');
   * ```
   */
  getReportSchedules: op<[query?: T.GetReportSchedulesQuery | T.ReportType | T.ReportType[]], T.ReportScheduleList>({
    method: 'GET',
    path: 'report-schedules',
    query: 'optional',
  }),
  /**
   * Gets one report schedule.
   *
   * Amazon Pay API: **Get Report Schedule By Id**, `GET /v2/report-schedules/{reportScheduleId}`.
   *
   * @example
   * ```ts
   * const { data: schedule } = await client.getReportScheduleById(reportScheduleId);
   * ```
   */
  getReportScheduleById: op<[reportScheduleId: string], T.ReportSchedule>({ method: 'GET', path: 'report-schedules/{reportScheduleId}' }),
  /**
   * Requests a report for a time range; it is produced asynchronously (see `getReportById`).
   *
   * Amazon Pay API: **Create Report**, `POST /v2/reports`.
   *
   * @example
   * ```ts
   * const { data } = await client.createReport({
   *   reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
   *   startTime: '20240101T000000Z',
   *   endTime: '20240201T000000Z',
   * });
   * ```
   */
  createReport: op<[payload: T.CreateReportRequest], T.CreateReportResponse>({ method: 'POST', path: 'reports', body: true }),
  /**
   * Schedules a report to be produced periodically.
   *
   * Amazon Pay API: **Create Report Schedule**, `POST /v2/report-schedules`.
   *
   * @example
   * ```ts
   * await client.createReportSchedule({ reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_', scheduleFrequency: 'P1D' });
   * ```
   */
  createReportSchedule: op<[payload: T.CreateReportScheduleRequest], T.CreateReportScheduleResponse>({
    method: 'POST',
    path: 'report-schedules',
    body: true,
  }),
  /**
   * Cancels a report schedule.
   *
   * Amazon Pay API: **Cancel Report Schedule**, `DELETE /v2/report-schedules/{reportScheduleId}`.
   *
   * @example
   * ```ts
   * await client.cancelReportSchedule(reportScheduleId);
   * ```
   */
  cancelReportSchedule: op<[reportScheduleId: string], unknown>({ method: 'DELETE', path: 'report-schedules/{reportScheduleId}' }),
  /**
   * Lists the disbursements (settlement payouts) in a time range.
   *
   * Amazon Pay API: **Get Disbursements**, `GET /v2/disbursements`.
   *
   * @example
   * ```ts
   * const { data } = await client.getDisbursements({ startTime: '20240101T000000Z', endTime: '20240201T000000Z', pageSize: 50 });
   * ```
   */
  getDisbursements: op<[query: T.GetDisbursementsQuery], T.DisbursementList>({ method: 'GET', path: 'disbursements', query: 'required' }),
  // Partner onboarding (non-loginable accounts)
  /**
   * Partner onboarding: creates a non-loginable Amazon Pay merchant account for a merchant of yours.
   *
   * Amazon Pay API: **Register Amazon Pay Account**, `POST /v2/merchantAccounts`.
   *
   * @example
   * ```ts
   * const { data } = await client.registerAmazonPayAccount(payload);
   * console.log(data.merchantAccountId);
   * ```
   */
  registerAmazonPayAccount: op<[payload: T.RegisterAmazonPayAccountRequest], T.RegisterAmazonPayAccountResponse>({
    method: 'POST',
    path: 'merchantAccounts',
    body: true,
  }),
  /**
   * Partner onboarding: updates a non-loginable merchant account.
   *
   * Amazon Pay API: **Update Amazon Pay Account**, `PATCH /v2/merchantAccounts/{merchantAccountId}`.
   *
   * @example
   * ```ts
   * await client.updateAmazonPayAccount(merchantAccountId, { businessInfo: { businessLegalName: 'Shop GmbH' } });
   * ```
   */
  updateAmazonPayAccount: op<[merchantAccountId: string, payload: T.UpdateAmazonPayAccountRequest], T.UpdateAmazonPayAccountResponse>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  /**
   * Partner onboarding: deletes a non-loginable merchant account.
   *
   * Amazon Pay API: **Delete Amazon Pay Account**, `DELETE /v2/merchantAccounts/{merchantAccountId}`.
   *
   * @example
   * ```ts
   * await client.deleteAmazonPayAccount(merchantAccountId);
   * ```
   */
  deleteAmazonPayAccount: op<[merchantAccountId: string], T.DeleteAmazonPayAccountResponse>({
    method: 'DELETE',
    path: 'merchantAccounts/{merchantAccountId}',
  }),
  // Account management (loginable accounts)
  /**
   * Account management: creates a (loginable) Amazon Pay merchant account for a merchant of yours.
   *
   * Amazon Pay API: **Create Merchant Account**, `POST /v2/merchantAccounts`.
   *
   * @example
   * ```ts
   * const { data } = await client.createMerchantAccount(payload);
   * console.log(data.merchantAccountId);
   * ```
   */
  createMerchantAccount: op<[payload: T.CreateMerchantAccountRequest], T.MerchantAccount>({ method: 'POST', path: 'merchantAccounts', body: true }),
  /**
   * Account management: updates a merchant account.
   *
   * Amazon Pay API: **Update Merchant Account**, `PATCH /v2/merchantAccounts/{merchantAccountId}`.
   *
   * @example
   * ```ts
   * await client.updateMerchantAccount(merchantAccountId, { businessInfo: { businessLegalName: 'Shop GmbH' } });
   * ```
   */
  updateMerchantAccount: op<[merchantAccountId: string, payload: T.UpdateMerchantAccountRequest], T.MerchantAccount>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  /**
   * Account management: gets the link with which the merchant claims (takes over) the account you created.
   *
   * Amazon Pay API: **Merchant Account Claim**, `POST /v2/merchantAccounts/{merchantAccountId}/claim`.
   *
   * @example
   * ```ts
   * const { data } = await client.merchantAccountClaim(merchantAccountId, { uniqueReferenceId: 'merchant-42' });
   * ```
   */
  merchantAccountClaim: op<[merchantAccountId: string, payload: T.MerchantAccountClaimRequest], T.MerchantAccountClaimResponse>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/claim',
    body: true,
    redirects: [303],
  }),
  /**
   * Account management: adds a store (website or app) to a merchant account.
   *
   * Amazon Pay API: **Create Store**, `POST /v2/merchantAccounts/{merchantAccountId}/stores`.
   *
   * @example
   * ```ts
   * const { data: store } = await client.createStore(merchantAccountId, payload);
   * ```
   */
  createStore: op<[merchantAccountId: string, payload: T.CreateStoreRequest], T.Store>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/stores',
    body: true,
  }),
  /**
   * Account management: updates a store of a merchant account.
   *
   * Amazon Pay API: **Update Store**, `PATCH /v2/merchantAccounts/{merchantAccountId}/stores/{storeId}`.
   *
   * @example
   * ```ts
   * await client.updateStore(merchantAccountId, storeId, payload);
   * ```
   */
  updateStore: op<[merchantAccountId: string, storeId: string, payload: T.UpdateStoreRequest], T.Store>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}/stores/{storeId}',
    body: true,
  }),
  // Disputes and files (PSP flows)
  /**
   * Disputes (for payment service providers): records a dispute a buyer raised about a charge.
   *
   * Amazon Pay API: **Create Dispute**, `POST /v2/disputes`.
   *
   * @example
   * ```ts
   * const { data: dispute } = await client.createDispute(payload, { idempotencyKey: `dispute-${caseId}` });
   * ```
   */
  createDispute: op<[payload: T.CreateDisputeRequest], T.Dispute>({ method: 'POST', path: 'disputes', body: true }),
  /**
   * Gets a dispute and its state.
   *
   * Amazon Pay API: **Get Dispute**, `GET /v2/disputes/{disputeId}`.
   *
   * @example
   * ```ts
   * const { data: dispute } = await client.getDispute(disputeId);
   * console.log(dispute.statusDetails.state);
   * ```
   */
  getDispute: op<[disputeId: string], T.Dispute>({ method: 'GET', path: 'disputes/{disputeId}' }),
  /**
   * Updates a dispute: its state, resolution or the filings.
   *
   * Amazon Pay API: **Update Dispute**, `PATCH /v2/disputes/{disputeId}`.
   *
   * @example
   * ```ts
   * await client.updateDispute(disputeId, payload);
   * ```
   */
  updateDispute: op<[disputeId: string, payload: T.UpdateDisputeRequest], T.Dispute>({ method: 'PATCH', path: 'disputes/{disputeId}', body: true }),
  /**
   * Contests a dispute with evidence files uploaded by `uploadFile`.
   *
   * Amazon Pay API: **Contest Dispute**, `POST /v2/disputes/{disputeId}/contest`.
   *
   * @example
   * ```ts
   * await client.contestDispute(disputeId, { merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId }] });
   * ```
   */
  contestDispute: op<[disputeId: string, payload: T.ContestDisputeRequest], T.Dispute>({
    method: 'POST',
    path: 'disputes/{disputeId}/contest',
    body: true,
  }),
  /**
   * Uploads an evidence file for a dispute and returns its file id; idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Upload File**, `POST /v2/files`.
   *
   * @example
   * ```ts
   * const { data } = await client.uploadFile({ type: 'jpg', purpose: 'disputeEvidence' });
   * const fileId = data.fileId;
   * ```
   */
  uploadFile: op<[payload: T.UploadFileRequest], T.UploadFileResponse>({ method: 'POST', path: 'files', body: true }),
} as const;

/** The In-Store client's operations (the common ones included). */
export const inStoreOperations = {
  ...commonOperations,
  /**
   * In-Store: resolves the code scanned from the buyer's phone to a charge permission.
   *
   * Amazon Pay API: **Merchant Scan**, `POST /v2/in-store/merchantScan`.
   *
   * @example
   * ```ts
   * const { data } = await client.merchantScan({ scanData: qrCode, scanReferenceId: 'scan-1', merchantCOE: 'US', ledgerCurrency: 'USD' });
   * ```
   */
  merchantScan: op<[payload: T.MerchantScanRequest], T.MerchantScanResponse>({ method: 'POST', path: 'in-store/merchantScan', body: true }),
  /**
   * In-Store: charges the buyer on the charge permission returned by `merchantScan`.
   *
   * Amazon Pay API: **Charge (In-Store)**, `POST /v2/in-store/charge`.
   *
   * @example
   * ```ts
   * const { data } = await client.charge({
   *   chargePermissionId,
   *   chargeReferenceId: 'sale-1',
   *   chargeTotal: { amount: '3.50', currencyCode: 'USD' },
   * });
   * ```
   */
  charge: op<[payload: T.InStoreChargeRequest], T.InStoreChargeResponse>({ method: 'POST', path: 'in-store/charge', body: true }),
  /**
   * In-Store: refunds an In-Store charge.
   *
   * Amazon Pay API: **Refund (In-Store)**, `POST /v2/in-store/refund`.
   *
   * @example
   * ```ts
   * await client.refund({ chargeId, refundReferenceId: 'refund-1', refundTotal: { amount: '3.50', currencyCode: 'USD' } });
   * ```
   */
  refund: op<[payload: T.InStoreRefundRequest], T.InStoreRefundResponse>({ method: 'POST', path: 'in-store/refund', body: true }),
} as const;

/** Path placeholders in order, e.g. `['merchantAccountId', 'storeId']`. */
export function pathIds(spec: OperationSpec): string[] {
  return [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
