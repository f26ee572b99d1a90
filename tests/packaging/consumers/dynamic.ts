// The `module: node16` CommonJS consumer: TypeScript's node16 mode refuses a static import of an ES module
// from a CommonJS file (TS1479), so it loads the packages with `import()`, which node16 keeps as-is.
export async function main(): Promise<void> {
  const { WebStoreClient } = await import('@amazon-pay-edge/node');
  const { AmazonPayKeyError } = await import('@amazon-pay-edge/core/errors');
  const { constants, createHash, generateKeyPairSync, verify } = await import('node:crypto');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = new WebStoreClient({ publicKeyId: 'SANDBOX-CONSUMER0000000000000000', privateKey, region: 'us' });
  const payload = JSON.stringify({ storeId: 'amzn1.application-oa2-client.consumer', scopes: ['email'] });
  const signature = await client.generateButtonSignature(payload);
  const toSign = `AMZN-PAY-RSASSA-PSS-V2\n${createHash('sha256').update(payload).digest('hex')}`;
  const key = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  const verified = verify('sha256', Buffer.from(toSign), key, Buffer.from(signature, 'base64'));
  let code: string | undefined;
  let sameClass = false;
  try {
    new WebStoreClient({
      publicKeyId: 'SANDBOX-CONSUMER0000000000000000',
      privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
      region: 'us',
    });
  } catch (error) {
    code = (error as { code?: string }).code;
    sameClass = error instanceof AmazonPayKeyError;
  }
  console.log(JSON.stringify({ verified, code, sameClass }));
}
