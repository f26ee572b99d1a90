// The node:http <-> Fetch adapter over a real loopback server: exact body bytes, repeated headers, the
// Host-derived URL, several set-cookie headers, and an oversized body refused.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchListener, sendFetchResponse, toFetchRequest } from '../src/index.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(
    fetchListener(async (request) => {
      const body = new Uint8Array(await request.arrayBuffer());
      const echo = { method: request.method, url: request.url, x: request.headers.get('x-repeat'), body: [...body] };
      const headers = new Headers({ 'content-type': 'application/json' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response(JSON.stringify(echo), { status: 201, headers });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function raw(path: string, method: string, headers: Record<string, string | string[]>, body?: Buffer) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('node:http <-> Fetch adapter', () => {
  it('passes method, URL, repeated headers and exact body bytes, and writes every set-cookie', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0xc3, 0xbc, 0x7d]); // not valid UTF-8 on purpose
    const res = await raw('/v2/x%2Fy?a=1&a=2', 'POST', { 'x-repeat': ['one', 'two'], host: 'shop.example:8080' }, bytes);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', url: 'http://shop.example:8080/v2/x%2Fy?a=1&a=2', x: 'one, two', body: [...bytes] });
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('refuses a body over the limit with a RangeError', async () => {
    const limited = createServer((req, res) => {
      toFetchRequest(req, { maxBodyBytes: 4 }).then(
        () => sendFetchResponse(res, new Response('read')),
        (error: unknown) => res.writeHead(413).end(error instanceof RangeError ? 'range' : 'other'),
      );
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/`;
    const small = await fetch(url, { method: 'POST', body: 'abcd' });
    expect(await small.text()).toBe('read');
    const big = await fetch(url, { method: 'POST', body: 'abcde' }).then((r) => r.status, () => 'reset');
    expect([413, 'reset']).toContain(big);
    const closed = new Promise<void>((resolve) => limited.close(() => resolve()));
    limited.closeAllConnections();
    await closed;
  });
});
