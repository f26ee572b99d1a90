/**
 * The 43 Amazon Pay v2 operations as one table: HTTP method, path template (ids in braces, in argument
 * order), named scalar query parameters, and whether a payload or a query object follows. Client methods
 * are generated from it; the argument and response types sit beside each row.
 */
import type * as T from './types/index.js';
import type { HttpMethod } from './transport/request.js';

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
  getAuthorizationToken: op<[mwsAuthToken: string, merchantId: string], T.AuthorizationToken>({
    method: 'GET',
    path: 'authorizationTokens/{mwsAuthToken}',
    queryArgs: ['merchantId'],
  }),
  deliveryTrackers: op<[payload: T.DeliveryTrackerRequest], T.DeliveryTracker>({ method: 'POST', path: 'deliveryTrackers', body: true }),
} as const;

export const webStoreOperations = {
  ...commonOperations,
  // Checkout sessions
  createCheckoutSession: op<[payload: T.CreateCheckoutSessionRequest], T.CheckoutSession>({ method: 'POST', path: 'checkoutSessions', body: true }),
  getCheckoutSession: op<[checkoutSessionId: string], T.CheckoutSession>({ method: 'GET', path: 'checkoutSessions/{checkoutSessionId}' }),
  updateCheckoutSession: op<[checkoutSessionId: string, payload: T.UpdateCheckoutSessionRequest], T.CheckoutSession>({
    method: 'PATCH',
    path: 'checkoutSessions/{checkoutSessionId}',
    body: true,
  }),
  completeCheckoutSession: op<[checkoutSessionId: string, payload: T.CompleteCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/complete',
    body: true,
  }),
  finalizeCheckoutSession: op<[checkoutSessionId: string, payload: T.FinalizeCheckoutSessionRequest], T.CheckoutSession>({
    method: 'POST',
    path: 'checkoutSessions/{checkoutSessionId}/finalize',
    body: true,
  }),
  // Charge permissions
  getChargePermission: op<[chargePermissionId: string], T.ChargePermission>({ method: 'GET', path: 'chargePermissions/{chargePermissionId}' }),
  updateChargePermission: op<[chargePermissionId: string, payload: T.UpdateChargePermissionRequest], T.ChargePermission>({
    method: 'PATCH',
    path: 'chargePermissions/{chargePermissionId}',
    body: true,
  }),
  closeChargePermission: op<[chargePermissionId: string, payload: T.CloseChargePermissionRequest], T.ChargePermission>({
    method: 'DELETE',
    path: 'chargePermissions/{chargePermissionId}/close',
    body: true,
  }),
  // Charges
  createCharge: op<[payload: T.CreateChargeRequest], T.Charge>({ method: 'POST', path: 'charges', body: true }),
  getCharge: op<[chargeId: string], T.Charge>({ method: 'GET', path: 'charges/{chargeId}' }),
  updateCharge: op<[chargeId: string, payload: T.UpdateChargeRequest], T.Charge>({ method: 'PATCH', path: 'charges/{chargeId}', body: true }),
  captureCharge: op<[chargeId: string, payload: T.CaptureChargeRequest], T.Charge>({ method: 'POST', path: 'charges/{chargeId}/capture', body: true }),
  cancelCharge: op<[chargeId: string, payload: T.CancelChargeRequest], T.Charge>({ method: 'DELETE', path: 'charges/{chargeId}/cancel', body: true }),
  // Refunds
  createRefund: op<[payload: T.CreateRefundRequest], T.Refund>({ method: 'POST', path: 'refunds', body: true }),
  getRefund: op<[refundId: string], T.Refund>({ method: 'GET', path: 'refunds/{refundId}' }),
  // Buyer (Amazon Sign-in)
  getBuyer: op<[buyerToken: string], T.Buyer>({ method: 'GET', path: 'buyers/{buyerToken}' }),
  // Reporting
  getReports: op<[query?: T.GetReportsQuery], T.ReportList>({ method: 'GET', path: 'reports', query: 'optional' }),
  getReportById: op<[reportId: string], T.Report>({ method: 'GET', path: 'reports/{reportId}' }),
  getReportDocument: op<[reportDocumentId: string], T.ReportDocument>({ method: 'GET', path: 'report-documents/{reportDocumentId}' }),
  getReportSchedules: op<[query?: T.GetReportSchedulesQuery | T.ReportType | T.ReportType[]], T.ReportScheduleList>({
    method: 'GET',
    path: 'report-schedules',
    query: 'optional',
  }),
  getReportScheduleById: op<[reportScheduleId: string], T.ReportSchedule>({ method: 'GET', path: 'report-schedules/{reportScheduleId}' }),
  createReport: op<[payload: T.CreateReportRequest], T.CreateReportResponse>({ method: 'POST', path: 'reports', body: true }),
  createReportSchedule: op<[payload: T.CreateReportScheduleRequest], T.CreateReportScheduleResponse>({
    method: 'POST',
    path: 'report-schedules',
    body: true,
  }),
  cancelReportSchedule: op<[reportScheduleId: string], unknown>({ method: 'DELETE', path: 'report-schedules/{reportScheduleId}' }),
  getDisbursements: op<[query: T.GetDisbursementsQuery], T.DisbursementList>({ method: 'GET', path: 'disbursements', query: 'required' }),
  // Partner onboarding (non-loginable accounts)
  registerAmazonPayAccount: op<[payload: T.RegisterAmazonPayAccountRequest], T.RegisterAmazonPayAccountResponse>({
    method: 'POST',
    path: 'merchantAccounts',
    body: true,
  }),
  updateAmazonPayAccount: op<[merchantAccountId: string, payload: T.UpdateAmazonPayAccountRequest], T.UpdateAmazonPayAccountResponse>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  deleteAmazonPayAccount: op<[merchantAccountId: string], T.DeleteAmazonPayAccountResponse>({
    method: 'DELETE',
    path: 'merchantAccounts/{merchantAccountId}',
  }),
  // Account management (loginable accounts)
  createMerchantAccount: op<[payload: T.CreateMerchantAccountRequest], T.MerchantAccount>({ method: 'POST', path: 'merchantAccounts', body: true }),
  updateMerchantAccount: op<[merchantAccountId: string, payload: T.UpdateMerchantAccountRequest], T.MerchantAccount>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}',
    body: true,
  }),
  merchantAccountClaim: op<[merchantAccountId: string, payload: T.MerchantAccountClaimRequest], T.MerchantAccountClaimResponse>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/claim',
    body: true,
    redirects: [303],
  }),
  createStore: op<[merchantAccountId: string, payload: T.CreateStoreRequest], T.Store>({
    method: 'POST',
    path: 'merchantAccounts/{merchantAccountId}/stores',
    body: true,
  }),
  updateStore: op<[merchantAccountId: string, storeId: string, payload: T.UpdateStoreRequest], T.Store>({
    method: 'PATCH',
    path: 'merchantAccounts/{merchantAccountId}/stores/{storeId}',
    body: true,
  }),
  // Disputes and files (PSP flows)
  createDispute: op<[payload: T.CreateDisputeRequest], T.Dispute>({ method: 'POST', path: 'disputes', body: true }),
  getDispute: op<[disputeId: string], T.Dispute>({ method: 'GET', path: 'disputes/{disputeId}' }),
  updateDispute: op<[disputeId: string, payload: T.UpdateDisputeRequest], T.Dispute>({ method: 'PATCH', path: 'disputes/{disputeId}', body: true }),
  contestDispute: op<[disputeId: string, payload: T.ContestDisputeRequest], T.Dispute>({
    method: 'POST',
    path: 'disputes/{disputeId}/contest',
    body: true,
  }),
  uploadFile: op<[payload: T.UploadFileRequest], T.UploadFileResponse>({ method: 'POST', path: 'files', body: true }),
} as const;

export const inStoreOperations = {
  ...commonOperations,
  merchantScan: op<[payload: T.MerchantScanRequest], T.MerchantScanResponse>({ method: 'POST', path: 'in-store/merchantScan', body: true }),
  charge: op<[payload: T.InStoreChargeRequest], T.InStoreChargeResponse>({ method: 'POST', path: 'in-store/charge', body: true }),
  refund: op<[payload: T.InStoreRefundRequest], T.InStoreRefundResponse>({ method: 'POST', path: 'in-store/refund', body: true }),
} as const;

/** Path placeholders in order, e.g. `['merchantAccountId', 'storeId']`. */
export function pathIds(spec: OperationSpec): string[] {
  return [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
