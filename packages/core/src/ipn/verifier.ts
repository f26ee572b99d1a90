/**
 * SNS signature verification on WebCrypto only (workerd has no Node-style `createVerify`). Checks run
 * cheapest first, so a forged message costs no network round trip: parse -> signature version -> TopicArn
 * -> Timestamp window -> SigningCertURL -> certificate (cached) -> validity -> RSA PKCS#1 v1.5 signature.
 */
import { fromBase64, utf8 } from '../encoding.js';
import { checkNumber } from '../check-number.js';
import { AmazonPayConfigError, AmazonPayIpnError } from '../errors.js';
import type { FetchLike } from '../transport/send.js';
import { parseCertificatePem, type IpnCertificate } from './certificate.js';
import {
  createIpnDeduplicator,
  type IpnDedupeInput,
  type IpnDeduplicator,
  type IpnDeduplicatorOptions,
} from './dedupe.js';
import { defaultFetch, DEFAULT_IPN_FETCH_TIMEOUT_MS, getText } from './fetch.js';
import { parseIpnInput } from './parse.js';
import { snsStringToSign } from './string-to-sign.js';
import type { IpnConfirmationEnvelope, IpnEnvelope, ParsedIpn, VerifiedIpnMessage } from './types.js';
import { checkSnsUrl, type UrlPolicy } from './urls.js';

/** SignatureVersion -> the RSASSA-PKCS1-v1_5 hash SNS used. */
export const SNS_SIGNATURE_VERSIONS: Readonly<Record<string, 'SHA-1' | 'SHA-256'>> = { '1': 'SHA-1', '2': 'SHA-256' };

/**
 * SNS retries keep the original Timestamp (it is signed), and Amazon Pay documents retries for up to 14
 * days; a shorter window would turn a late retry into a lost notification. Replaying a genuine message is
 * harmless anyway (it only triggers a re-fetch; de-duplicate on top). Tighten it with `maxAgeMs`.
 */
export const DEFAULT_IPN_MAX_AGE_MS = 15 * 24 * 60 * 60_000;
/** How far in the future a Timestamp may be (clock skew between SNS and this machine). */
export const DEFAULT_IPN_CLOCK_TOLERANCE_MS = 5 * 60_000;
/** Certificates kept by the default cache. */
export const DEFAULT_CERTIFICATE_CACHE_SIZE = 32;

/** What the certificate cache needs: a `Map` fits, as does a wrapper over a shared store. */
export interface IpnCertificateCache {
  /** The certificate cached for a URL. */
  get(url: string): IpnCertificate | undefined;
  /** Caches a verified certificate. */
  set(url: string, certificate: IpnCertificate): unknown;
  /** Forgets a certificate (one that failed to verify a message). */
  delete(url: string): unknown;
}

/** Options of `createIpnVerifier`. */
export interface IpnVerifierOptions extends UrlPolicy {
  /** Fetches the signing certificate (and SubscribeURL). Default: the global `fetch`, looked up at call time. */
  fetch?: FetchLike | undefined;
  /** Accept only these TopicArns (exact match). Default: any topic. */
  allowedTopicArns?: readonly string[] | undefined;
  /** Oldest accepted `Timestamp`, ms before now. Default 15 days (see DEFAULT_IPN_MAX_AGE_MS). */
  maxAgeMs?: number | undefined;
  /** Newest accepted `Timestamp`, ms after now. Default 5 minutes. */
  clockToleranceMs?: number | undefined;
  /** Clock in ms since the epoch (tests). */
  now?: (() => number) | undefined;
  /** Certificates by URL. Default: a cache of this verifier's own, holding at most 32. */
  certificateCache?: IpnCertificateCache | undefined;
  /**
   * Accept only SignatureVersion "2" (SHA-256), refusing SHA-1 signatures. Default false: SNS topics sign
   * with version 1 unless their owner opted in, and Amazon Pay does not document that it did.
   */
  requireSignatureVersion2?: boolean | undefined;
  /** Timeout for each certificate or SubscribeURL fetch, ms. Default 10 s. */
  timeoutMs?: number | undefined;
  subtle?: SubtleCrypto | undefined;
  /** The de-duplicator behind `isDuplicate`, or options for one of this verifier's own. */
  deduplicator?: IpnDeduplicator | IpnDeduplicatorOptions | undefined;
}

