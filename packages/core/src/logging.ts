/**
 * The `logger` option: one structured line per attempt answered and per retry scheduled, built from
 * hook events (so it carries the same redacted facts and nothing else). `console` and pino both fit.
 */
import type { AmazonPayHooks, AnswerEvent, RetryEvent } from './transport/hooks.js';

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
