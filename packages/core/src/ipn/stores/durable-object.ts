/**
 * The IPN store on Cloudflare Durable Objects. Inside the object, the SQL store runs on its SQLite storage
 * (`ctx.storage.sql`, synchronous, so each statement is atomic for the object); outside, a small client sends
 * claim/complete/release to the object named after the notification key over `stub.fetch`. Your class needs
 * one line: `fetch(request) { return handleIpnStoreRequest(this.store, request) }` (see README "IPN stores").
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnQueueState, IpnQueueStore } from '../queue.js';
import type { IpnClaimResult, IpnStore, IpnStoreClockOptions } from '../store.js';
import { createSqlIpnQueue, createSqlIpnStore, type SqlIpnQueue, type SqlIpnStore } from './sql.js';

/** The parts of `ctx.storage` this store uses (a class declared with `new_sqlite_classes` / `useSQLite`). */
export interface DurableObjectSqlStorageLike {
  /** SQLite storage: `exec` runs one statement synchronously, so nothing interleaves with it. */
  sql: { exec(query: string, ...bindings: unknown[]): { toArray(): Record<string, unknown>[] } };
  /** The object's alarm (used by the queue with `alarm: true`). */
  getAlarm?(): Promise<number | null>;
  /** Sets the object's one alarm to an epoch-ms time. */
  setAlarm?(scheduledTime: number): Promise<void>;
  /** Removes the alarm. */
  deleteAlarm?(): Promise<void>;
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
  /** The object's id for a name. */
  idFromName(name: string): unknown;
  /** The object's stub. */
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Options of {@link createDurableObjectIpnStore}. */
export interface DurableObjectIpnStoreOptions {
  /** The object name for a key. Default: one object per notification key (no contention between keys). */
  objectName?: ((key: string) => string) | undefined;
}

/** The claim store (synchronous mode) as seen from a Worker: each call goes to the Durable Object that owns the key. */
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

// ---- the durable inbox (IpnQueueStore) in one Durable Object ----------------------------------------------

/** Options of {@link createDurableObjectStorageIpnQueue}. */
export interface DurableObjectStorageIpnQueueOptions extends IpnStoreClockOptions {
  /**
   * Keep the object's alarm at the earliest due entry (a new one, a retry after back-off, a lapsed lease), so
   * the class's `alarm()` handler can run `inbox.processDue()`. The class must then define `alarm()`. Default false.
   */
  alarm?: boolean | undefined;
}

/** The queue inside the Durable Object, plus `arm()` (sets the alarm to the next due entry). */
export interface DurableObjectStorageIpnQueue extends SqlIpnQueue {
  /** Sets the alarm to the earliest pending entry's time, or removes it when nothing is pending. */
  arm(): Promise<void>;
}

/**
 * The durable inbox inside one Durable Object: the SQL queue on the object's SQLite storage. The object runs
 * one event at a time and each statement is synchronous, so every operation (one statement each) is atomic
 * even while the object's processor awaits the network. With `alarm: true` every write re-arms the object's
 * alarm for the earliest due entry; write `async alarm() { await inbox.processDue(); }` in the class.
 */
export function createDurableObjectStorageIpnQueue(
  storage: DurableObjectSqlStorageLike,
  options: DurableObjectStorageIpnQueueOptions = {},
): DurableObjectStorageIpnQueue {
  if (typeof storage?.sql?.exec !== 'function') {
    throw new AmazonPayConfigError(
      'storage',
      'Pass ctx.storage of a SQLite-backed Durable Object (new_sqlite_classes in wrangler, useSQLite in Miniflare).',
    );
  }
  if (options.alarm && typeof storage.setAlarm !== 'function')
    throw new AmazonPayConfigError('storage', 'alarm: true needs ctx.storage with setAlarm (a Durable Object).');
  const { alarm, ...sqlOptions } = options;
  const table = 'amazon_pay_ipn_queue';
  const query = async (text: string, params: readonly unknown[]) => storage.sql.exec(text, ...params).toArray();
  const queue = createSqlIpnQueue({ ...sqlOptions, dialect: 'sqlite', table, query });
  storage.sql.exec(queue.schema);
  storage.sql.exec(`CREATE INDEX IF NOT EXISTS ${table}_due ON ${table} (state, next_at)`);
  const arm = async () => {
    const [row] = storage.sql.exec(`SELECT MIN(next_at) AS at FROM ${table} WHERE state = 'pending'`).toArray();
    const next = row?.['at'] == null ? null : Number(row['at']);
    const current = await storage.getAlarm!();
    if (next === null) {
      if (current !== null) await storage.deleteAlarm!();
    } else if (current !== next) await storage.setAlarm!(next);
  };
  if (!alarm) return { ...queue, arm };
  /** Runs a write, then moves the alarm to the (possibly new) earliest due entry. */
  const armed =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await op(...args);
      await arm();
      return result;
    };
  return {
    ...queue,
    arm,
    enqueue: armed(queue.enqueue),
    takeDue: armed(queue.takeDue),
    succeed: armed(queue.succeed),
    fail: armed(queue.fail),
    replay: armed(queue.replay),
  };
}

