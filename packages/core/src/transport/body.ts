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
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG']);
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
    throw new AmazonPayInvalidArgumentError(where, `${where} must be a string such as "10.00" or a number; got ${typeof amount}.`);
  }
  if (!DECIMAL.test(text)) {
    throw new AmazonPayInvalidArgumentError(
      where,
      `${where} ${JSON.stringify(text)} is not a valid amount: use a non-negative decimal with at most two fraction digits ` +
        '(e.g. "10.99"). For computed values pass a string, since binary floating point cannot hold most cents exactly.',
    );
  }
  if (typeof currencyCode === 'string' && ZERO_DECIMAL_CURRENCIES.has(currencyCode.toUpperCase()) && text.includes('.')) {
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

/** Deep copy of a payload with every `{ amount, currencyCode }` amount normalised. */
export function normaliseAmounts(value: unknown, path = 'payload', ancestors: object[] = []): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) {
    throw new AmazonPayInvalidArgumentError('payload', `The request payload refers to itself at ${path} (a circular reference); JSON cannot carry it.`);
  }
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((v, i) => normaliseAmounts(v, `${path}[${i}]`, inner));
  // Any prototype (class instances, null-prototype objects): what matters is what JSON carries.
  const source = value as Record<string, unknown>;
  const out = Object.create(null) as Record<string, unknown>; // a "__proto__" key stays a plain key
  const isPrice = 'amount' in source && 'currencyCode' in source;
  for (const key of Object.keys(source)) {
    out[key] =
      isPrice && key === 'amount'
        ? formatAmount(source[key], source['currencyCode'], `${path}.amount`)
        : normaliseAmounts(source[key], `${path}.${key}`, inner);
  }
  return out;
}

/**
 * An operation's payload as sent: serialised (so `toJSON`, classes and null-prototype objects become the
 * JSON they produce), parsed back, amounts checked and normalised on that, and serialised once more.
 */
export function serialisePayload(payload: object): string {
  const first = serialiseBody(payload);
  if (first === undefined) {
    throw new AmazonPayInvalidArgumentError('payload', 'The request payload serialises to nothing (its toJSON returned undefined).');
  }
  return JSON.stringify(normaliseAmounts(JSON.parse(first)));
}

/** `JSON.stringify` with a typed error for what JSON cannot carry (BigInt, cycles). Strings pass as-is. */
export function serialiseBody(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload) as string | undefined;
  } catch (cause) {
    throw new AmazonPayInvalidArgumentError(
      'payload',
      'The request payload cannot be serialised to JSON (it holds a BigInt, a circular reference, or a toJSON that throws). Pass plain JSON data.',
      { cause },
    );
  }
}
