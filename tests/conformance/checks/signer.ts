/**
 * The signer contract (`AmazonPaySigner`), run over the WebCrypto signer in every runtime: signatures verify
 * with the public key at the algorithm's salt length (and not the other), concurrent calls each sign their own
 * data, failures are typed SDK errors before anything is sent, and no error carries key material. A KMS/HSM or
 * native signer can be run through `signerContract` the same way.
 */
import {
  AmazonPayKeyError,
  WebStoreClient,
  createWebCryptoSigner,
  isAmazonPayError,
  type AmazonPaySigner,
} from '@amazon-pay-edge/core';
import { equal, ok, throws } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { Check } from '../harness.js';
import { pem, toBase64 } from '../key-material.js';
import { SALT_LENGTH, type AlgorithmName } from '../verify.js';

const encoder = new TextEncoder();

function bytesOf(signature: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(signature instanceof ArrayBuffer ? signature : signature.slice().buffer);
}

/** The contract any signer for `algorithm` must meet, given the public key it must verify under. */
export function signerContract(
  label: string,
  makeSigner: (algorithm: AlgorithmName) => AmazonPaySigner,
  publicKey: () => CryptoKey,
): Check[] {
  const verify = (salt: number, data: Uint8Array, signature: Uint8Array | ArrayBuffer) =>
    crypto.subtle.verify(
      { name: 'RSA-PSS', saltLength: salt },
      publicKey(),
      bytesOf(signature),
      data as Uint8Array<ArrayBuffer>,
    );
  return [
    ...(Object.keys(SALT_LENGTH) as AlgorithmName[]).map((algorithm): Check => ({
      name: `signer contract (${label}): ${algorithm} verifies with the public key at salt ${SALT_LENGTH[algorithm]} only`,
      run: async () => {
        const data = encoder.encode(`${algorithm}\nstring to sign ü`);
        const signature = await makeSigner(algorithm).sign(data);
        ok(signature instanceof Uint8Array || signature instanceof ArrayBuffer, 'resolves to bytes');
        equal(bytesOf(signature).length, 256, 'a 2048-bit RSA signature is 256 bytes');
        ok(await verify(SALT_LENGTH[algorithm], data, signature), 'verifies at the algorithm salt');
        const other = algorithm === 'AMZN-PAY-RSASSA-PSS' ? 32 : 20;
        ok(!(await verify(other, data, signature)), `does not verify at salt ${other}`);
        ok(
          !(await verify(SALT_LENGTH[algorithm], encoder.encode('other data'), signature)),
          'does not verify other data',
        );
      },
    })),
    {
      name: `signer contract (${label}): 16 concurrent signs each verify over their own data`,
      run: async () => {
        const signer = makeSigner('AMZN-PAY-RSASSA-PSS-V2');
        const inputs = Array.from({ length: 16 }, (_, i) => encoder.encode(`request ${i}`));
        const signatures = await Promise.all(inputs.map((data) => signer.sign(data)));
        for (const [i, signature] of signatures.entries()) {
          ok(await verify(32, inputs[i]!, signature), `signature ${i} verifies over its own data`);
          ok(!(await verify(32, inputs[(i + 1) % 16]!, signature)), `signature ${i} does not verify over another's`);
        }
      },
    },
  ];
}

export function signerChecks(ctx: SuiteContext): Check[] {
  const pkcs8Base64 = toBase64(ctx.keys.pkcs8);
  const noKeyMaterial = (error: unknown, what: string) => {
    const text = `${String((error as Error)?.message)}\n${String((error as Error)?.stack)}`;
    for (const part of [
      pkcs8Base64.slice(40, 80),
      String(ctx.keys.jwk.d).slice(0, 40),
      String(ctx.keys.jwk.p).slice(0, 40),
    ]) {
      ok(!text.includes(part), `${what}: no key material in the message or stack`);
    }
  };
  return [
    ...signerContract(
      'WebCrypto',
      (algorithm) => createWebCryptoSigner(ctx.keys.privateKey, algorithm),
      () => ctx.keys.publicKey,
    ),
    {
      name: 'signer: a client given `signer` signs requests (the server verifies) and buttons with it',
      run: async () => {
        let calls = 0;
        const webCrypto = createWebCryptoSigner(ctx.keys.privateKey, 'AMZN-PAY-RSASSA-PSS-V2');
        const signer: AmazonPaySigner = { sign: (data) => (calls++, webCrypto.sign(data)) };
        const { privateKey: _unused, ...config } = ctx.config();
        const client = new WebStoreClient({ ...config, signer });
        const result = await client.getCheckoutSession('S01-signer-check');
        equal(result.status, 200, 'the fake Amazon Pay accepted the signature');
        const button = await client.generateButtonConfig({ storeId: 'amzn1.application-oa2-client.signer' });
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(button.payloadJSON)));
        const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
        const toSign = encoder.encode(`AMZN-PAY-RSASSA-PSS-V2\n${hex}`);
        const signature = Uint8Array.from(atob(button.signature), (c) => c.charCodeAt(0));
        ok(
          await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, ctx.keys.publicKey, signature, toSign),
          'button verifies',
        );
        equal(calls, 2, 'one request and one button, both through the signer');
      },
    },
    {
      name: 'signer: privateKey and signer together are a config error',
      run: async () => {
        const error = await throws(
          () =>
            new WebStoreClient(
              ctx.config({ signer: createWebCryptoSigner(ctx.keys.privateKey, 'AMZN-PAY-RSASSA-PSS-V2') }),
            ),
          'both given',
        );
        ok(
          isAmazonPayError(error, 'ERR_AMAZON_PAY_CONFIG') && error.field === 'signer',
          'AmazonPayConfigError on signer',
        );
      },
    },
    {
      name: 'signer: a failing signer is a typed AmazonPayKeyError before anything is sent, with no key material',
      run: async () => {
        let sent = 0;
        const { privateKey: _unused, ...config } = ctx.config();
        const cases: [string, AmazonPaySigner][] = [
          // The WebCrypto signer over a key that cannot sign (the public half).
          ['public key', createWebCryptoSigner(ctx.keys.publicKey, 'AMZN-PAY-RSASSA-PSS-V2')],
          ['rejecting with key text', { sign: () => Promise.reject(new Error(`HSM said no for ${pkcs8Base64}`)) }],
          ['answering a string', { sign: async () => 'not bytes' as unknown as Uint8Array }],
        ];
        for (const [what, signer] of cases) {
          const client = new WebStoreClient({
            ...config,
            signer,
            fetch: (input, init) => (sent++, ctx.serverFetch(input, init)),
          });
          const error = await throws(() => client.getCheckoutSession('S01-signer-fails'), what);
          ok(
            error instanceof AmazonPayKeyError && isAmazonPayError(error, 'ERR_AMAZON_PAY_KEY'),
            `${what}: AmazonPayKeyError`,
          );
          equal((error as AmazonPayKeyError).reason, 'SIGNER_FAILED', `${what}: reason`);
          noKeyMaterial(error, what);
        }
        equal(sent, 0, 'nothing was sent');
        const bad = await throws(
          () => new WebStoreClient(ctx.config({ privateKey: pem('PRIVATE KEY', ctx.keys.ecPkcs8) })),
          'EC key',
        );
        ok(isAmazonPayError(bad, 'ERR_AMAZON_PAY_KEY'), 'a wrong key type is AmazonPayKeyError');
        noKeyMaterial(bad, 'EC key');
      },
    },
  ];
}
