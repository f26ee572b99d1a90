// The IPN store contract on Node against real engines: memory, PostgreSQL (pg), Redis (node-redis),
// Cloudflare D1 and Durable Objects (workerd through Miniflare). An engine that cannot start fails the run
// when CI is set, and is skipped with a line otherwise.
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { createMemoryIpnQueue, createMemoryIpnStore } from '@amazon-pay-edge/core';
import {
  createD1IpnQueue,
  createD1IpnStore,
  createSqlIpnQueue,
  createSqlIpnStore,
} from '@amazon-pay-edge/core/ipn/stores/sql';
import { createRedisIpnStore } from '@amazon-pay-edge/core/ipn/stores/redis';
import { createDurableObjectIpnStore } from '@amazon-pay-edge/core/ipn/stores/durable-object';
import { startPostgres, startRedis } from './engines.mjs';
import { report } from './report.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] ?? 'ipn-stores-node';
const { runStoreContract, runQueueContract } = await import(new URL('../.build/ipn-contract.js', import.meta.url).href);

const totals = { passed: 0, failed: 0, failures: [] };
const cleanups = [];
const add = (result) => {
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.failures.push(...result.failures);
};
const unavailable = (engine, error) => {
  if (process.env.CI) {
    console.log(`FAIL ${engine}: the engine cannot start (${error.message})`);
    add({ passed: 0, failed: 1, failures: [`${engine}: cannot start: ${error.message}`] });
  } else {
    console.log(`skip ${engine}: the engine cannot start here (${error.message}); CI fails on this`);
  }
};

try {
  console.log('--- memory (one instance: every simulated instance shares the one Map)');
  const memory = createMemoryIpnStore();
  add(await runStoreContract({ name: 'memory', store: () => memory }));
  const memoryQueue = createMemoryIpnQueue();
  add(await runQueueContract({ name: 'memory', queue: () => memoryQueue }));

  let postgres;
  try {
    postgres = await startPostgres();
    cleanups.push(postgres.stop);
  } catch (error) {
    unavailable('postgresql', error);
  }
  if (postgres) {
    console.log('--- PostgreSQL (pg, one pool per simulated instance)');
    const pools = [];
    const poolFor = (i) => {
      if (!pools[i]) {
        const pool = new pg.Pool({
          host: postgres.socketDir,
          port: postgres.port,
          user: 'postgres',
          database: 'postgres',
          max: 4,
        });
        cleanups.unshift(() => pool.end());
        pools[i] = (sql, params) => pool.query(sql, params);
      }
      return pools[i];
    };
    const storeFor = (i) => createSqlIpnStore({ dialect: 'postgres', query: poolFor(i) });
    const queueFor = (i) => createSqlIpnQueue({ dialect: 'postgres', query: poolFor(i) });
    await storeFor(0).createTable();
    await queueFor(0).createTable();
    add(await runStoreContract({ name: 'postgresql', store: storeFor }));
    add(await runQueueContract({ name: 'postgresql', queue: queueFor }));
  }

  let redis;
  try {
    redis = await startRedis();
    cleanups.push(redis.stop);
  } catch (error) {
    unavailable('redis', error);
  }
  if (redis) {
    console.log('--- Redis (node-redis, one connection per simulated instance)');
    const stores = [];
    const storeFor = async (i) => {
      if (!stores[i]) {
        const client = createClient({ socket: { path: redis.path } });
        await client.connect();
        cleanups.unshift(() => client.close());
        stores[i] = createRedisIpnStore({ command: (args) => client.sendCommand(args) });
      }
      return stores[i];
    };
    add(await runStoreContract({ name: 'redis', store: storeFor }));
  }

  let mf;
  try {
    const bundle = await build({
      entryPoints: ['runners/ipn-do-worker.js'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      absWorkingDir: here,
      logLevel: 'warning',
    });
    mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0].text,
      compatibilityDate: '2026-04-20',
      d1Databases: { DB: 'ipn-contract' },
      durableObjects: { IPN_INBOX: { className: 'IpnInbox', useSQLite: true } },
    });
    await mf.ready;
    cleanups.unshift(() => mf.dispose());
  } catch (error) {
    unavailable('workerd (D1, Durable Objects)', error);
  }
  if (mf) {
    console.log('--- Cloudflare D1 (Miniflare binding, one store object per simulated instance)');
    const db = await mf.getD1Database('DB');
    await createD1IpnStore(db).createTable();
    add(await runStoreContract({ name: 'd1', store: () => createD1IpnStore(db) }));
    await createD1IpnQueue(db).createTable();
    add(await runQueueContract({ name: 'd1', queue: () => createD1IpnQueue(db) }));
    console.log('--- Durable Objects (one object per notification key, SQLite storage)');
    const namespace = await mf.getDurableObjectNamespace('IPN_INBOX');
    add(await runStoreContract({ name: 'durable-object', store: () => createDurableObjectIpnStore(namespace) }));
  }
} catch (error) {
  add({ passed: 0, failed: 1, failures: [`runner: ${error?.stack ?? error}`] });
} finally {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch {}
  }
}
report(name, totals, 'IPN store contract (memory, PostgreSQL, Redis, D1, Durable Objects)');
