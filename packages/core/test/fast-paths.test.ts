// The request path's shortcuts (issue 16) against the general rules they skip: same output on every input.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHeaders, canonicalUri, encodeRfc3986, formatAmzDate, sha256Hex } from '../src/signer.js';
import { fromBase64, toBase64 } from '../src/internal.js';

// The rules as they were written before the shortcuts.
const encodeReference = (v: string) =>
  encodeURIComponent(v).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const uriReference = (path: string) => {
  if (path === '') return '/';
  const encoded = path
    .replace(/\/{2,}/g, '/')
    .split('/')
    .map(encodeReference)
    .join('/');
  return encoded.startsWith('/') ? encoded : '/' + encoded;
};
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Reference(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s]/g, '');
  if (clean.length === 0 || clean.length % 4 !== 0) return undefined;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = clean[i + j]!;
      const isPad = c === '=' && i + 4 === clean.length && j >= 4 - pad;
      const v = isPad ? 0 : B64.indexOf(c);
      if (v < 0) return undefined;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Header values as the rule was written before the shortcut: trim, then collapse every whitespace run. */
function headersReference(headers: Record<string, string>) {
  const merged = new Map<string, string>();
  for (const name of Object.keys(headers)) {
    const key = name.toLowerCase();
    const value = String(headers[name]).trim().replace(/\s+/g, ' ');
    const prior = merged.get(key);
    merged.set(key, prior === undefined ? value : `${prior},${value}`);
  }
  const names = [...merged.keys()].sort();
  return { block: names.map((n) => `${n}:${merged.get(n)}\n`).join(''), signedHeaders: names.join(';') };
}
const valueChars = fc.constantFrom(
  ...[...'aZ0 -:,=/'],
  '  ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'é',
);

const pathChars = fc.constantFrom(...[...'aZ09-_.~/%! é€/ \u{1F600}'], '//', 'S01-1', 'charges');

describe('shortcuts give what the general rules give', () => {
  it('encodeRfc3986', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9\-_.~]*$/)), (s) => {
        expect(encodeRfc3986(s)).toBe(encodeReference(s));
      }),
    );
  });
  it('canonicalUri', () => {
    fc.assert(
      fc.property(fc.array(pathChars, { maxLength: 12 }), (parts) => {
        const path = parts.join('');
        expect(canonicalUri(path)).toBe(uriReference(path));
      }),
    );
  });
  it('fromBase64: well-formed input decodes like Buffer, anything else is undefined like before', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        if (bytes.length === 0) {
          expect(fromBase64(text)).toBeUndefined();
          return;
        }
        expect(fromBase64(text)).toEqual(new Uint8Array(bytes));
        expect(fromBase64(text.replace(/(.{64})/g, '$1\n'))).toEqual(new Uint8Array(bytes));
      }),
    );
    const noisy = fc.array(fc.constantFrom(...'AQz09+/= \n-_*'.split('')), { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(
      fc.property(noisy, (text) => {
        expect(fromBase64(text)).toEqual(base64Reference(text));
      }),
      {
        numRuns: 5000,
      },
    );
  });
  it('canonicalHeaders: clean values skip the cleaning, any whitespace but a single inner space still cleans', () => {
    const value = fc.array(valueChars, { maxLength: 10 }).map((a) => a.join(''));
    const name = fc.constantFrom('Accept', 'accept', 'X-Amz-Pay-Date', 'x-amz-pay-host', 'content-type');
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 5 }), (headers) => {
        expect(canonicalHeaders(headers)).toEqual(headersReference(headers));
      }),
      { numRuns: 5000 },
    );
  });
  it('toBase64 gives what Buffer gives, across the chunk boundary too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
    const big = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 7919) & 255);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
  it('sha256Hex of text beyond the reused buffer, between short ones', () => {
    const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    const long = 'é€\u{1F600}a'.repeat(6000); // 30,000 UTF-16 units, over 16 K
    for (const s of ['abc', long, 'x'.repeat(16 * 1024), 'x'.repeat(16 * 1024 + 1), 'é'.repeat(16 * 1024), 'abc'])
      expect(sha256Hex(s)).toBe(node(s));
  });
  it('formatAmzDate across second boundaries, for numbers, Dates and date strings', () => {
    const t = Date.UTC(2024, 0, 1, 23, 59, 59, 998);
    for (const [input, text] of [
      [t, '20240101T235959Z'],
      [t + 1, '20240101T235959Z'],
      [t + 2, '20240102T000000Z'],
      [new Date(t), '20240101T235959Z'],
      ['2018-05-24T22:37:10.999Z', '20180524T223710Z'],
      [-1500, '19691231T235958Z'],
    ] as const)
      expect(formatAmzDate(input as number)).toBe(text);
    expect(() => formatAmzDate(Number.NaN)).toThrow(RangeError);
    expect(() => formatAmzDate(new Date('nope'))).toThrow(RangeError);
  });
});
