/**
 * Typed IPN notifications and a router. The union narrows on `ObjectType`; the router does the re-fetch
 * Amazon Pay recommends (an IPN carries no state) with the signed GET for the object type, and passes the
 * current object to the handler registered for that type. Unknown types reach the fallback, never a crash.
 */
import type { CallOptions } from '../clients.js';
import { AmazonPayConfigError } from '../errors.js';
import type { AmazonPayResponse } from '../transport/response.js';
import type { Charge, ChargePermission, Refund } from '../types/index.js';
import type { VerifiedIpnMessage } from './types.js';

/** Object types Amazon Pay documents for IPNs. */
export const KNOWN_IPN_OBJECT_TYPES = ['CHARGE', 'REFUND', 'CHARGE_PERMISSION', 'CHARGEBACK'] as const;
/** One of the object types Amazon Pay documents for IPNs. */
export type KnownIpnObjectType = (typeof KNOWN_IPN_OBJECT_TYPES)[number];

/** A verified notification about one object type. */
export interface IpnNotificationOf<T extends string> extends VerifiedIpnMessage {
  ObjectType: T;
}

/** A type Amazon adds later (the fallback's business). */
export interface UnknownIpnNotification extends VerifiedIpnMessage {
  ObjectType: string;
}

/** A notification of a documented type: `switch (n.ObjectType)` on it narrows to one member. */
export type KnownIpnNotification = { [T in KnownIpnObjectType]: IpnNotificationOf<T> }[KnownIpnObjectType];

/**
 * What the inbox hands a handler. TypeScript cannot subtract the known literals from `string`, so narrow
 * with `isKnownIpnNotification(n)` first; after it, `switch (n.ObjectType)` narrows to one object type.
 */
export type IpnNotification = KnownIpnNotification | UnknownIpnNotification;

/** True when the notification's `ObjectType` is a documented one; after it, `switch (n.ObjectType)` narrows. */
export function isKnownIpnNotification(notification: IpnNotification): notification is KnownIpnNotification {
  return isKnownIpnObjectType(notification.ObjectType);
}

/** True when `type` is one of the object types Amazon Pay documents for IPNs. */
export function isKnownIpnObjectType(type: string): type is KnownIpnObjectType {
  return (KNOWN_IPN_OBJECT_TYPES as readonly string[]).includes(type);
}

/** What the inbox passes with each notification. */
export interface IpnHandlerContext {
  /** Aborts when the time budget runs out: pass it to every Amazon call (`{ signal }`). */
  signal: AbortSignal;
  /** The de-duplication key (`notification:<NotificationId>` or `message:<MessageId>`). */
  key: string;
  /** 1 for the first run; higher in durable mode when the SDK retries a stored notification. */
  attempt: number;
}

type Get<T> = (id: string, options?: CallOptions) => Promise<AmazonPayResponse<T>>;
/** The client methods the router re-fetches with (a `WebStoreClient` or `AmazonPayClient` has them). */
export interface IpnObjectReader {
  getCharge: Get<Charge>;
  getRefund: Get<Refund>;
  getChargePermission: Get<ChargePermission>;
}

/** The current object per type; Chargebacks have no GET in API v2, so their handler gets `undefined`. */
export interface IpnObjects {
  CHARGE: Charge;
  REFUND: Refund;
  CHARGE_PERMISSION: ChargePermission;
  CHARGEBACK: undefined;
}

/** Which signed GET re-fetches each type: one table, read by the router. */
const REFETCH: {
  [T in KnownIpnObjectType]:
    ((reader: IpnObjectReader, id: string, options: CallOptions) => Promise<IpnObjects[T]>) | undefined;
} = {
  CHARGE: async (r, id, o) => (await r.getCharge(id, o)).data,
  REFUND: async (r, id, o) => (await r.getRefund(id, o)).data,
  CHARGE_PERMISSION: async (r, id, o) => (await r.getChargePermission(id, o)).data,
  CHARGEBACK: undefined,
};

/** A router handler: the notification, the object re-fetched with a signed GET, and the handler context. */
export type IpnRouteHandler<T extends KnownIpnObjectType> = (
  notification: IpnNotificationOf<T>,
  object: IpnObjects[T],
  context: IpnHandlerContext,
) => unknown;
/** The router's handler for object types it has no route for (unknown types included); never a crash. */
export type IpnFallbackHandler = (notification: IpnNotification, context: IpnHandlerContext) => unknown;

/** Dispatches verified notifications by `ObjectType` to typed handlers; built by `createIpnRouter(client)`. */
export interface IpnRouter {
  /** Handles one object type; the object is re-fetched with `context.signal` before the handler runs. */
  on<T extends KnownIpnObjectType>(type: T, handler: IpnRouteHandler<T>): IpnRouter;
  /** Receives every notification no `on` handler took (unknown types included). Default: ignore (success). */
  fallback(handler: IpnFallbackHandler): IpnRouter;
  /** The inbox's `handle`: `createIpnHandler({ verifier, handle: router.handle })`. */
  readonly handle: (notification: IpnNotification, context: IpnHandlerContext) => Promise<void>;
}

/** A router; `client` re-fetches objects (required once an `on` handler is registered for a type with a GET). */
export function createIpnRouter(client?: IpnObjectReader): IpnRouter {
  const routes = new Map<string, IpnRouteHandler<KnownIpnObjectType>>();
  let fallback: IpnFallbackHandler = () => undefined;
  const router: IpnRouter = {
    on(type, handler) {
      if (!isKnownIpnObjectType(type))
        throw new AmazonPayConfigError(
          'type',
          `on() takes one of ${KNOWN_IPN_OBJECT_TYPES.join(', ')}; use fallback() for others.`,
        );
      if (typeof handler !== 'function') throw new AmazonPayConfigError('handler', 'on() needs a handler function.');
      if (REFETCH[type] && !client)
        throw new AmazonPayConfigError('client', `createIpnRouter(client) needs a client to re-fetch ${type} objects.`);
      routes.set(type, handler as IpnRouteHandler<KnownIpnObjectType>);
      return router;
    },
    fallback(handler) {
      if (typeof handler !== 'function')
        throw new AmazonPayConfigError('handler', 'fallback() needs a handler function.');
      fallback = handler;
      return router;
    },
    async handle(notification, context) {
      const type = notification.ObjectType as string;
      const route = isKnownIpnObjectType(type) ? routes.get(type) : undefined;
      if (!route) return void (await fallback(notification, context));
      const refetch = REFETCH[type as KnownIpnObjectType];
      const object = refetch ? await refetch(client!, notification.ObjectId, { signal: context.signal }) : undefined;
      await route(notification as IpnNotificationOf<KnownIpnObjectType>, object as never, context);
    },
  };
  return router;
}
