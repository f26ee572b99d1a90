/**
 * The page: imports the merchant's PEM key into a NON-EXTRACTABLE CryptoKey and hands it, with the
 * configuration, to the service worker. The PEM never leaves this page and is not stored; the worker only
 * ever holds a key that cannot be exported. After that, `fetch('/api/button-config')` and the other
 * checkout routes are answered by the worker.
 */
import { importPrivateKey } from '@amazon-pay-edge/core';
import type { MerchantSettings } from './sw.js';

async function controlledWorker(): Promise<ServiceWorker> {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  // The worker claims open pages when it activates; wait for that so this page's fetches go through it.
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  }
  const worker = registration.active ?? navigator.serviceWorker.controller;
  if (!worker) throw new Error('The service worker did not activate.');
  return worker;
}

/** Imports `pem` (non-extractable) and installs it with `config` in the service worker. */
export async function installMerchantKey(pem: string, config: MerchantSettings): Promise<void> {
  const key = await importPrivateKey(pem);
  const worker = await controlledWorker();
  const channel = new MessageChannel();
  const reply = new Promise<{ ok: boolean; error?: string }>(
    (resolve) => (channel.port1.onmessage = (event) => resolve(event.data)),
  );
  worker.postMessage({ type: 'install', config, key }, [channel.port2]);
  const answer = await reply;
  if (!answer.ok) throw new Error(answer.error);
}

const field = (name: string) =>
  (document.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLTextAreaElement).value.trim();
const show = (text: string) => ((document.querySelector('#output') as HTMLElement).textContent = text);

document.querySelector('#install')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const pemField = document.querySelector('[name="privateKey"]') as HTMLTextAreaElement;
  const config: MerchantSettings = {
    client: {
      publicKeyId: field('publicKeyId'),
      region: field('region') || 'us',
      baseUrl: field('baseUrl') || location.origin,
    },
    storeId: field('storeId'),
    publicUrl: location.origin,
    amount: field('amount') || '49.90',
    currencyCode: (field('currencyCode') || 'USD') as MerchantSettings['currencyCode'],
  };
  installMerchantKey(pemField.value, config)
    .then(() => {
      pemField.value = ''; // nothing on the page keeps the PEM once the key is imported
      show('Installed. The service worker now answers /api/button-config, /api/review, /api/complete.');
    })
    .catch((error: unknown) => show(`Not installed: ${error instanceof Error ? error.message : String(error)}`));
});

document.querySelector('#try')?.addEventListener('click', () => {
  fetch('/api/button-config')
    .then(async (response) => show(`${response.status}\n${await response.text()}`))
    .catch((error: unknown) => show(String(error)));
});

// For tests and the console: window.amazonPayEdgeExample.installMerchantKey(pem, config).
(globalThis as { amazonPayEdgeExample?: unknown }).amazonPayEdgeExample = { installMerchantKey };
