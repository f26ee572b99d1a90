/** Every accepted key format imports and signs; every rejected one fails with its typed error and reason. */
import { importPrivateKey, WebStoreClient, type KeyErrorReason, type PrivateKeyInput } from '@amazon-pay-edge/core';
import { equal, ok, throws, throwsSync } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { Check } from '../harness.js';
import { encryptedPkcs8Shell, pem, RSA_PSS_SHA256, toBase64, type KeyMaterial } from '../key-material.js';
import { verifyButtonSignature } from '../verify.js';

type Make = (keys: KeyMaterial) => PrivateKeyInput | Promise<PrivateKeyInput>;

const escapeNewlines = (text: string) => text.replace(/\n/g, '\\n');
const utf8 = (text: string) => new TextEncoder().encode(text);

export const ACCEPTED: [string, Make][] = [
  ['PKCS#8 PEM', (k) => pem('PRIVATE KEY', k.pkcs8)],
  ['PKCS#8 PEM with CRLF line ends', (k) => pem('PRIVATE KEY', k.pkcs8, '\r\n')],
  ['PKCS#8 PEM with escaped \\n (env var)', (k) => escapeNewlines(pem('PRIVATE KEY', k.pkcs8))],
  ['PKCS#8 PEM with surrounding blank lines', (k) => `\n\n  ${pem('PRIVATE KEY', k.pkcs8)}\n\n`],
  ['PKCS#8 PEM as UTF-8 bytes', (k) => utf8(pem('PRIVATE KEY', k.pkcs8))],
  ['PKCS#1 PEM (BEGIN RSA PRIVATE KEY)', (k) => pem('RSA PRIVATE KEY', k.pkcs1)],
  ['PKCS#1 PEM with CRLF line ends', (k) => pem('RSA PRIVATE KEY', k.pkcs1, '\r\n')],
  ['PKCS#1 PEM with escaped \\n (env var)', (k) => escapeNewlines(pem('RSA PRIVATE KEY', k.pkcs1))],
  ['PKCS#8 DER bytes (Uint8Array)', (k) => k.pkcs8.slice()],
  ['PKCS#8 DER (ArrayBuffer)', (k) => k.pkcs8.slice().buffer],
  ['PKCS#1 DER bytes', (k) => k.pkcs1.slice()],
  ['PKCS#8 as bare Base64', (k) => toBase64(k.pkcs8)],
  ['private JWK object', (k) => ({ ...k.jwk })],
  ['private JWK as JSON text', (k) => JSON.stringify(k.jwk)],
  ['private JWK labelled RS256 (label ignored)', (k) => ({ ...k.jwk, alg: 'RS256', key_ops: ['sign'] })],
  [
    'RSA-PSS/SHA-256 CryptoKey, non-extractable',
    (k) => crypto.subtle.importKey('pkcs8', k.pkcs8.slice(), RSA_PSS_SHA256, false, ['sign']),
  ],
  ['RSA-PSS/SHA-256 CryptoKey from generateKey', (k) => k.privateKey],
];

function jwkWithModulusBytes(jwk: JsonWebKey, bytes: number): JsonWebKey {
  // base64url: 4 characters per 3 bytes; 1024 bits = 128 bytes, a whole number of characters is enough here.
  return { ...jwk, n: jwk.n!.slice(0, Math.ceil((bytes * 4) / 3)) };
}

export const REJECTED: [string, KeyErrorReason, Make][] = [
  ['empty string', 'EMPTY', () => ''],
  ['whitespace only', 'EMPTY', () => ' \n\t '],
  ['empty bytes', 'EMPTY', () => new Uint8Array(0)],
  [
    'OpenSSH private key',
    'OPENSSH',
    () =>
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn\n-----END OPENSSH PRIVATE KEY-----\n',
  ],
  ['ENCRYPTED PRIVATE KEY PEM (PBES2)', 'ENCRYPTED', () => pem('ENCRYPTED PRIVATE KEY', encryptedPkcs8Shell())],
  ['encrypted PKCS#8 DER', 'ENCRYPTED', () => encryptedPkcs8Shell()],
  [
    'encrypted PKCS#1 PEM (Proc-Type 4,ENCRYPTED)',
    'ENCRYPTED',
    (k) =>
      pem('RSA PRIVATE KEY', k.pkcs1).replace(
        '-----\n',
        '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n',
      ),
  ],
  ['public key PEM (SPKI)', 'PUBLIC_KEY', (k) => pem('PUBLIC KEY', k.spki)],
  ['public key DER (SPKI)', 'PUBLIC_KEY', (k) => k.spki.slice()],
  ['public JWK', 'PUBLIC_KEY', (k) => ({ ...k.publicJwk })],
  ['public CryptoKey', 'PUBLIC_KEY', (k) => k.publicKey],
  ['EC P-256 PKCS#8 PEM', 'NOT_RSA', (k) => pem('PRIVATE KEY', k.ecPkcs8)],
  ['EC P-256 PKCS#8 DER', 'NOT_RSA', (k) => k.ecPkcs8.slice()],
  ['garbled Base64 inside the PEM', 'MALFORMED', (k) => pem('PRIVATE KEY', k.pkcs8).replace(/\n(.{10})/, '\n$1!*%')],
  ['truncated PKCS#8 DER', 'MALFORMED', (k) => k.pkcs8.slice(0, Math.floor(k.pkcs8.length / 2))],
  ['PEM cut off before its END line', 'MALFORMED', (k) => pem('PRIVATE KEY', k.pkcs8).split('-----END')[0]!],
  ['X.509 certificate PEM', 'CERTIFICATE', (k) => pem('CERTIFICATE', k.spki)],
  ['RSA JWK with a 1024-bit modulus', 'TOO_SMALL', (k) => jwkWithModulusBytes(k.jwk, 128)],
  [
    'CryptoKey imported for RSASSA-PKCS1-v1_5',
    'WRONG_ALGORITHM',
    (k) =>
      crypto.subtle.importKey('pkcs8', k.pkcs8.slice(), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
        'sign',
      ]),
  ],
  ['unknown PEM label', 'UNSUPPORTED', (k) => pem('SOMETHING ELSE', k.pkcs8)],
  ['a file path (core cannot read files)', 'UNSUPPORTED', () => './keys/private.pem'],
];

