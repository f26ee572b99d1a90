/**
 * The node:http <-> Fetch bridge: mounts any Web handler `(request) => Promise<Response>` (the IPN inbox,
 * the checkout app) on `http.createServer`, Express or Fastify's raw request. The body reaches the handler
 * byte for byte, which SNS signature checks need. If a body parser ran first and left a Buffer or string in
 * `req.body` (express.raw(), express.text()), those bytes are used; a parsed object cannot be turned back
 * into the signed bytes, so the bridge answers 500 and says to mount the route before express.json().
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Fetch handler shape, with an optional platform context (the IPN inbox's `waitUntil`). */
export type FetchHandler = (request: Request, platform?: { waitUntil?(promise: Promise<unknown>): void }) => Response | Promise<Response>;

export interface NodeHandlerOptions {
  /** Largest body accepted, bytes. Default 1 MiB (SNS sends at most 256 KiB). */
  maxBodyBytes?: number | undefined;
  /** The URL origin when the Host header is absent. Default `http://localhost`. */
  origin?: string | undefined;
}

type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The request's exact body bytes, whether still on the stream or kept raw by a parser. */
async function bodyOf(req: NodeRequest, limit: number): Promise<Uint8Array | 'parsed'> {
  const kept = req.rawBody ?? req.body;
  if (Buffer.isBuffer(kept) || kept instanceof Uint8Array) return new Uint8Array(kept);
  if (typeof kept === 'string') return new TextEncoder().encode(kept);
  if (req.readableEnded && kept !== undefined) return 'parsed';
  return readBody(req, limit);
}

/** Turns a node:http request into a Web `Request` (exact body, every header, an abort signal on disconnect). */
export async function toWebRequest(req: NodeRequest, signal?: AbortSignal, options: NodeHandlerOptions = {}): Promise<Request | 'parsed'> {
  const body = req.method === 'GET' || req.method === 'HEAD' ? new Uint8Array() : await bodyOf(req, options.maxBodyBytes ?? 1024 * 1024);
  if (body === 'parsed') return 'parsed';
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const origin = req.headers.host ? `http://${req.headers.host}` : (options.origin ?? 'http://localhost');
  const init: RequestInit = { method: req.method ?? 'GET', headers, ...(signal ? { signal } : {}) };
  if (body.length > 0) init.body = body as Uint8Array<ArrayBuffer>;
  return new Request(new URL(req.originalUrl ?? req.url ?? '/', origin), init);
}

/** Writes a Web `Response` to a node:http response. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => (headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Mounts a Web handler on node:http: `createServer(toNodeHandler(inbox))`, or `app.post('/ipn', toNodeHandler(inbox))`
 * in Express (before any JSON body parser on that route). Work the handler hands to `waitUntil` runs to completion.
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (typeof handler !== 'function') throw new TypeError('toNodeHandler(handler): handler must be a function (request) => Response.');
  return async (req, res) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort(new Error('the client went away')));
    try {
      const request = await toWebRequest(req as NodeRequest, controller.signal, options);
      if (request === 'parsed') {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('A body parser consumed this request before the handler: mount the route before express.json() (or use express.raw({ type: "*/*" })), so the exact bytes reach it.');
        return;
      }
      await sendWebResponse(res, await handler(request, { waitUntil: (promise) => void promise.catch(() => undefined) }));
    } catch (error) {
      if (res.headersSent) return void res.end();
      res.writeHead(error instanceof BodyTooLarge ? 413 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(error instanceof BodyTooLarge ? 'request body too large' : 'internal error');
    }
  };
}
