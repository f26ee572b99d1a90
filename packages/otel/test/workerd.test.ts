// The OpenTelemetry hooks inside workerd (Miniflare) with Node compatibility off: the API, the SDK, the
// sandbox and core bundled by esbuild for the browser platform (the SDK swaps in its browser files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ape-otel-workerd-'));
let mf: Miniflare | undefined;

beforeAll(async () => {
  const scriptPath = join(dir, 'worker.js');
  await build({
    entryPoints: [new URL('./fixtures/worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: scriptPath,
    logLevel: 'silent',
  });
  mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dir,
    // The newest date this workerd (miniflare 4.20260426.0) supports is 2026-05-03.
    compatibilityDate: '2026-05-01',
    compatibilityFlags: ['no_nodejs_compat', 'no_nodejs_compat_v2'],
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('traces a checkout in workerd without Node compatibility', async () => {
  const res = await mf!.dispatchFetch('http://localhost/');
  const result = (await res.json()) as Record<string, unknown>;
  expect(result['error'], String(result['stack'])).toBeUndefined();
  expect(result).toMatchObject({ ok: true, noSdk: 'Completed', withSdk: 'Completed', nodeGlobals: [] });
  expect(result['spans']).toEqual([
    { name: 'POST /v2/checkoutSessions', kind: 2, parent: 'createCheckoutSession', status: 201, resend: null },
    { name: 'createCheckoutSession', kind: 0, parent: 'order', status: 201, resend: null },
    {
      name: 'POST /v2/checkoutSessions/{checkoutSessionId}/complete',
      kind: 2,
      parent: 'completeCheckoutSession',
      status: 503,
      resend: null,
    },
    {
      name: 'POST /v2/checkoutSessions/{checkoutSessionId}/complete',
      kind: 2,
      parent: 'completeCheckoutSession',
      status: 200,
      resend: 1,
    },
    { name: 'completeCheckoutSession', kind: 0, parent: 'order', status: 200, resend: null },
    { name: 'order', kind: 0, parent: null, status: null, resend: null },
  ]);
});
