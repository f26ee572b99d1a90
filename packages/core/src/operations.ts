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

/**
 * Argument tuple and response type of each operation both clients have. (explicit, so JSR needs no inference to publish
 * types).
 */
export type CommonOperations = {
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
  getAuthorizationToken: Operation<[mwsAuthToken: string, merchantId: string], T.AuthorizationToken>;
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
  deliveryTrackers: Operation<[payload: T.DeliveryTrackerRequest], T.DeliveryTracker>;
};

/**
 * Argument tuple and response type of each `WebStoreClient` operation. (explicit, so JSR needs no inference to publish
 * types).
 */
export type WebStoreOperations = CommonOperations & {
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
  createCheckoutSession: Operation<[payload: T.CreateCheckoutSessionRequest], T.CheckoutSession>;
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
  getCheckoutSession: Operation<[checkoutSessionId: string], T.CheckoutSession>;
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
  updateCheckoutSession: Operation<
    [checkoutSessionId: string, payload: T.UpdateCheckoutSessionRequest],
    T.CheckoutSession
  >;
  /**
   * Confirms the amount once the buyer returns, which authorizes (or captures) the payment and creates the Charge
   * Permission.
   *
   * Amazon Pay API: **Complete Checkout Session**, `POST /v2/checkoutSessions/{checkoutSessionId}/complete`.
   *
   * @example
   * ```ts
   * const { data } = await client.completeCheckoutSession(checkoutSessionId, {
   *   chargeAmount: { amount: '49.90', currencyCode: 'USD' },
   * });
   * console.log(data.chargeId, data.chargePermissionId);
   * ```
   */
  completeCheckoutSession: Operation<
    [checkoutSessionId: string, payload: T.CompleteCheckoutSessionRequest],
    T.CheckoutSession
  >;
  /**
   * Finalizes an Amazon Pay Checkout Session when Amazon Pay was used as a payment method on your own checkout (APB
   * flow).
   *
   * Amazon Pay API: **Finalize Checkout Session**, `POST /v2/checkoutSessions/{checkoutSessionId}/finalize`.
   *
   * @example
   * ```ts
   * await client.finalizeCheckoutSession(checkoutSessionId, {
   *   chargeAmount: { amount: '49.90', currencyCode: 'USD' },
   *   paymentIntent: 'Authorize',
   * });
   * ```
   */
  finalizeCheckoutSession: Operation<
    [checkoutSessionId: string, payload: T.FinalizeCheckoutSessionRequest],
    T.CheckoutSession
  >;
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
  getChargePermission: Operation<[chargePermissionId: string], T.ChargePermission>;
  /**
   * Updates the merchant metadata (order id, store name, note) of a Charge Permission.
   *
   * Amazon Pay API: **Update Charge Permission**, `PATCH /v2/chargePermissions/{chargePermissionId}`.
   *
   * @example
   * ```ts
   * await client.updateChargePermission(chargePermissionId, {
   *   merchantMetadata: { merchantReferenceId: 'order-1234' },
   * });
   * ```
   */
  updateChargePermission: Operation<
    [chargePermissionId: string, payload: T.UpdateChargePermissionRequest],
    T.ChargePermission
  >;
  /**
   * Closes a Charge Permission so no further charges can be made on it (e.g. a cancelled subscription).
   *
   * Amazon Pay API: **Close Charge Permission**, `DELETE /v2/chargePermissions/{chargePermissionId}/close`.
   *
   * @example
   * ```ts
   * await client.closeChargePermission(chargePermissionId, {
   *   closureReason: 'Subscription cancelled',
   *   cancelPendingCharges: false,
   * });
   * ```
   */
  closeChargePermission: Operation<
    [chargePermissionId: string, payload: T.CloseChargePermissionRequest],
    T.ChargePermission
  >;
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
  createCharge: Operation<[payload: T.CreateChargeRequest], T.Charge>;
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
  getCharge: Operation<[chargeId: string], T.Charge>;
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
  updateCharge: Operation<[chargeId: string, payload: T.UpdateChargeRequest], T.Charge>;
  /**
   * Captures an authorized Charge (up to the authorized amount); idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Capture Charge**, `POST /v2/charges/{chargeId}/capture`.
   *
   * @example
   * ```ts
   * await client.captureCharge(chargeId, {
   *   captureAmount: { amount: '14.00', currencyCode: 'USD' },
   *   softDescriptor: 'SHOP',
   * });
   * ```
   */
  captureCharge: Operation<[chargeId: string, payload: T.CaptureChargeRequest], T.Charge>;
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
  cancelCharge: Operation<[chargeId: string, payload: T.CancelChargeRequest], T.Charge>;
  // Refunds
  /**
   * Refunds all or part of a captured Charge; idempotent with `idempotencyKey`.
   *
   * Amazon Pay API: **Create Refund**, `POST /v2/refunds`.
   *
   * @example
   * ```ts
   * const { data: refund } = await client.createRefund({
   *   chargeId,
   *   refundAmount: { amount: '14.00', currencyCode: 'USD' },
   * });
   * ```
   */
  createRefund: Operation<[payload: T.CreateRefundRequest], T.Refund>;
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
  getRefund: Operation<[refundId: string], T.Refund>;
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
  getBuyer: Operation<[buyerToken: string], T.Buyer>;
  // Reporting
  /**
   * Lists the reports created for this merchant, optionally filtered by type, state and time.
   *
   * Amazon Pay API: **Get Reports**, `GET /v2/reports`.
   *
   * @example
   * ```ts
   * const { data } = await client.getReports({
   *   reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
   *   pageSize: 10,
   * });
   * ```
   */
  getReports: Operation<[query?: T.GetReportsQuery], T.ReportList>;
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
  getReportById: Operation<[reportId: string], T.Report>;
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
  getReportDocument: Operation<[reportDocumentId: string], T.ReportDocument>;
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
  getReportSchedules: Operation<
    [query?: T.GetReportSchedulesQuery | T.ReportType | T.ReportType[]],
    T.ReportScheduleList
  >;
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
  getReportScheduleById: Operation<[reportScheduleId: string], T.ReportSchedule>;
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
  createReport: Operation<[payload: T.CreateReportRequest], T.CreateReportResponse>;
  /**
   * Schedules a report to be produced periodically.
   *
   * Amazon Pay API: **Create Report Schedule**, `POST /v2/report-schedules`.
   *
   * @example
   * ```ts
   * await client.createReportSchedule({
   *   reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
   *   scheduleFrequency: 'P1D',
   * });
   * ```
   */
  createReportSchedule: Operation<[payload: T.CreateReportScheduleRequest], T.CreateReportScheduleResponse>;
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
  cancelReportSchedule: Operation<[reportScheduleId: string], unknown>;
  /**
   * Lists the disbursements (settlement payouts) in a time range.
   *
   * Amazon Pay API: **Get Disbursements**, `GET /v2/disbursements`.
   *
   * @example
   * ```ts
   * const { data } = await client.getDisbursements({
   *   startTime: '20240101T000000Z',
   *   endTime: '20240201T000000Z',
   *   pageSize: 50,
   * });
   * ```
   */
  getDisbursements: Operation<[query: T.GetDisbursementsQuery], T.DisbursementList>;
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
  registerAmazonPayAccount: Operation<[payload: T.RegisterAmazonPayAccountRequest], T.RegisterAmazonPayAccountResponse>;
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
  updateAmazonPayAccount: Operation<
    [merchantAccountId: string, payload: T.UpdateAmazonPayAccountRequest],
    T.UpdateAmazonPayAccountResponse
  >;
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
  deleteAmazonPayAccount: Operation<[merchantAccountId: string], T.DeleteAmazonPayAccountResponse>;
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
  createMerchantAccount: Operation<[payload: T.CreateMerchantAccountRequest], T.MerchantAccount>;
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
  updateMerchantAccount: Operation<
    [merchantAccountId: string, payload: T.UpdateMerchantAccountRequest],
    T.MerchantAccount
  >;
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
  merchantAccountClaim: Operation<
    [merchantAccountId: string, payload: T.MerchantAccountClaimRequest],
    T.MerchantAccountClaimResponse
  >;
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
  createStore: Operation<[merchantAccountId: string, payload: T.CreateStoreRequest], T.Store>;
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
  updateStore: Operation<[merchantAccountId: string, storeId: string, payload: T.UpdateStoreRequest], T.Store>;
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
  createDispute: Operation<[payload: T.CreateDisputeRequest], T.Dispute>;
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
  getDispute: Operation<[disputeId: string], T.Dispute>;
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
  updateDispute: Operation<[disputeId: string, payload: T.UpdateDisputeRequest], T.Dispute>;
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
  contestDispute: Operation<[disputeId: string, payload: T.ContestDisputeRequest], T.Dispute>;
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
  uploadFile: Operation<[payload: T.UploadFileRequest], T.UploadFileResponse>;
};