/** Stretches of secret key text that must never appear in an error message. */
export function secretFragments(keys: KeyMaterial): string[] {
  const texts = [toBase64(keys.pkcs8), toBase64(keys.pkcs1), toBase64(keys.ecPkcs8), keys.jwk.d!, keys.jwk.p!];
  return texts.flatMap((t) => [t.slice(100, 124), t.slice(t.length - 40, t.length - 16)]);
}

function checkKeyError(error: unknown, reason: KeyErrorReason, fragments: string[], what: string): void {
  const e = error as { name?: unknown; code?: unknown; reason?: unknown; format?: unknown; message?: unknown };
  equal(e.name, 'AmazonPayKeyError', `${what}: error name`);
  equal(e.code, 'ERR_AMAZON_PAY_KEY', `${what}: error code`);
  equal(e.reason, reason, `${what}: reason`);
  ok(typeof e.format === 'string' && e.format.length > 0, `${what}: names the detected format`);
  ok(typeof e.message === 'string' && e.message.length > 30, `${what}: has a message that says how to fix it`);
  for (const fragment of fragments)
    ok(!(e.message as string).includes(fragment), `${what}: message must not echo key material`);
}

export function keyChecks(ctx: SuiteContext): Check[] {
  const payload = '{"storeId":"amzn1.application-oa2-client.conformance"}';
  const accepted = ACCEPTED.map(([name, make]): Check => ({
    name: `keys: accepts ${name}`,
    run: async () => {
      const input = await make(ctx.keys);
      const imported = await importPrivateKey(input);
      equal(imported.type, 'private', 'imported key type');
      equal(imported.algorithm.name, 'RSA-PSS', 'imported key algorithm');
      const client = new WebStoreClient(ctx.config({ privateKey: input }));
      const signature = await client.generateButtonSignature(payload);
      ok(
        await verifyButtonSignature(ctx.keys.publicKey, 'AMZN-PAY-RSASSA-PSS-V2', payload, signature),
        'the signature verifies with the public key',
      );
    },
  }));
  const fragments = secretFragments(ctx.keys);
  const rejected = REJECTED.map(([name, reason, make]): Check => ({
    name: `keys: rejects ${name} with ${reason}`,
    run: async () => {
      const input = await make(ctx.keys);
      let fetched = 0;
      const config = ctx.config({ privateKey: input, fetch: () => Promise.resolve(new Response(String(++fetched))) });
      checkKeyError(
        throwsSync(() => new WebStoreClient(config), 'client constructor'),
        reason,
        fragments,
        'constructor',
      );
      checkKeyError(
        await throws(() => importPrivateKey(input), 'importPrivateKey'),
        reason,
        fragments,
        'importPrivateKey',
      );
      equal(fetched, 0, 'requests sent with a rejected key');
    },
  }));
  const openssh: Check = {
    name: 'keys: the OpenSSH error gives the conversion command',
    run: () => {
      const makeOpenSsh = REJECTED.find(([, reason]) => reason === 'OPENSSH')![2];
      const error = throwsSync(
        () => new WebStoreClient(ctx.config({ privateKey: makeOpenSsh(ctx.keys) as string })),
        'constructor',
      );
      ok(String((error as Error).message).includes('ssh-keygen -p -m PKCS8'), 'message names ssh-keygen -p -m PKCS8');
    },
  };
  return [...accepted, ...rejected, openssh];
}
