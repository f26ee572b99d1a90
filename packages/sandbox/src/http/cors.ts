/** CORS for browser callers, when `cors: true` (Amazon itself answers no preflight). */
import type { Answer } from '../idempotency.js';

export const isPreflight = (request: Request): boolean => request.method === 'OPTIONS';

/** The answer to a preflight: any method the API has, the headers asked for. */
export function preflightAnswer(request: Request): Answer {
  return {
    status: 204,
    body: null,
    headers: {
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE, PUT',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
      'access-control-max-age': '600',
    },
  };
}

/** Any origin may read the answer, including the headers a client needs for retries and ids. */
export function allowAnyOrigin(headers: Headers): void {
  headers.set('access-control-allow-origin', '*');
  headers.set('access-control-expose-headers', 'x-amz-pay-request-id, date, retry-after, location');
}
