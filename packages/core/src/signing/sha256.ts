/**
 * Synchronous SHA-256 (FIPS 180-4). The canonical request needs two hashes per request: WebCrypto's
 * `digest` is asynchronous and costs about 95 µs a call on Node 20, and `@noble/hashes` adds about 3.5 KB
 * minified (1.5 KB gzipped) to a Worker bundle for what these few lines do. `bench/` compares all three.
 */
import { HEX, toHex } from '../encoding.js';

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const W = new Uint32Array(64);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
// Scratch state reused across calls: sha256 is synchronous, so calls never interleave.
const state = new Int32Array(8);
const tail = new Uint8Array(128);

/** One 64-byte block at `off`. Words are read with shifts: a DataView per call was the slow part. */
function compress(bytes: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4)
    W[i] = (bytes[off]! << 24) | (bytes[off + 1]! << 16) | (bytes[off + 2]! << 8) | bytes[off + 3]!;
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!,
      b = W[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!,
    e = state[4]!,
    f = state[5]!,
    g = state[6]!,
    h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Runs the whole hash of `data` into `state`. */
function digestInto(data: Uint8Array): void {
  state.set(IV);
  // Whole blocks straight from the input; only the tail is copied and padded (0x80, zeros, 64-bit bit length).
  const full = data.length - (data.length % 64);
  for (let off = 0; off < full; off += 64) compress(data, off);
  const rest = data.length - full;
  tail.fill(0);
  tail.set(data.subarray(full));
  tail[rest] = 0x80;
  const end = rest + 9 > 64 ? 128 : 64;
  const bits = data.length * 8;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    tail[end - 8 + i] = hi >>> (24 - 8 * i);
    tail[end - 4 + i] = lo >>> (24 - 8 * i);
  }
  compress(tail, 0);
  if (end === 128) compress(tail, 64);
}

/** SHA-256 of `data`, as 32 bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  digestInto(data);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
  return out;
}

/** Lower-case hex of SHA-256 of `data`, written straight from the state words (no byte array in between). */
export function sha256HexOfBytes(data: Uint8Array): string {
  digestInto(data);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    hex += HEX[(v >>> 24) & 255]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
  }
  return hex;
}

const encoder = new TextEncoder();
/** UTF-8 scratch for text up to 16 KB (3 bytes per UTF-16 unit at most): no allocation per canonical request. */
const SCRATCH_UNITS = 16 * 1024;
const scratch = new Uint8Array(SCRATCH_UNITS * 3);

/**
 * Whether `crypto.subtle.digest` hashes in the calling thread. workerd (Cloudflare Workers) does, synchronously
 * in the isolate: there it costs less CPU than the JavaScript above, warm (about 17 vs 21 µs for a request's two
 * hashes) and above all on a fresh isolate, where this file runs interpreted (about 3.7 ms vs next to nothing;
 * bench/README.md). Node, Bun and Deno hand `digest` to another thread, a round trip that costs more than hashing
 * a canonical request here. Read once, on first use.
 */
let digestInThread: boolean | undefined;
export function inThreadDigest(): boolean {
  digestInThread ??=
    (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers' &&
    typeof globalThis.crypto?.subtle?.digest === 'function';
  return digestInThread;
}

/** Lower-case hex of SHA-256 of the UTF-8 bytes of `text` through the platform's `crypto.subtle.digest`. */
export async function digestHex(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** Lower-case hex of SHA-256 of the UTF-8 bytes of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function sha256HexOfText(text: string): string {
  if (text.length > SCRATCH_UNITS) return sha256HexOfBytes(encoder.encode(text));
  const { written } = encoder.encodeInto(text, scratch);
  return sha256HexOfBytes(scratch.subarray(0, written));
}
