/**
 * The conformance suite: one list of checks, plain async functions, no Node APIs, importing only the
 * built `@amazon-pay-edge/core`. Every runner (Node, Bun, Deno, workerd, a Chromium page and service
 * worker) calls `runSuite()` and reports its counts.
 */
import { apiCallChecks } from './checks/api-calls.js';
import { buttonChecks } from './checks/button.js';
import { errorChecks } from './checks/errors.js';
import { hostileChecks } from './checks/hostile.js';
import { keyChecks } from './checks/keys.js';
import { leanChecks } from './checks/lean.js';
import { signerChecks } from './checks/signer.js';
import { vectorChecks } from './checks/vectors.js';
import { createContext, type SuiteOptions } from './context.js';
import { runChecks, type SuiteResult } from './harness.js';

export type { SuiteOptions, SuiteResult };
export { createFakeAmazonPay } from './fake-amazon-pay.js';

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteResult> {
  const log = options.log ?? (() => {});
  let ctx;
  try {
    ctx = await createContext(options);
  } catch (error) {
    const message = `setup: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    log(`FAIL ${message}`);
    return { passed: 0, failed: 1, failures: [message] };
  }
  return runChecks(
    [
      ...vectorChecks(),
      ...keyChecks(ctx),
      ...apiCallChecks(ctx),
      ...buttonChecks(ctx),
      ...signerChecks(ctx),
      ...errorChecks(ctx),
      ...hostileChecks(ctx),
      ...leanChecks(ctx),
    ],
    log,
  );
}
