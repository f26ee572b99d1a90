// The same short lifecycle inside workerd (Miniflare), with Node compatibility switched off: the sandbox
// and the core client bundled by esbuild, nothing from Node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ape-sandbox-workerd-'));
let mf: Miniflare | undefined;

beforeAll(async () => {
  const scriptPath = join(dir, 'worker.js');
  await build({
    entryPoints: [new URL('./fixtures/worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    outfile: scriptPath,
    logLevel: 'silent',
  });
  mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dir,
    // The newest date this workerd (miniflare 4.20260426.0) supports is 2026-05-03; later dates refuse to start.
    compatibilityDate: '2026-05-01',
    compatibilityFlags: ['no_nodejs_compat', 'no_nodejs_compat_v2'],
  });
  await mf.ready;
});

afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('runs the lifecycle in workerd without Node compatibility', async () => {
  const res = await mf!.dispatchFetch('http://localhost/');
  const result = (await res.json()) as { ok: boolean; seen?: Record<string, unknown>; error?: string; stack?: string };
  expect(result.error, result.stack).toBeUndefined();
  expect(result.ok).toBe(true);
  expect(result.seen).toEqual({
    created: 'Open',
    approval: '303 /result',
    completed: 'Completed',
    captured: 'Captured',
    refund: 'RefundInitiated',
    refunded: 'Refunded',
    refundedAmount: { amount: '4.99', currencyCode: 'USD' },
    // CHARGE_PERMISSION twice: Chargeable, then Closed once the whole order amount was captured.
    ipn: ['CHARGE', 'CHARGE', 'CHARGE_PERMISSION', 'CHARGE_PERMISSION', 'REFUND', 'REFUND'],
    tampered: '403 InvalidRequestSignature',
    nodeGlobals: [],
  });
});
