// Fault injection: the client's retries against scripted 503/429 with Retry-After, dropped connections,
// delays, and matching.
import { AmazonPayConnectionError, AmazonPayTimeoutError } from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import { SandboxConnectionDropped } from '../src/index.js';
import { apiFailure, clientFor, sessionPayload, setup } from './helpers.js';

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('scripted faults', () => {
  it('503 with Retry-After: the client waits as told and retries', async () => {
    const { waits, sleep } = recordingSleep();
    const { sandbox, client } = setup({}, { sleep });
    sandbox.faults.push({ status: 503, headers: { 'retry-after': '2' } });
    const res = await client.createCheckoutSession(sessionPayload());
    expect(res.status).toBe(201);
    expect(res.attempts).toBe(2);
    expect(waits).toEqual([2000]);
    expect(sandbox.faults).toHaveLength(0);
  });

  it('429 twice (times: 2) then success; the default body is { reasonCode: TooManyRequests }', async () => {
    const { waits, sleep } = recordingSleep();
    const { sandbox, client } = setup({}, { sleep });
    sandbox.faults.push({ match: { method: 'GET' }, status: 429, headers: { 'retry-after': '1' }, times: 2 });
    const res = await client.getReports();
    expect(res.attempts).toBe(3);
    expect(waits).toEqual([1000, 1000]);
    sandbox.faults.push({ status: 429 });
    const e = await apiFailure(clientFor(sandbox, { maxRetries: 0 }).getReports(), 429, 'TooManyRequests');
    expect(e.retryable).toBe(true);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { sandbox } = setup();
    sandbox.faults.push({
      status: 500,
      times: Infinity,
      body: { reasonCode: 'InternalServerError', message: 'scripted' },
    });
    const e = await apiFailure(clientFor(sandbox, { maxRetries: 2 }).getReports(), 500, 'InternalServerError');
    expect(e.attempts).toBe(3);
    expect(e.message).toContain('scripted');
    sandbox.faults.length = 0;
    expect((await clientFor(sandbox).getReports()).attempts).toBe(1);
  });

  it('a dropped connection: fetch rejects with a TypeError; the client retries', async () => {
    const { sandbox, client } = setup();
    sandbox.faults.push({ drop: true });
    await expect(sandbox.fetch('https://pay-api.amazon.com/v2/reports')).rejects.toBeInstanceOf(TypeError);
    sandbox.faults.push({ drop: true });
    expect((await client.getReports()).attempts).toBe(2);
    sandbox.faults.push({ drop: true, times: 5 });
    const e = await clientFor(sandbox, { maxRetries: 1 })
      .getReports()
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AmazonPayConnectionError);
    expect((e as AmazonPayConnectionError).attempts).toBe(2);
    expect((e as AmazonPayConnectionError).cause).toBeInstanceOf(SandboxConnectionDropped);
  });

  it('a delay longer than the client timeout ends in AmazonPayTimeoutError (the delay is aborted)', async () => {
    const { sandbox } = setup();
    sandbox.faults.push({ delayMs: 60_000, times: Infinity });
    const e = await clientFor(sandbox, { timeout: 100, maxRetries: 1 })
      .getReports()
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AmazonPayTimeoutError);
    expect((e as AmazonPayTimeoutError).attempts).toBe(2);
  });

  it('a short delay alone only slows the answer down', async () => {
    const { sandbox, client } = setup();
    sandbox.faults.push({ delayMs: 20 });
    expect((await client.getReports()).status).toBe(200);
  });

  it('faults only hit matching requests, by method and by path (string or RegExp)', async () => {
    const { sandbox, client } = setup();
    sandbox.faults.push({ match: { method: 'POST', path: /\/charges$/ }, status: 503, times: Infinity });
    sandbox.faults.push({ match: { path: '/v2/reports' }, status: 500, times: Infinity });
    expect((await client.createCheckoutSession(sessionPayload())).attempts).toBe(1);
    await apiFailure(clientFor(sandbox, { maxRetries: 0 }).getReports(), 500, 'InternalServerError');
    await apiFailure(
      clientFor(sandbox, { maxRetries: 0 }).createCharge({
        chargePermissionId: 'x',
        chargeAmount: { amount: '1', currencyCode: 'USD' },
      }),
      503,
      'ServiceUnavailable',
    );
  });

  it('faults given at creation apply too, and answers keep the request id and Date headers', async () => {
    const { sandbox } = setup({ faults: [{ status: 503 }] });
    const res = await sandbox.fetch('https://pay-api.amazon.com/v2/reports');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-amz-pay-request-id')).toBeTruthy();
    expect(res.headers.get('date')).toBeTruthy();
  });
});
