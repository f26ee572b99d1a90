// Fault soak: 300 checkouts (create, approve, complete, refund) through the SDK against the sandbox while
// 30% of the SDK's requests fail: 429/500/503 before processing, 503 or a dropped connection after
// processing, and answers slower than the timeout (before processing, and after it with a wait that
// ignores the abort signal). Every flow must complete with exactly one charge and one refund, counted
// from the sandbox's store. Short timeouts and no back-off waits keep it to seconds.
import { describe, expect, it } from 'vitest';
import type { SandboxFault } from '../src/index.js';
import { checkout, clientFor, setup, usd } from './helpers.js';

const FLOWS = 300;
const CONCURRENCY = 6;
const FAILURE_RATE = 0.3;
const TIMEOUT_MS = 60;

/** mulberry32: a seeded PRNG, so a failing run can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'before-429' | 'before-500' | 'before-503' | 'after-503' | 'after-drop' | 'slow-before' | 'slow-after';
const KINDS: readonly Kind[] = [
  'before-429',
  'before-500',
  'before-503',
  'after-503',
  'after-drop',
  'slow-before',
  'slow-after',
];
const FAULTS: Record<Exclude<Kind, 'slow-after'>, SandboxFault> = {
  'before-429': { status: 429, headers: { 'retry-after': '0' } },
  'before-500': { status: 500 },
  'before-503': { status: 503 },
  'after-503': { status: 503, when: 'after' },
  'after-drop': { drop: true, when: 'after' },
  'slow-before': { delayMs: TIMEOUT_MS * 3 },
};

describe('fault soak', () => {
  it(`${FLOWS} checkouts with ${FAILURE_RATE * 100}% of requests failing: every flow completes, one charge and one refund each`, async () => {
    const seed = 0x5eed10;
    const random = prng(seed);
    const { sandbox } = setup();
    const injected: Record<Kind, number> = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    let requests = 0;
    const faultyFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      requests++;
      if (random() >= FAILURE_RATE) return sandbox.fetch(input, init);
      const kind = KINDS[Math.floor(random() * KINDS.length)]!;
      injected[kind]++;
      if (kind === 'slow-after') {
        // Processed, then the answer takes longer than the timeout and ignores the abort signal.
        const response = await sandbox.fetch(input, init);
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
        return response;
      }
      // Taken synchronously by the very next sandbox.fetch call (this one): faults are matched on arrival.
      sandbox.faults.push({ ...FAULTS[kind] });
      return sandbox.fetch(input, init);
    };
    const client = clientFor(sandbox, {
      fetch: faultyFetch,
      timeout: TIMEOUT_MS,
      maxRetries: 10,
      sleep: async () => {},
    });

    const outcomes: { chargePermissionId: string; chargeId: string; refundId: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < FLOWS) {
        const flow = next++;
        const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount: '20.00' });
        expect(done.data.statusDetails.state, `flow ${flow}`).toBe('Completed');
        const refund = await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('5.00') });
        outcomes.push({
          chargePermissionId: done.data.chargePermissionId!,
          chargeId: done.data.chargeId!,
          refundId: refund.data.refundId,
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(outcomes).toHaveLength(FLOWS);
    // The fault mix really happened, at about the configured rate.
    const failures = Object.values(injected).reduce((a, b) => a + b, 0);
    expect(failures / requests).toBeGreaterThan(0.2);
    for (const kind of KINDS) expect(injected[kind], kind).toBeGreaterThan(10);

    // Counted from the store: one charge and one refund per charge permission, and nothing else.
    const charges = (await sandbox.store.list('charge')) as { chargeId: string; chargePermissionId: string }[];
    const refunds = (await sandbox.store.list('refund')) as { refundId: string; chargeId: string }[];
    const chargesPerPermission = new Map<string, number>();
    for (const c of charges)
      chargesPerPermission.set(c.chargePermissionId, (chargesPerPermission.get(c.chargePermissionId) ?? 0) + 1);
    const refundsPerCharge = new Map<string, number>();
    for (const r of refunds) refundsPerCharge.set(r.chargeId, (refundsPerCharge.get(r.chargeId) ?? 0) + 1);
    expect([...charges]).toHaveLength(FLOWS);
    expect([...refunds]).toHaveLength(FLOWS);
    for (const o of outcomes) {
      expect(chargesPerPermission.get(o.chargePermissionId)).toBe(1);
      expect(refundsPerCharge.get(o.chargeId)).toBe(1);
    }
  }, 120_000);
});
