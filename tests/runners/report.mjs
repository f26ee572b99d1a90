// Prints a runner's outcome as `N passed, N failed`, writes {passed, failed} to
// $AMAZON_PAY_EDGE_RESULTS/<name>.json (default <repo>/test-results/) and sets the exit code.
// Uses only node:fs/node:path/node:process, which Node, Bun and Deno all provide.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export function resultsDir() {
  return process.env.AMAZON_PAY_EDGE_RESULTS || fileURLToPath(new URL('../../test-results/', import.meta.url));
}

export function report(name, { passed, failed, failures = [] }, details = '') {
  for (const failure of failures) console.log(`  FAIL ${failure}`);
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ passed, failed }) + '\n');
  console.log(`[${name}]${details ? ` ${details}:` : ''}`);
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) process.exitCode = 1;
}
