/**
 * The request body, serialised once: the exact bytes hashed for the signature are the bytes sent, and
 * they are the bytes checked. Amounts are checked on the serialised form (after every `toJSON`, whatever
 * an object's prototype), and sent as Amazon's decimal strings.
 */
import { AmazonPayInvalidArgumentError } from '../errors.js';

/**
 * Currencies without minor units (ISO 4217 exponent 0). Their amounts are sent as whole numbers: "99.00"
 * becomes "99" (what the official .NET SDK does), and a non-zero fraction ("99.50") is refused.
 */
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'JPY',
  'KRW',
  'VND',
  'CLP',
  'ISK',
  'UGX',
  'XAF',
  'XOF',
  'PYG',
]);
const DECIMAL = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** Checks an amount and returns it as a decimal string; no float arithmetic happens on it. */
export function formatAmount(amount: unknown, currencyCode: unknown, where: string): string {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) {
      throw new AmazonPayInvalidArgumentError(where, `${where} is ${amount}; pass a finite amount such as "10.00".`);
    }
    text = String(amount);
  } else if (typeof amount === 'string') {
    text = amount.trim();
  } else {
    throw new AmazonPayInvalidArgumentError(
      where,
      `${where} must be a string such as "10.00" or a number; got ${typeof amount}.`,
    );
  }
  if (!DECIMAL.test(text)) {
    throw new AmazonPayInvalidArgumentError(
      where,
      `${where} ${JSON.stringify(text)} is not a valid amount: use a non-negative decimal with ` +
        `at most two fraction digits ` +
        '(e.g. "10.99"). For computed values pass a string, since binary floating point cannot ' +
        'hold most cents exactly.',
    );
  }
  if (
    typeof currencyCode === 'string' &&
    ZERO_DECIMAL_CURRENCIES.has(currencyCode.toUpperCase()) &&
    text.includes('.')
  ) {
    if (!/\.0+$/.test(text)) {
      throw new AmazonPayInvalidArgumentError(
        where,
        `${where} ${JSON.stringify(text)} has a fraction, but ${currencyCode} has no minor unit: pass a whole number.`,
      );
    }
    text = text.slice(0, text.indexOf('.'));
  }
  return text;
}

/**
 * An operation's payload as sent, in one pass: `JSON.stringify`'s replacer sees every value after its
 * `toJSON` and whatever its prototype, so each `{ amount, currencyCode }` that is serialised is the one
 * checked and normalised. The bytes returned are hashed and sent.
 */
export function serialisePayload(payload: object): string {
  const text = serialiseBody(payload, function (key, value: unknown) {
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      !('amount' in value && 'currencyCode' in value)
    )
      return value;
    const price = value as Record<string, unknown>;
    return {
      ...price,
      amount: formatAmount(price['amount'], price['currencyCode'], `payload.${key || '(root)'}.amount`),
    };
  });
  if (text === undefined) {
    throw new AmazonPayInvalidArgumentError(
      'payload',
      'The request payload serialises to nothing (its toJSON returned undefined).',
    );
  }
  return text;
}

/** `JSON.stringify` with a typed error for what JSON cannot carry (BigInt, cycles). Strings pass as-is. */
export function serialiseBody(
  payload: unknown,
  replacer?: (this: unknown, key: string, value: unknown) => unknown,
): string | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload, replacer as never) as string | undefined;
  } catch (cause) {
    if (cause instanceof AmazonPayInvalidArgumentError) throw cause; // an amount refused by the replacer
    throw new AmazonPayInvalidArgumentError(
      'payload',
      'The request payload cannot be serialised to JSON (it holds a BigInt, a circular ' +
        'reference, or a toJSON that throws). Pass plain JSON data.',
      { cause },
    );
  }
}
