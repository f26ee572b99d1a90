/**
 * What lives as long as a sandbox: the queue that runs operations one at a time, the IPN emitter and the
 * store that tells it about changes, the origin IPN URLs use, and the context an operation starts from.
 */
import type { Environment } from '@amazon-pay-edge/core';
import type { Ctx } from './context.js';
import { createIpnEmitter } from './ipn/emitter.js';
import { WATCHED, watchStore } from './ipn/watch.js';
import { settle, type Timed } from './lifecycle.js';
import type { SandboxSettings } from './settings.js';
import type { RecordKind, SandboxStore } from './store.js';

/** Where Amazon's API lives: the origin for URLs made without a request (helpers before any API call). */
const AMAZON_ORIGIN = 'https://pay-api.amazon.com';

export type SandboxState = ReturnType<typeof createState>;

export function createState(settings: SandboxSettings) {
  const { store, clock, publicOrigin } = settings;
  const ipn = createIpnEmitter({
    options: settings.ipn,
    merchantId: settings.merchantId,
    subtle: settings.subtle,
    now: () => clock.server(),
  });
  // IPN URLs use publicUrl, else the origin of the request that caused the change; changes made by
  // advance() (no request) use the last API request's origin.
  let lastOrigin = AMAZON_ORIGIN;
  const storeFor = (origin: string): SandboxStore =>
    ipn.enabled ? watchStore(store, (change) => ipn.notify(change, origin)) : store;

  // Operations run one at a time, so a check-then-write (balances, idempotency keys) is never interleaved.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The context of an operation for `origin` in `env`, before the request's own parts are added. */
  const ctxFor = (origin: string, env: Environment): Ctx => ({
    store: storeFor(publicOrigin ?? origin),
    now: clock.lifecycle(),
    env,
    origin: publicOrigin ?? origin,
    params: {},
    query: new URLSearchParams(),
    body: undefined,
    headers: new Headers(),
    simulation: undefined,
    authToken: undefined,
    delays: settings.delays,
    merchantId: settings.merchantId,
    defaultBuyer: settings.defaultBuyer,
    redirectUrlBeforeSignIn: settings.redirectUrlBeforeSignIn,
  });

  /** The context of a programmatic helper: no request, so the public URL or Amazon's origin. */
  const helperCtx = (env: Environment): Ctx => ctxFor(publicOrigin ?? AMAZON_ORIGIN, env);

  /**
   * Applies the timers that advance() made due on every IPN object at once, so their IPNs go out now
   * rather than when the object is next read. The outcome is the same either way: timers depend only on
   * the clock.
   */
  const sweep = (): Promise<void> =>
    exclusive(async () => {
      const now = clock.lifecycle();
      const watched = storeFor(publicOrigin ?? lastOrigin);
      for (const [kind, spec] of Object.entries(WATCHED) as [RecordKind, NonNullable<(typeof WATCHED)[RecordKind]>][]) {
        for (const raw of await store.list(kind)) {
          const record = raw as Timed & Record<string, unknown>;
          if (settle(record, now)) await watched.put(kind, String(record[spec.idField]), record);
        }
      }
    });

  return {
    ipn,
    exclusive,
    ctxFor,
    helperCtx,
    sweep,
    /** An API request arrived from `origin`: later timer-driven IPNs link there. */
    sawApiRequest(origin: string) {
      lastOrigin = origin;
    },
    /** The origin IPN URLs use now. */
    ipnOrigin: () => publicOrigin ?? lastOrigin,
  };
}
