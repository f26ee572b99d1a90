/** Button signatures (`amazon.Pay.renderButton`) verify with the public key, with the salt the algorithm names. */
import { WebStoreClient } from '@amazon-pay-edge/core';
import { equal, notEqual, ok } from '../assert.js';
import type { SuiteContext } from '../context.js';
import type { Check } from '../harness.js';
import { BUTTON_PAYLOAD } from '../vectors.js';
import { SALT_LENGTH, verifyButtonSignature, type AlgorithmName } from '../verify.js';

const PAYLOAD = {
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review?step=1&x=ü' },
  storeId: 'amzn1.application-oa2-client.conformance',
  scopes: ['name', 'email'],
};

export function buttonChecks(ctx: SuiteContext): Check[] {
  const perAlgorithm = (Object.keys(SALT_LENGTH) as AlgorithmName[]).map((algorithm): Check => ({
    name: `button: generateButtonConfig signs payloadJSON exactly, ${algorithm} (salt ${SALT_LENGTH[algorithm]})`,
    run: async () => {
      const client = new WebStoreClient(ctx.config({ algorithm }));
      const config = await client.generateButtonConfig(PAYLOAD);
      equal(config.payloadJSON, JSON.stringify(PAYLOAD), 'payloadJSON');
      equal(config.publicKeyId, ctx.publicKeyId, 'publicKeyId');
      equal(config.algorithm, algorithm, 'algorithm');
      ok(
        await verifyButtonSignature(ctx.keys.publicKey, algorithm, config.payloadJSON, config.signature),
        'verifies with the public key',
      );
      const otherSalt = algorithm === 'AMZN-PAY-RSASSA-PSS' ? 32 : 20;
      ok(
        !(await verifyButtonSignature(ctx.keys.publicKey, algorithm, config.payloadJSON, config.signature, otherSalt)),
        `does not verify with salt ${otherSalt}`,
      );
    },
  }));
  return [
    ...perAlgorithm,
    {
      name: 'button: the 7.4 payload string is signed as given (escaped slashes are another string)',
      run: async () => {
        const client = new WebStoreClient(ctx.config());
        const first = await client.generateButtonSignature(BUTTON_PAYLOAD);
        const second = await client.generateButtonSignature(BUTTON_PAYLOAD);
        notEqual(first, second, 'RSA-PSS signatures are randomised');
        for (const signature of [first, second]) {
          ok(
            await verifyButtonSignature(ctx.keys.publicKey, 'AMZN-PAY-RSASSA-PSS-V2', BUTTON_PAYLOAD, signature),
            'verifies over the payload',
          );
        }
        const escaped = BUTTON_PAYLOAD.replace(/\//g, '\\/');
        ok(
          !(await verifyButtonSignature(ctx.keys.publicKey, 'AMZN-PAY-RSASSA-PSS-V2', escaped, first)),
          'does not verify over the escaped payload',
        );
      },
    },
  ];
}
