// A loopback HTTPS stand-in for Amazon Pay: a throwaway self-signed certificate for IP 127.0.0.1
// (openssl CLI), and a server that checks each request's signature and answers getCharge with fixed JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { verifySignedRequest } from './verify-signed.mjs';

export const CHARGE_ID = 'S01-5105180-3221187-C056351';

const CHARGE = JSON.stringify({
  chargeId: CHARGE_ID,
  chargePermissionId: 'S01-5105180-3221187',
  chargeAmount: { amount: '49.90', currencyCode: 'USD' },
  captureAmount: { amount: '49.90', currencyCode: 'USD' },
  refundedAmount: { amount: '0.00', currencyCode: 'USD' },
  softDescriptor: 'Example Shop',
  providerMetadata: { providerReferenceId: null },
  convertedAmount: null,
  conversionRate: null,
  channel: null,
  chargeInitiator: null,
  statusDetails: {
    state: 'Captured',
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedTimestamp: '20261128T101500Z',
  },
  creationTimestamp: '20261128T101400Z',
  expirationTimestamp: '20261228T101400Z',
  releaseEnvironment: 'Sandbox',
  merchantMetadata: null,
  platformId: null,
  webCheckoutDetails: null,
});

/** Writes cert.pem / cert-key.pem for CN and subjectAltName IP:127.0.0.1 into `dir`. */
export function makeLoopbackCertificate(dir) {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'cert-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** Starts the server on 127.0.0.1 (a free port). `stats` counts verified and rejected signatures. */
export async function startLoopbackServer({ certificate, publicKey }) {
  const stats = { verified: 0, rejected: 0, tlsConnections: 0 };
  const server = createServer(
    { cert: readFileSync(certificate.cert), key: readFileSync(certificate.key), keepAliveTimeout: 30_000 },
    (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const ok = verifySignedRequest(publicKey, {
          method: req.method,
          path: req.url,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: req.headers,
        });
        if (!ok) {
          stats.rejected++;
          res.writeHead(401, { 'content-type': 'application/json', 'x-amz-pay-request-id': 'bench-rejected' });
          return res.end(
            JSON.stringify({ reasonCode: 'InvalidRequestSignature', message: 'signature did not verify' }),
          );
        }
        stats.verified++;
        res.writeHead(req.url.endsWith(`/charges/${CHARGE_ID}`) ? 200 : 404, {
          'content-type': 'application/json',
          'x-amz-pay-request-id': 'bench-request',
        });
        res.end(CHARGE);
      });
    },
  );
  server.on('secureConnection', () => stats.tlsConnections++);
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { port: server.address().port, stats, close };
}
