// Conformance in workerd through Miniflare: the suite and the built core bundled into one Worker
// (.build/worker.js), run with Node compatibility off (`no_nodejs_compat`, `no_nodejs_compat_v2`) or on
// (`nodejs_compat`). Every fetch the Worker makes goes to Miniflare's outboundService, which is the
// suite's fake Amazon Pay server running here in Node: nothing reaches the internet.
// Usage: node runners/workerd.mjs <clean|nodejs-compat> <result-name>
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { createFakeAmazonPay } from '../.build/suite.js';
import { report } from './report.mjs';

/** The newest date this workerd (1.20260426) accepts; from 2026-08-04 nodejs_compat becomes the default. */
export const COMPATIBILITY_DATE = '2026-05-03';
const VARIANTS = {
  clean: { flags: ['no_nodejs_compat', 'no_nodejs_compat_v2'], expect: { process: 'undefined', Buffer: 'undefined' } },
  'nodejs-compat': { flags: ['nodejs_compat'], expect: { process: 'object', Buffer: 'function' } },
};

const variant = VARIANTS[process.argv[2] ?? 'clean'];
const name = process.argv[3] ?? 'conformance-workerd';
if (!variant) throw new Error(`unknown variant ${process.argv[2]}; use one of ${Object.keys(VARIANTS).join(', ')}`);

const fake = createFakeAmazonPay();
let outbound = 0;
const mf = new Miniflare({
  modules: true,
  scriptPath: fileURLToPath(new URL('../.build/worker.js', import.meta.url)),
  compatibilityDate: COMPATIBILITY_DATE,
  compatibilityFlags: variant.flags,
  outboundService: (request) => {
    outbound++;
    return fake.handle(request);
  },
});
try {
  const response = await mf.dispatchFetch('http://conformance.test/run');
  const text = await response.text();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new Error(`the Worker answered ${response.status} with non-JSON: ${text.slice(0, 500)}`);
  }
  const { result, lines, environment } = payload;
  if (process.env.CONFORMANCE_VERBOSE === '1') for (const line of lines) console.log(line);
  // Runner-level checks: the flags took effect, and the calls really went through the outbound service.
  for (const [global, type] of Object.entries(variant.expect)) {
    if (environment[global] === type) result.passed++;
    else {
      result.failed++;
      result.failures.push(
        `environment: typeof ${global} is ${environment[global]}, expected ${type} with ${variant.flags.join(', ')}`,
      );
    }
  }
  if (outbound > 0) result.passed++;
  else {
    result.failed++;
    result.failures.push('outboundService: the Worker made no request through it');
  }
  report(name, result, `workerd (Miniflare ${COMPATIBILITY_DATE}, ${variant.flags.join(', ')})`);
} finally {
  await mf.dispose();
}
