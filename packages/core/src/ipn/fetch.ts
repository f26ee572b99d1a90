/** One bounded GET that never follows redirects: for the signing certificate and the SubscribeURL. */
import { isResponseLike, raceAbort } from '../abort.js';
import { AmazonPayIpnError, type IpnErrorReason } from '../errors.js';
import { readBody } from '../transport/response.js';
import type { FetchLike } from '../transport/send.js';

/** Looked up at call time and called as a plain function (a method call on a stored `fetch` breaks in Workers). */
export const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** Timeout for fetching a signing certificate or a subscription URL. */
export const DEFAULT_IPN_FETCH_TIMEOUT_MS = 10_000;
/** A PEM certificate chain or SNS's confirmation XML is a few KiB. */
export const MAX_IPN_FETCH_BYTES = 64 * 1024;

export interface GetOptions {
  fetch: FetchLike;
  timeoutMs: number;
  reason: IpnErrorReason;
  /** What is fetched, for messages: "the SNS signing certificate". */
  what: string;
}

export async function getText(url: string, options: GetOptions): Promise<{ status: number; text: string }> {
  const fail = (why: string, cause?: unknown): never => {
    throw new AmazonPayIpnError(
      options.reason,
      `Could not fetch ${options.what} from ${url}: ${why}`,
      cause === undefined ? undefined : { cause },
    );
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let response: Response;
    try {
      // Raced against the timer: a fetch that ignores its signal cannot hang verification.
      const init: RequestInit = { method: 'GET', redirect: 'manual', signal: controller.signal };
      const answer: unknown = await raceAbort(
        Promise.resolve().then(() => options.fetch(url, init)),
        controller.signal,
      );
      if (!isResponseLike(answer)) return fail('the injected fetch did not resolve to a Response.');
      response = answer;
    } catch (error) {
      if (error instanceof AmazonPayIpnError) throw error;
      return fail(
        controller.signal.aborted
          ? `no response within ${options.timeoutMs} ms.`
          : `${error instanceof Error ? error.message : String(error)}.`,
        error,
      );
    }
    // With browsers and workerd hand back an opaque redirect (status 0), Node the 3xx itself.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      void response.body?.cancel().catch(() => {});
      return fail(
        `the server answered with a redirect (${response.status || 'opaque'}); redirects are ` +
          `never followed for SNS URLs.`,
      );
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      return fail(`HTTP ${response.status}.`);
    }
    try {
      return { status: response.status, text: await readBody(response, MAX_IPN_FETCH_BYTES, false, controller.signal) };
    } catch (error) {
      return fail(
        controller.signal.aborted
          ? `the body did not arrive within ${options.timeoutMs} ms.`
          : `the body could not be read (over ${MAX_IPN_FETCH_BYTES} bytes, or cut short).`,
        error,
      );
    }
  } finally {
    clearTimeout(timer);
  }
}
