// `amazon-pay-edge trigger` against a real endpoint: createIpnHandler on node:http (127.0.0.1, random port),
// verifying each IPN with the sandbox's certificate and re-fetching the object from the sandbox with a
// signed GET; N deliveries run the handler once.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIpnHandler,
  createIpnVerifier,
  fetchListener,
  WebStoreClient,
  type IpnNotification,
} from '@amazon-pay-edge/node';
import { serveSandbox, type ServedSandbox } from '@amazon-pay-edge/sandbox/node';
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

const KEY_ID = 'SANDBOX-AEDGETRIGGERTEST0000000';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'ape-trigger-'));
const publicPath = join(dir, 'public.pem');
writeFileSync(publicPath, publicPem);

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

let sandbox: ServedSandbox;
let endpoint: Server;
let ipnUrl: string;
const runs: { notification: IpnNotification; state: string | undefined }[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  sandbox = await serveSandbox({ keys: { [KEY_ID]: publicPem } });
  // The merchant's endpoint: trusts the sandbox's certificate host, re-fetches from the running sandbox.
  const client = new WebStoreClient({
    publicKeyId: KEY_ID,
    privateKey: privatePem,
    region: 'us',
    baseUrl: sandbox.url,
  });
  const verifier = createIpnVerifier({ allowedCertificateHosts: ['127.0.0.1'], allowInsecureCertificateUrl: true });
  const inbox = createIpnHandler({
    verifier,
    handle: async (n) => {
      let state: string | undefined;
      if (refetch && n.ObjectType === 'CHARGE') {
        state = ((await client.getCharge(n.ObjectId)).data as { statusDetails: { state: string } }).statusDetails.state;
      }
      runs.push({ notification: n, state });
    },
    onEvent: (event) => statuses.push(event.status),
  });
  endpoint = createServer(fetchListener(inbox));
  ipnUrl = `${await listen(endpoint)}/ipn`;
});

/** Re-fetch only in the --sandbox test: a run's own sandbox is gone once the command returns. */
let refetch = false;

afterAll(async () => {
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
  await sandbox.close();
});

describe('amazon-pay-edge trigger', () => {
  it('--sandbox: the endpoint verifies, re-fetches the captured Charge, and runs once for 4 deliveries', async () => {
    runs.length = 0;
    statuses.length = 0;
    refetch = true;
    const c = capture();
    const code = await main(
      ['trigger', 'charge.captured', '--to', ipnUrl, '--sandbox', sandbox.url, '--duplicates', '3', '--json'],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(c.out()) as {
      objectType: string;
      objectId: string;
      sandbox: string;
      deliveries: { status: number; messageId: string; objectId: string }[];
    };
    expect(summary.objectType).toBe('CHARGE');
    expect(summary.sandbox).toBe(sandbox.url);
    expect(summary.deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(summary.deliveries.map((d) => d.messageId)).size).toBe(1);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.notification).toMatchObject({ ObjectType: 'CHARGE', ObjectId: summary.objectId });
    expect(runs[0]!.state).toBe('Captured');
    // Every delivery passed signature verification: one processed, three answered as duplicates.
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(sandbox.sandbox.ipnDeliveries).toHaveLength(4);
  });

  it('without --sandbox: a sandbox started for the run signs the IPN; text output lists each delivery', async () => {
    runs.length = 0;
    refetch = false;
    const c = capture();
    const code = await main(['trigger', 'refund.refunded', '--to', ipnUrl, '--duplicates', '1'], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    expect(c.out()).toMatch(/^refund\.refunded: REFUND S01-\d{7}-\d{7}-R\d{7} \(Charge Permission S01-/);
    expect(c.out().match(/-> HTTP 200/g)).toHaveLength(2);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.notification.ObjectType).toBe('REFUND');
  });

  it('--out-of-order: every notification is processed once whatever the order', async () => {
    runs.length = 0;
    refetch = false;
    const c = capture();
    const code = await main(
      ['trigger', 'charge.canceled', '--to', ipnUrl, '--duplicates', '1', '--out-of-order', '--json'],
      c.io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(c.out()) as { deliveries: { notificationId: string }[] };
    const distinct = new Set(summary.deliveries.map((d) => d.notificationId)).size;
    expect(distinct).toBeGreaterThan(1);
    expect(summary.deliveries).toHaveLength(distinct * 2);
    expect(runs).toHaveLength(distinct);
  });

  it('an unknown event is a usage error that lists the events; nothing is sent', async () => {
    runs.length = 0;
    const c = capture();
    expect(await main(['trigger', 'charge.refunded', '--to', ipnUrl], c.io)).toBe(2);
    expect(c.err()).toContain('unknown event "charge.refunded"; use one of: charge_permission.chargeable');
    expect(c.err()).toContain('charge.captured');
    expect(runs).toHaveLength(0);
  });

  it('an unreachable endpoint is a clear error and exit code 1', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const c = capture();
    expect(await main(['trigger', 'charge.authorized', '--to', `${url}/ipn`], c.io)).toBe(1);
    expect(c.err()).toMatch(
      new RegExp(
        `1 of 1 deliveries to ${url}/ipn were not answered 2xx: Delivery to ${url}/ipn failed: .*ECONNREFUSED`,
      ),
    );
    expect(c.out()).toContain('-> failed:');
  });

  it('an unreachable --sandbox is a clear error', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const c = capture();
    expect(await main(['trigger', 'charge.authorized', '--to', ipnUrl, '--sandbox', url], c.io)).toBe(1);
    expect(c.err()).toContain(`cannot reach the sandbox at ${url} (ECONNREFUSED)`);
  });

  it('bad options are usage errors', async () => {
    for (const args of [
      ['trigger', 'charge.captured'],
      ['trigger', '--to', ipnUrl],
      ['trigger', 'charge.captured', '--to', 'not a url'],
      ['trigger', 'charge.captured', '--to', ipnUrl, '--duplicates', '-1'],
      ['trigger', 'charge.captured', '--to', ipnUrl, '--delay', 'soon'],
      ['trigger', 'charge.captured', '--to', ipnUrl, '--delay', '60000', '--duplicates', '5'],
      ['trigger', 'charge.captured', '--to', ipnUrl, '--sandbox', sandbox.url, '--register', `X=${publicPath}`],
    ]) {
      const c = capture();
      expect(await main(args, c.io), args.join(' ')).toBe(2);
      expect(c.err()).toContain('usage: amazon-pay-edge trigger');
    }
  });

  it('--help lists every event with its ObjectType/NotificationType and says how to trust the sandbox', async () => {
    const c = capture();
    expect(await main(['trigger', '--help'], c.io)).toBe(0);
    const help = c.out();
    for (const line of [
      'charge_permission.chargeable  CHARGE_PERMISSION/STATE_CHANGE',
      'charge_permission.updated     CHARGE_PERMISSION/ATTRIBUTE_CHANGE',
      'charge.captured               CHARGE/STATE_CHANGE',
      'refund.refunded               REFUND/STATE_CHANGE',
      'chargeback.created            CHARGEBACK/STATE_CHANGE',
    ])
      expect(help).toContain(line);
    expect(help).toContain("allowedCertificateHosts: ['127.0.0.1'], allowInsecureCertificateUrl: true");
  });
});
