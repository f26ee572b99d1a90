// `amazon-pay-edge doctor` against the sandbox (served on 127.0.0.1, port 0), one test per branch.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, serveSandbox, type ServedSandbox } from '@amazon-pay-edge/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { doctor, PROBE_ID } from '../src/doctor.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ape-doctor-'));
function pair(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return { path, publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
const mine = pair('mine');
const stranger = pair('stranger');
const KEY_ID = 'SANDBOX-ADOCTOR00000000000000000';
const LIVE_ID = 'LIVE-ADOCTOR000000000000000000000';
const LEGACY_ID = 'ADOCTORLEGACY0000000000000';
const keys = { [KEY_ID]: mine.publicPem, [LIVE_ID]: mine.publicPem, [LEGACY_ID]: mine.publicPem };

let served: ServedSandbox;
let skewed: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox({ port: 0, host: '127.0.0.1', keys });
  skewed = await serveSandbox({ port: 0, host: '127.0.0.1', keys, clockOffsetMs: 60 * 60_000 });
});
afterAll(async () => {
  await served.close();
  await skewed.close();
});

async function run(args: string[]) {
  const c = capture();
  const code = await main(['doctor', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}
const base = (extra: string[] = [], url = served.url) => [
  '--private-key',
  mine.path,
  '--public-key-id',
  KEY_ID,
  '--region',
  'na',
  '--base-url',
  url,
  ...extra,
];

describe('doctor', () => {
  it('accepted: exit 0, the key checked locally, the probe answered 404 ResourceNotFound', async () => {
    const r = await run(base());
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('key: OK');
    expect(r.out).toMatch(/OK: 127\.0\.0\.1:\d+ accepted the signature and key id SANDBOX-ADOCTOR/);
    expect(r.out).toMatch(/request id [\w-]{8,}/);
    expect(r.err).toBe('');
  });

  it('a legacy key id with --environment is accepted; without it, explained before any call', async () => {
    const ok = await run([
      '--private-key',
      mine.path,
      '--public-key-id',
      LEGACY_ID,
      '--region',
      'na',
      '--environment',
      'sandbox',
      '--base-url',
      served.url,
    ]);
    expect(ok.code, ok.err).toBe(0);
    const missing = await run([
      '--private-key',
      mine.path,
      '--public-key-id',
      LEGACY_ID,
      '--region',
      'na',
      '--base-url',
      served.url,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('PROBLEM: legacy key id without environment');
    expect(missing.err).toContain('--environment sandbox');
  });

  it('wrong region: the host serves another region (sandbox.fetch, as if sent to pay-api.amazon.eu)', async () => {
    const sandbox = createSandbox({ keys });
    const c = capture();
    const code = await doctor(
      { privateKey: mine.path, publicKeyId: KEY_ID, region: 'na', baseUrl: 'https://pay-api.amazon.eu' },
      c.io,
      { fetch: sandbox.fetch },
    );
    expect(code).toBe(1);
    expect(c.err()).toContain('PROBLEM: wrong region');
    expect(c.err()).toContain('400 InvalidHeaderValue');
    expect(c.err()).toContain('pay-api.amazon.eu does not serve region "na"');
    // The same key with the right region is accepted there.
    expect(
      await doctor(
        { privateKey: mine.path, publicKeyId: KEY_ID, region: 'eu', baseUrl: 'https://pay-api.amazon.eu' },
        capture().io,
        { fetch: sandbox.fetch },
      ),
    ).toBe(0);
  });

  it('sandbox key on live: asked for with --environment live, and as Amazon answers it (401 UnauthorizedAccess)', async () => {
    const asked = await run(base(['--environment', 'live']));
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('PROBLEM: sandbox key on live');
    const answered = await run(base([], `${served.url}/live`));
    expect(answered.code).toBe(1);
    expect(answered.err).toContain('401 UnauthorizedAccess');
    expect(answered.err).toContain('a sandbox key on live');
    const live = await run([
      '--private-key',
      mine.path,
      '--public-key-id',
      LIVE_ID,
      '--region',
      'na',
      '--base-url',
      served.url,
      '--environment',
      'sandbox',
    ]);
    expect(live.err).toContain('PROBLEM: live key on sandbox');
  });

  it('clock skew: the first request is refused for its time; the SDK corrects, doctor still fails and says why', async () => {
    const r = await run(base([], skewed.url));
    expect(r.code).toBe(1);
    expect(r.out).toContain('accepted the signature');
    expect(r.err).toContain('PROBLEM: clock skew');
    expect(r.err).toMatch(/clock is 3[56]\d\d s behind the server/);
  });

  it('key id not registered', async () => {
    const r = await run([
      '--private-key',
      mine.path,
      '--public-key-id',
      'SANDBOX-AUNKNOWN0000000000000000',
      '--region',
      'na',
      '--base-url',
      served.url,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROBLEM: key id not registered');
    expect(r.err).toContain('403 InvalidAuthentication');
  });

  it('the private key does not match the key id', async () => {
    const r = await run([
      '--private-key',
      stranger.path,
      '--public-key-id',
      KEY_ID,
      '--region',
      'na',
      '--base-url',
      served.url,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROBLEM: signature rejected');
    expect(r.err).toContain('403 InvalidRequestSignature');
    expect(r.err).not.toContain('BEGIN PRIVATE KEY');
  });

  it('network or proxy: nothing listens at --base-url', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const r = await run(base([], `http://127.0.0.1:${port}`));
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROBLEM: network or proxy');
    expect(r.err).toContain('ECONNREFUSED');
    expect(r.err).toContain('HTTPS_PROXY');
  });

  it('a broken key file fails locally; missing options are usage errors (exit 2)', async () => {
    const bad = join(dir, 'bad.pem');
    writeFileSync(bad, 'not a key');
    const r = await run(['--private-key', bad, '--public-key-id', KEY_ID, '--region', 'na', '--base-url', served.url]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROBLEM: configuration (AmazonPayKeyError)');
    expect((await run(['--public-key-id', KEY_ID, '--region', 'na'])).code).toBe(2);
    expect((await run(base(['--environment', 'staging']))).code).toBe(2);
    expect(PROBE_ID).toMatch(/doctor/);
  });
});