/**
 * Argument tuple and response type of each `InStoreClient` operation. (explicit, so JSR needs no inference to publish
 * types).
 */
export type InStoreOperations = CommonOperations & {
  /**
   * In-Store: resolves the code scanned from the buyer's phone to a charge permission.
   *
   * Amazon Pay API: **Merchant Scan**, `POST /v2/in-store/merchantScan`.
   *
   * @example
   * ```ts
   * const { data } = await client.merchantScan({
   *   scanData: qrCode,
   *   scanReferenceId: 'scan-1',
   *   merchantCOE: 'US',
   *   ledgerCurrency: 'USD',
   * });
   * ```
   */
  merchantScan: Operation<[payload: T.MerchantScanRequest], T.MerchantScanResponse>;
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
  charge: Operation<[payload: T.InStoreChargeRequest], T.InStoreChargeResponse>;
  /**
   * In-Store: refunds an In-Store charge.
   *
   * Amazon Pay API: **Refund (In-Store)**, `POST /v2/in-store/refund`.
   *
   * @example
   * ```ts
   * await client.refund({
   *   chargeId,
   *   refundReferenceId: 'refund-1',
   *   refundTotal: { amount: '3.50', currencyCode: 'USD' },
   * });
   * ```
   */
  refund: Operation<[payload: T.InStoreRefundRequest], T.InStoreRefundResponse>;
};

