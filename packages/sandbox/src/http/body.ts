/** The request's URL and body, read before anything else looks at them: a bad one is a 400, never a 500. */
import { ApiError } from '../errors.js';
import { decodeStrict } from '../verify/verify.js';

/** Every part of the URL must decode (a page id, a path segment, a query). */
export function checkUrlDecodes(url: URL): void {
  for (const part of [url.pathname, ...url.search.slice(1).split(/[&=]/)]) decodeStrict(part);
}

/** The exact body bytes (the signature covers them), refused above `maxBodyBytes`. */
export async function readBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBodyBytes)
    throw new ApiError('InvalidRequest', `The request body is larger than ${maxBodyBytes} bytes.`);
  return bytes;
}

/** The JSON body of an API call; a GET's body and an empty body are ignored. */
export function parseJsonBody(bytes: Uint8Array, method: string): unknown {
  if (bytes.byteLength === 0 || method === 'GET') return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError('InvalidRequestFormat', 'The request body is not valid JSON.');
  }
}
