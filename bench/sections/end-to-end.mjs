// 4. End to end over loopback HTTPS (TLS verified through NODE_EXTRA_CA_CERTS): getCharge with 8 in flight,
// this SDK vs the official Node SDK, each in its own child process, alternating round by round.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/fixtures.mjs';
import { runJson } from '../lib/child.mjs';
import { makeLoopbackCertificate, startLoopbackServer } from '../lib/loopback-server.mjs';
import { interleave, medianRatio, summary } from '../lib/stats.mjs';

const CLIENT = join(BENCH_DIR, 'probes', 'e2e-client.mjs');
const SDKS = [
  { name: 'sdk', arg: 'edge' },
  { name: 'official', arg: 'official' },
];

export async function endToEnd({ keys, tempDir, rounds, requests, warmup, inFlight = 8 }) {
  const certificate = makeLoopbackCertificate(tempDir);
  const keyPath = join(tempDir, 'merchant-key.pem');
  writeFileSync(keyPath, keys.pem, { mode: 0o600 });
  const server = await startLoopbackServer({ certificate, publicKey: keys.publicKey });
  const perSdk = {};
  try {
    const results = await interleave(rounds, SDKS, async (sdk) => {
      const before = { ...server.stats };
      const r = await runJson(
        process.execPath,
        [CLIENT, sdk.arg, String(server.port), keyPath, String(requests), String(warmup), String(inFlight)],
        {
          env: { NODE_EXTRA_CA_CERTS: certificate.cert },
          timeoutMs: 120_000,
        },
      );
      const tally = (perSdk[sdk.name] ??= { verified: 0, rejected: 0, tlsConnections: 0 });
      for (const k of Object.keys(tally)) tally[k] += server.stats[k] - before[k];
      return r;
    });
    const bad = Object.entries(perSdk).filter(([, t]) => t.rejected > 0);
    if (bad.length)
      throw new Error(
        `The loopback server rejected signatures from ${bad.map(([n]) => n).join(', ')}; end-to-end figures would be meaningless.`,
      );
    const pick = (name, field) => results[name].map((r) => r[field]);
    const figures = {};
    for (const { name } of SDKS) {
      figures[name] = {
        rps: summary(pick(name, 'rps'), 0),
        p50Ms: summary(pick(name, 'p50Ms'), 2),
        p99Ms: summary(pick(name, 'p99Ms'), 2),
        signaturesVerifiedByServer: perSdk[name].verified,
        tlsConnectionsOpened: perSdk[name].tlsConnections,
      };
    }
    return {
      unit: 'requests per second and latency in ms (median of rounds)',
      rounds,
      requestsPerRound: requests,
      warmupPerRound: warmup,
      inFlight,
      tls: 'verified for this SDK (NODE_EXTRA_CA_CERTS); the official SDK turns verification off itself when overrideServiceUrl is set',
      figures,
      ratios: {
        sdkOverOfficialRps: Number(medianRatio(pick('sdk', 'rps'), pick('official', 'rps')).toFixed(2)),
        sdkOverOfficialP50: Number(medianRatio(pick('sdk', 'p50Ms'), pick('official', 'p50Ms')).toFixed(2)),
        sdkOverOfficialP99: Number(medianRatio(pick('sdk', 'p99Ms'), pick('official', 'p99Ms')).toFixed(2)),
      },
    };
  } finally {
    await server.close();
  }
}