/** Shared by both clients (the official SDKs' base `AmazonPayClient`). */
export const commonOperations: CommonOperations = {
  getAuthorizationToken: op({
    method: 'GET',
    path: 'authorizationTokens/{mwsAuthToken}',
    queryArgs: ['merchantId'],
  }),
  deliveryTrackers: op({ method: 'POST', path: 'deliveryTrackers', body: true }),
} as const;

/** The Web Store client's operations (the common ones included). */
export const webStoreOperations: WebStoreOperations = {
  ...commonOperations,
  // Checkout sessions
  createCheckoutSession: op({ method: 'POST', path: 'checkoutSessions', body: true }),
  getCheckoutSession: op({ method: 'GET', path: 'checkoutSessions/{checkoutSessionId}' }),
  updateCheckoutSession: op({
    method: 'PATCH',
    path: 'checkoutSessions/{checkoutSessionId}',
    body: true,
  }),
  completeCheckoutSession: op({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/complete',
    body: true,
  }),
  finalizeCheckoutSession: op({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/finalize',
    body: true,
  }),
  // Charge permissions
  getChargePermission: op({ method: 'GET', path: 'chargePermissions/{chargePermissionId}' }),
  updateChargePermission: op({
    method: 'PATCH',
    path: 'chargePermissions/{chargePermissionId}',
    body: true,
  }),
  closeChargePermission: op({
    method: 'DELETE',
    path: 'chargePermissions/{chargePermissionId}/close',
    body: true,
  }),
  // Charges
  createCharge: op({ method: 'POST', path: 'charges', body: true }),
  getCharge: op({ method: 'GET', path: 'charges/{chargeId}' }),
  updateCharge: op({ method: 'PATCH', path: 'charges/{chargeId}', body: true }),
  captureCharge: op({ method: 'POST', path: 'charges/{chargeId}/capture', body: true }),
  cancelCharge: op({ method: 'DELETE', path: 'charges/{chargeId}/cancel', body: true }),
  // Refunds
  createRefund: op({ method: 'POST', path: 'refunds', body: true }),
  getRefund: op({ method: 'GET', path: 'refunds/{refundId}' }),
  // Buyer (Amazon Sign-in)
  getBuyer: op({ method: 'GET', path: 'buyers/{buyerToken}' }),
  // Reporting
  getReports: op({ method: 'GET', path: 'reports', query: 'optional' }),
  getReportById: op({ method: 'GET', path: 'reports/{reportId}' }),
  getReportDocument: op({ method: 'GET', path: 'report-documents/{reportDocumentId}' }),
  getReportSchedules: op({
    method: 'GET',
    path: 'report-schedules',
    query: 'optional',
  }),
  getReportScheduleById: op({ method: 'GET', path: 'report-schedules/{reportScheduleId}' }),
  createReport: op({ method: 'POST', path: 'reports', body: true }),
  createReportSchedule: op({
    method: 'POST',
    path: 'report-schedules',
    body: true,
  }),
  cancelReportSchedule: op({ method: 'DELETE', path: 'report-schedules/{reportScheduleId}' }),
  getDisbursements: op({ method: 'GET', path: 'disbursements', query: 'required' }),
  // Partner onboarding (non-loginable accounts)
  registerAmazonPayAccount: op({
    method: 'POST',
    path: 'merchantAccounts',
    body: true,
  }),
  updateAmazonPayAccount: op({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  deleteAmazonPayAccount: op({
    method: 'DELETE',
    path: 'merchantAccounts/{merchantAccountId}',
  }),
  // Account management (loginable accounts)
  createMerchantAccount: op({ method: 'POST', path: 'merchantAccounts', body: true }),
  updateMerchantAccount: op({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  merchantAccountClaim: op({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/claim',
    body: true,
    redirects: [303],
  }),
  createStore: op({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/stores',
    body: true,
  }),
  updateStore: op({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}/stores/{storeId}',
    body: true,
  }),
  // Disputes and files (PSP flows)
  createDispute: op({ method: 'POST', path: 'disputes', body: true }),
  getDispute: op({ method: 'GET', path: 'disputes/{disputeId}' }),
  updateDispute: op({ method: 'PATCH', path: 'disputes/{disputeId}', body: true }),
  contestDispute: op({
    method: 'POST',
    path: 'disputes/{disputeId}/contest',
    body: true,
  }),
  uploadFile: op({ method: 'POST', path: 'files', body: true }),
} as const;

/** The In-Store client's operations (the common ones included). */
export const inStoreOperations: InStoreOperations = {
  ...commonOperations,
  merchantScan: op({ method: 'POST', path: 'in-store/merchantScan', body: true }),
  charge: op({ method: 'POST', path: 'in-store/charge', body: true }),
  refund: op({ method: 'POST', path: 'in-store/refund', body: true }),
} as const;

/** Path placeholders in order, e.g. `['merchantAccountId', 'storeId']`. */
export function pathIds(spec: OperationSpec): string[] {
  return [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
