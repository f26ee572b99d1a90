// Serves the suite's fake Amazon Pay server (Web Request -> Response) from node:http, for runners whose
// runtime reaches it over real HTTP (the Chromium page and service worker).
import { Buffer } from 'node:buffer';

export async function toWebRequest(req, origin) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(origin + req.url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

export async function sendWebResponse(res, response) {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}
