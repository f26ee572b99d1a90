/** Answers as Amazon sends them: `{ reasonCode, message }` errors, `x-amz-pay-request-id` and `Date` headers. */
import { ApiError } from '../errors.js';
import type { Answer } from '../idempotency.js';
import { allowAnyOrigin } from './cors.js';

/** An API error as Amazon answers it: the reason code's status and `{ reasonCode, message }`. */
export const errorAnswer = (error: ApiError): Answer => ({
  status: error.status,
  body: JSON.stringify({ reasonCode: error.reasonCode, message: error.message }),
  headers: { 'content-type': 'application/json' },
});

/** Any failure: an `ApiError` as itself, anything else as a 500 saying what broke. */
export function failureAnswer(error: unknown): Answer {
  if (error instanceof ApiError) return errorAnswer(error);
  const message = `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`;
  return errorAnswer(new ApiError('InternalServerError', message));
}

/** The `reasonCode` of an error answer, for the request log. */
export function reasonCodeOf(answer: Answer): string | undefined {
  if (answer.status < 400 || !answer.body) return undefined;
  try {
    return (JSON.parse(answer.body) as { reasonCode?: string }).reasonCode;
  } catch {
    return undefined;
  }
}

/** The Fetch `Response`, with the request id, the server clock's `Date` and, with `cors`, CORS headers. */
export function toResponse(answer: Answer, requestId: string, serverNow: number, cors: boolean): Response {
  const headers = new Headers(answer.headers);
  headers.set('x-amz-pay-request-id', requestId);
  headers.set('date', new Date(serverNow).toUTCString());
  if (cors) allowAnyOrigin(headers);
  const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers });
}
