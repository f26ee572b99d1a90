// The IPN store contract on Node against real engines: memory, PostgreSQL (pg), Redis (node-redis),
// Cloudflare D1 and Durable Objects (the adapters run inside workerd through Miniflare). An engine that cannot start fails the run
// when CI is set, and is skipped with a line otherwise.
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { createMemoryIpnQueue, createMemoryIpnStore } from '@amazon-pay-edge/core';
import { createSqlIpnQueue, createSqlIpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import { createRedisIpnQueue, createRedisIpnStore } from '@amazon-pay-edge/core/ipn/stores/redis';
import { startPostgres, startRedis } from './engines.mjs';
import { report } from './report.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] ?? 'ipn-stores-node';
const { runStoreContract, runQueueContract, snsSigner } = await import(
  new URL('../.build/ipn-contract.js', import.meta.url).href
);

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
    const commands = [];
    const commandFor = async (i) => {
      if (!commands[i]) {
        const client = createClient({ socket: { path: redis.path } });
        await client.connect();
        cleanups.unshift(() => client.close());
        commands[i] = (args) => client.sendCommand(args);
      }
      return commands[i];
    };
    add(
      await runStoreContract({
        name: 'redis',
        store: async (i) => createRedisIpnStore({ command: await commandFor(i) }),
      }),
    );
    add(
      await runQueueContract({
        name: 'redis',
        queue: async (i) => createRedisIpnQueue({ command: await commandFor(i) }),
      }),
    );
  }

  let mf;
  const signer = await snsSigner();
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
      durableObjects: {
        IPN_INBOX: { className: 'IpnInbox', useSQLite: true },
        IPN_QUEUE: { className: 'IpnQueue', useSQLite: true },
        IPN_QUEUE_ALARM: { className: 'IpnQueueAlarm', useSQLite: true },
      },
      bindings: { CERT_PEM: signer.certificatePem, CERT_URL: signer.certUrl },
    });
    await mf.ready;
    cleanups.unshift(() => mf.dispose());
  } catch (error) {
    unavailable('workerd (D1, Durable Objects)', error);
  }
  if (mf) {
    // The adapters run in the Worker on the real bindings; each call is one dispatchFetch (see ipn-do-worker.js).
    const inWorker = (adapter, methods) =>
      Object.fromEntries(
        methods.map((method) => [
          method,
          async (...args) => {
            const response = await mf.dispatchFetch('http://ipn.test/rpc', {
              method: 'POST',
              body: JSON.stringify({ adapter, method, args }),
            });
            if (!response.ok) throw new Error(await response.text());
            return (await response.json()).result;
          },
        ]),
      );
    const STORE = ['claim', 'complete', 'release', 'createTable'];
    const QUEUE = ['enqueue', 'takeDue', 'succeed', 'fail', 'list', 'replay', 'createTable'];
    console.log('--- Cloudflare D1 (createD1IpnStore / createD1IpnQueue on the binding, inside workerd)');
    await inWorker('d1-store', STORE).createTable();
    add(await runStoreContract({ name: 'd1', store: () => inWorker('d1-store', STORE) }));
    await inWorker('d1-queue', QUEUE).createTable();
    add(await runQueueContract({ name: 'd1', queue: () => inWorker('d1-queue', QUEUE) }));
    console.log('--- Durable Objects (claims: one object per notification key; queue: one object; SQLite storage)');
    add(await runStoreContract({ name: 'durable-object', store: () => inWorker('do-store', STORE) }));
    add(await runQueueContract({ name: 'durable-object', queue: () => inWorker('do-queue', QUEUE) }));
    console.log('--- Durable Object alarm: the Worker stores IPNs in the object, its alarm processes them');
    add(await alarmDriven(mf, signer));
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
/** The object's alarm drives the queue: retries after back-off, dead letter after 3 attempts, replay. */
async function alarmDriven(mf, signer) {
  const result = { passed: 0, failed: 0, failures: [] };
  const call = async (path, init) => (await mf.dispatchFetch(`http://ipn.test${path}`, init)).json();
  const post = (path, body) => mf.dispatchFetch(`http://ipn.test${path}`, { method: 'POST', body });
  const settle = async (until) => {
    // The alarm runs on its own; wait (bounded) until the object reports the expected state.
    for (let i = 0; i < 400; i++) {
      const status = await call('/status');
      if (until(status)) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return call('/status');
  };
  const cases = [
    [
      '24 racing deliveries of one notification plus 5 others, first 2 runs fail: each processed once by the alarm',
      async () => {
        await call('/config', { method: 'POST', body: JSON.stringify({ down: false, failFirst: 2 }) });
        const tag = `${Date.now().toString(36)}`;
        const bodies = await Promise.all([
          ...Array.from({ length: 24 }, (_, i) => signer.deliveryOf(`alarm-${tag}-0`, `m-${i % 4}-${tag}`)),
          ...Array.from({ length: 5 }, (_, i) => signer.deliveryOf(`alarm-${tag}-${i + 1}`, `m-x${i}-${tag}`)),
        ]);
        const statuses = await Promise.all(bodies.map(async (body) => (await post('/ipn', body)).status));
        const keys = Array.from({ length: 6 }, (_, i) => `notification:alarm-${tag}-${i}`);
        const status = await settle((s) => keys.every((k) => s.done.some((d) => d.key === k)));
        const okRuns = status.runs.filter((r) => r.ok);
        const lost = keys.filter((k) => !status.done.some((d) => d.key === k)).length;
        const line =
          `durable-object alarm: deliveries=29 (24 of one notification + 5) answers=${[...new Set(statuses)].join(',')} ` +
          `handler runs=${status.runs.length} (successful ${okRuns.length}, injected failures 2) lost=${lost}`;
        console.log(`  [figures] ${line}`);
        if (statuses.some((s) => s !== 200)) throw new Error(`answers: ${statuses.join(',')}`);
        if (lost !== 0) throw new Error(`lost ${lost}: ${JSON.stringify(status.pending)}`);
        if (okRuns.length !== 6 || new Set(okRuns.map((r) => r.key)).size !== 6)
          throw new Error(`successful runs: ${JSON.stringify(okRuns)}`);
        if (status.runs.length !== 8) throw new Error(`handler runs: ${status.runs.length}`);
      },
    ],
    [
      'a notification failing 3 times is a dead letter (alarm retries); replay from the Worker processes it',
      async () => {
        await call('/config', { method: 'POST', body: JSON.stringify({ down: true, failFirst: 0 }) });
        const id = `dead-${Date.now().toString(36)}`;
        const key = `notification:${id}`;
        if ((await post('/ipn', await signer.deliveryOf(id, `m-${id}`))).status !== 200) throw new Error('not 200');
        let status = await settle((s) => s.dead.some((d) => d.key === key));
        const dead = status.dead.find((d) => d.key === key);
        if (!dead || dead.attempts !== 3 || dead.lastError !== 'downstream unavailable' || status.runs.length !== 3)
          throw new Error(`dead letter: ${JSON.stringify(dead)} after ${status.runs.length} runs`);
        await call('/config', { method: 'POST', body: JSON.stringify({ down: false, failFirst: 0 }) });
        if (!(await call(`/replay?key=${encodeURIComponent(key)}`, { method: 'POST' })).replayed)
          throw new Error('replay');
        status = await settle((s) => s.done.some((d) => d.key === key));
        const line = `durable-object alarm dead letter: maxAttempts=3 dead after 3 runs; replayed: handler runs=${status.runs.length} done=${status.done.some((d) => d.key === key)}`;
        console.log(`  [figures] ${line}`);
        if (!status.done.some((d) => d.key === key) || status.runs.length !== 1 || !status.runs[0].ok)
          throw new Error(`after replay: ${JSON.stringify(status.runs)}`);
      },
    ],
  ];
  for (const [label, run] of cases) {
    try {
      await run();
      result.passed++;
      console.log(`  ok   durable-object alarm: ${label}`);
    } catch (error) {
      result.failed++;
      result.failures.push(`durable-object alarm: ${label}: ${error?.stack ?? error}`);
      console.log(`  FAIL durable-object alarm: ${label}: ${error?.stack ?? error}`);
    }
  }
  return result;
}

report(name, totals, 'IPN store contract (memory, PostgreSQL, Redis, D1, Durable Objects)');
