// Conformance in Vercel's Edge Runtime (`edge-runtime`, the `EdgeRuntime` VM that `next dev` and `vercel dev`
// use for edge routes): the suite and the built core bundled into one classic script (.build/edge.js),
// evaluated as the runtime's initial code; a fetch event runs the suite, whose global `fetch` reaches the
// fake Amazon Pay server on a throwaway node:http server on 127.0.0.1 (port 0).
// Usage: node runners/edge.mjs <result-name>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import process from 'node:process';
import { EdgeRuntime } from 'edge-runtime';
import { createFakeAmazonPay } from '../.build/suite.js';
import { sendFetchResponse, toFetchRequest } from '@amazon-pay-edge/node';
import { report } from './report.mjs';

const name = process.argv[2] ?? 'conformance-edge-runtime';
const version = createRequire(import.meta.url)('edge-runtime/package.json').version;
const fake = createFakeAmazonPay();
let amazonRequests = 0;
const server = createServer(async (req, res) => {
  try {
    amazonRequests++;
    await sendFetchResponse(res, await fake.handle(await toFetchRequest(req)));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const runtime = new EdgeRuntime({ initialCode: readFileSync(new URL('../.build/edge.js', import.meta.url), 'utf8') });
  const baseUrl = `http://127.0.0.1:${server.address().port}/amazon`;
  const response = await runtime.dispatchFetch(`http://edge.test/run?baseUrl=${encodeURIComponent(baseUrl)}`);
  await response.waitUntil();
  const text = await response.text();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new Error(`the Edge Runtime answered ${response.status} with non-JSON: ${text.slice(0, 500)}`);
  }
  const { result, lines, environment } = payload;
  if (process.env.CONFORMANCE_VERBOSE === '1') for (const line of lines) console.log(line);
  // Runner-level checks: really the Edge Runtime (no Node globals), and the calls really went over HTTP.
  const expectations = [
    [environment.EdgeRuntime === 'edge-runtime', `globalThis.EdgeRuntime is ${environment.EdgeRuntime}`],
    [environment.process === 'undefined', `typeof process is ${environment.process} inside the VM`],
    [environment.require === 'undefined', `typeof require is ${environment.require} inside the VM`],
    [amazonRequests > 0, 'the Edge Runtime made no request to the fake Amazon Pay server'],
  ];
  for (const [ok, why] of expectations) {
    if (ok) result.passed++;
    else {
      result.failed++;
      result.failures.push(`environment: ${why}`);
    }
  }
  report(name, result, `Vercel Edge Runtime (edge-runtime ${version})`);
} finally {
  server.closeAllConnections();
  server.close();
}
