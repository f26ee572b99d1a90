/**
 * The IPN store contract, run unchanged against every adapter on its real engine (Node: memory, PostgreSQL,
 * Redis, D1, Durable Objects; Deno: Deno KV). Store-level checks (claim / complete / release, lease expiry,
 * retention) and inbox-level races: >= 20 SNS-signed deliveries of one notification from several handler
 * instances, each delivery retried like SNS retries a 5xx, counting handler runs and lost deliveries.
 */
import { createIpnHandler, createIpnVerifier, type IpnQueueStore, type IpnStore } from '@amazon-pay-edge/core';
import { createSigningIdentity } from '../../packages/sandbox/src/ipn/certificate.js';
import { snsStringToSign } from '../../packages/sandbox/src/ipn/envelope.js';

/** Runs each named case, counting and logging passes and failures (with the stack) into `result`. */
async function runCases<R extends { passed: number; failed: number; failures: string[] }>(
  subject: string,
  cases: Case[],
  result: R,
  log: (line: string) => void,
): Promise<R> {
  for (const [name, run] of cases) {
    try {
      await run();
      result.passed++;
      log(`  ok   ${subject}: ${name}`);
    } catch (error) {
      result.failed++;
      const line = `${subject}: ${name}: ${(error as Error)?.stack ?? String(error)}`;
      result.failures.push(line);
      log(`  FAIL ${line}`);
    }
  }
  return result;
}

export interface ContractResult {
  name: string;
  passed: number;
  failed: number;
  failures: string[];
  figures: string[];
}

