import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AmazonPayConfigError,
  AmazonPayInvalidArgumentError,
  AmazonPayIpnError,
  DEFAULT_IPN_MAX_AGE_MS,
  confirmSubscription,
  createIpnDeduplicator,
  createIpnVerifier,
  ipnDedupeKey,
  parseCertificatePem,
  parseIpn,
  snsStringToSign,
  verifyIpn,
  type IpnCertificate,
  type IpnErrorReason,
  type IpnVerifierOptions,
} from '../src/index.js';
import * as ipnSubpath from '../src/ipn/index.js';
import {
  CERT_URL,
  NOW,
  SUBSCRIBE_URL,
  TOPIC_ARN,
  amazonPayMessage,
  body,
  expiredCertPem,
  fakeFetch,
  fixtureStringToSign,
  futureCertPem,
  makeCertificatePem,
  otherKeys,
  pem,
  signedEnvelope,
  snsKeys,
  validCertPem,
} from './fixtures/ipn.js';

const DAY = 24 * 60 * 60_000;

/** A verifier at NOW whose fetch serves `certPem` at CERT_URL and records calls. */
function setup(options: Partial<IpnVerifierOptions> = {}, certPem = validCertPem) {
  const fake = fakeFetch({ [CERT_URL]: pem(certPem) });
  const verifier = createIpnVerifier({ fetch: fake.fetch, now: () => NOW, ...options });
  return { verifier, calls: fake.calls };
}

/** Awaits a rejection and checks it is an AmazonPayIpnError with `reason`. */
async function rejectsWith(promise: Promise<unknown>, reason: IpnErrorReason): Promise<AmazonPayIpnError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmazonPayIpnError);
  const ipnError = error as AmazonPayIpnError;
  expect({ code: ipnError.code, name: ipnError.name, reason: ipnError.reason }).toEqual({
    code: 'ERR_AMAZON_PAY_IPN',
    name: 'AmazonPayIpnError',
    reason,
  });
  return ipnError;
}

function throwsWith(fn: () => unknown, reason: IpnErrorReason): AmazonPayIpnError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AmazonPayIpnError);
    expect((error as AmazonPayIpnError).reason).toBe(reason);
    expect((error as AmazonPayIpnError).code).toBe('ERR_AMAZON_PAY_IPN');
    return error as AmazonPayIpnError;
  }
  throw new Error(`expected an AmazonPayIpnError with reason ${reason}, nothing was thrown`);
}

