/**
 * node:http <-> Fetch API: an `IncomingMessage` as a Web `Request` (exact body bytes, headers as sent,
 * the URL from the `Host` it was sent to) and a Web `Response` written to a `ServerResponse`. The one
 * adapter of this repository: the sandbox's Node server, the Node example and the test runners use it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How `toFetchRequest` builds the `Request`. */
export interface ToFetchRequestOptions {
  /** Origin for the URL when the request has no `Host` header (default `http://127.0.0.1`). */
  origin?: string | undefined;
  /** Larger bodies reject with a `RangeError` and the request is destroyed (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  /** Given to the `Request`, e.g. aborted when the client goes away. */
  signal?: AbortSignal | undefined;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Reads the whole body and builds the `Request` a Fetch handler expects. */
export async function toFetchRequest(req: IncomingMessage, options: ToFetchRequestOptions = {}): Promise<Request> {
  const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const headers = new Headers();
  // rawHeaders keeps repeated headers and their order, as the client sent them.
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const base = req.headers.host ? `http://${req.headers.host}` : (options.origin ?? 'http://127.0.0.1');
  const init: RequestInit = { method, headers };
  if (options.signal) init.signal = options.signal;
  if (body.length > 0 && method !== 'GET' && method !== 'HEAD') init.body = body;
  return new Request(new URL(req.url ?? '/', base), init);
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

/** A node:http request listener that serves a Fetch handler; a thrown error answers 500 without details. */
export function fetchListener(handler: (request: Request) => Response | Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    toFetchRequest(req)
      .then(handler)
      .then((response) => sendFetchResponse(res, response))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  };
}
