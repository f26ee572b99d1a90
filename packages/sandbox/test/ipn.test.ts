// IPNs: the sandbox plays Amazon SNS. Every delivered message is checked with core's IPN verifier (an
// independent implementation of the SNS string-to-sign and of X.509 parsing), and the certificate with
// node:crypto's X509Certificate.
import { X509Certificate } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AmazonPayIpnError,
  createIpnVerifier,
  parseCertificatePem,
  type IpnErrorReason,
  type IpnVerifierOptions,
  type WebStoreClient,
} from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import {
  checkoutApprovalUrl,
  DEFAULT_TOPIC_ARN,
  SandboxConfigError,
  type Sandbox,
  type SandboxIpnOptions,
} from '../src/index.js';
import { serveSandbox } from '../src/node.js';
import { checkout, clientFor, keys, sessionPayload, setup, usd } from './helpers.js';

const DAY = 24 * 60 * 60_000;
const CERT_URL = 'https://pay-api.amazon.com/sandbox-ui/sns-certificate.pem';

interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** An `ipn.deliver` that records each request and answers `status`. */
function collector(status = 200) {
  const received: Received[] = [];
  const deliver = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    received.push({ method: request.method, url: request.url, headers, body: await request.text() });
    return new Response(null, { status });
  };
  return { received, deliver };
}

/** The verifier the brief asks for: certificates fetched through the sandbox, its host allowed explicitly. */
const verifierFor = (sandbox: Sandbox, extra: Partial<IpnVerifierOptions> = {}) =>
  createIpnVerifier({
    fetch: sandbox.fetch,
    allowedCertificateHosts: ['pay-api.amazon.com'],
    allowInsecureCertificateUrl: false,
    ...extra,
  });

async function rejectsWith(promise: Promise<unknown>, reason: IpnErrorReason): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmazonPayIpnError);
  expect((error as AmazonPayIpnError).reason, (error as Error).message).toBe(reason);
}

/** complete (Authorize) -> capture -> refund -> the refund settles (advance). Returns the ids. */
async function lifecycle(sandbox: Sandbox, client: WebStoreClient) {
  const done = await checkout(sandbox, client, { intent: 'Authorize', amount: '40.00' });
  const chargePermissionId = done.data.chargePermissionId!;
  const chargeId = done.data.chargeId!;
  await client.captureCharge(chargeId, { captureAmount: usd('40.00') });
  const refund = await client.createRefund({ chargeId, refundAmount: usd('15.00') });
  sandbox.advance(10_000);
  await sandbox.flushIpns();
  return { chargePermissionId, chargeId, refundId: refund.data.refundId };
}

const summary = (sandbox: Sandbox) =>
  sandbox.ipnDeliveries.map((d) => [d.message?.ObjectType, d.message?.ObjectId, d.message?.ChargePermissionId]);

