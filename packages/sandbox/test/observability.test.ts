// Client hooks, the logger option and paginate.* iterators, against the sandbox.
import { AmazonPayApiError, type AmazonPayHookEvent, type AmazonPayLogger } from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import { checkout, clientFor, main, sessionPayload, setup } from './helpers.js';

function recorder() {
  const events: AmazonPayHookEvent[] = [];
  const push = (e: AmazonPayHookEvent) => void events.push(e);
  return { events, hooks: { onCallStart: push, onAttempt: push, onAnswer: push, onRetry: push, onCallEnd: push } };
}

const REPORT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_' as const;

describe('hooks', () => {
  it('one call with a 503 then success: start, attempt, answer, retry, attempt, answer, end', async () => {
    const { events, hooks } = recorder();
    const { sandbox, client } = setup({}, { hooks });
    sandbox.faults.push({ status: 503, headers: { 'retry-after': '1' } });
    const res = await client.createCheckoutSession(sessionPayload(), { idempotencyKey: 'idem-hooks-1' });
    expect(events.map((e) => e.type)).toEqual([
      'callStart',
      'attempt',
      'answer',
      'retry',
      'attempt',
      'answer',
      'callEnd',
    ]);
    const common = {
      operation: 'createCheckoutSession',
      method: 'POST',
      path: '/v2/checkoutSessions',
      idempotencyKey: 'idem-hooks-1',
    };
    for (const e of events)
      expect(e).toMatchObject({ ...common, callId: events[0]!.callId, pathTemplate: '/v2/checkoutSessions' });
    expect(events[2]).toMatchObject({
      attempt: 1,
      status: 503,
      errorCode: 'ERR_AMAZON_PAY_API',
      reasonCode: 'ServiceUnavailable',
    });
    expect(events[3]).toMatchObject({ attempt: 1, reason: 'status', status: 503, delayMs: 1000 });
    expect(events[5]).toMatchObject({ attempt: 2, status: 201, requestId: res.requestId, errorCode: undefined });
    expect(events[6]).toMatchObject({
      outcome: 'success',
      attempts: 2,
      status: 201,
      requestId: res.requestId,
      errorCode: undefined,
    });
    expect(res.requestId).toBeTruthy();
  });

  it('a failed call ends with the typed error facts; ids stay in the path, a buyer token does not', async () => {
    const { events, hooks } = recorder();
    const { client } = setup({}, { hooks });
    await expect(client.getCharge('S01-0000000-0000000-C000000')).rejects.toBeInstanceOf(AmazonPayApiError);
    await expect(client.getBuyer('secret-buyer-token-123')).rejects.toBeInstanceOf(AmazonPayApiError);
    const ends = events.filter((e) => e.type === 'callEnd');
    expect(ends[0]).toMatchObject({
      operation: 'getCharge',
      path: '/v2/charges/S01-0000000-0000000-C000000',
      pathTemplate: '/v2/charges/{chargeId}',
      outcome: 'error',
      status: 404,
      errorName: 'AmazonPayApiError',
      errorCode: 'ERR_AMAZON_PAY_API',
      reasonCode: 'ResourceNotFound',
    });
    expect(ends[1]).toMatchObject({ operation: 'getBuyer', path: '/v2/buyers/[redacted]' });
    expect(JSON.stringify(events)).not.toContain('secret-buyer-token-123');
  });

  it('a raw apiCall is named after the operation its path matches', async () => {
    const { events, hooks } = recorder();
    const { client } = setup({}, { hooks });
    await client.apiCall({ method: 'GET', urlFragment: 'reports' });
    await client.apiCall({ method: 'GET', urlFragment: 'not-an-operation' }).catch(() => undefined);
    const starts = events.filter((e) => e.type === 'callStart');
    expect(starts.map((e) => [e.operation, e.pathTemplate])).toEqual([
      ['getReports', '/v2/reports'],
      ['apiCall', undefined],
    ]);
  });

  it('a hook that throws or rejects is reported, and the payment goes through', async () => {
    const reported: [string, string][] = [];
    const { sandbox, client } = setup(
      {},
      {
        hooks: [
          {
            onAttempt: () => {
              throw new Error('sync boom');
            },
          },
          {
            onCallEnd: async () => {
              throw new Error('async boom');
            },
          },
          { onRetry: 'not a function' as never },
        ],
        onHookError: (error, event) => void reported.push([event.type, (error as Error).message]),
      },
    );
    sandbox.faults.push({ status: 503, headers: { 'retry-after': '0' } });
    const done = await checkout(sandbox, client);
    expect(done.data.chargeId).toBeTruthy();
    await new Promise((r) => setTimeout(r, 0)); // let the rejected hook's report run
    expect(reported).toContainEqual(['attempt', 'sync boom']);
    expect(reported.filter(([type]) => type === 'retry')).toHaveLength(1); // the handler that is not a function
    expect(reported).toContainEqual(['callEnd', 'async boom']);
  });

  it('async hooks are not awaited: a hook that never settles does not hold the call', async () => {
    const { client } = setup({}, { hooks: { onCallStart: () => new Promise<void>(() => {}) } });
    expect((await client.getReports()).status).toBe(200);
  });

  it('a clock-skew correction shows as a retry with reason clockSkew', async () => {
    const { events, hooks } = recorder();
    const { client } = setup({ clockOffsetMs: 60 * 60_000 }, { hooks });
    await client.getReports();
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      expect.objectContaining({ reason: 'clockSkew', delayMs: 0, status: 400 }),
    ]);
  });

  it('refuses a logger without the four methods, before anything is sent', () => {
    const { sandbox } = setup();
    expect(() => clientFor(sandbox, { logger: { info() {} } as never })).toThrow(
      /logger needs debug, info, warn and error/,
    );
  });
});

