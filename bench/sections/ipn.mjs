// IPN deliveries per second through the inbox (createIpnHandler) on every store, in both modes: synchronous
// (verify, claim, handler, complete) and durable enqueue (verify, store, 200), plus the durable mode's drain
// (processDue) rate. Each delivery is a distinct, SNS-signed notification (signed before timing), sent
// `inFlight` at a time; per-delivery latency gives p50/p99. The loop (ipn-measure.mjs) runs where each engine's
// users run it: Node for memory, PostgreSQL (pg pool) and Redis (node-redis), workerd (Miniflare) for D1 and
// Durable Objects, Deno for Deno KV. Engines start the way the tests start them.
import { createMemoryIpnQueue, createMemoryIpnStore } from '@amazon-pay-edge/core';
import { createSqlIpnQueue, createSqlIpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import { createRedisIpnQueue, createRedisIpnStore } from '@amazon-pay-edge/core/ipn/stores/redis';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { startPostgres, startRedis } from '../../tests/runners/engines.mjs';
import { deliveries, measure, WARM_UP } from './ipn-measure.mjs';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export { deliveries, measure };

/** Both modes on one engine; an engine that cannot start is reported, not fatal. */
async function both(makeStore, makeQueue, material, inFlight) {
  try {
    return {
      sync: await measure({ store: await makeStore() }, material, inFlight),
      durable: await measure({ queue: await makeQueue() }, material, inFlight),
    };
  } catch (error) {
    return { error: error.message };
  }
}

async function inWorkerd(material, inFlight) {
  const bundle = await build({
    entryPoints: [join(BENCH_DIR, 'sections/ipn-worker.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2026-04-20',
    d1Databases: { DB: 'ipn-bench' },
    durableObjects: {
      IPN_INBOX: { className: 'IpnInbox', useSQLite: true },
      IPN_QUEUE: { className: 'IpnQueue', useSQLite: true },
    },
  });
  try {
    await mf.ready;
    const run = async (engine, mode) => {
      const response = await mf.dispatchFetch('http://bench/', {
        method: 'POST',
        body: JSON.stringify({ engine, mode, inFlight, ...material }),
      });
      if (!response.ok) throw new Error(`${engine} ${mode}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const out = {};
    for (const engine of ['d1', 'durable-object']) {
      try {
        out[engine] = { sync: await run(engine, 'sync'), durable: await run(engine, 'durable') };
      } catch (error) {
        out[engine] = { error: error.message };
      }
    }
    return out;
  } finally {
    await mf.dispose();
  }
}

function inDeno(material, inFlight) {
  const dir = mkdtempSync(join(tmpdir(), 'ape-ipn-bench-'));
  try {
    writeFileSync(join(dir, 'material.json'), JSON.stringify(material));
    const deno = join(BENCH_DIR, 'node_modules/.bin/deno');
    const args = ['run', '--no-prompt', '-A', '--unstable-kv', '--no-lock', '--node-modules-dir=manual'];
    const out = execFileSync(deno, [...args, 'sections/ipn-deno.mjs', join(dir, 'material.json'), String(inFlight)], {
      cwd: BENCH_DIR,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    return JSON.parse(out.trim().split('\n').at(-1));
  } catch (error) {
    return { error: (error.stderr?.toString().trim().split('\n')[0] || error.message).slice(0, 300) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function ipnThroughput({ count = 1000, inFlight = 8 } = {}) {
  const loadAverageAtStart = loadavg().map((v) => Number(v.toFixed(2)));
  const material = await deliveries(count + WARM_UP);
  // An untimed pass first: the first thousand deliveries run 2-3x slower while V8 optimises the path.
  await measure({ store: createMemoryIpnStore() }, await deliveries(Math.max(count, 1000) + WARM_UP), inFlight);
  const stores = {};
  const cleanups = [];
  try {
    stores.memory = await both(
      () => createMemoryIpnStore({ maxEntries: 100_000 }),
      () => createMemoryIpnQueue(),
      material,
      inFlight,
    );
    try {
      const postgres = await startPostgres();
      cleanups.push(postgres.stop);
      const pool = new pg.Pool({
        host: postgres.socketDir,
        port: postgres.port,
        user: 'postgres',
        database: 'postgres',
        max: inFlight,
      });
      cleanups.unshift(() => pool.end());
      const query = (sql, params) => pool.query(sql, params);
      stores.postgresql = await both(
        async () => {
          const store = createSqlIpnStore({ dialect: 'postgres', query });
          await store.createTable();
          return store;
        },
        async () => {
          const queue = createSqlIpnQueue({ dialect: 'postgres', query });
          await queue.createTable();
          return queue;
        },
        material,
        inFlight,
      );
    } catch (error) {
      stores.postgresql = { error: error.message };
    }
    try {
      const redis = await startRedis();
      cleanups.push(redis.stop);
      const client = createClient({ socket: { path: redis.path } });
      await client.connect();
      cleanups.unshift(() => client.close());
      const command = (args) => client.sendCommand(args);
      stores.redis = await both(
        () => createRedisIpnStore({ command }),
        () => createRedisIpnQueue({ command }),
        material,
        inFlight,
      );
    } catch (error) {
      stores.redis = { error: error.message };
    }
  } finally {
    for (const cleanup of cleanups)
      await Promise.resolve()
        .then(cleanup)
        .catch(() => {});
  }
  try {
    Object.assign(stores, await inWorkerd(material, inFlight));
  } catch (error) {
    stores.d1 = stores['durable-object'] = { error: error.message };
  }
  stores['deno-kv'] = inDeno(material, inFlight);
  return {
    inFlight,
    deliveriesPerStore: count,
    loadAverageAtStart,
    loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
    transport:
      'in-process Request objects (no HTTP); memory, PostgreSQL and Redis (Unix sockets) on Node, D1 and Durable ' +
      'Objects inside workerd (Miniflare), Deno KV (local SQLite) in Deno',
    stores,
  };
}