describe('IPNs through ipn.deliver, verified with core', () => {
  it('sends one signed SNS Notification per state change of the checkout, capture and refund', async () => {
    const { received, deliver } = collector();
    const { sandbox, client } = setup({ ipn: { deliver } });
    const { chargePermissionId, chargeId, refundId } = await lifecycle(sandbox, client);

    // In the order of the changes: permission Chargeable, charge Authorized, Captured, permission Closed (all of it captured), refund RefundInitiated, Refunded.
    expect(summary(sandbox)).toEqual([
      ['CHARGE_PERMISSION', chargePermissionId, chargePermissionId],
      ['CHARGE', chargeId, chargePermissionId],
      ['CHARGE', chargeId, chargePermissionId],
      ['CHARGE_PERMISSION', chargePermissionId, chargePermissionId],
      ['REFUND', refundId, chargePermissionId],
      ['REFUND', refundId, chargePermissionId],
    ]);
    expect(received).toHaveLength(6);
    expect(sandbox.ipnDeliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(received.map((r) => r.body))).toEqual(new Set(sandbox.ipnDeliveries.map((d) => d.body)));

    const verifier = verifierFor(sandbox);
    const verified = await Promise.all(received.map((r) => verifier.verify(r.body)));
    for (const [i, message] of verified.entries()) {
      const request = received[i]!;
      const envelope = JSON.parse(request.body) as Record<string, string>;
      expect(message.envelope.MessageId).toBe(envelope['MessageId']);
      expect(message.raw).toEqual(JSON.parse(envelope['Message']!));
      expect(request.method).toBe('POST');
      expect(request.headers).toMatchObject({
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': envelope['MessageId'],
        'x-amz-sns-topic-arn': DEFAULT_TOPIC_ARN,
        'user-agent': 'Amazon Simple Notification Service Agent',
      });
      expect(Object.keys(envelope)).toEqual([
        'Type',
        'MessageId',
        'TopicArn',
        'Message',
        'Timestamp',
        'SignatureVersion',
        'Signature',
        'SigningCertURL',
        'UnsubscribeURL',
      ]);
      expect(envelope).toMatchObject({
        Type: 'Notification',
        TopicArn: DEFAULT_TOPIC_ARN,
        SignatureVersion: '2',
        SigningCertURL: CERT_URL,
      });
      expect(envelope['Timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(envelope['UnsubscribeURL']!.startsWith('https://pay-api.amazon.com/sandbox-ui/sns-unsubscribe?')).toBe(
        true,
      );
      expect(Object.keys(message.raw)).toEqual([
        'MerchantID',
        'ObjectType',
        'ObjectId',
        'ChargePermissionId',
        'NotificationType',
        'NotificationId',
        'NotificationVersion',
      ]);
      expect(message).toMatchObject({
        MerchantID: 'A2SANDBOXMERCHANT',
        NotificationType: 'STATE_CHANGE',
        NotificationVersion: 'V2',
      });
    }
    expect(new Set(verified.map((m) => m.NotificationId)).size).toBe(6);
    expect(new Set(verified.map((m) => m.envelope.MessageId)).size).toBe(6);
    // The message carries no state: the merchant re-reads the object, which shows the final states.
    expect((await client.getCharge(chargeId)).data.statusDetails.state).toBe('Captured');
    expect((await client.getRefund(refundId)).data.statusDetails.state).toBe('Refunded');
    // Reading the settled objects again changes nothing, so sends nothing.
    await sandbox.flushIpns();
    expect(sandbox.ipnDeliveries).toHaveLength(6);
  });

  it('a verifier that does not allow the sandbox host rejects its IPNs (CERT_URL) without fetching', async () => {
    const { received, deliver } = collector();
    const { sandbox, client } = setup({ ipn: { deliver } });
    await checkout(sandbox, client);
    await sandbox.flushIpns();
    expect(received.length).toBeGreaterThan(0);
    const fetched: string[] = [];
    const strict = createIpnVerifier({
      fetch: (url, init) => {
        fetched.push(String(url));
        return sandbox.fetch(url, init);
      },
    });
    for (const r of received) await rejectsWith(strict.verify(r.body), 'CERT_URL');
    expect(fetched).toEqual([]);
    // The same bodies verify once the host is allowed.
    await expect(verifierFor(sandbox).verify(received[0]!.body)).resolves.toMatchObject({
      ObjectType: 'CHARGE_PERMISSION',
    });
  });

  it("SignatureVersion '1' signs with SHA-1 (the same message read as version 2 fails)", async () => {
    const { received, deliver } = collector();
    const { sandbox, client } = setup({ ipn: { deliver, signatureVersion: '1' } });
    const done = await checkout(sandbox, client);
    await sandbox.flushIpns();
    const verifier = verifierFor(sandbox);
    const messages = await Promise.all(received.map((r) => verifier.verify(r.body)));
    expect(messages.map((m) => [m.envelope.SignatureVersion, m.ObjectId]).sort()).toEqual(
      [
        ['1', done.data.chargeId],
        ['1', done.data.chargePermissionId],
      ].sort(),
    );
    const asV2 = { ...(JSON.parse(received[0]!.body) as Record<string, string>), SignatureVersion: '2' };
    await rejectsWith(verifier.verify(JSON.stringify(asV2)), 'SIGNATURE');
  });

  it('a tampered delivery, or one signed by another sandbox, fails verification', async () => {
    const first = collector();
    const { sandbox, client } = setup({ ipn: { deliver: first.deliver } });
    await checkout(sandbox, client);
    await sandbox.flushIpns();
    const verifier = verifierFor(sandbox);
    const envelope = JSON.parse(first.received[0]!.body) as Record<string, string>;
    const message = JSON.parse(envelope['Message']!) as Record<string, string>;
    const tampered = [
      { ...envelope, Message: JSON.stringify({ ...message, ObjectId: 'S01-0000000-0000000' }) },
      { ...envelope, TopicArn: 'arn:aws:sns:us-east-1:000000000000:other' },
      { ...envelope, Timestamp: new Date(Date.parse(envelope['Timestamp']!) - 1000).toISOString() },
    ];
    for (const t of tampered) await rejectsWith(verifier.verify(JSON.stringify(t)), 'SIGNATURE');

    // Another sandbox signs with its own key; its envelope names the same certificate URL.
    const second = collector();
    const other = setup({ ipn: { deliver: second.deliver } });
    await checkout(other.sandbox, other.client);
    await other.sandbox.flushIpns();
    await rejectsWith(verifier.verify(second.received[0]!.body), 'SIGNATURE');
    await expect(verifierFor(other.sandbox).verify(second.received[0]!.body)).resolves.toBeDefined();
  });

  it('API answers do not wait for a slow receiver; flushIpns() waits for it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: Request[] = [];
    const deliver = async (request: Request): Promise<Response> => {
      started.push(request);
      await gate;
      return new Response('ok');
    };
    const { sandbox, client } = setup({ ipn: { deliver } });
    // Part of a larger order is captured, so the permission stays Chargeable: three changes.
    const done = await checkout(sandbox, client, { intent: 'AuthorizeWithCapture', total: '150.00' });
    await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('1.00') });
    expect(sandbox.ipnDeliveries).toHaveLength(3);
    expect(sandbox.ipnDeliveries.every((d) => d.status === undefined && d.error === undefined)).toBe(true);

    let flushed = false;
    const flushing = sandbox.flushIpns().then(() => (flushed = true));
    // Every delivery reaches the receiver while it still holds all of them.
    await expect.poll(() => started.length, { timeout: 5000 }).toBe(3);
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect(sandbox.ipnDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
  });

  it('a receiver that fails or throws is recorded; the API is unaffected', async () => {
    const failing = collector(500);
    const a = setup({ ipn: { deliver: failing.deliver } });
    expect((await checkout(a.sandbox, a.client)).status).toBe(200);
    await a.sandbox.flushIpns();
    expect(a.sandbox.ipnDeliveries.map((d) => d.status)).toEqual([500, 500]);

    const b = setup({
      ipn: {
        deliver: async () => {
          throw new Error('receiver down');
        },
      },
    });
    expect((await checkout(b.sandbox, b.client)).status).toBe(200);
    await b.sandbox.flushIpns();
    expect(b.sandbox.ipnDeliveries.map((d) => d.error)).toEqual([
      expect.stringContaining('receiver down'),
      expect.stringContaining('receiver down'),
    ]);
  });

  it('timed transitions made due by advance() are sent without any read; closing a permission is sent too', async () => {
    const { received, deliver } = collector();
    const { sandbox, client } = setup({ ipn: { deliver } });
    const done = await checkout(sandbox, client, { pending: true, simulation: 'AuthorizationInitiated' });
    expect(done.status).toBe(202);
    await sandbox.flushIpns();
    expect(received).toHaveLength(2);
    sandbox.advance(30_000);
    await sandbox.flushIpns();
    expect(received).toHaveLength(3);
    const verifier = verifierFor(sandbox);
    await expect(verifier.verify(received[2]!.body)).resolves.toMatchObject({
      ObjectType: 'CHARGE',
      ObjectId: done.data.chargeId,
    });
    expect((await client.getCharge(done.data.chargeId!)).data.statusDetails.state).toBe('Authorized');

    await client.closeChargePermission(done.data.chargePermissionId!, {
      closureReason: 'done',
      cancelPendingCharges: true,
    });
    await sandbox.flushIpns();
    const last = await Promise.all(received.slice(3).map((r) => verifier.verify(r.body)));
    // The open charge is canceled, then the permission closed.
    expect(last.map((m) => [m.ObjectType, m.ObjectId])).toEqual([
      ['CHARGE', done.data.chargeId],
      ['CHARGE_PERMISSION', done.data.chargePermissionId],
    ]);
  });

  it('with neither url nor deliver, messages are signed and recorded but not delivered; without ipn, none', async () => {
    const { sandbox, client } = setup({ ipn: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:shop-ipn' } });
    await checkout(sandbox, client);
    await sandbox.flushIpns();
    expect(sandbox.ipnDeliveries.map((d) => [d.url, d.status, d.error])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
    ]);
    const pinned = verifierFor(sandbox, { allowedTopicArns: ['arn:aws:sns:eu-west-1:123456789012:shop-ipn'] });
    for (const d of sandbox.ipnDeliveries)
      await expect(pinned.verify(d.body)).resolves.toMatchObject({ ObjectId: d.message!.ObjectId });

    const off = setup();
    await checkout(off.sandbox, off.client);
    off.sandbox.advance(60_000);
    await off.sandbox.flushIpns();
    expect(off.sandbox.ipnDeliveries).toEqual([]);
  });

  it('bad ipn options throw SandboxConfigError naming the field', () => {
    const cases: [SandboxIpnOptions, string][] = [
      [{ url: 'not a url' }, 'ipn.url'],
      [{ url: 'ftp://example.com/ipn' }, 'ipn.url'],
      [{ deliver: 'no' as unknown as SandboxIpnOptions['deliver'] }, 'ipn.deliver'],
      [{ topicArn: 'my-topic' }, 'ipn.topicArn'],
      [{ signatureVersion: '3' as '2' }, 'ipn.signatureVersion'],
      [null as unknown as SandboxIpnOptions, 'ipn'],
    ];
    for (const [ipn, field] of cases) {
      const error = (() => {
        try {
          setup({ ipn });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, field).toBeInstanceOf(SandboxConfigError);
      expect((error as SandboxConfigError).field).toBe(field);
    }
  });
});

describe('the signing certificate and the subscription pages', () => {
  it('serves a self-signed X.509 certificate valid from now - 1 day to now + 1 year (server clock)', async () => {
    const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
    const { sandbox } = setup({ now: () => NOW, ipn: {} });
    const res = await sandbox.fetch(CERT_URL);
    expect(res.status).toBe(200);
    const pem = await res.text();
    const parsed = parseCertificatePem(pem);
    expect({ notBefore: parsed.notBefore, notAfter: parsed.notAfter }).toEqual({
      notBefore: NOW - DAY,
      notAfter: NOW + 365 * DAY,
    });
    const x509 = new X509Certificate(pem);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // One key per sandbox: the second request serves the same certificate.
    expect(await (await sandbox.fetch(CERT_URL)).text()).toBe(pem);
  });

  it('sendSubscriptionConfirmation: core confirms it through the SubscribeURL; UnsubscribeURL stops deliveries', async () => {
    const { received, deliver } = collector();
    const { sandbox, client } = setup({ ipn: { deliver } });
    const sent = await sandbox.sendSubscriptionConfirmation();
    expect(sent.status).toBe(200);
    expect(sent.message).toBeUndefined();
    expect(received[0]!.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(sandbox.ipnSubscription.confirmed).toBe(false);
    const verifier = verifierFor(sandbox);
    await rejectsWith(verifier.verify(received[0]!.body), 'WRONG_TYPE');
    const confirmation = await verifier.confirmSubscription(received[0]!.body);
    expect(confirmation).toEqual({ status: 200, subscriptionArn: sandbox.ipnSubscription.subscriptionArn });
    expect(sandbox.ipnSubscription.confirmed).toBe(true);
    expect((await sandbox.fetch('https://pay-api.amazon.com/sandbox-ui/sns-confirm?Token=forged')).status).toBe(400);

    await checkout(sandbox, client);
    await sandbox.flushIpns();
    expect(received).toHaveLength(3);
    const unsubscribe = (JSON.parse(received[1]!.body) as Record<string, string>)['UnsubscribeURL']!;
    expect((await sandbox.fetch(unsubscribe)).status).toBe(200);
    expect(sandbox.ipnSubscription.unsubscribed).toBe(true);
    await client.captureCharge(sandbox.ipnDeliveries[2]!.message!.ObjectId, { captureAmount: usd('100.00') });
    await sandbox.flushIpns();
    expect(received).toHaveLength(3);
    expect(sandbox.ipnDeliveries.at(-1)!.error).toContain('unsubscribed');
  });
});

describe('IPNs over HTTP (serveSandbox with ipn.url)', () => {
  it('POSTs to a node:http receiver; each verifies against the certificate served on 127.0.0.1', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`;
    const served = await serveSandbox({ port: 0, keys, ipn: { url: receiverUrl } });
    try {
      const client = clientFor(served.sandbox, { baseUrl: served.url, fetch: undefined });
      const created = await client.createCheckoutSession(
        sessionPayload({
          webCheckoutDetails: {
            checkoutReviewReturnUrl: `${served.url}/sandbox-ui/merchant/review`,
            checkoutResultReturnUrl: `${served.url}/sandbox-ui/merchant/result`,
          },
          paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: usd('25.00') },
        }),
      );
      expect((await fetch(checkoutApprovalUrl(served.url, created.data.checkoutSessionId))).status).toBe(200);
      const done = await client.completeCheckoutSession(created.data.checkoutSessionId, { chargeAmount: usd('25.00') });
      const refund = await client.createRefund({ chargeId: done.data.chargeId!, refundAmount: usd('25.00') });
      served.sandbox.advance(10_000);
      await served.sandbox.flushIpns();
      // Chargeable, Captured, Closed (all captured), RefundInitiated, Refunded.
      expect(served.sandbox.ipnDeliveries.map((d) => [d.url, d.status])).toEqual(Array(5).fill([receiverUrl, 200]));
      expect(received).toHaveLength(5);

      const host = new URL(served.url).host;
      const verifier = createIpnVerifier({ allowedCertificateHosts: [host], allowInsecureCertificateUrl: true });
      const messages = await Promise.all(received.map((r) => verifier.verify(r.body)));
      expect(messages.map((m) => m.envelope.SigningCertURL)).toEqual(
        Array(5).fill(`${served.url}/sandbox-ui/sns-certificate.pem`),
      );
      expect(messages.map((m) => `${m.ObjectType} ${m.ObjectId}`).sort()).toEqual(
        [
          `CHARGE_PERMISSION ${done.data.chargePermissionId}`,
          `CHARGE_PERMISSION ${done.data.chargePermissionId}`,
          `CHARGE ${done.data.chargeId}`,
          `REFUND ${refund.data.refundId}`,
          `REFUND ${refund.data.refundId}`,
        ].sort(),
      );
      for (const r of received) {
        expect(r.headers).toMatchObject({
          'content-type': 'text/plain; charset=UTF-8',
          'x-amz-sns-message-type': 'Notification',
          'user-agent': 'Amazon Simple Notification Service Agent',
        });
      }
      // http: is accepted only when asked for.
      await rejectsWith(createIpnVerifier({ allowedCertificateHosts: [host] }).verify(received[0]!.body), 'CERT_URL');
    } finally {
      await served.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
