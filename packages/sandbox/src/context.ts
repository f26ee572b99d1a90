/**
 * What a resource handler gets for one verified request, and the few data-access helpers every resource
 * shares: load by id (404 when missing or from the other environment), list a kind, save, and present a
 * record without its internal (`_`-prefixed) fields.
 */
import { ApiError } from './errors.js';
import { settle, type Timed } from './lifecycle.js';
import type { RecordKind, SandboxStore } from './store.js';
import type { Environment, ReleaseEnvironment } from '@amazon-pay-edge/core';

export interface SandboxDelays {
  /** AuthorizationInitiated -> Authorized/Declined (Amazon documents 30 s for its pending simulations). */
  authorizationMs: number;
  /** CaptureInitiated -> Captured. */
  captureMs: number;
  /** RefundInitiated -> Refunded. */
  refundMs: number;
  /** Report IN_PROGRESS -> COMPLETED. */
  reportMs: number;
}

export interface BuyerProfile {
  buyerId?: string;
  name?: string;
  email?: string;
  phoneNumber?: string;
  shippingAddress?: Record<string, unknown>;
  billingAddress?: Record<string, unknown>;
  /** Shown in `paymentPreferences[0].paymentDescriptor`. */
  paymentDescriptor?: string;
  primeMembershipTypes?: string[] | null;
}

export interface Ctx {
  store: SandboxStore;
  /** Lifecycle time of this request (ms). */
  now: number;
  env: Environment;
  /** Origin for the sandbox's own URLs (buyer approval page, report documents). */
  origin: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
  simulation: string | undefined;
  authToken: string | undefined;
  delays: SandboxDelays;
  merchantId: string;
  defaultBuyer: Required<Omit<BuyerProfile, 'buyerId'>>;
  /** Test shortcut: show `amazonPayRedirectUrl` before the buyer signed in (Amazon does not). */
  redirectUrlBeforeSignIn?: boolean;
}

/** The `releaseEnvironment` Amazon echoes on objects: the one place the capitalised wire spelling is written. */
export const releaseEnvironment = (env: Environment): ReleaseEnvironment => (env === 'live' ? 'Live' : 'Sandbox');

export type Stored = Timed & { _env: Environment; [key: string]: unknown };

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const NAMES: Record<RecordKind, string> = {
  checkoutSession: 'Checkout Session',
  chargePermission: 'Charge Permission',
  charge: 'Charge',
  refund: 'Refund',
  buyer: 'Buyer',
  buyerToken: 'Buyer',
  authorizationToken: 'Authorization Token',
  idempotency: 'Idempotency Key',
  report: 'Report',
  reportSchedule: 'Report Schedule',
  merchantAccount: 'Merchant Account',
  store: 'Store',
  dispute: 'Dispute',
  file: 'File',
  deliveryTracker: 'Delivery Tracker',
  inStoreReference: 'Reference',
};

/** Reads a record and applies its due timers (saving them). Records of the other environment do not exist here. */
export async function find<T extends Stored>(
  ctx: Pick<Ctx, 'store' | 'now' | 'env'>,
  kind: RecordKind,
  id: string,
): Promise<T | undefined> {
  const record = (await ctx.store.get(kind, id)) as T | undefined;
  if (!record || record._env !== ctx.env) return undefined;
  if (settle(record, ctx.now)) await ctx.store.put(kind, id, record);
  return record;
}

export async function load<T extends Stored>(
  ctx: Pick<Ctx, 'store' | 'now' | 'env'>,
  kind: RecordKind,
  id: string,
): Promise<T> {
  const record = await find<T>(ctx, kind, id);
  if (!record) throw new ApiError('ResourceNotFound', `${NAMES[kind]} ${id} was not found.`);
  return record;
}

export async function list<T extends Stored>(
  ctx: Pick<Ctx, 'store' | 'now' | 'env'>,
  kind: RecordKind,
  idField: string,
  filter: (r: T) => boolean = () => true,
): Promise<T[]> {
  const out: T[] = [];
  for (const raw of await ctx.store.list(kind)) {
    const record = raw as T;
    if (record._env !== ctx.env) continue;
    if (settle(record, ctx.now)) await ctx.store.put(kind, String(record[idField]), record);
    if (filter(record)) out.push(record);
  }
  return out;
}

export async function save(ctx: Pick<Ctx, 'store'>, kind: RecordKind, id: string, record: Stored): Promise<void> {
  await ctx.store.put(kind, id, record);
}

/** The record as the API shows it: internal `_` fields dropped. */
export function present(record: Stored): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

export const ok = (body: unknown, status = 200): HandlerResult => ({ status, body });
