/**
 * Request-body checks as small composable validators. A body schema lists its top-level fields: an
 * unknown field answers `UnrecognizedField`, a missing required one `MissingParameterValue`, a value of
 * the wrong shape `InvalidParameterValue`, all naming the field's path as Amazon's messages do.
 * `null` is treated as "not given" for optional fields.
 */
import { ApiError } from './errors.js';
import { parsePrice, type Price } from './money.js';

export type Check = (value: unknown, path: string) => unknown;

const invalid = (path: string, why: string): never => {
  throw new ApiError('InvalidParameterValue', `The value provided for ${path} is invalid: ${why}.`);
};

export const any: Check = (v) => v;

export function str(opts: { max?: number; oneOf?: readonly string[]; pattern?: RegExp } = {}): Check {
  return (v, path) => {
    if (typeof v !== 'string') return invalid(path, 'expected a string');
    if (opts.max !== undefined && v.length > opts.max) invalid(path, `at most ${opts.max} characters are allowed`);
    if (opts.oneOf && !opts.oneOf.includes(v)) invalid(path, `use one of ${opts.oneOf.join(', ')}`);
    if (opts.pattern && !opts.pattern.test(v)) invalid(path, `it does not have the expected format`);
    return v;
  };
}

export const bool: Check = (v, path) => (typeof v === 'boolean' ? v : invalid(path, 'expected true or false'));

/** A time stamp: ISO 8601 text, `yyyyMMddTHHmmssZ`, or epoch milliseconds. Returns ms. */
export const time: Check = (v, path) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
    const ms = basic
      ? Date.UTC(+basic[1]!, +basic[2]! - 1, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!)
      : Date.parse(v);
    if (Number.isFinite(ms)) return ms;
  }
  return invalid(path, 'expected a date-time such as 2024-01-01T00:00:00Z');
};

export const price: Check = (v, path): Price => parsePrice(v, path);

export function arr(item: Check, opts: { min?: number; max?: number } = {}): Check {
  return (v, path) => {
    if (!Array.isArray(v)) return invalid(path, 'expected a list');
    if (opts.min !== undefined && v.length < opts.min) invalid(path, `at least ${opts.min} entries are needed`);
    if (opts.max !== undefined && v.length > opts.max) invalid(path, `at most ${opts.max} entries are allowed`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

export interface Shape {
  fields: Record<string, Check>;
  required?: readonly string[];
}

/**
 * An object whose known fields are checked (and normalised, e.g. prices). Nested objects keep fields the
 * sandbox does not know; only the top level of a request body is strict (see `body`).
 */
export function obj(shape: Shape, strict = false): Check {
  return (v, path) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return invalid(path, 'expected an object');
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      const check = shape.fields[key];
      const where = path ? `${path}.${key}` : key;
      if (!check) {
        if (strict)
          throw new ApiError('UnrecognizedField', `${where} is not a recognized field for this request. Remove it.`);
        out[key] = input[key];
        continue;
      }
      if (input[key] === null || input[key] === undefined) continue;
      out[key] = check(input[key], where);
    }
    for (const key of shape.required ?? []) {
      if (out[key] === undefined)
        throw new ApiError('MissingParameterValue', `${path ? `${path}.` : ''}${key} is required for this request.`);
    }
    return out;
  };
}

/** Top-level request body: strict about unknown fields. */
export function body<T = Record<string, unknown>>(shape: Shape, value: unknown): T {
  if (value === undefined) value = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError('InvalidRequestFormat', 'The request body must be a JSON object.');
  }
  return obj(shape, true)(value, '') as T;
}

// Shapes shared by several resources.

export const merchantMetadata = obj({
  fields: {
    merchantReferenceId: str({ max: 256 }),
    merchantStoreName: str({ max: 50 }),
    noteToBuyer: str({ max: 255 }),
    customInformation: str({ max: 4096 }),
  },
});

export const providerMetadata = obj({ fields: { providerReferenceId: str({ max: 256 }) } });

export const recurringMetadata = obj({
  fields: {
    frequency: obj({
      fields: {
        unit: str({ oneOf: ['Year', 'Month', 'Week', 'Day', 'Variable'] }),
        value: (v, path) =>
          typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))
            ? String(v)
            : invalid(path, 'expected a whole number'),
      },
      required: ['unit', 'value'],
    }),
    amount: price,
  },
});

export const softDescriptor = str({ max: 16 });

export const address = obj({
  fields: Object.fromEntries(
    [
      'name',
      'addressLine1',
      'addressLine2',
      'addressLine3',
      'city',
      'county',
      'district',
      'districtOrCounty',
      'stateOrRegion',
      'postalCode',
      'countryCode',
      'phoneNumber',
    ].map((k) => [k, str({ max: 256 })]),
  ),
});

/** Query parameters of a GET: only the listed names; values as single strings. */
export function queryOf(query: URLSearchParams, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!allowed.includes(name))
      throw new ApiError(
        'InvalidParameterValue',
        `${name} is not a query parameter of this operation; it takes ${allowed.join(', ')}.`,
      );
    out[name] = value;
  }
  return out;
}

export function pageSizeOf(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ApiError(
      'InvalidParameterValue',
      `The value provided for pageSize is invalid: use a whole number from 1 to ${max}.`,
    );
  return n;
}

/** Opaque page tokens: the next page's offset and the filters of the first request, Base64 JSON. */
export const pageToken = {
  encode: (offset: number, filters: Record<string, string> = {}): string => btoa(JSON.stringify({ offset, filters })),
  decode(token: string | undefined): { offset: number; filters: Record<string, string> | undefined } {
    if (token === undefined) return { offset: 0, filters: undefined };
    let parsed: unknown;
    try {
      parsed = JSON.parse(atob(token));
    } catch {
      parsed = undefined;
    }
    const p = parsed as { offset?: unknown; filters?: unknown } | undefined;
    if (
      !p ||
      !Number.isInteger(p.offset) ||
      (p.offset as number) < 0 ||
      typeof p.filters !== 'object' ||
      p.filters === null
    ) {
      throw new ApiError(
        'InvalidParameterValue',
        'The value provided for nextToken is invalid: pass the nextToken of the previous page unchanged.',
      );
    }
    return { offset: p.offset as number, filters: p.filters as Record<string, string> };
  },
};