describe('parseIpn', () => {
  it('returns the typed envelope and the Amazon Pay message, keeping the raw objects', () => {
    const envelope = signedEnvelope({ subject: 'hello' });
    const { envelope: parsed, message } = parseIpn(JSON.stringify(envelope));
    expect(parsed.Type).toBe('Notification');
    expect(parsed.MessageId).toBe(envelope['MessageId']);
    expect(parsed.TopicArn).toBe(TOPIC_ARN);
    expect(parsed.SigningCertURL).toBe(CERT_URL);
    expect(parsed.UnsubscribeURL).toBe(envelope['UnsubscribeURL']);
    expect(parsed.raw).toEqual(envelope);
    expect(parsed.Type === 'Notification' && parsed.Subject).toBe('hello');
    expect(message).toMatchObject(amazonPayMessage);
    expect(message?.raw).toEqual(amazonPayMessage);
  });

  it('matches message keys case-insensitively (the older camelCase schema) and keeps unknown keys in raw', () => {
    const camel = {
      merchantId: 'A1',
      objectType: 'REFUND',
      objectId: 'S01-1-1-R1',
      chargePermissionId: 'S01-1-1',
      notificationType: 'STATE_CHANGE',
      notificationId: 'n-1',
      notificationVersion: 'V1',
      extra: 42,
    };
    const { message } = parseIpn(body({ message: camel }));
    expect(message).toEqual({
      MerchantID: 'A1',
      ObjectType: 'REFUND',
      ObjectId: 'S01-1-1-R1',
      ChargePermissionId: 'S01-1-1',
      NotificationType: 'STATE_CHANGE',
      NotificationId: 'n-1',
      NotificationVersion: 'V1',
      raw: camel,
    });
  });

  it('parses a SubscriptionConfirmation without a message', () => {
    const { envelope, message } = parseIpn(body({ type: 'SubscriptionConfirmation' }));
    expect(message).toBeUndefined();
    expect(envelope.Type).toBe('SubscriptionConfirmation');
    expect(envelope.Type !== 'Notification' && envelope.SubscribeURL).toBe(SUBSCRIBE_URL);
  });

  const valid = signedEnvelope();
  const malformed: [string, unknown][] = [
    ['not JSON', 'Type=Notification&Message=x'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['missing Signature', JSON.stringify({ ...valid, Signature: undefined })],
    ['empty MessageId', JSON.stringify({ ...valid, MessageId: '' })],
    ['a number where a string belongs', JSON.stringify({ ...valid, Timestamp: 1714564800000 })],
    ['two spellings of Message', JSON.stringify({ ...valid, message: 'other' })],
    ['a Message that is not JSON', body({ message: 'CHARGE changed' })],
    ['a Message that is a JSON string', body({ message: JSON.stringify('x') })],
    ['a Message without ObjectId', body({ message: { ObjectType: 'CHARGE' } })],
    [
      'a confirmation without Token',
      JSON.stringify({ ...signedEnvelope({ type: 'SubscriptionConfirmation' }), Token: undefined }),
    ],
    ['a parsed object instead of the body', valid],
    ['bytes instead of text', new TextEncoder().encode(JSON.stringify(valid))],
    ['a body larger than any SNS message', JSON.stringify({ ...valid, Padding: 'x'.repeat(1024 * 1024) })],
  ];
  it.each(malformed)('rejects %s as MALFORMED', (_, input) => {
    const error = throwsWith(() => parseIpn(input as string), 'MALFORMED');
    expect(error.message).toMatch(/raw request body|not JSON|has no|larger than/);
  });

  it('rejects an unknown SNS type as UNKNOWN_TYPE', () => {
    throwsWith(() => parseIpn(JSON.stringify({ ...valid, Type: 'Announcement' })), 'UNKNOWN_TYPE');
  });

  it('is exported identically from the ./ipn subpath', () => {
    expect(ipnSubpath.parseIpn).toBe(parseIpn);
    expect(ipnSubpath.createIpnVerifier).toBe(createIpnVerifier);
    expect(ipnSubpath.AmazonPayIpnError).toBe(AmazonPayIpnError);
  });
});

describe('snsStringToSign', () => {
  it('agrees with the fixture written from the AWS docs, including the optional Subject', () => {
    for (const options of [
      {},
      { subject: 'Sub' },
      { subject: '' },
      { type: 'SubscriptionConfirmation' as const },
      { type: 'UnsubscribeConfirmation' as const },
    ]) {
      const envelope = signedEnvelope(options);
      expect(snsStringToSign(parseIpn(JSON.stringify(envelope)).envelope)).toBe(fixtureStringToSign(envelope));
    }
    const { envelope } = parseIpn(body({ subject: 'Sub' }));
    expect(snsStringToSign(envelope)).toBe(
      `Message\n${envelope.Message}\nMessageId\n${envelope.MessageId}\nSubject\nSub\nTimestamp\n${envelope.Timestamp}\nTopicArn\n${TOPIC_ARN}\nType\nNotification\n`,
    );
  });
});

describe('certificate parsing (DER walk)', () => {
  const committed = readFileSync(new URL('./fixtures/certificate.pem', import.meta.url), 'utf8');

  it.each([
    ['the fixture certificate', validCertPem],
    ['an openssl-made certificate', committed],
    [
      'a v1 certificate (no version field) with GeneralizedTime',
      makeCertificatePem({
        publicKey: snsKeys.publicKey,
        signingKey: snsKeys.privateKey,
        notBefore: new Date(Date.UTC(2049, 11, 31, 23, 59, 59)),
        notAfter: new Date(Date.UTC(2051, 0, 1)),
        v1: true,
      }),
    ],
    [
      'UTCTime before 2000',
      makeCertificatePem({
        publicKey: otherKeys.publicKey,
        signingKey: otherKeys.privateKey,
        notBefore: new Date(Date.UTC(1999, 5, 30, 1, 2, 3)),
        notAfter: new Date(Date.UTC(2030, 0, 1)),
      }),
    ],
  ])('reads the same key and validity as node:crypto for %s', (_, text) => {
    const cert = parseCertificatePem(text);
    const x509 = new X509Certificate(text);
    expect(Buffer.from(cert.spki)).toEqual(x509.publicKey.export({ type: 'spki', format: 'der' }));
    expect(cert.notBefore).toBe(Date.parse(x509.validFrom));
    expect(cert.notAfter).toBe(Date.parse(x509.validTo));
  });

  it('rejects what is not an RSA certificate as CERT_INVALID', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecCert = makeCertificatePem({
      publicKey: ec.publicKey,
      signingKey: snsKeys.privateKey,
      notBefore: new Date(NOW - DAY),
      notAfter: new Date(NOW + DAY),
    });
    const body64 = validCertPem.split('\n').slice(1, -2).join('');
    const truncated = `-----BEGIN CERTIFICATE-----\n${Buffer.from(body64, 'base64').subarray(0, 200).toString('base64')}\n-----END CERTIFICATE-----\n`;
    for (const text of [
      ecCert,
      truncated,
      '<html>not a certificate</html>',
      snsKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      '-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----',
    ]) {
      throwsWith(() => parseCertificatePem(text), 'CERT_INVALID');
    }
  });
});

