/**
 * Racing a promise against an `AbortSignal`, for injected `fetch`es and body streams that ignore the
 * signal they were given: the caller's wait ends when the signal aborts, whatever the callee does (the
 * AWS SDK's request handlers race their timeout the same way).
 */

/** Settles like `work`, or rejects with `signal.reason` as soon as `signal` aborts, whichever comes first. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    work.then(resolve, reject).finally(done);
  });
}

/** True for a `Response`, or one from another realm or a polyfill with its shape (status, headers, body). */
export function isResponseLike(value: unknown): value is Response {
  const r = value as Partial<Response> | null;
  return (
    typeof r?.status === 'number' &&
    typeof r.headers?.get === 'function' &&
    (r.body === null || typeof r.body?.getReader === 'function')
  );
}
