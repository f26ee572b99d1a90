/**
 * The 43 Amazon Pay v2 operations as one table: HTTP method, path template (ids in braces, in argument
 * order), named scalar query parameters, and whether a payload or a query object follows. Client methods
 * are generated from it. The argument and response types are written out in `CommonOperations`,
 * `WebStoreOperations` and `InStoreOperations` (explicit, so JSR needs no inference to publish types).
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
}

/** A table row carrying, for the type system only, its argument tuple and response type. */
export type Operation<Args extends unknown[], Res> = OperationSpec & { readonly __types?: (args: Args) => Res };

/** A row; its `Operation` type comes from the table's annotation. */
const op = <Args extends unknown[], Res>(spec: OperationSpec): Operation<Args, Res> => spec;

/** Argument tuple and response type of each operation both clients have. */
export type CommonOperations = {
  getAuthorizationToken: Operation<[mwsAuthToken: string, merchantId: string], T.AuthorizationToken>;
  deliveryTrackers: Operation<[payload: T.DeliveryTrackerRequest], T.DeliveryTracker>;
};

/** Argument tuple and response type of each `WebStoreClient` operation. */
export type WebStoreOperations = CommonOperations & {
  // Checkout sessions
  createCheckoutSession: Operation<[payload: T.CreateCheckoutSessionRequest], T.CheckoutSession>;
  getCheckoutSession: Operation<[checkoutSessionId: string], T.CheckoutSession>;
  updateCheckoutSession: Operation<[checkoutSessionId: string, payload: T.UpdateCheckoutSessionRequest], T.CheckoutSession>;
  completeCheckoutSession: Operation<[checkoutSessionId: string, payload: T.CompleteCheckoutSessionRequest], T.CheckoutSession>;
  finalizeCheckoutSession: Operation<[checkoutSessionId: string, payload: T.FinalizeCheckoutSessionRequest], T.CheckoutSession>;
  // Charge permissions
  getChargePermission: Operation<[chargePermissionId: string], T.ChargePermission>;
  updateChargePermission: Operation<[chargePermissionId: string, payload: T.UpdateChargePermissionRequest], T.ChargePermission>;
  closeChargePermission: Operation<[chargePermissionId: string, payload: T.CloseChargePermissionRequest], T.ChargePermission>;
  // Charges
  createCharge: Operation<[payload: T.CreateChargeRequest], T.Charge>;
  getCharge: Operation<[chargeId: string], T.Charge>;
  updateCharge: Operation<[chargeId: string, payload: T.UpdateChargeRequest], T.Charge>;
  captureCharge: Operation<[chargeId: string, payload: T.CaptureChargeRequest], T.Charge>;
  cancelCharge: Operation<[chargeId: string, payload: T.CancelChargeRequest], T.Charge>;
  // Refunds
  createRefund: Operation<[payload: T.CreateRefundRequest], T.Refund>;
  getRefund: Operation<[refundId: string], T.Refund>;
  // Buyer (Amazon Sign-in)
  getBuyer: Operation<[buyerToken: string], T.Buyer>;
  // Reporting
  getReports: Operation<[query?: T.GetReportsQuery], T.ReportList>;
  getReportById: Operation<[reportId: string], T.Report>;
  getReportDocument: Operation<[reportDocumentId: string], T.ReportDocument>;
  getReportSchedules: Operation<[query?: T.GetReportSchedulesQuery | T.ReportType | T.ReportType[]], T.ReportScheduleList>;
  getReportScheduleById: Operation<[reportScheduleId: string], T.ReportSchedule>;
  createReport: Operation<[payload: T.CreateReportRequest], T.CreateReportResponse>;
  createReportSchedule: Operation<[payload: T.CreateReportScheduleRequest], T.CreateReportScheduleResponse>;
  cancelReportSchedule: Operation<[reportScheduleId: string], unknown>;
  getDisbursements: Operation<[query: T.GetDisbursementsQuery], T.DisbursementList>;
  // Partner onboarding (non-loginable accounts)
  registerAmazonPayAccount: Operation<[payload: T.RegisterAmazonPayAccountRequest], T.RegisterAmazonPayAccountResponse>;
  updateAmazonPayAccount: Operation<[merchantAccountId: string, payload: T.UpdateAmazonPayAccountRequest], T.UpdateAmazonPayAccountResponse>;
  deleteAmazonPayAccount: Operation<[merchantAccountId: string], T.DeleteAmazonPayAccountResponse>;
  // Account management (loginable accounts)
  createMerchantAccount: Operation<[payload: T.CreateMerchantAccountRequest], T.MerchantAccount>;
  updateMerchantAccount: Operation<[merchantAccountId: string, payload: T.UpdateMerchantAccountRequest], T.MerchantAccount>;
  merchantAccountClaim: Operation<[merchantAccountId: string, payload: T.MerchantAccountClaimRequest], T.MerchantAccountClaimResponse>;
  createStore: Operation<[merchantAccountId: string, payload: T.CreateStoreRequest], T.Store>;
  updateStore: Operation<[merchantAccountId: string, storeId: string, payload: T.UpdateStoreRequest], T.Store>;
  // Disputes and files (PSP flows)
  createDispute: Operation<[payload: T.CreateDisputeRequest], T.Dispute>;
  getDispute: Operation<[disputeId: string], T.Dispute>;
  updateDispute: Operation<[disputeId: string, payload: T.UpdateDisputeRequest], T.Dispute>;
  contestDispute: Operation<[disputeId: string, payload: T.ContestDisputeRequest], T.Dispute>;
  uploadFile: Operation<[payload: T.UploadFileRequest], T.UploadFileResponse>;
};

/** Argument tuple and response type of each `InStoreClient` operation. */
export type InStoreOperations = CommonOperations & {
  merchantScan: Operation<[payload: T.MerchantScanRequest], T.MerchantScanResponse>;
  charge: Operation<[payload: T.InStoreChargeRequest], T.InStoreChargeResponse>;
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
