// The node:http <-> Fetch adapter over a real loopback server: exact body bytes, repeated headers, the
// Host-derived URL, several set-cookie headers, and an oversized body refused.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchListener, sendFetchResponse, toFetchRequest } from '../src/index.js';
import express from 'express';
import { createIpnHandler, createIpnVerifier } from '@amazon-pay-edge/core';
import { CERT_URL, NOW, body, fakeFetch, pem, validCertPem } from '../../core/test/fixtures/ipn.js';

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
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>(
    (resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('node:http <-> Fetch adapter', () => {
  it('passes method, URL, repeated headers and exact body bytes, and writes every set-cookie', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0xc3, 0xbc, 0x7d]); // not valid UTF-8 on purpose
    const res = await raw(
      '/v2/x%2Fy?a=1&a=2',
      'POST',
      { 'x-repeat': ['one', 'two'], host: 'shop.example:8080' },
      bytes,
    );
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({
      method: 'POST',
      url: 'http://shop.example:8080/v2/x%2Fy?a=1&a=2',
      x: 'one, two',
      body: [...bytes],
    });
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
    const big = await fetch(url, { method: 'POST', body: 'abcde' }).then(
      (r) => r.status,
      () => 'reset',
    );
    expect([413, 'reset']).toContain(big);
    const closed = new Promise<void>((resolve) => limited.close(() => resolve()));
    limited.closeAllConnections();
    await closed;
  });
});

// The node:http <-> Fetch bridge carrying the IPN inbox on node:http and Express: the SNS-signed body must
// reach the verifier byte for byte, and a JSON body parser in front must fail loudly (5xx, never 4xx).

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function inbox() {
  const runs: string[] = [];
  const handler = createIpnHandler({
    verifier: createIpnVerifier({ fetch: fakeFetch({ [CERT_URL]: pem(validCertPem) }).fetch, now: () => NOW }),
    handle: (n) => void runs.push(n.ObjectId),
  });
  return { handler, runs };
}

// Non-ASCII in the signed Message: any re-encoding on the way would break the signature.
const delivery = () =>
  body({
    message: {
      ObjectType: 'CHARGE',
      ObjectId: 'S01-ü€-C1',
      NotificationId: `n-${Math.random()}`,
      NotificationType: 'STATE_CHANGE',
    },
  });
const post = (url: string, text: string, type = 'text/plain; charset=UTF-8') =>
  fetch(url, { method: 'POST', body: text, headers: { 'content-type': type } });

describe('fetchListener', () => {
  it('serves the inbox on node:http with the exact body bytes', async () => {
    const { handler, runs } = inbox();
    const url = await listen(createServer(fetchListener(handler)));
    const text = delivery();
    expect((await post(`${url}/ipn`, text)).status).toBe(200);
    expect((await post(`${url}/ipn`, text)).status).toBe(200);
    expect(runs).toEqual(['S01-ü€-C1']);
    const tampered = text.replace('S01-ü€-C1', 'S01-ü€-C2');
    expect((await post(`${url}/ipn`, tampered)).status).toBe(400);
    expect((await fetch(`${url}/ipn`)).status).toBe(405);
  });

  it('serves the inbox on Express, with or without express.raw() before it', async () => {
    const { handler, runs } = inbox();
    const app = express();
    app.post('/ipn', fetchListener(handler));
    app.post('/ipn-raw', express.raw({ type: '*/*' }), fetchListener(handler));
    app.post('/ipn-text', express.text({ type: '*/*' }), fetchListener(handler));
    app.post('/ipn-json', express.json({ type: '*/*' }), fetchListener(handler));
    const url = await listen(createServer(app));
    expect((await post(`${url}/ipn`, delivery())).status).toBe(200);
    expect((await post(`${url}/ipn-raw`, delivery())).status).toBe(200);
    expect((await post(`${url}/ipn-text`, delivery())).status).toBe(200);
    expect(runs).toHaveLength(3);
    const parsed = await post(`${url}/ipn-json`, delivery(), 'application/json');
    expect(parsed.status).toBe(500);
    expect(await parsed.text()).toMatch(/before express\.json\(\)/);
    expect(runs).toHaveLength(3);
  });
});
