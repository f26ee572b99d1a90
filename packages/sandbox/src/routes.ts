/**
 * The API as one table: method, path after `/v2/` (`:name` is an id), the operation name (as in core's
 * operation table and the simulation table), its handler, and whether it must carry an idempotency key
 * (the create calls the official SDK READMEs call it required for).
 */
import type { Ctx, HandlerResult } from './context.js';
import { ApiError } from './errors.js';
import { getAuthorizationToken, getBuyer } from './resources/buyers.js';
import { closeChargePermission, getChargePermission, updateChargePermission } from './resources/chargePermissions.js';
import { cancelCharge, captureCharge, createCharge, getCharge, updateCharge } from './resources/charges.js';
import { completeCheckoutSession, createCheckoutSession, finalizeCheckoutSession, getCheckoutSession, updateCheckoutSession } from './resources/checkoutSessions.js';
import { deliveryTrackers } from './resources/delivery.js';
import { getDisbursements } from './resources/disbursements.js';
import { contestDispute, createDispute, getDispute, updateDispute, uploadFile } from './resources/disputes.js';
import { inStoreCharge, inStoreRefund, merchantScan } from './resources/instore.js';
import { claimMerchantAccount, createMerchantAccount, createStore, deleteMerchantAccount, updateMerchantAccount, updateStore } from './resources/merchants.js';
import { createRefund, getRefund } from './resources/refunds.js';
import {
  cancelReportSchedule,
  createReport,
  createReportSchedule,
  getReportById,
  getReportDocument,
  getReports,
  getReportScheduleById,
  getReportSchedules,
} from './resources/reports.js';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  operation: string;
  handler: (ctx: Ctx) => Promise<HandlerResult>;
  /** 'required': refused without a key; 'ignored': Amazon evidently does not apply one (see createMerchantAccount). */
  idempotencyKey?: 'required' | 'ignored';
}

const r = (method: Route['method'], path: string, operation: string, handler: Route['handler'], idempotencyKey?: 'required' | 'ignored'): Route =>
  idempotencyKey ? { method, path, operation, handler, idempotencyKey } : { method, path, operation, handler };

export const ROUTES: readonly Route[] = [
  r('POST', 'checkoutSessions', 'createCheckoutSession', createCheckoutSession, 'required'),
  r('GET', 'checkoutSessions/:checkoutSessionId', 'getCheckoutSession', getCheckoutSession),
  r('PATCH', 'checkoutSessions/:checkoutSessionId', 'updateCheckoutSession', updateCheckoutSession),
  r('POST', 'checkoutSessions/:checkoutSessionId/complete', 'completeCheckoutSession', completeCheckoutSession),
  r('POST', 'checkoutSessions/:checkoutSessionId/finalize', 'finalizeCheckoutSession', finalizeCheckoutSession),
  r('GET', 'chargePermissions/:chargePermissionId', 'getChargePermission', getChargePermission),
  r('PATCH', 'chargePermissions/:chargePermissionId', 'updateChargePermission', updateChargePermission),
  r('DELETE', 'chargePermissions/:chargePermissionId/close', 'closeChargePermission', closeChargePermission),
  r('POST', 'charges', 'createCharge', createCharge, 'required'),
  r('GET', 'charges/:chargeId', 'getCharge', getCharge),
  r('PATCH', 'charges/:chargeId', 'updateCharge', updateCharge),
  r('POST', 'charges/:chargeId/capture', 'captureCharge', captureCharge, 'required'),
  r('DELETE', 'charges/:chargeId/cancel', 'cancelCharge', cancelCharge),
  r('POST', 'refunds', 'createRefund', createRefund, 'required'),
  r('GET', 'refunds/:refundId', 'getRefund', getRefund),
  r('GET', 'buyers/:buyerToken', 'getBuyer', getBuyer),
  r('GET', 'authorizationTokens/:mwsAuthToken', 'getAuthorizationToken', getAuthorizationToken),
  r('POST', 'deliveryTrackers', 'deliveryTrackers', deliveryTrackers),
  r('GET', 'reports', 'getReports', getReports),
  r('POST', 'reports', 'createReport', createReport),
  r('GET', 'reports/:reportId', 'getReportById', getReportById),
  r('GET', 'report-documents/:reportDocumentId', 'getReportDocument', getReportDocument),
  r('GET', 'report-schedules', 'getReportSchedules', getReportSchedules),
  r('POST', 'report-schedules', 'createReportSchedule', createReportSchedule),
  r('GET', 'report-schedules/:reportScheduleId', 'getReportScheduleById', getReportScheduleById),
  r('DELETE', 'report-schedules/:reportScheduleId', 'cancelReportSchedule', cancelReportSchedule),
  r('GET', 'disbursements', 'getDisbursements', getDisbursements),
  // The official Node SDK's integration tests register three different accounts with one idempotency key
  // against Amazon's sandbox and expect 201 each time: Amazon does not treat the key as idempotency here.
  r('POST', 'merchantAccounts', 'createMerchantAccount', createMerchantAccount, 'ignored'),
  r('PATCH', 'merchantAccounts/:merchantAccountId', 'updateMerchantAccount', updateMerchantAccount),
  r('DELETE', 'merchantAccounts/:merchantAccountId', 'deleteAmazonPayAccount', deleteMerchantAccount),
  r('POST', 'merchantAccounts/:merchantAccountId/claim', 'merchantAccountClaim', claimMerchantAccount),
  r('POST', 'merchantAccounts/:merchantAccountId/stores', 'createStore', createStore),
  r('PATCH', 'merchantAccounts/:merchantAccountId/stores/:storeId', 'updateStore', updateStore),
  r('POST', 'disputes', 'createDispute', createDispute, 'required'),
  r('GET', 'disputes/:disputeId', 'getDispute', getDispute),
  r('PATCH', 'disputes/:disputeId', 'updateDispute', updateDispute),
  r('POST', 'disputes/:disputeId/contest', 'contestDispute', contestDispute),
  r('POST', 'files', 'uploadFile', uploadFile, 'required'),
  r('POST', 'in-store/merchantScan', 'merchantScan', merchantScan),
  r('POST', 'in-store/charge', 'inStoreCharge', inStoreCharge),
  r('POST', 'in-store/refund', 'inStoreRefund', inStoreRefund),
];

const compiled = ROUTES.map((route) => ({ route, parts: route.path.split('/') }));

/** Finds the route for a method and path segments: 404 when no path matches, 405 when only the method is wrong. */
export function matchRoute(method: string, segments: readonly string[]): { route: Route; params: Record<string, string> } {
  let pathMatched = false;
  for (const { route, parts } of compiled) {
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const hit = parts.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (!hit) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  const shown = `/v2/${segments.join('/')}`;
  if (pathMatched) throw new ApiError('UnsupportedOperation', `${method} is not supported on ${shown}.`);
  throw new ApiError('ResourceNotFound', `There is no Amazon Pay API operation at ${shown}.`);
}