describe('createIpnVerifier().verify', () => {
  it.each(['1', '2'] as const)(
    'verifies a SignatureVersion %s Notification and resolves to the message',
    async (version) => {
      const { verifier, calls } = setup();
      const raw = body({ version, subject: 'Amazon Pay' });
      const message = await verifier.verify(raw);
      expect(message).toMatchObject(amazonPayMessage);
      expect(message.envelope.MessageId).toBe(JSON.parse(raw).MessageId);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.url).toBe(CERT_URL);
      expect(calls[0]!.init.redirect).toBe('manual');
      expect(calls[0]!.init.method).toBe('GET');
    },
  );

  it('accepts an envelope object as well as the raw body', async () => {
    const { verifier } = setup();
    const raw = body();
    await expect(verifier.verify(JSON.parse(raw))).resolves.toMatchObject({ ObjectId: amazonPayMessage.ObjectId });
    await expect(verifier.verify(parseIpn(raw).envelope)).resolves.toMatchObject({
      ObjectId: amazonPayMessage.ObjectId,
    });
  });

  it('rejects a version-1 signature labelled as version 2 (and vice versa)', async () => {
    const { verifier } = setup();
    const v1 = signedEnvelope({ version: '1' });
    await rejectsWith(verifier.verify(JSON.stringify({ ...v1, SignatureVersion: '2' })), 'SIGNATURE');
    const v2 = signedEnvelope({ version: '2' });
    await rejectsWith(verifier.verify(JSON.stringify({ ...v2, SignatureVersion: '1' })), 'SIGNATURE');
  });

  const tampered: [string, Record<string, string>][] = [
    ['Message', { Message: JSON.stringify({ ...amazonPayMessage, ObjectId: 'S01-9999999-9999999-C999999' }) }],
    ['MessageId', { MessageId: 'another-id' }],
    ['Timestamp', { Timestamp: new Date(NOW - 30_000).toISOString() }],
    ['TopicArn', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:attacker' }],
    ['Subject (inserted)', { Subject: 'injected' }],
    ['Signature', { Signature: Buffer.alloc(256, 7).toString('base64') }],
  ];
  it.each(tampered)('rejects a tampered %s as SIGNATURE', async (_, tamper) => {
    const { verifier } = setup();
    const error = await rejectsWith(verifier.verify(body({ tamper })), 'SIGNATURE');
    expect(error.retryable).toBe(false);
  });

  it('rejects a signature from another key as SIGNATURE', async () => {
    const { verifier } = setup();
    await rejectsWith(verifier.verify(body({ key: otherKeys.privateKey })), 'SIGNATURE');
    await rejectsWith(verifier.verify(body({ key: otherKeys.privateKey, version: '1' })), 'SIGNATURE');
  });

  it('rejects a certificate for another key, even at the right URL, as SIGNATURE', async () => {
    const otherCert = makeCertificatePem({
      publicKey: otherKeys.publicKey,
      signingKey: otherKeys.privateKey,
      notBefore: new Date(NOW - DAY),
      notAfter: new Date(NOW + DAY),
    });
    const { verifier } = setup({}, otherCert);
    await rejectsWith(verifier.verify(body()), 'SIGNATURE');
  });

  it('rejects an unsupported SignatureVersion or non-Base64 Signature as SIGNATURE without fetching', async () => {
    const { verifier, calls } = setup();
    await rejectsWith(verifier.verify(body({ tamper: { SignatureVersion: '3' } })), 'SIGNATURE');
    await rejectsWith(verifier.verify(body({ tamper: { SignatureVersion: 'constructor' } })), 'SIGNATURE');
    await rejectsWith(verifier.verify(body({ tamper: { Signature: 'not base64!' } })), 'SIGNATURE');
    expect(calls).toHaveLength(0);
  });

  it('rejects an unknown type as UNKNOWN_TYPE', async () => {
    const { verifier, calls } = setup();
    await rejectsWith(verifier.verify(body({ tamper: { Type: 'Announcement' } })), 'UNKNOWN_TYPE');
    expect(calls).toHaveLength(0);
  });

  it('rejects a verified SubscriptionConfirmation as WRONG_TYPE (verifyEnvelope accepts it)', async () => {
    const { verifier } = setup();
    const raw = body({ type: 'SubscriptionConfirmation' });
    await rejectsWith(verifier.verify(raw), 'WRONG_TYPE');
    const { envelope, message } = await verifier.verifyEnvelope(raw);
    expect(envelope.Type).toBe('SubscriptionConfirmation');
    expect(message).toBeUndefined();
    await expect(
      verifier.verifyEnvelope(body({ type: 'UnsubscribeConfirmation', version: '1' })),
    ).resolves.toMatchObject({
      envelope: { Type: 'UnsubscribeConfirmation' },
    });
  });

  describe('SigningCertURL', () => {
    const rejected: [string, string][] = [
      ['another host', 'https://attacker.example/SimpleNotificationService.pem'],
      ['an SNS-looking suffix', 'https://sns.eu-west-1.amazonaws.com.attacker.example/cert.pem'],
      ['an SNS-looking prefix', 'https://evil-sns.eu-west-1.amazonaws.com/cert.pem'],
      ['a too-short region label', 'https://sns.eu.amazonaws.com/cert.pem'],
      ['another AWS service', 'https://s3.eu-west-1.amazonaws.com/cert.pem'],
      ['a non-default port', 'https://sns.eu-west-1.amazonaws.com:8443/cert.pem'],
      ['credentials in the URL', 'https://user:pw@sns.eu-west-1.amazonaws.com/cert.pem'],
      ['an http: URL', 'http://sns.eu-west-1.amazonaws.com/cert.pem'],
      ['a data: URL', 'data:text/plain,-----BEGIN CERTIFICATE-----'],
      ['a relative URL', '/cert.pem'],
    ];
    it.each(rejected)('rejects %s as CERT_URL without fetching', async (_, url) => {
      const { verifier, calls } = setup();
      await rejectsWith(verifier.verify(body({ certUrl: url })), 'CERT_URL');
      expect(calls).toHaveLength(0);
    });

    it('accepts China regions (amazonaws.com.cn)', async () => {
      const url = 'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem';
      const fake = fakeFetch({ [url]: pem(validCertPem) });
      const verifier = createIpnVerifier({ fetch: fake.fetch, now: () => NOW });
      await expect(verifier.verify(body({ certUrl: url }))).resolves.toMatchObject({ ObjectType: 'CHARGE' });
    });

    it('accepts http: only for an explicitly allowed host and only with allowInsecureCertificateUrl', async () => {
      const url = 'http://127.0.0.1:8787/sns-cert.pem';
      const fake = fakeFetch({ [url]: pem(validCertPem) });
      const base = { fetch: fake.fetch, now: () => NOW };
      await rejectsWith(createIpnVerifier(base).verify(body({ certUrl: url })), 'CERT_URL');
      await rejectsWith(
        createIpnVerifier({ ...base, allowInsecureCertificateUrl: true }).verify(body({ certUrl: url })),
        'CERT_URL',
      );
      await rejectsWith(
        createIpnVerifier({ ...base, allowedCertificateHosts: ['127.0.0.1:8787'] }).verify(body({ certUrl: url })),
        'CERT_URL',
      );
      await rejectsWith(
        createIpnVerifier({
          ...base,
          allowedCertificateHosts: ['127.0.0.1:9999'],
          allowInsecureCertificateUrl: true,
        }).verify(body({ certUrl: url })),
        'CERT_URL',
      );
      expect(fake.calls).toHaveLength(0);
      for (const host of ['127.0.0.1:8787', '127.0.0.1']) {
        const verifier = createIpnVerifier({
          ...base,
          allowedCertificateHosts: [host],
          allowInsecureCertificateUrl: true,
        });
        await expect(verifier.verify(body({ certUrl: url }))).resolves.toMatchObject({ ObjectType: 'CHARGE' });
      }
    });
  });

  describe('certificate fetch', () => {
    const failures: [string, () => Response | Promise<Response>][] = [
      ['a redirect', () => Response.redirect('https://attacker.example/cert.pem', 302)],
      ['a 301', () => new Response(null, { status: 301, headers: { location: 'https://attacker.example/' } })],
      ['a 404', () => new Response('no', { status: 404 })],
      ['a 500', () => new Response('oops', { status: 500 })],
      ['a network error', () => Promise.reject(new TypeError('fetch failed'))],
      ['a body over 64 KiB', () => new Response('x'.repeat(65 * 1024))],
    ];
    it.each(failures)('rejects %s as CERT_FETCH (retryable) and does not cache it', async (_, route) => {
      const fake = fakeFetch({ [CERT_URL]: route });
      const verifier = createIpnVerifier({ fetch: fake.fetch, now: () => NOW });
      const error = await rejectsWith(verifier.verify(body()), 'CERT_FETCH');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(CERT_URL);
      expect(fake.calls.map((call) => call.url)).toEqual([CERT_URL]);
      await rejectsWith(verifier.verify(body()), 'CERT_FETCH');
      expect(fake.calls).toHaveLength(2);
    });

    it('times out a certificate fetch that never answers', async () => {
      const fetch = (_url: string, init: RequestInit) =>
        new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      const verifier = createIpnVerifier({ fetch, now: () => NOW, timeoutMs: 50 });
      const error = await rejectsWith(verifier.verify(body()), 'CERT_FETCH');
      expect(error.message).toMatch(/within 50 ms/);
    });

    it('rejects an expired certificate as CERT_INVALID', async () => {
      const { verifier } = setup({}, expiredCertPem);
      const error = await rejectsWith(verifier.verify(body()), 'CERT_INVALID');
      expect(error.message).toMatch(/expired/);
    });

    it('rejects a certificate that is not valid yet as CERT_INVALID', async () => {
      const { verifier } = setup({}, futureCertPem);
      await rejectsWith(verifier.verify(body()), 'CERT_INVALID');
    });

    it('rejects a body that is not a certificate as CERT_INVALID', async () => {
      const { verifier } = setup({}, '<html>captive portal</html>');
      await rejectsWith(verifier.verify(body()), 'CERT_INVALID');
    });
  });

  describe('Timestamp window', () => {
    it('rejects a message older than maxAgeMs as STALE', async () => {
      const { verifier, calls } = setup({ maxAgeMs: 60 * 60_000 });
      await expect(verifier.verify(body({ timestamp: NOW - 59 * 60_000 }))).resolves.toBeDefined();
      await rejectsWith(verifier.verify(body({ timestamp: NOW - 61 * 60_000 })), 'STALE');
      expect(calls).toHaveLength(1);
    });

    it('defaults maxAgeMs to the SNS retry window (15 days)', async () => {
      const { verifier } = setup();
      await expect(verifier.verify(body({ timestamp: NOW - DEFAULT_IPN_MAX_AGE_MS + 60_000 }))).resolves.toBeDefined();
      await rejectsWith(verifier.verify(body({ timestamp: NOW - DEFAULT_IPN_MAX_AGE_MS - 60_000 })), 'STALE');
    });

    it('rejects a Timestamp too far in the future as STALE', async () => {
      const { verifier } = setup();
      await expect(verifier.verify(body({ timestamp: NOW + 4 * 60_000 }))).resolves.toBeDefined();
      const error = await rejectsWith(verifier.verify(body({ timestamp: NOW + 6 * 60_000 })), 'STALE');
      expect(error.message).toMatch(/future/);
    });

    it('rejects a Timestamp that is not ISO-8601 as MALFORMED', async () => {
      const { verifier } = setup();
      await rejectsWith(verifier.verify(body({ timestamp: 'Wed, 01 May 2026 12:00:00 GMT' })), 'MALFORMED');
    });
  });

  it('rejects a TopicArn outside allowedTopicArns as TOPIC, before any fetch', async () => {
    const { verifier, calls } = setup({ allowedTopicArns: ['arn:aws:sns:eu-west-1:291180941288:other'] });
    await rejectsWith(verifier.verify(body()), 'TOPIC');
    expect(calls).toHaveLength(0);
    const allowed = setup({ allowedTopicArns: [TOPIC_ARN] });
    await expect(allowed.verifier.verify(body())).resolves.toMatchObject({ ObjectType: 'CHARGE' });
  });

  describe('certificate cache', () => {
    it('fetches the certificate once for many messages, including concurrent ones', async () => {
      const { verifier, calls } = setup();
      await verifier.verify(body({ version: '1' }));
      await verifier.verify(body({ version: '2' }));
      await Promise.all([verifier.verify(body()), verifier.verify(body())]);
      expect(calls).toHaveLength(1);
    });

    it('shares concurrent first fetches', async () => {
      const { verifier, calls } = setup();
      await Promise.all([verifier.verify(body()), verifier.verify(body()), verifier.verify(body())]);
      expect(calls).toHaveLength(1);
    });

    it('keeps one cache per verifier (no module-level state)', async () => {
      const first = setup();
      const second = setup();
      await first.verifier.verify(body());
      await second.verifier.verify(body());
      expect([first.calls.length, second.calls.length]).toEqual([1, 1]);
    });

    it('uses a caller-supplied Map, which can be shared between verifiers', async () => {
      const cache = new Map<string, IpnCertificate>();
      const first = setup({ certificateCache: cache });
      await first.verifier.verify(body());
      expect([...cache.keys()]).toEqual([CERT_URL]);
      expect(Buffer.from(cache.get(CERT_URL)!.spki)).toEqual(snsKeys.publicKey.export({ type: 'spki', format: 'der' }));
      const second = setup({ certificateCache: cache });
      await second.verifier.verify(body());
      expect(second.calls).toHaveLength(0);
    });

    it('re-fetches a cached certificate once it has expired', async () => {
      let now = NOW;
      const shortLived = makeCertificatePem({
        publicKey: snsKeys.publicKey,
        signingKey: snsKeys.privateKey,
        notBefore: new Date(NOW - DAY),
        notAfter: new Date(NOW + DAY),
      });
      const fake = fakeFetch({ [CERT_URL]: pem(shortLived) });
      const verifier = createIpnVerifier({ fetch: fake.fetch, now: () => now });
      await verifier.verify(body());
      now = NOW + 2 * DAY;
      await rejectsWith(verifier.verify(body({ timestamp: now - 1000 })), 'CERT_INVALID');
      expect(fake.calls).toHaveLength(2);
    });
  });

  it('verifyIpn works with options (a fresh cache) or with a verifier (its cache)', async () => {
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem) });
    const options = { fetch: fake.fetch, now: () => NOW };
    await expect(verifyIpn(body(), options)).resolves.toMatchObject({ ObjectId: amazonPayMessage.ObjectId });
    await verifyIpn(body(), options);
    expect(fake.calls).toHaveLength(2);
    const verifier = createIpnVerifier(options);
    await verifyIpn(body(), verifier);
    await verifyIpn(body(), verifier);
    expect(fake.calls).toHaveLength(3);
  });

  it('rejects bad options with AmazonPayConfigError', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ fetch: 'https://x' }, 'fetch'],
      [{ now: 5 }, 'now'],
      [{ maxAgeMs: -1 }, 'maxAgeMs'],
      [{ allowedTopicArns: 'arn:aws:sns:x' }, 'allowedTopicArns'],
      [{ allowedCertificateHosts: ['http://127.0.0.1:8787'] }, 'allowedCertificateHosts'],
    ];
    for (const [options, field] of cases) {
      expect(() => createIpnVerifier(options as IpnVerifierOptions)).toThrow(AmazonPayConfigError);
      try {
        createIpnVerifier(options as IpnVerifierOptions);
      } catch (error) {
        expect((error as AmazonPayConfigError).field).toBe(field);
      }
    }
  });
});

