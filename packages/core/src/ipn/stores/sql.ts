/**
 * The IPN store on SQL: PostgreSQL (any driver) and SQLite dialects, Cloudflare D1 included. No driver is
 * imported: pass a `query(sql, params)` function over the client you already have. One statement claims:
 * `INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE expires_at <= now RETURNING token` inserts a new key or
 * takes over an expired one, and returns a row only to the caller that won (PostgreSQL locks the row, so
 * concurrent claims of one key serialise; SQLite and D1 run one statement at a time).
 */
import { AmazonPayConfigError } from '../../errors.js';
import type { IpnQueueEntry, IpnQueueState, IpnQueueStore } from '../queue.js';
import { clockOf, type IpnClaimResult, type IpnStore, type IpnStoreClockOptions } from '../store.js';

/** Rows as an array, or a result object holding them (`rows` for pg, `results` for D1). */
export type SqlRows =
  | readonly Record<string, unknown>[]
  | { rows?: readonly Record<string, unknown>[]; results?: readonly Record<string, unknown>[] };

/** Runs one statement with positional parameters and resolves to its rows. */
export type SqlQuery = (sql: string, params: readonly unknown[]) => Promise<SqlRows>;

export interface SqlIpnStoreOptions extends IpnStoreClockOptions {
  query: SqlQuery;
  /** `postgres` writes parameters as `$1`, `sqlite` (and D1) as `?1`. */
  dialect: 'postgres' | 'sqlite';
  /** Default `amazon_pay_ipn_inbox`. Letters, digits, `_` and one optional `schema.` prefix. */
  table?: string | undefined;
}

export interface SqlIpnStore extends IpnStore {
  /** `CREATE TABLE IF NOT EXISTS` for the inbox table (run once at deploy time, or at start-up). */
  createTable(): Promise<void>;
  /** The DDL `createTable` runs, for your own migrations. */
  readonly schema: string;
}

const rowsOf = (result: SqlRows): readonly Record<string, unknown>[] =>
  Array.isArray(result)
    ? result
    : (((result as { rows?: unknown[] }).rows ?? (result as { results?: unknown[] }).results ?? []) as Record<
        string,
        unknown
      >[]);

export function createSqlIpnStore(options: SqlIpnStoreOptions): SqlIpnStore {
  if (typeof options?.query !== 'function')
    throw new AmazonPayConfigError('query', 'query must be a function (sql, params) => Promise<rows>.');
  if (options.dialect !== 'postgres' && options.dialect !== 'sqlite')
    throw new AmazonPayConfigError('dialect', 'dialect must be "postgres" or "sqlite".');
  const table = options.table ?? 'amazon_pay_ipn_inbox';
  if (!/^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$/.test(table))
    throw new AmazonPayConfigError('table', `table ${JSON.stringify(table)} is not a plain SQL identifier.`);
  const now = clockOf(options);
  // Written once with $n; SQLite gets ?n (D1 binds ?NNN positionally).
  const sql = (text: string) => (options.dialect === 'postgres' ? text : text.replace(/\$(\d+)/g, '?$1'));
  const run = async (text: string, params: unknown[]) => rowsOf(await options.query(sql(text), params));
  const bigint = options.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const schema =
    `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, state TEXT NOT ` +
    `NULL, token TEXT NOT NULL, expires_at ${bigint} NOT NULL)`;

  return {
    schema,
    async createTable() {
      await run(schema, []);
    },
    async claim(key, token, leaseMs): Promise<IpnClaimResult> {
      const at = now();
      const won = await run(
        `INSERT INTO ${table} (key, state, token, expires_at) VALUES ($1, 'claimed', $2, $3)
         ON CONFLICT (key) DO UPDATE SET state = 'claimed', token = excluded.token, expires_at = excluded.expires_at
         WHERE ${table}.expires_at <= $4 RETURNING token`,
        [key, token, at + leaseMs, at],
      );
      if (won.length > 0) return 'claimed';
      const [row] = await run(`SELECT state, expires_at FROM ${table} WHERE key = $1`, [key]);
      // A row released or expired between the two statements reads as busy: the sender retries.
      return row && row['state'] === 'done' && Number(row['expires_at']) > at ? 'done' : 'busy';
    },
    async complete(key, token, retentionMs) {
      const at = now();
      const rows = await run(
        `UPDATE ${table} SET state = 'done', expires_at = $3 WHERE key = $1 AND token = $2 AND ` +
          `state = 'claimed' AND expires_at > $4 RETURNING key`,
        [key, token, at + retentionMs, at],
      );
      return rows.length > 0;
    },
    async release(key, token) {
      await run(`DELETE FROM ${table} WHERE key = $1 AND token = $2 AND state = 'claimed'`, [key, token]);
    },
  };
}

/** The parts of a Cloudflare D1 binding this store uses. */
export interface D1DatabaseLike {
  prepare(sql: string): {
    bind(...values: unknown[]): { all(): Promise<{ results?: readonly Record<string, unknown>[] }> };
  };
}

/** The SQL store on a Cloudflare D1 binding (`env.DB`). */
export function createD1IpnStore(
  db: D1DatabaseLike,
  options: Omit<SqlIpnStoreOptions, 'query' | 'dialect'> = {},
): SqlIpnStore {
  return createSqlIpnStore(d1Options(db, options));
}

