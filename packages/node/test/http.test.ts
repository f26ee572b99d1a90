// The node:http <-> Fetch bridge carrying the IPN inbox on node:http and Express: the SNS-signed body must
// reach the verifier byte for byte, and a JSON body parser in front must fail loudly (5xx, never 4xx).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createIpnHandler, createIpnVerifier } from '@amazon-pay-edge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../src/index.js';
import { CERT_URL, NOW, body, fakeFetch, pem, validCertPem } from '../../core/test/fixtures/ipn.js';

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
const delivery = () => body({ message: { ObjectType: 'CHARGE', ObjectId: 'S01-ü€-C1', NotificationId: `n-${Math.random()}`, NotificationType: 'STATE_CHANGE' } });
const post = (url: string, text: string, type = 'text/plain; charset=UTF-8') => fetch(url, { method: 'POST', body: text, headers: { 'content-type': type } });

describe('toNodeHandler', () => {
  it('serves the inbox on node:http with the exact body bytes', async () => {
    const { handler, runs } = inbox();
    const url = await listen(createServer(toNodeHandler(handler)));
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
    app.post('/ipn', toNodeHandler(handler));
    app.post('/ipn-raw', express.raw({ type: '*/*' }), toNodeHandler(handler));
    app.post('/ipn-text', express.text({ type: '*/*' }), toNodeHandler(handler));
    app.post('/ipn-json', express.json({ type: '*/*' }), toNodeHandler(handler));
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
