// The Hono checks in this runtime (node, bun or deno run this file), through Hono's own `app.request`.
import process from 'node:process';
import { report } from './report.mjs';

const name = process.argv.at(-1);
const { checkHono } = await import(new URL('../.build/hono-check.js', import.meta.url).href);
let result;
try {
  result = await checkHono();
} catch (error) {
  result = { passed: 0, failed: 1, failures: [`hono: ${error?.stack ?? error}`] };
}
report(name, result, 'Hono middleware and IPN route');