type QueueOp = 'enqueue' | 'takeDue' | 'succeed' | 'fail' | 'list' | 'replay';
const QUEUE_OPS: Record<QueueOp, (queue: IpnQueueStore, a: Record<string, unknown>) => Promise<unknown>> = {
  enqueue: (q, a) => q.enqueue(String(a['key']), String(a['payload'])),
  takeDue: (q, a) => q.takeDue(Number(a['limit']), String(a['token']), Number(a['ms'])),
  succeed: (q, a) => q.succeed(String(a['key']), String(a['token']), Number(a['ms'])),
  fail: (q, a) =>
    q.fail(String(a['key']), String(a['token']), {
      delayMs: Number(a['ms']),
      dead: a['dead'] === true,
      error: String(a['error']),
    }),
  list: (q, a) => q.list(String(a['state']) as IpnQueueState, Number(a['limit'])),
  replay: (q, a) => q.replay(String(a['key'])),
};

/**
 * Answers the queue client's requests inside the Durable Object:
 * `fetch(request) { return handleIpnQueueRequest(this.queue, request) }`.
 */
export async function handleIpnQueueRequest(queue: IpnQueueStore, request: Request): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const op = body && Object.hasOwn(QUEUE_OPS, String(body['op'])) ? QUEUE_OPS[body['op'] as QueueOp] : undefined;
  // Every operation but list names an entry; takeDue names none but needs a token.
  const named = body && (typeof body['key'] === 'string' || body['op'] === 'list' || body['op'] === 'takeDue');
  if (!body || !op || !named) return new Response('bad IPN queue request', { status: 400 });
  return Response.json({ result: await op(queue, body) });
}

/** Options of {@link createDurableObjectIpnQueue}. */
export interface DurableObjectIpnQueueOptions {
  /** The name of the one object that holds the queue. Default `amazon-pay-ipn-queue`. */
  name?: string | undefined;
}

/**
 * The durable inbox as seen from a Worker: every call goes to the one Durable Object holding the queue (its
 * single thread is what makes `takeDue` atomic). One object serves hundreds of calls per second, far above an
 * IPN rate; the object can also process the queue itself from its alarm.
 */
export function createDurableObjectIpnQueue(
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectIpnQueueOptions = {},
): IpnQueueStore {
  if (typeof namespace?.idFromName !== 'function')
    throw new AmazonPayConfigError('namespace', 'Pass a Durable Object namespace binding (env.IPN_QUEUE).');
  const name = options.name ?? 'amazon-pay-ipn-queue';
  const call = async <T>(body: Record<string, unknown>): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(name) as never);
    const response = await stub.fetch('https://ipn-queue.invalid/', { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok)
      throw new Error(`IPN queue Durable Object answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return ((await response.json()) as { result: T }).result;
  };
  return {
    enqueue: (key, payload) => call({ op: 'enqueue', key, payload }),
    takeDue: (limit, token, ms) => call({ op: 'takeDue', limit, token, ms }),
    succeed: (key, token, ms) => call({ op: 'succeed', key, token, ms }),
    fail: (key, token, o) => call({ op: 'fail', key, token, ms: o.delayMs, dead: o.dead, error: o.error }),
    list: (state, limit) => call({ op: 'list', state, limit }),
    replay: (key) => call({ op: 'replay', key }),
  };
}