describe('logger', () => {
  it('one line per attempt and per retry, with the redacted facts', async () => {
    const lines: [string, string, Record<string, unknown>][] = [];
    const at = (level: string) => (message: string, fields?: object) =>
      void lines.push([level, message, fields as Record<string, unknown>]);
    const logger: AmazonPayLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const { sandbox, client } = setup({}, { logger });
    sandbox.faults.push({ match: { method: 'GET' }, status: 500 });
    await client.getReports();
    expect(lines.map(([level, message]) => [level, message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['warn', 'amazon-pay getReports GET /v2/reports -> 500 (attempt 1, N ms)'],
      ['warn', 'amazon-pay getReports retry after attempt 1 (InternalServerError) in N ms'],
      ['info', 'amazon-pay getReports GET /v2/reports -> 200 (attempt 2, N ms)'],
    ]);
    expect(lines[2]![2]).toMatchObject({
      operation: 'getReports',
      attempt: 2,
      status: 200,
      requestId: expect.any(String),
    });
    expect(lines[2]![2]).not.toHaveProperty('type');
  });
});

describe('paginate', () => {
  it('getReports walks every page (pageSize 2, 5 reports) keeping the filters', async () => {
    const { events, hooks } = recorder();
    const { client } = setup({}, { hooks });
    const range = { startTime: '20240101T000000Z', endTime: '20240102T000000Z' };
    const created = new Set<string>();
    for (let i = 0; i < 5; i++)
      created.add((await client.createReport({ reportType: REPORT, ...range })).data.reportId);
    await client.createReport({ reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_', ...range });
    events.length = 0;
    const seen: string[] = [];
    for await (const report of client.paginate.getReports({ reportTypes: [REPORT], pageSize: 2 }))
      seen.push(report.reportId);
    expect(new Set(seen)).toEqual(created);
    expect(seen).toHaveLength(5);
    expect(events.filter((e) => e.type === 'callStart')).toHaveLength(3);
  });

  it('break stops cleanly: no page beyond the one being read is fetched', async () => {
    const { events, hooks } = recorder();
    const { client } = setup({}, { hooks });
    for (let i = 0; i < 5; i++)
      await client.createReport({ reportType: REPORT, startTime: '20240101T000000Z', endTime: '20240102T000000Z' });
    events.length = 0;
    let n = 0;
    for await (const _ of client.paginate.getReports({ pageSize: 2 })) if (++n === 3) break;
    expect(n).toBe(3);
    expect(events.filter((e) => e.type === 'callStart')).toHaveLength(2);
  });

  it('getDisbursements pages across days (pageSize 1)', async () => {
    const { sandbox, client } = setup();
    const start = new Date(sandbox.now()).toISOString().slice(0, 10).replace(/-/g, '');
    for (const amount of ['10.00', '20.00', '30.00']) {
      await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', amount });
      sandbox.advance(24 * 3600_000);
    }
    const end = new Date(sandbox.now()).toISOString().slice(0, 10).replace(/-/g, '');
    const all = [];
    for await (const d of client.paginate.getDisbursements({
      startTime: `${start}T000000Z`,
      endTime: `${end}T235959Z`,
      pageSize: 1,
    }))
      all.push(d);
    expect(all.map((d) => d.amount)).toEqual(['10.00', '20.00', '30.00']);
  });

  it('getReportSchedules yields the schedules (one page)', async () => {
    const { client } = setup();
    await client.createReportSchedule({ reportType: REPORT, scheduleFrequency: 'P1D' });
    const all = [];
    for await (const s of client.paginate.getReportSchedules()) all.push(s.reportType);
    expect(all).toEqual([REPORT]);
  });

  it('an aborted signal stops before the next page with the abort reason', async () => {
    const { client } = setup();
    for (let i = 0; i < 4; i++)
      await client.createReport({ reportType: REPORT, startTime: '20240101T000000Z', endTime: '20240102T000000Z' });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const r of client.paginate.getReports({ pageSize: 2 }, { signal: controller.signal })) {
        seen.push(r.reportId);
        if (seen.length === 2) controller.abort(new Error('stop paging'));
      }
    })();
    await expect(run).rejects.toThrow('stop paging');
    expect(seen).toHaveLength(2);
  });

  it('bad input is a typed error before anything is sent', async () => {
    const { sandbox } = setup();
    let requests = 0;
    const counting = clientFor(sandbox, { fetch: (u, i) => (requests++, sandbox.fetch(u, i)) });
    await expect(counting.paginate.getReports({ reportTypes: { bad: true } as never }).next()).rejects.toThrow(
      /Query parameter/,
    );
    expect(requests).toBe(0);
  });
});

describe('hooks on a subclass', () => {
  it('a subclass of WebStoreClient (as @amazon-pay-edge/node makes) still names raw calls', async () => {
    const { sandbox } = setup();
    const { events, hooks } = recorder();
    const { WebStoreClient } = await import('@amazon-pay-edge/core');
    class Sub extends WebStoreClient {}
    const client = new Sub({
      publicKeyId: 'SANDBOX-AEDGETEST00000000000000',
      privateKey: main.privatePem,
      region: 'us',
      fetch: sandbox.fetch,
      hooks,
    });
    await client.apiCall({ method: 'GET', urlFragment: 'reports' });
    expect(events[0]).toMatchObject({ type: 'callStart', operation: 'getReports' });
  });
});
