// Cold-start probe for workerd (Miniflare, Node compatibility off). One bundle, three modes from the
// MODE binding: noop (the dispatch baseline), raw (importKey + sign), sdk (client + getSignedHeaders) and lean
// (createAmazonPayClient + getSignedHeaders from core/ops).
// workerd freezes the clock inside the isolate, so the runner times the first dispatchFetch from outside.
import { WebStoreClient } from '@amazon-pay-edge/core';
// A namespace import: compare.mjs bundles this probe with older cores too, which lack the lean shape.
import * as ops from '@amazon-pay-edge/core/ops';

/* global __BENCH_PAYLOAD__, __BENCH_STS__ */
function pemToDer(text) {
  const b64 = text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export default {
  async fetch(_request, env) {
    let output = '';
    if (env.MODE === 'raw') {
      const key = await crypto.subtle.importKey(
        'pkcs8',
        pemToDer(env.PRIVATE_KEY),
        { name: 'RSA-PSS', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const signature = await crypto.subtle.sign(
        { name: 'RSA-PSS', saltLength: 32 },
        key,
        new TextEncoder().encode(__BENCH_STS__),
      );
      output = btoa(String.fromCharCode(...new Uint8Array(signature)));
    } else if (env.MODE === 'sdk') {
      const client = new WebStoreClient({
        publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
        privateKey: env.PRIVATE_KEY,
        region: 'us',
      });
      output = await client.getSignedHeaders({
        method: 'POST',
        urlFragment: 'checkoutSessions',
        payload: __BENCH_PAYLOAD__,
      });
    } else if (env.MODE === 'lean') {
      const client = ops.createAmazonPayClient({
        publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
        privateKey: env.PRIVATE_KEY,
        region: 'us',
      });
      output = await ops.getSignedHeaders(client, {
        method: 'POST',
        urlFragment: 'checkoutSessions',
        payload: __BENCH_PAYLOAD__,
      });
    }
    // `process` is undefined when Node compatibility is really off.
    return Response.json({ mode: env.MODE, output, process: typeof globalThis.process });
  },
};
