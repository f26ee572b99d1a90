// The built-in SHA-256 against node:crypto over lengths that cross every padding boundary, and random data.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/index.js';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('matches node:crypto for every length from 0 to 300 bytes and for 1 MiB', () => {
    for (let n = 0; n <= 300; n++) {
      const b = randomBytes(n);
      expect(sha256Hex(b)).toBe(node(b));
    }
    const big = randomBytes(1 << 20);
    expect(sha256Hex(big)).toBe(node(big));
  });
  it('matches node:crypto on random unicode text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 500 }),
        (s) => sha256Hex(s) === createHash('sha256').update(s, 'utf8').digest('hex'),
      ),
      { numRuns: 2000 },
    );
  });
});
