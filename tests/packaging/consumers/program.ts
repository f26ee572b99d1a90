// The consumer program of the CommonJS/ESM matrix (packaging/commonjs.mjs): compiled by tsc under each
// `module` setting and run by every Node in the matrix. It prints one JSON line the runner asserts on.
import { constants, createHash, generateKeyPairSync, verify } from 'node:crypto';
import { AmazonPayKeyError, type AmazonPayErrorCode } from '@amazon-pay-edge/core/errors';
import { WebStoreClient } from '@amazon-pay-edge/node';

export async function main(): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = new WebStoreClient({ publicKeyId: 'SANDBOX-CONSUMER0000000000000000', privateKey, region: 'us' });
  const payload = JSON.stringify({ storeId: 'amzn1.application-oa2-client.consumer', scopes: ['email'] });
  const signature = await client.generateButtonSignature(payload);
  const toSign = `AMZN-PAY-RSASSA-PSS-V2\n${createHash('sha256').update(payload).digest('hex')}`;
  const key = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  const verified = verify('sha256', Buffer.from(toSign), key, Buffer.from(signature, 'base64'));
  let code: AmazonPayErrorCode | undefined;
  let sameClass = false;
  try {
    new WebStoreClient({
      publicKeyId: 'SANDBOX-CONSUMER0000000000000000',
      privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
      region: 'us',
    });
  } catch (error) {
    code = (error as { code?: AmazonPayErrorCode }).code;
    sameClass = error instanceof AmazonPayKeyError;
  }
  console.log(JSON.stringify({ verified, code, sameClass }));
}
