// The Hono checks in workerd (Miniflare), through the Worker's fetch handler and its ExecutionContext.
import { Miniflare } from 'miniflare';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { report } from './report.mjs';

const name = process.argv.at(-1);
const mf = new Miniflare({
  modules: true,
  script: readFileSync(new URL('../.build/hono-worker.js', import.meta.url), 'utf8'),
  compatibilityDate: '2026-04-20',
});
let result;
try {
  const response = await mf.dispatchFetch('http://127.0.0.1/');
  result = await response.json();
} catch (error) {
  result = { passed: 0, failed: 1, failures: [`hono in workerd: ${error?.stack ?? error}`] };
} finally {
  await mf.dispose();
}
report(name, result, 'Hono middleware and IPN route (workerd)');
