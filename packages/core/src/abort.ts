/**
 * Racing a promise against an `AbortSignal`, for injected `fetch`es and body streams that ignore the
 * signal they were given: the caller's wait ends when the signal aborts, whatever the callee does (the
 * AWS SDK's request handlers race their timeout the same way).
 */

/** Settles like `work`, or rejects with `signal.reason` as soon as `signal` aborts, whichever comes first. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // the loser's rejection must not surface as unhandled
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** True for a real `Response` and for one from another realm or polyfill that has its shape. */
export function isResponseLike(value: unknown): value is Response {
  if (typeof Response !== 'undefined' && value instanceof Response) return true;
  const r = value as Partial<Response> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.status === 'number' && typeof r.headers?.get === 'function' &&
    (r.body === null || typeof r.body?.getReader === 'function')
  );
}