/** A subscription (un)confirmation, verified. */
export interface IpnConfirmation {
  /** HTTP status of the SubscribeURL GET (2xx). */
  status: number;
  /** The `SubscriptionArn` from SNS's XML answer, when present. */
  subscriptionArn: string | undefined;
}

/** Verifies SNS envelopes carrying Amazon Pay IPNs. */
export interface IpnVerifier {
  /**
   * Verifies a Notification and resolves to its Amazon Pay message; confirmations are rejected with reason WRONG_TYPE.
   */
  verify(rawBodyOrEnvelope: string | IpnEnvelope | Record<string, unknown>): Promise<VerifiedIpnMessage>;
  /** Verifies any SNS message type and resolves to the envelope and (for a Notification) the message. */
  verifyEnvelope(rawBodyOrEnvelope: string | IpnEnvelope | Record<string, unknown>): Promise<ParsedIpn>;
  /** Verifies a SubscriptionConfirmation, then GETs its SubscribeURL (an SNS host, or an allowed one). */
  confirmSubscription(rawBodyOrEnvelope: string | IpnEnvelope | Record<string, unknown>): Promise<IpnConfirmation>;
  /** True for a notification already seen by this verifier's de-duplicator (which then records it). */
  isDuplicate(input: IpnDedupeInput): boolean;
  readonly deduplicator: IpnDeduplicator;
}

/** A small insertion-ordered cache, owned by one verifier (no module-level state). */
function boundedCache(limit: number): IpnCertificateCache {
  const map = new Map<string, IpnCertificate>();
  return {
    get: (url) => map.get(url),
    set(url, certificate) {
      map.delete(url);
      map.set(url, certificate);
      if (map.size > limit) map.delete(map.keys().next().value!);
    },
    delete: (url) => map.delete(url),
  };
}

function checkOptions(options: IpnVerifierOptions): void {
  const fn = (field: 'fetch' | 'now') => {
    if (options[field] !== undefined && typeof options[field] !== 'function')
      throw new AmazonPayConfigError(field, `${field} must be a function.`);
  };
  fn('fetch');
  fn('now');
  for (const field of ['maxAgeMs', 'clockToleranceMs', 'timeoutMs'] as const) {
    checkNumber(field, options[field], { min: 0, infinite: true, unit: 'milliseconds' });
  }
  for (const field of ['allowedTopicArns', 'allowedCertificateHosts'] as const) {
    const value = options[field];
    if (
      value !== undefined &&
      !(Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry !== ''))
    ) {
      throw new AmazonPayConfigError(field, `${field} must be an array of non-empty strings.`);
    }
  }
  const hostsWithScheme = (options.allowedCertificateHosts ?? []).filter((host) => host.includes('/'));
  if (hostsWithScheme.length > 0) {
    throw new AmazonPayConfigError(
      'allowedCertificateHosts',
      `allowedCertificateHosts takes hosts such as "127.0.0.1:8787", not URLs: ${JSON.stringify(hostsWithScheme[0])}.`,
    );
  }
}

function isDeduplicator(value: unknown): value is IpnDeduplicator {
  return typeof (value as IpnDeduplicator | undefined)?.seen === 'function';
}

/**
 * A verifier with its own certificate cache and de-duplicator: create one per server or Worker isolate
 * (at module scope) and reuse it, so the certificate is fetched once rather than per IPN.
 */
