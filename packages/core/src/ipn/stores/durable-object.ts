/**
 * The IPN store on Cloudflare Durable Objects. Inside the object, the SQL store runs on its SQLite storage
 * (`ctx.storage.sql`, synchronous, so each statement is atomic for the object); outside, a small client sends
 * claim/complete/release to the object named after the notification key over `stub.fetch`. Your class needs
 * one line: `fetch(request) { return handleIpnStoreRequest(this.store, request) }` (see README "IPN stores").
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnClaimResult, IpnStore, IpnStoreClockOptions } from '../store.js';
import { createSqlIpnStore, type SqlIpnStore } from './sql.js';

/** The parts of `ctx.storage` this store uses (a class declared with `new_sqlite_classes` / `useSQLite`). */
export interface DurableObjectSqlStorageLike {
  sql: { exec(query: string, ...bindings: unknown[]): { toArray(): Record<string, unknown>[] } };
}

/** The store inside the Durable Object; its table is created on first use. */
export function createDurableObjectStorageIpnStore(
  storage: DurableObjectSqlStorageLike,
  options: IpnStoreClockOptions = {},
): SqlIpnStore {
  if (typeof storage?.sql?.exec !== 'function') {
    throw new AmazonPayConfigError(
      'storage',
      'Pass ctx.storage of a SQLite-backed Durable Object (new_sqlite_classes in wrangler, useSQLite in Miniflare).',
    );
  }
  const store = createSqlIpnStore({
    ...options,
    dialect: 'sqlite',
    query: async (text, params) => storage.sql.exec(text, ...params).toArray(),
  });
  storage.sql.exec(store.schema);
  return store;
}

type Op = 'claim' | 'complete' | 'release';
interface OpBody {
  op: Op;
  key: string;
  token: string;
  ms?: number;
}

/**
 * Answers the client's requests inside the Durable Object: `fetch(request) { return handleIpnStoreRequest(this.store,
 * request) }`.
 */
export async function handleIpnStoreRequest(store: IpnStore, request: Request): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as OpBody | undefined;
  if (!body || typeof body.key !== 'string' || typeof body.token !== 'string')
    return new Response('bad IPN store request', { status: 400 });
  const ms = Number(body.ms);
  const result =
    body.op === 'claim'
      ? await store.claim(body.key, body.token, ms)
      : body.op === 'complete'
        ? await store.complete(body.key, body.token, ms)
        : body.op === 'release'
          ? (await store.release(body.key, body.token), null)
          : undefined;
  if (result === undefined) return new Response('unknown IPN store operation', { status: 400 });
  return Response.json({ result });
}

/** The parts of a Durable Object namespace binding the client uses. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

export interface DurableObjectIpnStoreOptions {
  /** The object name for a key. Default: one object per notification key (no contention between keys). */
  objectName?: ((key: string) => string) | undefined;
}

/** The store as seen from a Worker: each call goes to the Durable Object that owns the key. */
export function createDurableObjectIpnStore(
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectIpnStoreOptions = {},
): IpnStore {
  if (typeof namespace?.idFromName !== 'function')
    throw new AmazonPayConfigError('namespace', 'Pass a Durable Object namespace binding (env.IPN_INBOX).');
  const nameOf = options.objectName ?? ((key: string) => key);
  const call = async (body: OpBody): Promise<unknown> => {
    const stub = namespace.get(namespace.idFromName(nameOf(body.key)) as never);
    const response = await stub.fetch('https://ipn-store.invalid/', { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok)
      throw new Error(`IPN store Durable Object answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return ((await response.json()) as { result: unknown }).result;
  };
  return {
    claim: async (key, token, ms) => (await call({ op: 'claim', key, token, ms })) as IpnClaimResult,
    complete: async (key, token, ms) => (await call({ op: 'complete', key, token, ms })) === true,
    release: async (key, token) => void (await call({ op: 'release', key, token })),
  };
}
