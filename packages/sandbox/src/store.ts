/**
 * Where the sandbox keeps its objects: a small key-value interface by record kind, so an embedder can
 * plug in a Durable Object, a KV namespace or a database. Methods may be sync or async. Records are
 * plain JSON values; the sandbox never keeps a reference to what it reads or writes.
 */

/** The kinds of records the sandbox stores. */
export type RecordKind =
  | 'checkoutSession'
  | 'chargePermission'
  | 'charge'
  | 'refund'
  | 'buyer'
  | 'buyerToken'
  | 'authorizationToken'
  | 'idempotency'
  | 'report'
  | 'reportSchedule'
  | 'merchantAccount'
  | 'store'
  | 'dispute'
  | 'file'
  | 'deliveryTracker'
  | 'inStoreReference';

type MaybePromise<T> = T | Promise<T>;

export interface SandboxStore {
  get(kind: RecordKind, id: string): MaybePromise<unknown>;
  put(kind: RecordKind, id: string, value: unknown): MaybePromise<void>;
  /** Every record of a kind (in insertion order for the in-memory store). */
  list(kind: RecordKind): MaybePromise<Iterable<unknown>>;
  delete(kind: RecordKind, id: string): MaybePromise<void>;
}

/**
 * The default store: in memory, one process, lost on restart. Values are kept as JSON text, which copies
 * them and proves they would survive a real key-value store. `maxRecordsPerKind` bounds memory.
 */
export class MemoryStore implements SandboxStore {
  readonly #data = new Map<RecordKind, Map<string, string>>();
  readonly #maxRecordsPerKind: number;

  constructor(options: { maxRecordsPerKind?: number } = {}) {
    this.#maxRecordsPerKind = options.maxRecordsPerKind ?? 100_000;
  }

  #table(kind: RecordKind): Map<string, string> {
    let table = this.#data.get(kind);
    if (!table) this.#data.set(kind, (table = new Map()));
    return table;
  }

  get(kind: RecordKind, id: string): unknown {
    const text = this.#table(kind).get(id);
    return text === undefined ? undefined : JSON.parse(text);
  }

  put(kind: RecordKind, id: string, value: unknown): void {
    const table = this.#table(kind);
    if (!table.has(id) && table.size >= this.#maxRecordsPerKind) {
      throw new Error(
        `The sandbox's in-memory store holds ${this.#maxRecordsPerKind} ${kind} records already; ` +
          `create the sandbox with a larger maxRecordsPerKind or a fresh store.`,
      );
    }
    table.set(id, JSON.stringify(value));
  }

  list(kind: RecordKind): unknown[] {
    return [...this.#table(kind).values()].map((text) => JSON.parse(text));
  }

  delete(kind: RecordKind, id: string): void {
    this.#table(kind).delete(id);
  }
}
