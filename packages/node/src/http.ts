/**
 * node:http <-> Fetch API, the one adapter of this repository: an `IncomingMessage` as a Web `Request` (exact
 * body bytes, headers as sent, the URL from the `Host` it was sent to) and a Web `Response` written to a
 * `ServerResponse`. The sandbox's Node server, the Node example, the test runners and users' IPN routes
 * (node:http, Express, Fastify's raw request) use it.
 *
 * The body reaches the handler byte for byte, which signature checks (SNS, Amazon Pay) need. If a body parser
 * ran first and kept a Buffer or string in `req.body`/`req.rawBody` (express.raw(), express.text()), those bytes
 * are used; a parsed object cannot be turned back into the signed bytes, so that request is refused with a
 * message saying to mount the route before express.json().
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Fetch handler, with the optional platform context the IPN inbox uses for work that outlives the answer. */
export type FetchHandler = (
  request: Request,
  platform?: { waitUntil?(promise: Promise<unknown>): void },
) => Response | Promise<Response>;

/** How `toFetchRequest` and `fetchListener` build the `Request`. */
export interface ToFetchRequestOptions {
  /** Origin for the URL when the request has no `Host` header (default `http://127.0.0.1`). */
  origin?: string | undefined;
  /**
   * Larger bodies reject with a `RangeError` (`fetchListener` answers 413); default 1 MiB (SNS sends at most 256 KiB).
   */
  maxBodyBytes?: number | undefined;
  /** Given to the `Request`, e.g. aborted when the client goes away. */
  signal?: AbortSignal | undefined;
}

/** @deprecated Use {@link ToFetchRequestOptions}; kept for code written against the IPN guide's first draft. */
export type NodeHandlerOptions = ToFetchRequestOptions;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Thrown by `toFetchRequest` when a body parser consumed the stream and left only a parsed object behind. */
export class BodyAlreadyParsedError extends Error {
  override name = 'BodyAlreadyParsedError';
  constructor() {
    super(
      'A body parser consumed this request before the handler: mount the route before express.json() ' +
        '(or use express.raw({ type: "*/*" })), so the exact bytes reach it.',
    );
  }
}

type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError(`request body larger than ${limit} bytes`));
        req.resume(); // drain, so the 413 can still be written
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The request's exact body bytes, whether still on the stream or kept raw by a parser. */
function bodyOf(req: NodeRequest, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const kept = req.rawBody ?? req.body;
  if (kept instanceof Uint8Array) return Promise.resolve(new Uint8Array(kept));
  if (typeof kept === 'string') return Promise.resolve(new TextEncoder().encode(kept));
  if (req.readableEnded && kept !== undefined) return Promise.reject(new BodyAlreadyParsedError());
  return readBody(req, limit);
}

/** Reads the whole body and builds the `Request` a Fetch handler expects. */
export async function toFetchRequest(req: IncomingMessage, options: ToFetchRequestOptions = {}): Promise<Request> {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await bodyOf(req as NodeRequest, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : undefined;
  const headers = new Headers();
  // rawHeaders keeps repeated headers and their order, as the client sent them.
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const base = req.headers.host ? `http://${req.headers.host}` : (options.origin ?? 'http://127.0.0.1');
  const init: RequestInit = { method, headers };
  if (options.signal) init.signal = options.signal;
  if (body !== undefined && body.length > 0) init.body = body;
  // Express rewrites req.url inside routers; originalUrl is what the client sent.
  return new Request(new URL((req as NodeRequest).originalUrl ?? req.url ?? '/', base), init);
}

/** Writes status, headers (each `set-cookie` apart) and the body of a Fetch `Response`. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * A node:http request listener serving a Fetch handler: `createServer(fetchListener(app))`, or
 * `app.post('/ipn', fetchListener(inbox))` in Express (before any JSON body parser on that route). The
 * request's signal aborts when the client goes away; work handed to `waitUntil` runs to completion. A thrown
 * error answers 500 without details, a body over the limit 413.
 */
export function fetchListener(
  handler: FetchHandler,
  options: Omit<ToFetchRequestOptions, 'signal'> = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (typeof handler !== 'function')
    throw new TypeError('fetchListener(handler): handler must be a function (request) => Response.');
  return async (req, res) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort(new Error('the client went away')));
    try {
      const request = await toFetchRequest(req, { ...options, signal: controller.signal });
      await sendFetchResponse(
        res,
        await handler(request, { waitUntil: (promise) => void promise.catch(() => undefined) }),
      );
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof BodyAlreadyParsedError) return plain(res, 500, error.message);
      if (error instanceof RangeError) return plain(res, 413, 'request body too large');
      plain(res, 500, 'internal error');
    }
  };
}
