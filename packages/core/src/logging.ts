/**
 * The `logger` option: one structured line per attempt answered and per retry scheduled, built from
 * hook events (so it carries the same redacted facts and nothing else). `console` and pino both fit.
 */
import { AmazonPayConfigError } from './errors.js';
import type { Endpoint } from './endpoints.js';
import {
  hookObserver,
  type AmazonPayHooks,
  type AnswerEvent,
  type HookErrorHandler,
  type RetryEvent,
} from './transport/hooks.js';
import type { CallObserverFactory } from './transport/send.js';

/** Anything with these four methods taking a message and an optional object: `console`, pino, winston. */
export interface AmazonPayLogger {
  /** Logs at debug level. */
  debug(message: string, fields?: object): void;
  /** Logs at info level. */
  info(message: string, fields?: object): void;
  /** Logs at warn level. */
  warn(message: string, fields?: object): void;
  /** Logs at error level. */
  error(message: string, fields?: object): void;
}

/** The event's fields, minus its `type` (the message says it); copied, not rest-spread (much slower in V8). */
function fieldsOf(event: AnswerEvent | RetryEvent): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const k in event) if (k !== 'type') fields[k] = event[k as keyof typeof event];
  return fields;
}

/** Hooks that write to `logger`: answers at `info` (`warn` when the attempt failed), retries at `warn`. */
export function loggerHooks(logger: AmazonPayLogger): AmazonPayHooks {
  return {
    onAnswer(event) {
      const outcome = event.status !== undefined ? String(event.status) : (event.errorCode ?? 'no answer');
      const message =
        `amazon-pay ${event.operation} ${event.method} ${event.path} -> ${outcome} ` +
        `(attempt ${event.attempt}, ${event.durationMs} ms)`;
      if (event.errorCode) logger.warn(message, fieldsOf(event));
      else logger.info(message, fieldsOf(event));
    },
    onRetry(event) {
      const why = event.reasonCode ?? (event.status !== undefined ? String(event.status) : event.reason);
      const { operation, attempt, delayMs } = event;
      const message = `amazon-pay ${operation} retry after attempt ${attempt} (${why}) in ${delayMs} ms`;
      logger.warn(message, fieldsOf(event));
    },
  };
}

/** Loggers whose methods take the object first and the message second: pino, bunyan. */
export interface FieldsFirstLogger {
  /** Logs at debug level. */
  debug(fields: object, message: string): void;
  /** Logs at info level. */
  info(fields: object, message: string): void;
  /** Logs at warn level. */
  warn(fields: object, message: string): void;
  /** Logs at error level. */
  error(fields: object, message: string): void;
}

/**
 * Adapts a fields-first logger (pino's `log.info(obj, msg)`) to the `logger` option, so the fields land
 * as JSON properties instead of being dropped as unused format arguments: `logger: fieldsFirst(pino())`.
 */
export function fieldsFirst(logger: FieldsFirstLogger): AmazonPayLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/** Hooks, their error handler and a logger: the observation options of both client shapes. */
export interface ObservationOptions {
  /** Called at call start, per attempt, per answer, per retry and at call end, with redacted facts only. */
  hooks?: AmazonPayHooks | AmazonPayHooks[] | undefined;
  /** Receives what a hook threw or rejected with (default `console.warn`); the call is never affected. */
  onHookError?: HookErrorHandler | undefined;
  /** One structured line per attempt and per retry (`console`, pino, ...); off by default. */
  logger?: AmazonPayLogger | undefined;
}

/** The transport's observer for these options (undefined when there is nothing to call); checks the logger. */
export function hooksObserver(
  options: ObservationOptions,
  endpoint: Endpoint,
  now: () => number,
): CallObserverFactory | undefined {
  const hookSets = options.hooks === undefined ? [] : [options.hooks].flat();
  const logger = options.logger as Record<string, unknown> | undefined;
  if (logger !== undefined && !['debug', 'info', 'warn', 'error'].every((m) => typeof logger?.[m] === 'function')) {
    throw new AmazonPayConfigError('logger', 'logger needs debug, info, warn and error methods (console has them).');
  }
  // Malformed hooks need no check here: calling one that is not a function is caught and reported like a throw.
  const sets = options.logger ? [...hookSets, loggerHooks(options.logger)] : hookSets;
  return hookObserver(sets, options.onHookError, endpoint, now);
}