describe('confirmSubscription', () => {
  const confirmationXml =
    '<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ConfirmSubscriptionResult>' +
    '<SubscriptionArn>arn:aws:sns:eu-west-1:291180941288:A01234567ABCDEFGHIJ:2bcfbf39</SubscriptionArn>' +
    '</ConfirmSubscriptionResult></ConfirmSubscriptionResponse>';

  it('verifies the SubscriptionConfirmation, then GETs exactly its SubscribeURL without following redirects', async () => {
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem), [SUBSCRIBE_URL]: () => new Response(confirmationXml) });
    const raw = body({ type: 'SubscriptionConfirmation', version: '1' });
    const result = await confirmSubscription(raw, { fetch: fake.fetch, now: () => NOW });
    expect(result).toEqual({
      status: 200,
      subscriptionArn: 'arn:aws:sns:eu-west-1:291180941288:A01234567ABCDEFGHIJ:2bcfbf39',
    });
    expect(fake.calls.map((call) => [call.url, call.init.method, call.init.redirect])).toEqual([
      [CERT_URL, 'GET', 'manual'],
      [SUBSCRIBE_URL, 'GET', 'manual'],
    ]);
  });

  it('is also a verifier method that shares the certificate cache with verify', async () => {
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem), [SUBSCRIBE_URL]: () => new Response(confirmationXml) });
    const verifier = createIpnVerifier({ fetch: fake.fetch, now: () => NOW });
    await verifier.verify(body());
    await expect(verifier.confirmSubscription(body({ type: 'SubscriptionConfirmation' }))).resolves.toMatchObject({
      status: 200,
    });
    expect(fake.calls.map((call) => call.url)).toEqual([CERT_URL, SUBSCRIBE_URL]);
  });

  it('rejects a SubscribeURL off SNS as SUBSCRIBE_URL and never GETs it', async () => {
    const evil = 'https://attacker.example/?Action=ConfirmSubscription';
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem), [evil]: () => new Response('ok') });
    await rejectsWith(
      confirmSubscription(body({ type: 'SubscriptionConfirmation', subscribeUrl: evil }), {
        fetch: fake.fetch,
        now: () => NOW,
      }),
      'SUBSCRIBE_URL',
    );
    expect(fake.calls.map((call) => call.url)).toEqual([CERT_URL]);
  });

  it('does not GET the SubscribeURL of a message that fails verification', async () => {
    const fake = fakeFetch({ [CERT_URL]: pem(validCertPem), [SUBSCRIBE_URL]: () => new Response(confirmationXml) });
    const forged = body({ type: 'SubscriptionConfirmation', key: otherKeys.privateKey });
    await rejectsWith(confirmSubscription(forged, { fetch: fake.fetch, now: () => NOW }), 'SIGNATURE');
    expect(fake.calls.map((call) => call.url)).toEqual([CERT_URL]);
  });

  it('rejects a Notification or UnsubscribeConfirmation as WRONG_TYPE, and a failed GET as CONFIRM_FAILED', async () => {
    const fake = fakeFetch({
      [CERT_URL]: pem(validCertPem),
      [SUBSCRIBE_URL]: () => new Response('denied', { status: 403 }),
    });
    const options = { fetch: fake.fetch, now: () => NOW };
    await rejectsWith(confirmSubscription(body(), options), 'WRONG_TYPE');
    await rejectsWith(confirmSubscription(body({ type: 'UnsubscribeConfirmation' }), options), 'WRONG_TYPE');
    const error = await rejectsWith(
      confirmSubscription(body({ type: 'SubscriptionConfirmation' }), options),
      'CONFIRM_FAILED',
    );
    expect(error.retryable).toBe(true);
  });
});

