/**
 * The API as one table keyed by core's operation names: method and path after `/v2/` (`:name` is an id)
 * from core's operations table, the handler, and whether the call must carry an idempotency key (the
 * create calls the official SDK READMEs call it required for).
 */
import { commonOperations, inStoreOperations, webStoreOperations } from '@amazon-pay-edge/core/internal';
import type { Ctx, HandlerResult } from './context.js';
import { ApiError } from './errors.js';
import { getAuthorizationToken, getBuyer } from './resources/buyers.js';
import { closeChargePermission, getChargePermission, updateChargePermission } from './resources/chargePermissions.js';
import { cancelCharge, captureCharge, createCharge, getCharge, updateCharge } from './resources/charges.js';
import {
  completeCheckoutSession,
  createCheckoutSession,
  finalizeCheckoutSession,
  getCheckoutSession,
  updateCheckoutSession,
} from './resources/checkoutSessions.js';
import { deliveryTrackers } from './resources/delivery.js';
import { getDisbursements } from './resources/disbursements.js';
import { contestDispute, createDispute, getDispute, updateDispute, uploadFile } from './resources/disputes.js';
import { inStoreCharge, inStoreRefund, merchantScan } from './resources/instore.js';
import {
  claimMerchantAccount,
  createMerchantAccount,
  createStore,
  deleteMerchantAccount,
  updateMerchantAccount,
  updateStore,
} from './resources/merchants.js';
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

/** An operation name of core's client tables (what the SDK method is called). */
export type OperationName =
  keyof typeof commonOperations | keyof typeof webStoreOperations | keyof typeof inStoreOperations;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  operation: OperationName;
  handler: (ctx: Ctx) => Promise<HandlerResult>;
  /** 'required': refused without a key; 'ignored': Amazon evidently does not apply one (see createMerchantAccount). */
  idempotencyKey?: 'required' | 'ignored';
}

type Handler = Route['handler'] | { handler: Route['handler']; idempotencyKey: 'required' | 'ignored' };
const required = (handler: Route['handler']): Handler => ({ handler, idempotencyKey: 'required' });

/**
 * One handler per operation of core's tables, keyed by its name: a missing or misnamed operation is a type
 * error. Method and path come from core's table. Operations that share a method and path (the partner
 * onboarding and the account management names for one API) share a handler.
 */
const HANDLERS: { readonly [name in OperationName]: Handler } = {
  createCheckoutSession: required(createCheckoutSession),
  getCheckoutSession,
  updateCheckoutSession,
  completeCheckoutSession,
  finalizeCheckoutSession,
  getChargePermission,
  updateChargePermission,
  closeChargePermission,
  createCharge: required(createCharge),
  getCharge,
  updateCharge,
  captureCharge: required(captureCharge),
  cancelCharge,
  createRefund: required(createRefund),
  getRefund,
  getBuyer,
  getAuthorizationToken,
  deliveryTrackers,
  getReports,
  createReport,
  getReportById,
  getReportDocument,
  getReportSchedules,
  createReportSchedule,
  getReportScheduleById,
  cancelReportSchedule,
  getDisbursements,
  // The official Node SDK's integration tests register three different accounts with one idempotency key
  // against Amazon's sandbox and expect 201 each time: Amazon does not treat the key as idempotency here.
  createMerchantAccount: { handler: createMerchantAccount, idempotencyKey: 'ignored' },
  registerAmazonPayAccount: { handler: createMerchantAccount, idempotencyKey: 'ignored' },
  updateMerchantAccount,
  updateAmazonPayAccount: updateMerchantAccount,
  deleteAmazonPayAccount: deleteMerchantAccount,
  merchantAccountClaim: claimMerchantAccount,
  createStore,
  updateStore,
  createDispute: required(createDispute),
  getDispute,
  updateDispute,
  contestDispute,
  uploadFile: required(uploadFile),
  merchantScan,
  charge: inStoreCharge,
  refund: inStoreRefund,
};

const OPERATIONS: Readonly<Record<OperationName, { method: string; path: string }>> = {
  ...commonOperations,
  ...webStoreOperations,
  ...inStoreOperations,
};

/** The API as routes: one per method and path (the first operation name of a shared one labels it). */
export const ROUTES: readonly Route[] = (() => {
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const [operation, entry] of Object.entries(HANDLERS) as Array<[OperationName, Handler]>) {
    const { method, path } = OPERATIONS[operation];
    if (seen.has(`${method} ${path}`)) continue;
    seen.add(`${method} ${path}`);
    const { handler, idempotencyKey } =
      typeof entry === 'function' ? { handler: entry, idempotencyKey: undefined } : entry;
    const route: Route = {
      method: method as Route['method'],
      path: path.replace(/\{(\w+)\}/g, ':$1'),
      operation,
      handler,
    };
    routes.push(idempotencyKey ? { ...route, idempotencyKey } : route);
  }
  return routes;
})();

const compiled = ROUTES.map((route) => ({ route, parts: route.path.split('/') }));

/** Finds the route for a method and path segments: 404 when no path matches, 405 when only the method is wrong. */
export function matchRoute(
  method: string,
  segments: readonly string[],
): { route: Route; params: Record<string, string> } {
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
