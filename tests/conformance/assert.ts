/** A tiny assertion helper: enough for the suite, identical in every runtime (no Node `assert`). */

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual<T>(actual: T, unexpected: T, what: string): void {
  if (Object.is(actual, unexpected)) throw new AssertionError(`${what}: expected anything but ${show(unexpected)}`);
}

/** Structural equality through JSON (the values compared here are plain data). */
export function deepEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

/** Runs `fn` and returns what it threw (sync throw or rejection); fails when nothing was thrown. */
export async function throws(fn: () => unknown, what: string): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new AssertionError(`${what}: expected an error, but none was thrown`);
}

/** Like `throws`, but for code that must throw synchronously (before any promise exists). */
export function throwsSync(fn: () => unknown, what: string): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new AssertionError(`${what}: expected a synchronous throw, but none happened`);
}
