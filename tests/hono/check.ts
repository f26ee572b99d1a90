/**
 * @amazon-pay-edge/hono checked inside one runtime (Node, Bun, Deno, workerd): the middleware builds the
 * client once per isolate from the bindings and puts it on the context; the IPN route runs the inbox on the
 * raw body (SNS-signed, verified with the certificate's public key) once per notification; a forgery is a 400.
 */
import { Hono } from 'hono';
import { amazonPay, ipnRoute, type AmazonPayVariables } from '@amazon-pay-edge/hono';
import { snsSigner } from '../ipn-stores/contract.js';

interface Bindings {
  PUBLIC_KEY_ID: string;
  PRIVATE_KEY: Uint8Array;
}

export async function checkHono(platform?: {
  waitUntil(p: Promise<unknown>): void;
}): Promise<{ passed: number; failed: number; failures: string[] }> {
  const result = { passed: 0, failed: 0, failures: [] as string[] };
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const env: Bindings = {
    PUBLIC_KEY_ID: 'SANDBOX-AHONOCHECK',
    PRIVATE_KEY: new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
  };
  const signer = await snsSigner();
  let configBuilds = 0;
  let inboxBuilds = 0;
  const runs: string[] = [];
  const app = new Hono<{ Bindings: Bindings; Variables: AmazonPayVariables }>();
  const clients: unknown[] = [];
  app.use(
    '/api/*',
    amazonPay<{ Bindings: Bindings }>(
      (e) => (configBuilds++, { publicKeyId: e.PUBLIC_KEY_ID, privateKey: e.PRIVATE_KEY, region: 'eu' }),
    ),
  );
  app.get('/api/button', async (c) => {
    const client = c.get('amazonPay');
    clients.push(client);
    return c.json(
      await client.generateButtonConfig({
        storeId: 'amzn1.application-oa2-client.x',
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      }),
    );
  });
  app.post(
    '/ipn',
    ipnRoute<{ Bindings: Bindings }>(
      () => (inboxBuilds++, { verifier: signer.verifier(), handle: (n) => void runs.push(n.NotificationId ?? '') }),
    ),
  );

  const checks: [string, () => Promise<void>][] = [
    [
      'the middleware builds one client per isolate and its button signature verifies with the public key',
      async () => {
        const bodies = [];
        for (let i = 0; i < 2; i++) {
          const response = await app.request('/api/button', {}, env, platform as never);
          if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
          bodies.push((await response.json()) as { payloadJSON: string; signature: string; publicKeyId: string });
        }
        if (configBuilds !== 1) throw new Error(`config built ${configBuilds} times`);
        if (clients.length !== 2 || clients[0] !== clients[1]) throw new Error('not the same client on both requests');
        const { payloadJSON, signature, publicKeyId } = bodies[0]!;
        if (publicKeyId !== env.PUBLIC_KEY_ID) throw new Error(`publicKeyId ${publicKeyId}`);
        const { stringToSign } = await import('@amazon-pay-edge/core');
        const data = new TextEncoder().encode(await stringToSign('AMZN-PAY-RSASSA-PSS-V2', payloadJSON));
        const sig = Uint8Array.from(atob(signature), (ch) => ch.charCodeAt(0));
        const ok = await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pair.publicKey, sig, data);
        if (!ok) throw new Error('button signature does not verify');
      },
    ],
    [
      'the IPN route runs the inbox once per notification on the raw body; a forgery gets 400',
      async () => {
        const delivery = await signer.deliveryOf('hono-n-1', 'hono-m-1');
        const copy = await signer.deliveryOf('hono-n-1', 'hono-m-2');
        const post = (body: string) =>
          app.request(
            '/ipn',
            { method: 'POST', body, headers: { 'content-type': 'text/plain; charset=UTF-8' } },
            env,
            platform as never,
          );
        const statuses = [(await post(delivery)).status, (await post(delivery)).status, (await post(copy)).status];
        if (statuses.join() !== '200,200,200') throw new Error(`statuses ${statuses.join()}`);
        if (runs.join() !== 'hono-n-1') throw new Error(`runs ${runs.join()}`);
        const forged = (await post(delivery.replace('STATE_CHANGE', 'ATTRIBUTE_CHANGE'))).status;
        if (forged !== 400) throw new Error(`forgery answered ${forged}`);
        if (inboxBuilds !== 1) throw new Error(`inbox built ${inboxBuilds} times`);
      },
    ],
  ];
  for (const [name, run] of checks) {
    try {
      await run();
      result.passed++;
      console.log(`  ok   hono: ${name}`);
    } catch (error) {
      result.failed++;
      result.failures.push(`hono: ${name}: ${(error as Error)?.stack ?? error}`);
    }
  }
  return result;
}
