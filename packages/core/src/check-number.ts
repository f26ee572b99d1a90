/**
 * The one check of a numeric option (client retries and timeouts, IPN budgets and leases, sandbox and server
 * options), so every package refuses a bad number with the same message shape:
 * `<field> must be <what>; got <value>.` Each caller keeps its own typed error through `fail`.
 */
import { AmazonPayConfigError } from './errors.js';

/** What a numeric option accepts. Non-numbers and NaN are always refused; `Infinity` only when `infinite`. */
export interface NumberRule {
  /** Whole numbers only. */
  integer?: boolean;
  /** Smallest value accepted (refused itself when `exclusiveMin`). */
  min?: number;
  /** Largest value accepted. */
  max?: number;
  /** `min` is a bound the value must be greater than (`{ min: 0, exclusiveMin: true }`: positive). */
  exclusiveMin?: boolean;
  /** `Infinity` means "no limit" for this option. */
  infinite?: boolean;
  /** The unit shown in the message, e.g. `milliseconds`. */
  unit?: string;
}

/** Builds the caller's typed error (`AmazonPayConfigError` unless said otherwise). */
export type NumberErrorFactory = (field: string, message: string) => Error;

const configError: NumberErrorFactory = (field, message) => new AmazonPayConfigError(field, message);

/** The accepted values in words: `a whole number (milliseconds) from 1 to 600000`. */
export function describeNumberRule(rule: NumberRule): string {
  const kind = `${rule.integer ? 'a whole number' : 'a number'}${rule.unit ? ` (${rule.unit})` : ''}`;
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ${rule.exclusiveMin ? 'greater than' : 'of at least'} ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

/** True when `value` is a number `rule` accepts. */
export function fitsNumberRule(value: unknown, rule: NumberRule): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value) && !(rule.infinite && value === Infinity)) return false;
  if (rule.integer && Number.isFinite(value) && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) return false;
  return rule.max === undefined || value <= rule.max;
}

/**
 * Checks an optional numeric option: `undefined` passes through (the caller applies its default), a value
 * the rule accepts is returned, anything else throws `fail(field, message)`.
 */
export function checkNumber(
  field: string,
  value: unknown,
  rule: NumberRule,
  fail: NumberErrorFactory = configError,
): number | undefined {
  if (value === undefined || fitsNumberRule(value, rule)) return value;
  throw fail(field, `${field} must be ${describeNumberRule(rule)}; got ${String(value)}.`);
}