describe('de-duplication', () => {
  it('reports a notification the second time, keyed on NotificationId across input shapes', async () => {
    const dedupe = createIpnDeduplicator();
    const raw = body();
    const parsed = parseIpn(raw);
    expect(dedupe.seen(parsed)).toBe(false);
    expect(dedupe.seen(parsed)).toBe(true);
    expect(dedupe.seen(parsed.envelope)).toBe(true);
    expect(dedupe.seen(parsed.message!)).toBe(true);
    // Amazon Pay may send one notification under a second SNS MessageId.
    expect(dedupe.seen(parseIpn(body()).envelope)).toBe(true);
    expect(dedupe.seen(parseIpn(body({ message: { ...amazonPayMessage, NotificationId: 'another' } })))).toBe(false);
    expect(ipnDedupeKey(parsed)).toBe(`notification:${amazonPayMessage.NotificationId}`);
  });

  it('falls back to the SNS MessageId when there is no NotificationId', () => {
    const dedupe = createIpnDeduplicator();
    const { NotificationId: _, ...withoutId } = amazonPayMessage;
    const first = parseIpn(body({ message: withoutId, messageId: 'm-1' }));
    expect(ipnDedupeKey(first)).toBe('message:m-1');
    expect(dedupe.seen(first)).toBe(false);
    expect(dedupe.seen(parseIpn(body({ message: withoutId, messageId: 'm-1' })).envelope)).toBe(true);
    expect(dedupe.seen(parseIpn(body({ message: withoutId, messageId: 'm-2' })))).toBe(false);
    expect(dedupe.seen(parseIpn(body({ type: 'SubscriptionConfirmation', messageId: 'm-3' })))).toBe(false);
  });

  it('forgets keys after ttlMs, evicts the oldest past maxEntries, and forgets on request', () => {
    let now = 0;
    const dedupe = createIpnDeduplicator({ maxEntries: 2, ttlMs: 1000, now: () => now });
    const msg = (id: string) => ({ ...parseIpn(body()).message!, NotificationId: id });
    expect(dedupe.seen(msg('a'))).toBe(false);
    now = 999;
    expect(dedupe.seen(msg('a'))).toBe(true);
    now = 1000;
    expect(dedupe.seen(msg('a'))).toBe(false);
    expect(dedupe.seen(msg('b'))).toBe(false);
    expect(dedupe.seen(msg('c'))).toBe(false);
    expect(dedupe.size).toBe(2);
    expect(dedupe.seen(msg('a'))).toBe(false);
    expect(dedupe.seen(msg('c'))).toBe(true);
    dedupe.forget(msg('c'));
    expect(dedupe.seen(msg('c'))).toBe(false);
  });

  it('backs verifier.isDuplicate, one de-duplicator per verifier', async () => {
    const { verifier } = setup();
    const other = setup().verifier;
    const message = await verifier.verify(body());
    expect(verifier.isDuplicate(message)).toBe(false);
    expect(verifier.isDuplicate(await verifier.verify(body()))).toBe(true);
    expect(other.isDuplicate(message)).toBe(false);
  });

  it('rejects bad options and unkeyable input', () => {
    expect(() => createIpnDeduplicator({ maxEntries: 0 })).toThrow(AmazonPayConfigError);
    expect(() => createIpnDeduplicator({ ttlMs: Number.NaN })).toThrow(AmazonPayConfigError);
    expect(() => createIpnDeduplicator().seen({} as never)).toThrow(AmazonPayInvalidArgumentError);
  });
});

describe('over real HTTP on 127.0.0.1 with the global fetch', () => {
  let server: Server;
  let host: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/cert.pem')
        response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(validCertPem);
      else if (request.url === '/moved.pem') response.writeHead(302, { location: '/cert.pem' }).end();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies with a certificate served by an explicitly allowed local host', async () => {
    const verifier = createIpnVerifier({
      now: () => NOW,
      allowedCertificateHosts: [host],
      allowInsecureCertificateUrl: true,
      timeoutMs: 2000,
    });
    await expect(verifier.verify(body({ certUrl: `http://${host}/cert.pem` }))).resolves.toMatchObject({
      ObjectType: 'CHARGE',
    });
  });

  it('does not follow a redirect on the certificate fetch', async () => {
    hits.length = 0;
    const verifier = createIpnVerifier({
      now: () => NOW,
      allowedCertificateHosts: [host],
      allowInsecureCertificateUrl: true,
      timeoutMs: 2000,
    });
    const error = await rejectsWith(verifier.verify(body({ certUrl: `http://${host}/moved.pem` })), 'CERT_FETCH');
    expect(error.message).toMatch(/redirect/);
    expect(hits).toEqual(['/moved.pem']);
  });
});
