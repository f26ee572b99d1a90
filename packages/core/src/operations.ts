/**
 * The 43 Amazon Pay v2 operations as one table: HTTP method, path template (ids in braces, in argument
 * order), named scalar query parameters, and whether a payload or a query object follows. Client methods
 * are generated from it; the argument and response types sit beside each row.
 */
import type * as T from './types/index.js';
import type { HttpMethod } from './transport/request.js';

/** One row of the operations table: how a client method maps onto an HTTP request. */
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
}

/** A table row carrying, for the type system only, its argument tuple and response type. */
export type Operation<Args extends unknown[], Res> = OperationSpec & { readonly __types?: (args: Args) => Res };

const op = <Args extends unknown[], Res>(spec: OperationSpec): Operation<Args, Res> => spec;

/** Shared by both clients (the official SDKs' base `AmazonPayClient`). */
export const commonOperations = {
  /** Get Authorization Token: `GET /v2/authorizationTokens/{mwsAuthToken}`. */
  getAuthorizationToken: op<[mwsAuthToken: string, merchantId: string], T.AuthorizationToken>({
    method: 'GET',
    path: 'authorizationTokens/{mwsAuthToken}',
    queryArgs: ['merchantId'],
  }),
  /** Delivery Trackers: `POST /v2/deliveryTrackers`. */
  deliveryTrackers: op<[payload: T.DeliveryTrackerRequest], T.DeliveryTracker>({ method: 'POST', path: 'deliveryTrackers', body: true }),
} as const;

