import { spawn, spawnSync } from 'node:child_process';
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringToSign, WebStoreClient } from '@amazon-pay-edge/node';
import { main } from '../src/cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ape-cli-'));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyPath = join(dir, 'private.pem');
writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
const publicPath = join(dir, 'public.pem');
writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }));

describe('amazon-pay-edge CLI', () => {
  it('keygen writes a PKCS#8 private key (mode 600) and an SPKI public key, and refuses to overwrite', async () => {
    const c = capture();
    expect(await main(['keygen', '--out-dir', dir, '--name', 'shop'], c.io)).toBe(0);
    expect(statSync(join(dir, 'shop-private.pem')).mode & 0o777).toBe(0o600);
    expect(await main(['keygen', '--out-dir', join(dir, 'new', 'keys')], capture().io)).toBe(0);
    expect(statSync(join(dir, 'new', 'keys', 'amazon-pay-private.pem')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'shop-private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(dir, 'shop-public.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(c.out()).toContain('Seller Central');
    const again = capture();
    expect(await main(['keygen', '--out-dir', dir, '--name', 'shop'], again.io)).toBe(2);
    expect(again.err()).toContain('--force');
    const check = capture();
    expect(await main(['check-key', join(dir, 'shop-private.pem')], check.io)).toBe(0);
    expect(check.out()).toMatch(/^OK: PKCS#8 PEM/);
  });

  it('check-key explains what is wrong and how to fix it', async () => {
    const pub = capture();
    expect(await main(['check-key', publicPath], pub.io)).toBe(1);
    expect(pub.err()).toContain('public key, not the private key');
    const sshPath = join(dir, 'id_rsa');
    writeFileSync(
      sshPath,
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
    );
    const ssh = capture();
    expect(await main(['check-key', sshPath], ssh.io)).toBe(1);
    expect(ssh.err()).toContain('ssh-keygen -p -m PKCS8 -f <file>');
    const missing = capture();
    expect(await main(['check-key', join(dir, 'nope.pem')], missing.io)).toBe(1);
    expect(missing.err()).toContain('does not exist');
    expect(await main(['check-key'], capture().io)).toBe(2);
  });

  it('button-signature prints a renderButton config whose signature verifies', async () => {
    const payloadPath = join(dir, 'payload.json');
    const payload = '{"storeId":"amzn1.x","webCheckoutDetails":{"checkoutReviewReturnUrl":"https://a.example/r"}}';
    writeFileSync(payloadPath, payload + '\n');
    const c = capture();
    expect(
      await main(
        ['button-signature', '--payload', payloadPath, '--key', keyPath, '--public-key-id', 'SANDBOX-A'],
        c.io,
      ),
    ).toBe(0);
    const config = JSON.parse(c.out());
    expect(config).toMatchObject({
      payloadJSON: payload,
      publicKeyId: 'SANDBOX-A',
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    const ok = verify(
      'sha256',
      Buffer.from(stringToSign(config.algorithm, payload)),
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(config.signature, 'base64'),
    );
    expect(ok).toBe(true);
  });

  it('sign prints the canonical request of the published vector 7.6 A', async () => {
    const bodyPath = join(dir, 'body.json');
    writeFileSync(
      bodyPath,
      '{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://a.example/review"},"storeId":"amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId"}',
    );
    const c = capture();
    const code = await main(
      [
        'sign',
        '--method',
        'POST',
        '--url-fragment',
        'checkoutSessions',
        '--body',
        bodyPath,
        '--key',
        keyPath,
        '--public-key-id',
        'AXXXX',
        '--region',
        'us',
        '--environment',
        'sandbox',
        '--date',
        '20240101T000000Z',
        '--idempotency-key',
        'abc123',
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out()).toContain('8fc4ed5995747af2c429b3e73718635b4240c4201395b990c982032eb5b531ab');
    expect(c.out()).toContain(
      'AMZN-PAY-RSASSA-PSS-V2\nc119002f7219705f89b6fa2f529dcc0b6816cf366a6bf19d1203c3897fabf253',
    );
    expect(c.out()).toMatch(/authorization: AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=AXXXX, SignedHeaders=/);
    const bad = capture();
    expect(
      await main(
        [
          'sign',
          '--method',
          'GET',
          '--url-fragment',
          'x',
          '--key',
          keyPath,
          '--public-key-id',
          'A',
          '--date',
          'yesterday',
        ],
        bad.io,
      ),
    ).toBe(2);
  });

  it('answers --help and --version for every command, and usage errors with exit 2', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const top = capture();
    expect(await main(['--help'], top.io)).toBe(0);
    const commands = [...top.out().matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]!);
    expect(commands).toEqual([
      'keygen',
      'check-key',
      'button-signature',
      'sign',
      'doctor',
      'sandbox',
      'trigger',
      'demo',
    ]);
    for (const command of commands) {
      const c = capture();
      expect(await main([command, '--help'], c.io)).toBe(0);
      expect(c.out()).toContain(`usage: amazon-pay-edge ${command}`);
      for (const flag of ['--version', '-v']) {
        const v = capture();
        expect(await main([command, flag], v.io), `${command} ${flag}`).toBe(0);
        expect(v.out()).toBe(`amazon-pay-edge ${version}`);
      }
    }
    const v = capture();
    expect(await main(['--version'], v.io)).toBe(0);
    expect(v.out()).toBe(`amazon-pay-edge ${version}`);
    expect(await main(['frobnicate'], capture().io)).toBe(2);
    expect(await main(['button-signature', '--payload', 'x.json'], capture().io)).toBe(2);
    expect(await main(['keygen', '--bogus'], capture().io)).toBe(2);
  });

  it("the built bin is the package's bin and prints its version", () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(Object.keys(manifest.bin)).toEqual(['amazon-pay-edge']);
    const bin = new URL(`../${manifest.bin['amazon-pay-edge']}`, import.meta.url).pathname;
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const run = spawnSync(process.execPath, [bin, 'check-key', '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`amazon-pay-edge ${manifest.version}\n`);
  });

  it('serves the sandbox: a signed call through baseUrl succeeds, then SIGINT stops it', async () => {
    const child = spawn(
      process.execPath,
      [
        new URL('../dist/bin.js', import.meta.url).pathname,
        'sandbox',
        '--port',
        '0',
        '--register',
        `SANDBOX-CLI=${publicPath}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => {
          text += d;
          const m = /listening on (\S+)/.exec(text);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
        setTimeout(() => reject(new Error(`no listening line: ${text}`)), 15_000);
      });
      const client = new WebStoreClient({
        publicKeyId: 'SANDBOX-CLI',
        privateKey: keyPath,
        region: 'us',
        baseUrl: url,
      });
      const res = await client.createCheckoutSession({
        storeId: 'amzn1.application-oa2-client.cli',
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a.example/r' },
      });
      expect(res.status).toBe(201);
      expect(res.data.statusDetails.state).toBe('Open');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.exitCode).toBe(0);
  }, 30_000);

  it('demo runs the whole checkout and exits 0', async () => {
    const c = capture();
    expect(await main(['demo'], c.io)).toBe(0);
    expect(c.out()).toMatch(/refund/i);
  }, 60_000);
});
