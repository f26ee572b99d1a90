/** Runs named checks one after another, each under a hang guard, and counts the outcome. */

export interface Check {
  name: string;
  run: () => Promise<void> | void;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  /** `name: message` for every failed check. */
  failures: string[];
}

/** A check that has not settled by then is reported as hung (RSA work here takes milliseconds). */
const HANG_MS = 15_000;

function withHangGuard(check: Check): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${HANG_MS} ms (hung)`)), HANG_MS);
  });
  return Promise.race([Promise.resolve().then(check.run), hung]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function runChecks(checks: Check[], log: (line: string) => void): Promise<SuiteResult> {
  const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
  for (const check of checks) {
    try {
      await withHangGuard(check);
      result.passed++;
      log(`ok   ${check.name}`);
    } catch (error) {
      result.failed++;
      result.failures.push(`${check.name}: ${describe(error)}`);
      log(`FAIL ${check.name}: ${describe(error)}`);
    }
  }
  return result;
}