/** Web Store (Checkout v2) operations plus the common ones: `WebStoreClient`'s methods. */
export const webStoreOperations = {
  ...commonOperations,
  // Checkout sessions
  /** Create Checkout Session: `POST /v2/checkoutSessions`. */
  createCheckoutSession: op<[payload: T.CreateCheckoutSessionRequest], T.CheckoutSession>({ method: 'POST', path: 'checkoutSessions', body: true }),
  /** Get Checkout Session: `GET /v2/checkoutSessions/{checkoutSessionId}`. */
  getCheckoutSession: op<[checkoutSessionId: string], T.CheckoutSession>({ method: 'GET', path: 'checkoutSessions/{checkoutSessionId}' }),
  /** Update Checkout Session: `PATCH /v2/checkoutSessions/{checkoutSessionId}`. */
  updateCheckoutSession: op<[checkoutSessionId: string, payload: T.UpdateCheckoutSessionRequest], T.CheckoutSession>({
    method: 'PATCH',
    path: 'checkoutSessions/{checkoutSessionId}',
    body: true,
  }),
  /** Complete Checkout Session: `POST /v2/checkoutSessions/{checkoutSessionId}/complete`. */
  completeCheckoutSession: op<[checkoutSessionId: string, payload: T.CompleteCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/complete',
    body: true,
  }),
  /** Finalize Checkout Session: `POST /v2/checkoutSessions/{checkoutSessionId}/finalize`. */
  finalizeCheckoutSession: op<[checkoutSessionId: string, payload: T.FinalizeCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/finalize',
    body: true,
  }),
  // Charge permissions
  /** Get Charge Permission: `GET /v2/chargePermissions/{chargePermissionId}`. */
  getChargePermission: op<[chargePermissionId: string], T.ChargePermission>({ method: 'GET', path: 'chargePermissions/{chargePermissionId}' }),
  /** Update Charge Permission: `PATCH /v2/chargePermissions/{chargePermissionId}`. */
  updateChargePermission: op<[chargePermissionId: string, payload: T.UpdateChargePermissionRequest], T.ChargePermission>({
    method: 'PATCH',
    path: 'chargePermissions/{chargePermissionId}',
    body: true,
  }),
  /** Close Charge Permission: `DELETE /v2/chargePermissions/{chargePermissionId}/close`. */
  closeChargePermission: op<[chargePermissionId: string, payload: T.CloseChargePermissionRequest], T.ChargePermission>({
    method: 'DELETE',
    path: 'chargePermissions/{chargePermissionId}/close',
    body: true,
  }),
  // Charges
  /** Create Charge: `POST /v2/charges`. */
  createCharge: op<[payload: T.CreateChargeRequest], T.Charge>({ method: 'POST', path: 'charges', body: true }),
  /** Get Charge: `GET /v2/charges/{chargeId}`. */
  getCharge: op<[chargeId: string], T.Charge>({ method: 'GET', path: 'charges/{chargeId}' }),
  /** Update Charge: `PATCH /v2/charges/{chargeId}`. */
  updateCharge: op<[chargeId: string, payload: T.UpdateChargeRequest], T.Charge>({ method: 'PATCH', path: 'charges/{chargeId}', body: true }),
  /** Capture Charge: `POST /v2/charges/{chargeId}/capture`. */
  captureCharge: op<[chargeId: string, payload: T.CaptureChargeRequest], T.Charge>({ method: 'POST', path: 'charges/{chargeId}/capture', body: true }),
  /** Cancel Charge: `DELETE /v2/charges/{chargeId}/cancel`. */
  cancelCharge: op<[chargeId: string, payload: T.CancelChargeRequest], T.Charge>({ method: 'DELETE', path: 'charges/{chargeId}/cancel', body: true }),
  // Refunds
  /** Create Refund: `POST /v2/refunds`. */
  createRefund: op<[payload: T.CreateRefundRequest], T.Refund>({ method: 'POST', path: 'refunds', body: true }),
  /** Get Refund: `GET /v2/refunds/{refundId}`. */
  getRefund: op<[refundId: string], T.Refund>({ method: 'GET', path: 'refunds/{refundId}' }),
  // Buyer (Amazon Sign-in)
  /** Get Buyer: `GET /v2/buyers/{buyerToken}`. */
  getBuyer: op<[buyerToken: string], T.Buyer>({ method: 'GET', path: 'buyers/{buyerToken}' }),
  // Reporting
  /** Get Reports: `GET /v2/reports`. */
  getReports: op<[query?: T.GetReportsQuery], T.ReportList>({ method: 'GET', path: 'reports', query: 'optional' }),
  /** Get Report By Id: `GET /v2/reports/{reportId}`. */
  getReportById: op<[reportId: string], T.Report>({ method: 'GET', path: 'reports/{reportId}' }),
  /** Get Report Document: `GET /v2/report-documents/{reportDocumentId}`. */
  getReportDocument: op<[reportDocumentId: string], T.ReportDocument>({ method: 'GET', path: 'report-documents/{reportDocumentId}' }),
  /** Get Report Schedules: `GET /v2/report-schedules`. */
  getReportSchedules: op<[query?: T.GetReportSchedulesQuery | T.ReportType | T.ReportType[]], T.ReportScheduleList>({
    method: 'GET',
    path: 'report-schedules',
    query: 'optional',
  }),
  /** Get Report Schedule By Id: `GET /v2/report-schedules/{reportScheduleId}`. */
  getReportScheduleById: op<[reportScheduleId: string], T.ReportSchedule>({ method: 'GET', path: 'report-schedules/{reportScheduleId}' }),
  /** Create Report: `POST /v2/reports`. */
  createReport: op<[payload: T.CreateReportRequest], T.CreateReportResponse>({ method: 'POST', path: 'reports', body: true }),
  /** Create Report Schedule: `POST /v2/report-schedules`. */
  createReportSchedule: op<[payload: T.CreateReportScheduleRequest], T.CreateReportScheduleResponse>({
    method: 'POST',
    path: 'report-schedules',
    body: true,
  }),
  /** Cancel Report Schedule: `DELETE /v2/report-schedules/{reportScheduleId}`. */
  cancelReportSchedule: op<[reportScheduleId: string], unknown>({ method: 'DELETE', path: 'report-schedules/{reportScheduleId}' }),
  /** Get Disbursements: `GET /v2/disbursements`. */
  getDisbursements: op<[query: T.GetDisbursementsQuery], T.DisbursementList>({ method: 'GET', path: 'disbursements', query: 'required' }),
  // Partner onboarding (non-loginable accounts)
  /** Register Amazon Pay Account: `POST /v2/merchantAccounts`. */
  registerAmazonPayAccount: op<[payload: T.RegisterAmazonPayAccountRequest], T.RegisterAmazonPayAccountResponse>({
    method: 'POST',
    path: 'merchantAccounts',
    body: true,
  }),
  /** Update Amazon Pay Account: `PATCH /v2/merchantAccounts/{merchantAccountId}`. */
  updateAmazonPayAccount: op<[merchantAccountId: string, payload: T.UpdateAmazonPayAccountRequest], T.UpdateAmazonPayAccountResponse>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  /** Delete Amazon Pay Account: `DELETE /v2/merchantAccounts/{merchantAccountId}`. */
  deleteAmazonPayAccount: op<[merchantAccountId: string], T.DeleteAmazonPayAccountResponse>({
    method: 'DELETE',
    path: 'merchantAccounts/{merchantAccountId}',
  }),
  // Account management (loginable accounts)
  /** Create Merchant Account: `POST /v2/merchantAccounts`. */
  createMerchantAccount: op<[payload: T.CreateMerchantAccountRequest], T.MerchantAccount>({ method: 'POST', path: 'merchantAccounts', body: true }),
  /** Update Merchant Account: `PATCH /v2/merchantAccounts/{merchantAccountId}`. */
  updateMerchantAccount: op<[merchantAccountId: string, payload: T.UpdateMerchantAccountRequest], T.MerchantAccount>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  /** Merchant Account Claim: `POST /v2/merchantAccounts/{merchantAccountId}/claim`. */
  merchantAccountClaim: op<[merchantAccountId: string, payload: T.MerchantAccountClaimRequest], T.MerchantAccountClaimResponse>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/claim',
    body: true,
  }),
  /** Create Store: `POST /v2/merchantAccounts/{merchantAccountId}/stores`. */
  createStore: op<[merchantAccountId: string, payload: T.CreateStoreRequest], T.Store>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/stores',
    body: true,
  }),
  /** Update Store: `PATCH /v2/merchantAccounts/{merchantAccountId}/stores/{storeId}`. */
  updateStore: op<[merchantAccountId: string, storeId: string, payload: T.UpdateStoreRequest], T.Store>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}/stores/{storeId}',
    body: true,
  }),
  // Disputes and files (PSP flows)
  /** Create Dispute: `POST /v2/disputes`. */
  createDispute: op<[payload: T.CreateDisputeRequest], T.Dispute>({ method: 'POST', path: 'disputes', body: true }),
  /** Get Dispute: `GET /v2/disputes/{disputeId}`. */
  getDispute: op<[disputeId: string], T.Dispute>({ method: 'GET', path: 'disputes/{disputeId}' }),
  /** Update Dispute: `PATCH /v2/disputes/{disputeId}`. */
  updateDispute: op<[disputeId: string, payload: T.UpdateDisputeRequest], T.Dispute>({ method: 'PATCH', path: 'disputes/{disputeId}', body: true }),
  /** Contest Dispute: `POST /v2/disputes/{disputeId}/contest`. */
  contestDispute: op<[disputeId: string, payload: T.ContestDisputeRequest], T.Dispute>({
    method: 'POST',
    path: 'disputes/{disputeId}/contest',
    body: true,
  }),
  /** Upload File: `POST /v2/files`. */
  uploadFile: op<[payload: T.UploadFileRequest], T.UploadFileResponse>({ method: 'POST', path: 'files', body: true }),
} as const;

/** In-Store operations plus the common ones: `InStoreClient`'s methods. */
export const inStoreOperations = {
  ...commonOperations,
  /** Merchant Scan: `POST /v2/in-store/merchantScan`. */
  merchantScan: op<[payload: T.MerchantScanRequest], T.MerchantScanResponse>({ method: 'POST', path: 'in-store/merchantScan', body: true }),
  /** Charge: `POST /v2/in-store/charge`. */
  charge: op<[payload: T.InStoreChargeRequest], T.InStoreChargeResponse>({ method: 'POST', path: 'in-store/charge', body: true }),
  /** Refund: `POST /v2/in-store/refund`. */
  refund: op<[payload: T.InStoreRefundRequest], T.InStoreRefundResponse>({ method: 'POST', path: 'in-store/refund', body: true }),
} as const;

/** Path placeholders in order, e.g. `['merchantAccountId', 'storeId']`. */
export function pathIds(spec: OperationSpec): string[] {
  return [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