export function createIpnVerifier(options: IpnVerifierOptions = {}): IpnVerifier {
  checkOptions(options);
  const fetch = options.fetch ?? defaultFetch;
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_IPN_MAX_AGE_MS;
  const toleranceMs = options.clockToleranceMs ?? DEFAULT_IPN_CLOCK_TOLERANCE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_IPN_FETCH_TIMEOUT_MS;
  const cache = options.certificateCache ?? boundedCache(DEFAULT_CERTIFICATE_CACHE_SIZE);
  const topics = options.allowedTopicArns ? new Set(options.allowedTopicArns) : undefined;
  const deduplicator = isDeduplicator(options.deduplicator)
    ? options.deduplicator
    : createIpnDeduplicator({ ...options.deduplicator, now: options.deduplicator?.now ?? now });
  // Concurrent IPNs signed with one new certificate share one fetch.
  const inFlight = new Map<string, Promise<IpnCertificate>>();

  const fetchCertificate = (url: string): Promise<IpnCertificate> => {
    let pending = inFlight.get(url);
    if (!pending) {
      pending = getText(url, { fetch, timeoutMs, reason: 'CERT_FETCH', what: 'the SNS signing certificate' })
        .then(({ text }) => parseCertificatePem(text))
        .finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    return pending;
  };

  const certificateFor = async (url: string, at: number): Promise<IpnCertificate> => {
    const cached = cache.get(url);
    // An expired cached certificate may have been replaced at the same URL: fetch once more before failing.
    if (cached && cached.notAfter >= at) return cached;
    if (cached) cache.delete(url);
    const certificate = await fetchCertificate(url);
    if (at > certificate.notAfter) {
      throw new AmazonPayIpnError(
        'CERT_INVALID',
        `The SNS signing certificate at ${url} expired on ` +
          `${new Date(certificate.notAfter).toISOString()}. If this machine's clock is right, the message ` +
          `is not from SNS.`,
      );
    }
    if (at < certificate.notBefore) {
      throw new AmazonPayIpnError(
        'CERT_INVALID',
        `The SNS signing certificate at ${url} is not valid before ` +
          `${new Date(certificate.notBefore).toISOString()}. Check this machine's clock.`,
      );
    }
    cache.set(url, certificate);
    return certificate;
  };

  const checkTimestamp = (envelope: IpnEnvelope, at: number) => {
    const shown = JSON.stringify(envelope.Timestamp.slice(0, 64));
    // Strict ISO-8601 (what SNS sends) before Date.parse, which accepts many other forms.
    const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(envelope.Timestamp)
      ? Date.parse(envelope.Timestamp)
      : NaN;
    if (Number.isNaN(time))
      throw new AmazonPayIpnError('MALFORMED', `Timestamp ${shown} is not an ISO-8601 date-time.`);
    if (at - time > maxAgeMs) {
      throw new AmazonPayIpnError(
        'STALE',
        `The message was published at ${envelope.Timestamp}, more than maxAgeMs (${maxAgeMs} ms) ` +
          `ago. Old retries are rejected; raise maxAgeMs to accept them.`,
      );
    }
    if (time - at > toleranceMs) {
      throw new AmazonPayIpnError(
        'STALE',
        `The message's Timestamp ${envelope.Timestamp} is more than ${toleranceMs} ms in the ` +
          `future. Check this machine's clock (or raise clockToleranceMs).`,
      );
    }
  };

  const verifyEnvelope = async (input: unknown): Promise<ParsedIpn> => {
    const parsed = parseIpnInput(input);
    const { envelope } = parsed;
    const hash = Object.hasOwn(SNS_SIGNATURE_VERSIONS, envelope.SignatureVersion)
      ? SNS_SIGNATURE_VERSIONS[envelope.SignatureVersion]
      : undefined;
    if (!hash) {
      throw new AmazonPayIpnError(
        'SIGNATURE',
        `SignatureVersion ${JSON.stringify(envelope.SignatureVersion.slice(0, 16))} is not ` +
          `supported (SNS uses "1" or "2").`,
      );
    }
    if (options.requireSignatureVersion2 === true && envelope.SignatureVersion !== '2') {
      throw new AmazonPayIpnError(
        'SIGNATURE',
        'SignatureVersion "1" (SHA-1) is refused: requireSignatureVersion2 is set.',
      );
    }
    if (topics && !topics.has(envelope.TopicArn)) {
      throw new AmazonPayIpnError(
        'TOPIC',
        `TopicArn ${JSON.stringify(envelope.TopicArn.slice(0, 256))} is not in allowedTopicArns. ` +
          `Add it if this topic is yours; otherwise ignore the message.`,
      );
    }
    const at = now();
    checkTimestamp(envelope, at);
    const certUrl = checkSnsUrl(envelope.SigningCertURL, 'SigningCertURL', options);
    const signature = fromBase64(envelope.Signature);
    if (!signature)
      throw new AmazonPayIpnError('SIGNATURE', 'Signature is not Base64; the message was altered or is not from SNS.');

    const certificate = await certificateFor(certUrl, at);
    const subtle = options.subtle ?? crypto.subtle;
    let key: CryptoKey;
    try {
      key = await subtle.importKey('spki', certificate.spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    } catch (error) {
      cache.delete(certUrl);
      throw new AmazonPayIpnError(
        'CERT_INVALID',
        `The RSA public key in the SNS signing certificate at ${certUrl} could not be imported.`,
        { cause: error },
      );
    }
    const ok = await subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      signature as Uint8Array<ArrayBuffer>,
      utf8(snsStringToSign(envelope)),
    );
    if (!ok) {
      throw new AmazonPayIpnError(
        'SIGNATURE',
        'The SNS signature does not match the message. Pass the raw request body exactly as ' +
          'received (`await request.text()`); if you do, the message was altered or is not from SNS.',
      );
    }
    return parsed;
  };

  return {
    verifyEnvelope,
    async verify(input) {
      const parsed = await verifyEnvelope(input);
      if (parsed.message === undefined) {
        throw new AmazonPayIpnError(
          'WRONG_TYPE',
          `This is a verified ${parsed.envelope.Type}, not a notification. Handle it with ` +
            `verifier.confirmSubscription() (or ignore it), and use verify() for notifications.`,
        );
      }
      return { ...parsed.message, envelope: parsed.envelope };
    },
    async confirmSubscription(input) {
      const { envelope } = await verifyEnvelope(input);
      if (envelope.Type !== 'SubscriptionConfirmation') {
        throw new AmazonPayIpnError(
          'WRONG_TYPE',
          `Only a SubscriptionConfirmation can be confirmed; this is a verified ${envelope.Type}.`,
        );
      }
      return confirm(envelope, fetch, timeoutMs, options);
    },
    isDuplicate: (input) => deduplicator.seen(input),
    deduplicator,
  };
}

async function confirm(
  envelope: IpnConfirmationEnvelope,
  fetch: FetchLike,
  timeoutMs: number,
  policy: UrlPolicy,
): Promise<IpnConfirmation> {
  const url = checkSnsUrl(envelope.SubscribeURL, 'SubscribeURL', policy);
  const { status, text } = await getText(url, {
    fetch,
    timeoutMs,
    reason: 'CONFIRM_FAILED',
    what: 'the SNS SubscribeURL',
  });
  const arn = /<SubscriptionArn>([^<]*)<\/SubscriptionArn>/.exec(text)?.[1];
  return { status, subscriptionArn: arn || undefined };
}

function verifierOf(verifierOrOptions: IpnVerifier | IpnVerifierOptions | undefined): IpnVerifier {
  const candidate = verifierOrOptions as IpnVerifier | undefined;
  return typeof candidate?.verifyEnvelope === 'function'
    ? candidate
    : createIpnVerifier(verifierOrOptions as IpnVerifierOptions | undefined);
}

/**
 * Verifies one Notification and resolves to its Amazon Pay message. Pass a verifier from
 * `createIpnVerifier` to reuse its certificate cache; with options, a fresh verifier (and cache) is made
 * for this call alone.
 */
export function verifyIpn(
  rawBodyOrEnvelope: string | IpnEnvelope | Record<string, unknown>,
  verifierOrOptions?: IpnVerifier | IpnVerifierOptions,
): Promise<VerifiedIpnMessage> {
  return verifierOf(verifierOrOptions).verify(rawBodyOrEnvelope);
}

/**
 * Verifies a SubscriptionConfirmation, then GETs its SubscribeURL (which must be on an SNS host, or an allowed one).
 */
export function confirmSubscription(
  rawBodyOrEnvelope: string | IpnEnvelope | Record<string, unknown>,
  verifierOrOptions?: IpnVerifier | IpnVerifierOptions,
): Promise<IpnConfirmation> {
  return verifierOf(verifierOrOptions).confirmSubscription(rawBodyOrEnvelope);
}
