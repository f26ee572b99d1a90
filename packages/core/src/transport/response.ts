/** Reading a response (bounded), and turning it into a result or an `AmazonPayApiError`. */
import { raceAbort } from '../abort.js';
import { AmazonPayApiError } from '../errors.js';
import { escapeControls, scrubSecrets } from './redact.js';

/** A successful call: the parsed body in `data`, plus what is needed to audit it. */
export interface AmazonPayResponse<T = unknown> {
  /** The parsed JSON body (`undefined` for an empty body). */
  data: T;
  status: number;
  headers: Headers;
  /** `x-amz-pay-request-id`: quote it when contacting Amazon Pay. */
  requestId: string | undefined;
  /** How many attempts the call took (1 = no retry). */
  attempts: number;
  /** Wall time of the whole call, retries and back-off included. */
  durationMs: number;
  /** The idempotency key sent (every POST has one). */
  idempotencyKey?: string | undefined;
  rawBody: string;
  /** For an operation whose documented answer is a redirect (merchantAccountClaim's 303): its `Location`. */
  location?: string | undefined;
}

/** Success bodies larger than this are refused; error bodies are cut here and the rest discarded. */
export const MAX_SUCCESS_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads at most `limit` bytes; `truncate` decides between cutting the text and throwing. With a `signal`,
 * every read is raced against it, so a stream that never ends cannot outlive the attempt's timer.
 */
export async function readBody(
  response: Response,
  limit: number,
  truncate: boolean,
  signal?: AbortSignal,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = signal ? await raceAbort(reader.read(), signal) : await reader.read();
    } catch (error) {
      void reader.cancel().catch(() => {});
      throw error;
    }
    const { done, value } = chunk;
    if (done) break;
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      void reader.cancel().catch(() => {});
      if (!truncate) throw new BodyTooLargeError(`response body exceeds ${limit} bytes`);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Amazon sends `shippingAddressList` entries as JSON strings; callers get objects, as the official SDKs do. */
export function reviveResponse(data: unknown): unknown {
  if (
    data &&
    typeof data === 'object' &&
    Array.isArray((data as { shippingAddressList?: unknown }).shippingAddressList)
  ) {
    const record = data as { shippingAddressList: unknown[] };
    record.shippingAddressList = record.shippingAddressList.map((entry) => {
      if (typeof entry !== 'string') return entry;
      const parsed = parseJson(entry);
      return parsed.ok ? parsed.value : entry;
    });
  }
  return data;
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export function apiError(init: {
  status: number;
  headers: Headers;
  rawBody: string;
  attempts: number;
  idempotencyKey: string | undefined;
  method: string;
  url: string;
  clientStringToSign: string | undefined;
  /** The request's signature, auth token and URL tokens: scrubbed from everything kept, even when echoed. */
  secrets?: readonly (string | undefined)[] | undefined;
}): AmazonPayApiError {
  const { secrets, ...facts } = init;
  init = { ...facts, rawBody: scrubSecrets(init.rawBody, secrets ?? []) };
  const parsed = parseJson(init.rawBody);
  const body = parsed.ok && parsed.value !== undefined ? parsed.value : init.rawBody;
  const fields = (parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value : {}) as Record<
    string,
    unknown
  >;
  const reasonCode = typeof fields['reasonCode'] === 'string' ? fields['reasonCode'] : `HTTP_${init.status}`;
  const snippet = escapeControls(init.rawBody.replace(/\s+/g, ' ').trim().slice(0, 200));
  const message =
    typeof fields['message'] === 'string'
      ? escapeControls(fields['message'])
      : snippet
        ? `non-JSON response body: ${snippet}${init.rawBody.length > 200 ? '…' : ''}`
        : 'empty response body';
  const serverText = typeof fields['message'] === 'string' ? fields['message'] : '';
  const echoed = reasonCode === 'InvalidRequestSignature' ? /String \[([\s\S]*?)\]/.exec(serverText)?.[1] : undefined;
  return new AmazonPayApiError({
    ...init,
    reasonCode: escapeControls(reasonCode).slice(0, 128),
    message,
    body,
    requestId: init.headers.get('x-amz-pay-request-id') ?? undefined,
    retryable: RETRYABLE_STATUSES.has(init.status),
    serverStringToSign: echoed,
    clientStringToSign: reasonCode === 'InvalidRequestSignature' ? init.clientStringToSign : undefined,
  });
}