/** `clients` gives each simulated instance its own store object (its own connection where the engine has one). */
export interface StoreUnderTest {
  name: string;
  store(instance: number): IpnStore | Promise<IpnStore>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unique = 0;
const uid = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(++unique).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
function equal<T>(actual: T, expected: T, what: string): void {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-contract.pem';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:contract';

/** A real SNS-signed delivery stream (SignatureVersion 2) for one identity. */
export async function snsSigner() {
  const identity = await createSigningIdentity(crypto.subtle, Date.now(), 'sns.amazonaws.com');
  const fetch = async (url: string) =>
    url === CERT_URL
      ? new Response(identity.certificatePem, { status: 200 })
      : new Response('not found', { status: 404 });
  const verifier = () => createIpnVerifier({ fetch });
  const deliveryOf = async (notificationId: string, messageId: string): Promise<string> => {
    const message = {
      MerchantID: 'AEDGE0000CONTRACT',
      ObjectType: 'CHARGE',
      ObjectId: 'S01-0000000-0000000-C000001',
      ChargePermissionId: 'S01-0000000-0000000',
      NotificationType: 'STATE_CHANGE',
      NotificationId: notificationId,
      NotificationVersion: 'V2',
    };
    const envelope: Record<string, string> = {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: TOPIC_ARN,
      Message: JSON.stringify(message),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      SigningCertURL: CERT_URL,
    };
    const signature = await identity.sign('SHA-256', snsStringToSign(envelope));
    envelope['Signature'] = btoa(String.fromCharCode(...signature));
    return JSON.stringify(envelope);
  };
  return { verifier, deliveryOf, certificatePem: identity.certificatePem, certUrl: CERT_URL };
}

type Case = [string, () => Promise<void>];

export async function runStoreContract(
  subject: StoreUnderTest,
  log: (line: string) => void = console.log,
): Promise<ContractResult> {
  const result: ContractResult = { name: subject.name, passed: 0, failed: 0, failures: [], figures: [] };
  const store = await subject.store(0);
  const other = await subject.store(1);
  const signer = await snsSigner();

  /** SNS: retry on anything but 2xx (4xx would drop it: counted as lost), up to `attempts` times. */
  const race = async (label: string, options: { deliveries: number; instances: number; failFirst: number }) => {
    const notificationId = uid('n');
    let runs = 0;
    let successes = 0;
    const handlers = await Promise.all(
      Array.from({ length: options.instances }, async (_, i) =>
        createIpnHandler({
          verifier: signer.verifier(),
          store: await subject.store(i),
          // Generous, so a loaded machine (D1 in workerd is slow then) neither expires a lease nor runs out the
          // handler's budget mid-run; these cases are about the race, not about timing.
          leaseMs: 60_000,
          timeoutMs: 30_000,
          handle: async () => {
            const run = ++runs;
            await sleep(5);
            if (run <= options.failFirst) throw new Error(`injected failure ${run}`);
            successes++;
          },
        }),
      ),
    );
    // Amazon may send one notification under several MessageIds; SNS retries keep each MessageId.
    const bodies = await Promise.all(
      Array.from({ length: options.deliveries }, (_, i) =>
        signer.deliveryOf(notificationId, `m-${i % 4}-${notificationId}`),
      ),
    );
    const statuses: number[] = [];
    let lost = 0;
    await Promise.all(
      bodies.map(async (body, i) => {
        // Like SNS, retry 5xx; give up (counted as lost) only after a minute without a 2xx.
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const response = await handlers[i % handlers.length]!(
            new Request('http://127.0.0.1/ipn', { method: 'POST', body }),
          );
          statuses.push(response.status);
          if (response.status >= 200 && response.status < 300) return;
          if (response.status >= 400 && response.status < 500) break;
          await sleep(10 + Math.random() * 20);
        }
        lost++;
      }),
    );
    const line =
      `${subject.name} ${label}: deliveries=${options.deliveries} instances=${options.instances} handler runs=${runs} ` +
      `(successful ${successes}, injected failures ${Math.min(runs, options.failFirst)}) lost=${lost} ` +
      `answers: ${[...new Set(statuses)]
        .sort()
        .map((s) => `${s}x${statuses.filter((x) => x === s).length}`)
        .join(' ')}`;
    result.figures.push(line);
    log(`  [figures] ${line}`);
    check(!statuses.some((s) => s >= 400 && s < 500), `a delivery got a 4xx: ${statuses.join(',')}`);
    equal(lost, 0, 'lost deliveries');
    equal(successes, 1, 'successful handler runs');
    equal(runs, options.failFirst + 1, 'handler runs');
  };

  const cases: Case[] = [
    [
      'claim, then busy for another token, complete, then done',
      async () => {
        const key = uid('k');
        equal(await store.claim(key, 'a', 5_000), 'claimed', 'first claim');
        equal(await other.claim(key, 'b', 5_000), 'busy', 'claim while leased');
        equal(await other.complete(key, 'b', 5_000), false, 'complete with a foreign token');
        equal(await store.complete(key, 'a', 5_000), true, 'complete with the holder token');
        equal(await other.claim(key, 'c', 5_000), 'done', 'claim after done');
        equal(await store.complete(key, 'a', 5_000), false, 'complete twice');
      },
    ],
    [
      'release frees the key only for the holder',
      async () => {
        const key = uid('k');
        equal(await store.claim(key, 'a', 5_000), 'claimed', 'first claim');
        await other.release(key, 'b');
        equal(await other.claim(key, 'b', 5_000), 'busy', 'claim after a foreign release');
        await store.release(key, 'a');
        equal(await other.claim(key, 'b', 5_000), 'claimed', 'claim after release');
        await store.release(key, 'a');
        equal(await store.claim(key, 'c', 5_000), 'busy', 'a stale release did not drop the new claim');
      },
    ],
    [
      'an expired lease can be taken over, and its old holder can no longer complete',
      async () => {
        const key = uid('k');
        equal(await store.claim(key, 'a', 300), 'claimed', 'first claim');
        equal(await other.claim(key, 'b', 300), 'busy', 'claim inside the lease');
        await sleep(600);
        equal(await other.claim(key, 'b', 5_000), 'claimed', 'claim after the lease expired');
        equal(await store.complete(key, 'a', 5_000), false, 'complete by the expired holder');
        await store.release(key, 'a');
        equal(await store.claim(key, 'c', 5_000), 'busy', 'the expired holder did not release the new claim');
        equal(await other.complete(key, 'b', 5_000), true, 'complete by the new holder');
      },
    ],
    [
      'a done key is retained for retentionMs, then claimable again',
      async () => {
        const key = uid('k');
        equal(await store.claim(key, 'a', 5_000), 'claimed', 'first claim');
        equal(await store.complete(key, 'a', 400), true, 'complete');
        equal(await other.claim(key, 'b', 5_000), 'done', 'claim within retention');
        await sleep(800);
        equal(await other.claim(key, 'b', 5_000), 'claimed', 'claim after retention');
      },
    ],
    [
      'different keys do not interfere',
      async () => {
        const [k1, k2] = [uid('k'), uid('k')];
        equal(await store.claim(k1, 'a', 5_000), 'claimed', 'k1');
        equal(await other.claim(k2, 'b', 5_000), 'claimed', 'k2');
      },
    ],
    [
      '24 racing deliveries from 4 instances: one handler run, none lost',
      () => race('race', { deliveries: 24, instances: 4, failFirst: 0 }),
    ],
    [
      '24 racing deliveries, first 3 runs fail: one successful run, none lost',
      () => race('race+failures', { deliveries: 24, instances: 4, failFirst: 3 }),
    ],
  ];

  return runCases(subject.name, cases, result, log);
}

export interface QueueUnderTest {
  name: string;
  queue(instance: number): IpnQueueStore | Promise<IpnQueueStore>;
}

/** The durable inbox's store (IpnQueueStore) contract, and the durable handler racing on it. */
export async function runQueueContract(
  subject: QueueUnderTest,
  log: (line: string) => void = console.log,
): Promise<ContractResult> {
  const result: ContractResult = { name: subject.name, passed: 0, failed: 0, failures: [], figures: [] };
  const queue = await subject.queue(0);
  const signer = await snsSigner();
  const drain = async (token: string) => {
    const taken = await queue.takeDue(1000, token, 60_000);
    for (const entry of taken) await queue.succeed(entry.key, token, 60_000);
    return taken.length;
  };
  const cases: Case[] = [
    [
      'enqueue stores a key once',
      async () => {
        await drain(uid('t'));
        const key = uid('q');
        equal(await queue.enqueue(key, 'payload'), true, 'first enqueue');
        equal(await (await subject.queue(1)).enqueue(key, 'payload'), false, 'second enqueue');
        const [entry] = await queue.takeDue(10, 'a', 60_000);
        equal(entry?.key, key, 'taken key');
        equal(entry?.payload, 'payload', 'payload');
        equal(await queue.succeed(key, 'a', 60_000), true, 'succeed');
        equal(await queue.enqueue(key, 'payload'), false, 'enqueue after done, within retention');
      },
    ],
    [
      '4 processors racing over 30 entries take each exactly once',
      async () => {
        await drain(uid('t'));
        const keys = Array.from({ length: 30 }, () => uid('q'));
        for (const key of keys) await queue.enqueue(key, key);
        const seen: string[] = [];
        await Promise.all(
          Array.from({ length: 4 }, async (_, i) => {
            const own = await subject.queue(i);
            const token = uid('p');
            for (;;) {
              const taken = await own.takeDue(3, token, 60_000);
              if (taken.length === 0) return;
              for (const entry of taken) {
                seen.push(entry.key);
                equal(await own.succeed(entry.key, token, 60_000), true, 'succeed own lease');
              }
            }
          }),
        );
        equal(seen.length, 30, 'entries taken');
        equal(new Set(seen).size, 30, 'distinct entries taken');
        const line = `${subject.name} queue race: entries=30 processors=4 taken=${seen.length} distinct=${new Set(seen).size}`;
        result.figures.push(line);
        log(`  [figures] ${line}`);
      },
    ],
    [
      '4 processors racing over 30 entries, one crashing with its lease held: each processed once, none lost',
      async () => {
        await drain(uid('t'));
        const keys = Array.from({ length: 30 }, () => uid('q'));
        for (const key of keys) await queue.enqueue(key, key);
        // The crashed processor takes 3 entries under a short lease and never reports (process killed).
        const crashed = await (await subject.queue(3)).takeDue(3, uid('crash'), 400);
        equal(crashed.length, 3, 'entries taken by the processor that crashes');
        const processed: string[] = [];
        let takes = 0;
        const work = async (i: number) => {
          const own = await subject.queue(i);
          const token = uid('p');
          for (;;) {
            const taken = await own.takeDue(2, token, 60_000);
            if (taken.length === 0) return;
            takes += taken.length;
            for (const entry of taken) if (await own.succeed(entry.key, token, 60_000)) processed.push(entry.key);
          }
        };
        await Promise.all([0, 1, 2].map(work));
        await sleep(700);
        // The next scheduled run: the lapsed leases are due again and other processors take them.
        await Promise.all([0, 1, 2].map(work));
        const lost = keys.filter((k) => !processed.includes(k)).length;
        const line =
          `${subject.name} queue race+crash: entries=30 processors=4 (1 crashed holding 3) taken=${takes} ` +
          `processed=${processed.length} distinct=${new Set(processed).size} lost=${lost}`;
        result.figures.push(line);
        log(`  [figures] ${line}`);
        equal(lost, 0, 'lost entries');
        equal(processed.length, 30, 'entries processed');
        equal(new Set(processed).size, 30, 'distinct entries processed');
        equal(takes, 30, 'takes by the live processors');
        for (const entry of crashed)
          equal(await queue.succeed(entry.key, 'crash', 60_000), false, 'the crashed holder cannot record');
      },
    ],
    [
      'a failure is retried after its delay; the last attempt makes a dead letter; replay queues it again',
      async () => {
        await drain(uid('t'));
        const key = uid('q');
        await queue.enqueue(key, 'p');
        let [entry] = await queue.takeDue(10, 'a', 60_000);
        equal(await queue.fail(key, 'a', { delayMs: 400, dead: false, error: 'outage' }), true, 'fail');
        equal((await queue.takeDue(10, 'b', 60_000)).length, 0, 'not due during the delay');
        await sleep(700);
        [entry] = await queue.takeDue(10, 'b', 60_000);
        equal(entry?.attempts, 1, 'attempts after one failure');
        equal(await queue.fail(key, 'b', { delayMs: 0, dead: true, error: 'still down' }), true, 'fail for good');
        const dead = (await queue.list('dead', 100)).filter((d) => d.key === key);
        equal(dead.length, 1, 'dead letters');
        equal(dead[0]?.lastError, 'still down', 'last error');
        equal(dead[0]?.attempts, 2, 'attempts');
        equal((await queue.takeDue(10, 'c', 60_000)).length, 0, 'a dead letter is not taken');
        equal(await queue.replay(key), true, 'replay');
        [entry] = await queue.takeDue(10, 'c', 60_000);
        equal(entry?.key, key, 'replayed entry taken');
        equal(await queue.succeed(key, 'c', 60_000), true, 'succeed after replay');
      },
    ],
    [
      'a lapsed lease is taken again, and its old holder can no longer record an outcome',
      async () => {
        await drain(uid('t'));
        const key = uid('q');
        await queue.enqueue(key, 'p');
        equal((await queue.takeDue(10, 'a', 300)).length, 1, 'first take');
        equal((await queue.takeDue(10, 'b', 300)).length, 0, 'leased');
        await sleep(600);
        equal((await queue.takeDue(10, 'b', 60_000))[0]?.key, key, 'taken after the lease lapsed');
        equal(await queue.succeed(key, 'a', 60_000), false, 'old holder succeed');
        equal(await queue.fail(key, 'a', { delayMs: 0, dead: true, error: 'x' }), false, 'old holder fail');
        equal(await queue.succeed(key, 'b', 60_000), true, 'new holder succeed');
      },
    ],
    [
      'durable handler: 24 racing deliveries from 4 instances, first 2 runs fail: one successful run, none lost',
      async () => {
        await drain(uid('t'));
        const notificationId = uid('n');
        let runs = 0;
        let successes = 0;
        const handlers = await Promise.all(
          Array.from({ length: 4 }, async (_, i) =>
            createIpnHandler({
              verifier: signer.verifier(),
              handle: async () => {
                const run = ++runs;
                await sleep(5);
                if (run <= 2) throw new Error(`injected failure ${run}`);
                successes++;
              },
              durable: { queue: await subject.queue(i), backoffMs: () => 1, maxAttempts: 5 },
            }),
          ),
        );
        const bodies = await Promise.all(
          Array.from({ length: 24 }, (_, i) => signer.deliveryOf(notificationId, `m-${i % 4}-${notificationId}`)),
        );
        const statuses = await Promise.all(
          bodies.map(
            async (body, i) =>
              (await handlers[i % 4]!(new Request('http://127.0.0.1/ipn', { method: 'POST', body }))).status,
          ),
        );
        // The schedule: every instance processes until nothing is due.
        for (let round = 0; round < 50 && successes === 0; round++) {
          await Promise.all(handlers.map((h) => h.processDue()));
          await sleep(5);
        }
        const lost = statuses.filter((s) => s < 200 || s >= 300).length + (successes === 0 ? 1 : 0);
        const line = `${subject.name} durable race+failures: deliveries=24 instances=4 handler runs=${runs} (successful ${successes}, injected failures 2) lost=${lost}`;
        result.figures.push(line);
        log(`  [figures] ${line}`);
        equal(lost, 0, 'lost');
        equal(successes, 1, 'successful runs');
        equal(runs, 3, 'handler runs');
      },
    ],
    [
      'durable handler: a notification that keeps failing is a dead letter after maxAttempts; replay processes it',
      async () => {
        await drain(uid('t'));
        const notificationId = uid('n');
        let runs = 0;
        let down = true;
        const inbox = createIpnHandler({
          verifier: signer.verifier(),
          handle: async () => {
            runs++;
            if (down) throw new Error('downstream unavailable');
          },
          durable: { queue: await subject.queue(0), backoffMs: () => 1, maxAttempts: 3, processOnReceipt: false },
        });
        const body = await signer.deliveryOf(notificationId, `m-${notificationId}`);
        const response = await inbox(new Request('http://127.0.0.1/ipn', { method: 'POST', body }));
        equal(response.status, 200, 'answer to SNS');
        for (let round = 0; round < 50 && runs < 3; round++) {
          await inbox.processDue();
          await sleep(5);
        }
        await sleep(20);
        await inbox.processDue();
        equal(runs, 3, 'handler runs before the dead letter');
        const dead = (await inbox.deadLetters()).filter((d) => d.key === `notification:${notificationId}`);
        equal(dead.length, 1, 'listed dead letters');
        equal(dead[0]?.attempts, 3, 'attempts recorded');
        equal(dead[0]?.lastError, 'downstream unavailable', 'last error');
        down = false;
        equal(await inbox.replay(dead[0]!.key), true, 'replay');
        equal(await inbox.replay(dead[0]!.key), false, 'replay of an entry no longer dead');
        await inbox.processDue();
        const done = (await queue.list('done', 1000)).some((d) => d.key === dead[0]!.key);
        const line = `${subject.name} durable dead letter: maxAttempts=3 handler runs=${runs} (3 failed, then replayed) done=${done}`;
        result.figures.push(line);
        log(`  [figures] ${line}`);
        equal(runs, 4, 'handler runs after the replay');
        check(done, 'the replayed notification is done');
        equal((await inbox.deadLetters()).filter((d) => d.key === dead[0]!.key).length, 0, 'dead letters after replay');
      },
    ],
  ];
  return runCases(subject.name, cases, result, log);
}
