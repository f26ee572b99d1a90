/**
 * Idempotent POSTs, as Amazon Pay keeps them: the first answer to a key is stored (for good: keys never
 * expire here); the same key with the same request gets that same status and body again, without running
 * the operation twice; the same key with a different request (body, path or environment) is refused with
 * `DuplicateIdempotencyKey`. Server errors (5xx) are not stored, so they can be retried.
 */
import { sha256Hex } from '@amazon-pay-edge/core/signer';
import type { HandlerResult } from './context.js';
import { ApiError } from './errors.js';
import type { SandboxStore } from './store.js';

const KEY = /^[A-Za-z0-9_-]{1,32}$/;

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string | null;
  headers: Record<string, string>;
}

export function checkIdempotencyKey(value: string | null, required: boolean): string | undefined {
  if (value === null) {
    if (required)
      throw new ApiError(
        'MissingHeader',
        'The x-amz-pay-idempotency-key header is required for this operation: send a unique key ' +
          '(up to 32 characters of A-Z, a-z, 0-9, - and _) per logical request.',
      );
    return undefined;
  }
  if (!KEY.test(value)) {
    throw new ApiError(
      'InvalidHeaderValue',
      `The value provided for x-amz-pay-idempotency-key is invalid: use 1 to 32 characters of ` +
        `A-Z, a-z, 0-9, "-" and "_".`,
    );
  }
  return value;
}

export function fingerprint(env: string, method: string, segments: readonly string[], body: Uint8Array): string {
  return `${env} ${method} /${segments.join('/')} ${sha256Hex(body)}`;
}

/** What the operation answered, serialised as it will be sent (so a replay is byte-identical). */
export interface Answer {
  status: number;
  body: string | null;
  headers: Record<string, string>;
}

/**
 * Where a key lives: Amazon scopes idempotency keys per merchant and operation. The evidence: the
 * official Node SDK's integration tests (amzn/amazon-pay-api-sdk-nodejs `tst/webStoreClientTest.js`)
 * send ONE key to Create Charge, Create Report, Create Report Schedule (twice, different bodies),
 * Register Amazon Pay Account (three bodies), Create Dispute and Upload File, and pass against Amazon's
 * sandbox; only Create Refund gets its own key, with the comment "Refund API should have different
 * idempotency key". So a key is not global. Whether one operation's key is also scoped per object
 * (Capture on two charges) is not evidenced; the sandbox keeps the path in the fingerprint, so reusing a
 * key for another charge's capture is refused as a different request.
 */
export function idempotencyScope(merchantId: string, env: string, operation: string, key: string): string {
  return `${merchantId} ${env} ${operation} ${key}`;
}

export async function idempotent(
  store: SandboxStore,
  key: string | undefined,
  scope: string,
  print: string,
  run: () => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  if (key === undefined) return { ...(await run()), replayed: false };
  const previous = (await store.get('idempotency', scope)) as StoredAnswer | undefined;
  if (previous) {
    if (previous.fingerprint !== print) {
      throw new ApiError(
        'DuplicateIdempotencyKey',
        `The idempotency key ${key} was already used for a different request; use a new key for a new request.`,
      );
    }
    return { status: previous.status, body: previous.body, headers: previous.headers, replayed: true };
  }
  const answer = await run();
  if (answer.status < 500)
    await store.put('idempotency', scope, { fingerprint: print, ...answer } satisfies StoredAnswer);
  return { ...answer, replayed: false };
}

export function serialise(result: HandlerResult): Answer {
  // A string with its own content-type (a CSV document) is sent as it is; everything else as JSON.
  if (typeof result.body === 'string' && result.headers?.['content-type']) {
    return { status: result.status, body: result.body, headers: { ...result.headers } };
  }
  return {
    status: result.status,
    body: result.body === undefined ? null : JSON.stringify(result.body),
    headers: { ...(result.body === undefined ? {} : { 'content-type': 'application/json' }), ...result.headers },
  };
}
