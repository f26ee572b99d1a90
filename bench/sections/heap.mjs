// 9. Memory: heap growth over many signed requests in Node (issue 16: "a few MB"; no leak in caches, timers or
// listeners). A child process with --expose-gc, so the GCs forced before and after are real and nothing else
// lives in its heap.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/fixtures.mjs';
import { runJson } from '../lib/child.mjs';
import { verifySignedRequest } from '../lib/verify-signed.mjs';

export async function heapGrowth({ keys, tempDir, count }) {
  const pemFile = join(tempDir, 'heap-key.pem');
  writeFileSync(pemFile, keys.pem, { mode: 0o600 });
  const result = await runJson(
    process.execPath,
    ['--expose-gc', join(BENCH_DIR, 'probes', 'heap-probe.mjs'), pemFile, String(count)],
    { timeoutMs: 600_000 },
  );
  const { url, method, headers, body } = result.firstRequest;
  if (!verifySignedRequest(keys.publicKey, { method, path: new URL(url).pathname, body, headers }))
    throw new Error('The heap probe sent a request whose signature does not verify.');
  const round = (x) => Number(x.toFixed(2));
  return {
    unit: 'MB of V8 heap in use after forced GC (heapUsed)',
    requests: result.count,
    seconds: round(result.seconds),
    heapBeforeMB: round(result.heapBeforeMB),
    heapAfterMB: round(result.heapAfterMB),
    growthMB: round(result.growthMB),
    samplesMB: result.samplesMB.map(round),
    activeResourcesBefore: result.activeResourcesBefore,
    activeResourcesAfter: result.activeResourcesAfter,
  };
}