/** The SQL options for a D1 binding: SQLite's dialect, and `query` through prepare/bind/all. */
function d1Options(db: D1DatabaseLike, options: Omit<SqlIpnStoreOptions, 'query' | 'dialect'>): SqlIpnStoreOptions {
  if (typeof db?.prepare !== 'function') throw new AmazonPayConfigError('db', 'Pass a D1 database binding (env.DB).');
  return {
    ...options,
    dialect: 'sqlite',
    query: (text, params) =>
      db
        .prepare(text)
        .bind(...params)
        .all(),
  };
}

// ---- the durable inbox (IpnQueueStore) on the same SQL engines ----------------------------------------

export interface SqlIpnQueue extends IpnQueueStore {
  createTable(): Promise<void>;
  readonly schema: string;
  /** Deletes done entries past their retention (run it from the same schedule as the processor). */
  purge(): Promise<void>;
}

/**
 * The durable inbox on SQL. `takeDue` leases with one statement: `UPDATE ... WHERE key IN (SELECT ... FOR
 * UPDATE SKIP LOCKED)` on PostgreSQL, so concurrent processors take disjoint entries; SQLite and D1 run
 * one writer at a time, so the same UPDATE without the lock clause is already atomic.
 */
export function createSqlIpnQueue(options: SqlIpnStoreOptions): SqlIpnQueue {
  if (typeof options?.query !== 'function')
    throw new AmazonPayConfigError('query', 'query must be a function (sql, params) => Promise<rows>.');
  if (options.dialect !== 'postgres' && options.dialect !== 'sqlite')
    throw new AmazonPayConfigError('dialect', 'dialect must be "postgres" or "sqlite".');
  const table = options.table ?? 'amazon_pay_ipn_queue';
  if (!/^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$/.test(table))
    throw new AmazonPayConfigError('table', `table ${JSON.stringify(table)} is not a plain SQL identifier.`);
  const now = clockOf(options);
  const pg = options.dialect === 'postgres';
  const run = async (text: string, params: unknown[]) =>
    rowsOf(await options.query(pg ? text : text.replace(/\$(\d+)/g, '?$1'), params));
  const bigint = pg ? 'BIGINT' : 'INTEGER';
  const schema =
    `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, payload TEXT NOT NULL, state TEXT NOT NULL, ` +
    `attempts INTEGER NOT NULL DEFAULT 0, next_at ${bigint} NOT NULL, token TEXT, last_error TEXT)`;
  const columns = 'key, payload, state, attempts, next_at, last_error';
  const entry = (row: Record<string, unknown>): IpnQueueEntry => ({
    key: String(row['key']),
    payload: String(row['payload']),
    state: row['state'] as IpnQueueState,
    attempts: Number(row['attempts']),
    nextAt: Number(row['next_at']),
    lastError: row['last_error'] == null ? undefined : String(row['last_error']),
  });
  return {
    schema,
    async createTable() {
      await run(schema, []);
    },
    async purge() {
      await run(`DELETE FROM ${table} WHERE state = 'done' AND next_at <= $1`, [now()]);
    },
    async enqueue(key, payload) {
      const at = now();
      // A done entry past its retention is forgotten, so the key can be stored again.
      const rows = await run(
        `INSERT INTO ${table} (key, payload, state, attempts, next_at) VALUES ($1, $2, 'pending', 0, $3)
         ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, state = 'pending', attempts = 0,
           next_at = excluded.next_at, token = NULL, last_error = NULL
         WHERE ${table}.state = 'done' AND ${table}.next_at <= $3 RETURNING key`,
        [key, payload, at],
      );
      return rows.length > 0;
    },
    async takeDue(limit, token, leaseMs) {
      const at = now();
      const lock = pg ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await run(
        `UPDATE ${table} SET token = $1, next_at = $2 WHERE key IN (
           SELECT key FROM ${table} WHERE state = 'pending' AND next_at <= $3 ORDER BY next_at LIMIT $4${lock}
         ) RETURNING ${columns}`,
        [token, at + leaseMs, at, Math.max(1, Math.floor(limit))],
      );
      return rows.map(entry);
    },
    async succeed(key, token, retentionMs) {
      const at = now();
      const rows = await run(
        `UPDATE ${table} SET state = 'done', token = NULL, next_at = $3 WHERE key = $1 AND token ` +
          `= $2 AND state = 'pending' AND next_at > $4 RETURNING key`,
        [key, token, at + retentionMs, at],
      );
      return rows.length > 0;
    },
    async fail(key, token, outcome) {
      const rows = await run(
        `UPDATE ${table} SET state = $3, token = NULL, attempts = attempts + 1, next_at = $4, last_error = $5
         WHERE key = $1 AND token = $2 AND state = 'pending' AND next_at > $6 RETURNING key`,
        [key, token, outcome.dead ? 'dead' : 'pending', now() + outcome.delayMs, outcome.error, now()],
      );
      return rows.length > 0;
    },
    async list(state, limit) {
      const rows = await run(`SELECT ${columns} FROM ${table} WHERE state = $1 ORDER BY next_at LIMIT $2`, [
        state,
        Math.max(1, Math.floor(limit)),
      ]);
      return rows.map(entry);
    },
    async replay(key) {
      const rows = await run(
        `UPDATE ${table} SET state = 'pending', attempts = 0, next_at = $2, token = NULL WHERE ` +
          `key = $1 AND state = 'dead' RETURNING key`,
        [key, now()],
      );
      return rows.length > 0;
    },
  };
}

/** The durable inbox on a Cloudflare D1 binding (`env.DB`). */
export function createD1IpnQueue(
  db: D1DatabaseLike,
  options: Omit<SqlIpnStoreOptions, 'query' | 'dialect'> = {},
): SqlIpnQueue {
  return createSqlIpnQueue(d1Options(db, options));
}
