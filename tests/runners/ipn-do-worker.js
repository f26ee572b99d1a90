// The Worker for the D1 and Durable Object contract. The adapters run here, on the real bindings, as in a user's
// Worker; the Node runner calls them through POST /rpc (Miniflare's Node-side binding proxies make synchronous
// calls that fall out of step under load). Classes: the claim store (IpnInbox), the queue (IpnQueue), and a
// queue whose alarm processes it (IpnQueueAlarm): the Worker answers SNS with the durable inbox, the object's
// alarm runs the handler, retries after back-off and dead-letters, with no processDue() call from outside.
import { createIpnHandler, createIpnVerifier } from '@amazon-pay-edge/core';
import { createD1IpnQueue, createD1IpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import {
  createDurableObjectIpnStore,
  createDurableObjectIpnQueue,
  createDurableObjectStorageIpnQueue,
  createDurableObjectStorageIpnStore,
  handleIpnQueueRequest,
  handleIpnStoreRequest,
} from '@amazon-pay-edge/core/ipn/stores/durable-object';

export class IpnInbox {
  constructor(state) {
    this.store = createDurableObjectStorageIpnStore(state.storage);
  }
  fetch(request) {
    return handleIpnStoreRequest(this.store, request);
  }
}

export class IpnQueue {
  constructor(state) {
    this.queue = createDurableObjectStorageIpnQueue(state.storage);
  }
  fetch(request) {
    return handleIpnQueueRequest(this.queue, request);
  }
}

// The certificate the test signs with, served to the verifier (SigningCertURL is checked, then fetched).
const verifierFor = (env) =>
  createIpnVerifier({
    fetch: async (url) =>
      new Response(url === env.CERT_URL ? env.CERT_PEM : 'not found', { status: url === env.CERT_URL ? 200 : 404 }),
  });

export class IpnQueueAlarm {
  constructor(state, env) {
    const sql = state.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS runs (key TEXT NOT NULL, ok INTEGER NOT NULL)');
    sql.exec(
      'CREATE TABLE IF NOT EXISTS config (id INTEGER PRIMARY KEY, down INTEGER NOT NULL, fail_first INTEGER NOT NULL)',
    );
    sql.exec('INSERT OR IGNORE INTO config (id, down, fail_first) VALUES (1, 0, 0)');
    this.sql = sql;
    this.queue = createDurableObjectStorageIpnQueue(state.storage, { alarm: true });
    this.inbox = createIpnHandler({
      verifier: verifierFor(env),
      // The test's handler: fails while "down" or for the first `fail_first` runs, and records every run.
      handle: async (notification, { key }) => {
        const [config] = sql.exec('SELECT down, fail_first FROM config WHERE id = 1').toArray();
        const [{ n }] = sql.exec('SELECT COUNT(*) AS n FROM runs').toArray();
        const ok = !config.down && n >= config.fail_first;
        sql.exec('INSERT INTO runs (key, ok) VALUES (?, ?)', key, ok ? 1 : 0);
        if (!ok) throw new Error(config.down ? 'downstream unavailable' : `injected failure ${n + 1}`);
      },
      durable: { queue: this.queue, maxAttempts: 3, backoffMs: () => 50, processOnReceipt: false },
    });
  }
  async alarm() {
    // Everything due, in rounds; every queue write has re-armed the alarm for the next due entry.
    for (let round = 0; round < 10; round++) {
      const { processed, failed, dead } = await this.inbox.processDue();
      if (processed + failed + dead === 0) return;
    }
  }
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/config') {
      const { down, failFirst } = await request.json();
      this.sql.exec('UPDATE config SET down = ?, fail_first = ? WHERE id = 1', down ? 1 : 0, failFirst);
      this.sql.exec('DELETE FROM runs');
      return Response.json({ ok: true });
    }
    if (url.pathname === '/status') {
      const runs = this.sql.exec('SELECT key, ok FROM runs').toArray();
      const done = await this.queue.list('done', 1000);
      const dead = await this.queue.list('dead', 1000);
      const pending = await this.queue.list('pending', 1000);
      return Response.json({ runs, done, dead, pending });
    }
    return handleIpnQueueRequest(this.queue, request);
  }
}

const ADAPTERS = {
  'd1-store': (env) => createD1IpnStore(env.DB),
  'd1-queue': (env) => createD1IpnQueue(env.DB),
  'do-store': (env) => createDurableObjectIpnStore(env.IPN_INBOX),
  'do-queue': (env) => createDurableObjectIpnQueue(env.IPN_QUEUE),
};

/** One adapter call: { adapter, method, args } -> { result }, or 500 with the error's message. */
async function rpc(request, env) {
  const { adapter, method, args } = await request.json();
  try {
    const target = ADAPTERS[adapter](env);
    return Response.json({ result: (await target[method](...args)) ?? null });
  } catch (error) {
    return new Response(`${adapter}.${method}: ${error?.stack ?? error}`, { status: 500 });
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/rpc') return rpc(request, env);
    const object = env.IPN_QUEUE_ALARM.get(env.IPN_QUEUE_ALARM.idFromName('amazon-pay-ipn-queue'));
    if (url.pathname === '/config' || url.pathname === '/status') return object.fetch(request);
    // The Worker answers SNS: verify, store through the object, 200; the object's alarm does the rest.
    const inbox = createIpnHandler({
      verifier: verifierFor(env),
      handle: () => {
        throw new Error('processed by the Durable Object alarm, not in the Worker');
      },
      durable: { queue: createDurableObjectIpnQueue(env.IPN_QUEUE_ALARM), processOnReceipt: false },
    });
    if (url.pathname === '/replay') return Response.json({ replayed: await inbox.replay(url.searchParams.get('key')) });
    if (url.pathname === '/ipn') return inbox(request);
    return new Response('IPN store test worker');
  },
};
