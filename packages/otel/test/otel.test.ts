// Spans from openTelemetryHooks, collected by the OpenTelemetry SDK's InMemorySpanExporter, against the sandbox.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTR, openTelemetryHooks } from '../src/index.js';
import { checkout, sessionPayload, setup } from '../../sandbox/test/helpers.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(async () => {
  contextManager.disable();
  await provider.shutdown();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const byName = (name: string) => spans().filter((s) => s.name === name);

describe('openTelemetryHooks', () => {
  it('one INTERNAL span per call under the caller’s active span, one CLIENT child per attempt', async () => {
    const { sandbox, client } = setup({}, { hooks: openTelemetryHooks({ tracerProvider: provider }) });
    sandbox.faults.push({ status: 503, headers: { 'retry-after': '0' } });
    const tracer = provider.getTracer('test');
    const res = await tracer.startActiveSpan('place order', async (parent) => {
      try {
        return await client.createCheckoutSession(sessionPayload(), { idempotencyKey: 'idem-otel-1' });
      } finally {
        parent.end();
      }
    });
    const [parent] = byName('place order');
    const [call] = byName('createCheckoutSession');
    const attempts = byName('POST /v2/checkoutSessions');
    expect(call!.parentSpanContext?.spanId).toBe(parent!.spanContext().spanId);
    expect(call!.spanContext().traceId).toBe(parent!.spanContext().traceId);
    expect(call!.kind).toBe(SpanKind.INTERNAL);
    expect(call!.attributes).toMatchObject({
      [ATTR.operation]: 'createCheckoutSession',
      [ATTR.idempotencyKey]: 'idem-otel-1',
      [ATTR.requestId]: res.requestId,
      [ATTR.attempts]: 2,
      'http.response.status_code': 201,
    });
    expect(call!.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'amazon_pay.retry',
        {
          'amazon_pay.retry.reason': 'status',
          'amazon_pay.retry.delay_ms': 0,
          [ATTR.reasonCode]: 'ServiceUnavailable',
        },
      ],
    ]);
    expect(attempts).toHaveLength(2);
    for (const a of attempts) {
      expect(a.kind).toBe(SpanKind.CLIENT);
      expect(a.parentSpanContext?.spanId).toBe(call!.spanContext().spanId);
      expect(a.attributes).toMatchObject({
        'http.request.method': 'POST',
        'server.address': 'pay-api.amazon.com',
        'server.port': 443,
        'url.full': 'https://pay-api.amazon.com/v2/checkoutSessions',
        'url.template': '/v2/checkoutSessions',
        [ATTR.idempotencyKey]: 'idem-otel-1',
      });
    }
    expect(attempts[0]!.attributes).toMatchObject({
      'http.response.status_code': 503,
      'error.type': '503',
      [ATTR.reasonCode]: 'ServiceUnavailable',
    });
    expect(attempts[0]!.attributes).not.toHaveProperty('http.request.resend_count');
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[1]!.attributes).toMatchObject({
      'http.response.status_code': 201,
      'http.request.resend_count': 1,
      [ATTR.requestId]: res.requestId,
    });
    expect(attempts[1]!.attributes).not.toHaveProperty('error.type');
    expect(attempts[1]!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a failed call: error status, error.type and the reason code on both spans', async () => {
    const { client } = setup({}, { hooks: openTelemetryHooks({ tracerProvider: provider }) });
    await expect(client.getCharge('S01-0000000-0000000-C000000')).rejects.toMatchObject({
      reasonCode: 'ResourceNotFound',
    });
    const [call] = byName('getCharge');
    const [attempt] = byName('GET /v2/charges/{chargeId}');
    expect(call!.status.code).toBe(SpanStatusCode.ERROR);
    expect(call!.attributes).toMatchObject({
      'error.type': 'ResourceNotFound',
      [ATTR.reasonCode]: 'ResourceNotFound',
      'http.response.status_code': 404,
    });
    expect(attempt!.attributes).toMatchObject({
      'error.type': '404',
      'url.full': 'https://pay-api.amazon.com/v2/charges/S01-0000000-0000000-C000000',
    });
    expect(attempt!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a network failure before any answer: error.type is the SDK error code, no status code', async () => {
    const { sandbox, client } = setup({}, { hooks: openTelemetryHooks({ tracerProvider: provider }), maxRetries: 0 });
    sandbox.faults.push({ drop: true });
    await expect(client.getReports()).rejects.toMatchObject({ code: 'ERR_AMAZON_PAY_CONNECTION' });
    const [attempt] = byName('GET /v2/reports');
    expect(attempt!.attributes['error.type']).toBe('ERR_AMAZON_PAY_CONNECTION');
    expect(attempt!.attributes).not.toHaveProperty('http.response.status_code');
    expect(byName('getReports')[0]!.attributes['error.type']).toBe('ERR_AMAZON_PAY_CONNECTION');
  });

  it('uses the global provider by default; with no SDK registered the API is a no-op and calls still work', async () => {
    const { client } = setup({}, { hooks: openTelemetryHooks() });
    expect((await client.getReports()).status).toBe(200);
    expect(spans()).toHaveLength(0);
    trace.setGlobalTracerProvider(provider);
    try {
      const { client: traced } = setup({}, { hooks: openTelemetryHooks() });
      await traced.getReports();
      expect(byName('getReports')).toHaveLength(1);
    } finally {
      trace.disable();
    }
  });

  it('a whole checkout: every span ends, every attempt has a parent call', async () => {
    const { sandbox, client } = setup({}, { hooks: openTelemetryHooks({ tracerProvider: provider }) });
    await checkout(sandbox, client, { intent: 'AuthorizeWithCapture' });
    const calls = spans().filter((s) => s.kind === SpanKind.INTERNAL);
    expect(calls.map((s) => s.name)).toEqual(['createCheckoutSession', 'completeCheckoutSession']);
    const callIds = new Set(calls.map((s) => s.spanContext().spanId));
    for (const s of spans().filter((s) => s.kind === SpanKind.CLIENT))
      expect(callIds.has(s.parentSpanContext!.spanId)).toBe(true);
  });
});
