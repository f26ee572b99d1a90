// IPN deliveries per second through the inbox (createIpnHandler: SNS signature check, claim, handler,
// complete) on each store this machine can start: memory, PostgreSQL (pg pool) and Redis (node-redis), the
// engines started the way the tests start them. Each delivery is a distinct, SNS-signed notification (signed
// before timing), sent `inFlight` at a time; per-delivery latency gives p50/p99.
import { createIpnHandler, createIpnVerifier, createMemoryIpnStore } from '@amazon-pay-edge/core';
import { createSqlIpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import { createRedisIpnStore } from '@amazon-pay-edge/core/ipn/stores/redis';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createClient } from 'redis';
import { createSigningIdentity } from '../../packages/sandbox/dist/ipn/certificate.js';
import { snsStringToSign } from '../../packages/sandbox/dist/ipn/envelope.js';
import { startPostgres, startRedis } from '../../tests/runners/engines.mjs';

const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-bench.pem';
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function deliveries(count) {
  const identity = await createSigningIdentity(crypto.subtle, Date.now(), 'sns.amazonaws.com');
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const envelope = {
      Type: 'Notification',
      MessageId: crypto.randomUUID(),
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:bench',
      Message: JSON.stringify({
        ObjectType: 'CHARGE',
        ObjectId: `S01-0000000-0000000-C${i}`,
        NotificationType: 'STATE_CHANGE',
        NotificationId: crypto.randomUUID(),
        NotificationVersion: 'V2',
      }),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      SigningCertURL: CERT_URL,
    };
    envelope.Signature = Buffer.from(await identity.sign('SHA-256', snsStringToSign(envelope))).toString('base64');
    bodies.push(JSON.stringify(envelope));
  }
  const fetch = async (url) =>
    new Response(url === CERT_URL ? identity.certificatePem : 'not found', { status: url === CERT_URL ? 200 : 404 });
  return { bodies, fetch };
}

export async function measure(store, { fetch, bodies }, inFlight) {
  let runs = 0;
  const handler = createIpnHandler({ verifier: createIpnVerifier({ fetch }), store, handle: () => void runs++ });
  // Warm-up: certificate fetch and connection pools.
  for (const body of bodies.slice(0, 20)) await handler(new Request('http://127.0.0.1/ipn', { method: 'POST', body }));
  const timed = bodies.slice(20);
  const latencies = [];
  let next = 0;
  let non200 = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < timed.length) {
        const body = timed[next++];
        const start = performance.now();
        const response = await handler(new Request('http://127.0.0.1/ipn', { method: 'POST', body }));
        latencies.push(performance.now() - start);
        if (response.status !== 200) non200++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (v) => Number(v.toFixed(3));
  return {
    deliveries: timed.length,
    handlerRuns: runs - 20,
    non200,
    deliveriesPerSecond: Math.round(timed.length / seconds),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
  };
}

export async function ipnThroughput({ count = 1000, inFlight = 8 } = {}) {
  const material = await deliveries(count + 20);
  // An untimed pass first: the first thousand deliveries run 2-3x slower while V8 optimises the path.
  await measure(createMemoryIpnStore(), await deliveries(Math.max(count, 1000) + 20), inFlight);
  const stores = {};
  const cleanups = [];
  try {
    stores.memory = await measure(createMemoryIpnStore({ maxEntries: 100_000 }), material, inFlight);
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
      const store = createSqlIpnStore({ dialect: 'postgres', query: (sql, params) => pool.query(sql, params) });
      await store.createTable();
      stores.postgresql = await measure(store, material, inFlight);
    } catch (error) {
      stores.postgresql = { error: error.message };
    }
    try {
      const redis = await startRedis();
      cleanups.push(redis.stop);
      const client = createClient({ socket: { path: redis.path } });
      await client.connect();
      cleanups.unshift(() => client.close());
      stores.redis = await measure(
        createRedisIpnStore({ command: (args) => client.sendCommand(args) }),
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
  return {
    inFlight,
    deliveriesPerStore: count,
    loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
    transport: 'in-process Request objects (no HTTP); engines on Unix sockets',
    stores,
  };
}
