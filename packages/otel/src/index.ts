/**
 * OpenTelemetry traces for `@amazon-pay-edge/core`, built on the client's hooks and the OpenTelemetry API
 * only (a peer dependency: a second copy of the API would silently disable tracing). Each call gets an
 * INTERNAL span named after the operation, parented on the caller's active span; each HTTP attempt a
 * CLIENT child span per the HTTP client semantic conventions (`{method} {url.template}`), with the
 * Amazon Pay attributes. Without a registered SDK the API hands out no-op spans, so this costs little.
 */
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import type { AmazonPayHooks, CallFacts } from '@amazon-pay-edge/core';

/** Instrumentation scope name and version reported with every span. */
export const INSTRUMENTATION_NAME = '@amazon-pay-edge/otel';
export const INSTRUMENTATION_VERSION = '0.1.0';

/** Amazon Pay attribute names (the `amazon_pay.` namespace). */
export const ATTR = {
  operation: 'amazon_pay.operation',
  requestId: 'amazon_pay.request_id',
  idempotencyKey: 'amazon_pay.idempotency_key',
  reasonCode: 'amazon_pay.reason_code',
  region: 'amazon_pay.region',
  attempts: 'amazon_pay.attempts',
} as const;

export interface OpenTelemetryHooksOptions {
  /** Defaults to the global provider (`trace.getTracerProvider()`), looked up when the hooks are made. */
  tracerProvider?: TracerProvider | undefined;
}

interface CallState {
  span: Span;
  context: Context;
  attempt: Span | undefined;
}

/** `server.address` / `server.port` of an origin, parsed once per origin (a client has one). */
const servers = new Map<string, { address: string; port: number }>();
function server(facts: CallFacts): { address: string; port: number } {
  let found = servers.get(facts.origin);
  if (!found) {
    const url = new URL(facts.origin);
    found = { address: url.hostname, port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443 };
    if (servers.size < 64) servers.set(facts.origin, found);
  }
  return found;
}

function put(attributes: Attributes, name: string, value: string | number | undefined): void {
  if (value !== undefined) attributes[name] = value;
}

/**
 * Hooks that trace every call of a client: `new WebStoreClient({ ..., hooks: openTelemetryHooks() })`.
 * Attributes carry the path with tokens redacted and never headers, bodies or the query string.
 */
export function openTelemetryHooks(options: OpenTelemetryHooksOptions = {}): AmazonPayHooks {
  const tracer: Tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_NAME,
    INSTRUMENTATION_VERSION,
  );
  const calls = new Map<number, CallState>();

  return {
    onCallStart(e) {
      const attributes: Attributes = { [ATTR.operation]: e.operation, [ATTR.region]: e.region };
      put(attributes, ATTR.idempotencyKey, e.idempotencyKey);
      // Called synchronously inside the client method, so the active context is the caller's.
      const span = tracer.startSpan(e.operation, { kind: SpanKind.INTERNAL, attributes }, context.active());
      calls.set(e.callId, { span, context: trace.setSpan(context.active(), span), attempt: undefined });
    },
    onAttempt(e) {
      const call = calls.get(e.callId);
      if (!call) return;
      const { address, port } = server(e);
      // Set at start, as the conventions ask (samplers see them).
      const attributes: Attributes = {
        'http.request.method': e.method,
        'server.address': address,
        'server.port': port,
        'url.full': e.origin + e.path,
        [ATTR.operation]: e.operation,
      };
      put(attributes, 'url.template', e.pathTemplate);
      put(attributes, ATTR.idempotencyKey, e.idempotencyKey);
      if (e.attempt > 1) attributes['http.request.resend_count'] = e.attempt - 1;
      const name = e.pathTemplate ? `${e.method} ${e.pathTemplate}` : e.method;
      call.attempt = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, call.context);
    },
    onAnswer(e) {
      const call = calls.get(e.callId);
      const span = call?.attempt;
      if (!call || !span) return;
      call.attempt = undefined;
      const attributes: Attributes = {};
      put(attributes, 'http.response.status_code', e.status);
      put(attributes, ATTR.requestId, e.requestId);
      put(attributes, ATTR.reasonCode, e.reasonCode);
      // 4xx and 5xx are errors on CLIENT spans; before any response the error type is the SDK's code.
      const errorType = e.status !== undefined && e.status >= 400 ? String(e.status) : e.errorCode;
      put(attributes, 'error.type', errorType);
      span.setAttributes(attributes);
      if (errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
    onRetry(e) {
      const call = calls.get(e.callId);
      const attributes: Attributes = { 'amazon_pay.retry.reason': e.reason, 'amazon_pay.retry.delay_ms': e.delayMs };
      put(attributes, ATTR.reasonCode, e.reasonCode);
      call?.span.addEvent('amazon_pay.retry', attributes);
    },
    onCallEnd(e) {
      const call = calls.get(e.callId);
      if (!call) return;
      calls.delete(e.callId);
      // An attempt cut short (the caller aborted) has no answer: close it with the call.
      if (call.attempt) {
        call.attempt.setAttribute('error.type', e.errorName ?? 'Error');
        call.attempt.setStatus({ code: SpanStatusCode.ERROR });
        call.attempt.end();
      }
      const { span } = call;
      const attributes: Attributes = { [ATTR.attempts]: e.attempts };
      put(attributes, ATTR.requestId, e.requestId);
      put(attributes, 'http.response.status_code', e.status);
      if (e.outcome === 'error') {
        put(attributes, ATTR.reasonCode, e.reasonCode);
        attributes['error.type'] = e.reasonCode ?? e.errorCode ?? e.errorName ?? 'Error';
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.setAttributes(attributes);
      span.end();
    },
  };
}
