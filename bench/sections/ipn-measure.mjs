// The IPN bench's measuring loop, runtime-neutral (Web APIs only) so Node, workerd and Deno run the same code:
// distinct SNS-signed deliveries (signed before timing) through createIpnHandler, `inFlight` at a time, in the
// synchronous mode (claim store) or the durable mode (enqueue, 200; then a separate drain by processDue).
import { createIpnHandler, createIpnVerifier } from '@amazon-pay-edge/core';
import { createSigningIdentity } from '../../packages/sandbox/dist/ipn/certificate.js';
import { snsStringToSign } from '../../packages/sandbox/dist/ipn/envelope.js';

export const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-bench.pem';
export const WARM_UP = 20;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const round = (v) => Number(v.toFixed(3));

/** `count` distinct signed deliveries and the certificate that verifies them. */
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
    const signature = await identity.sign('SHA-256', snsStringToSign(envelope));
    envelope.Signature = btoa(Array.from(signature, (b) => String.fromCharCode(b)).join(''));
    bodies.push(JSON.stringify(envelope));
  }
  return { bodies, certificatePem: identity.certificatePem };
}

const fetchFor = (certificatePem) => async (url) =>
  new Response(url === CERT_URL ? certificatePem : 'not found', { status: url === CERT_URL ? 200 : 404 });

/**
 * Deliveries per second and per-delivery latency through the handler. `target` is `{ store }` (synchronous
 * mode: verify, claim, handler, complete) or `{ queue }` (durable mode: verify, enqueue, answer 200; the
 * stored entries are then drained by processDue, timed apart).
 */
export async function measure(target, { bodies, certificatePem }, inFlight) {
  let runs = 0;
  const handler = createIpnHandler({
    verifier: createIpnVerifier({ fetch: fetchFor(certificatePem) }),
    handle: () => void runs++,
    ...(target.queue ? { durable: { queue: target.queue, processOnReceipt: false } } : { store: target.store }),
  });
  const post = (body) => handler(new Request('http://127.0.0.1/ipn', { method: 'POST', body }));
  // Warm-up: certificate fetch and connection pools.
  for (const body of bodies.slice(0, WARM_UP)) await post(body);
  const timed = bodies.slice(WARM_UP);
  const latencies = [];
  let next = 0;
  let non200 = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < timed.length) {
        const body = timed[next++];
        const start = performance.now();
        const response = await post(body);
        latencies.push(performance.now() - start);
        if (response.status !== 200) non200++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    deliveries: timed.length,
    non200,
    deliveriesPerSecond: Math.round(timed.length / seconds),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
  };
  if (!target.queue) return { ...result, handlerRuns: runs - WARM_UP };
  // The durable mode's other half: one processor draining what was stored (the warm-up's entries too).
  runs = 0;
  const d0 = performance.now();
  while ((await handler.processDue({ limit: 50 })).processed > 0);
  const drainedPerSecond = Math.round(runs / ((performance.now() - d0) / 1000));
  return { ...result, handlerRuns: runs - WARM_UP, drainedPerSecond };
}
