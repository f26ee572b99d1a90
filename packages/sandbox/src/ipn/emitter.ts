/**
 * The sandbox's Amazon SNS: turns state changes into signed SNS `Notification` POSTs carrying Amazon Pay
 * (Checkout v2) messages, records each delivery, and plays the subscription side (SubscriptionConfirmation,
 * the SubscribeURL and UnsubscribeURL pages, the signing certificate). Deliveries run in the background:
 * an API answer never waits for them; `flush()` does.
 */
import { SandboxConfigError } from '../errors.js';
import { createSigningIdentity, type SnsSigningIdentity } from './certificate.js';
import { toBase64 } from '@amazon-pay-edge/core/internal';
import {
  SIGNATURE_HASH,
  snsHeaders,
  snsStringToSign,
  type SandboxIpnMessage,
  type SignatureVersion,
  type SnsType,
} from './envelope.js';
import type { StateChange } from './watch.js';

export interface SandboxIpnOptions {
  /** Where to POST each message (the merchant's IPN endpoint), with the global `fetch`. */
  url?: string;
  /** Delivers each message instead of `fetch` (wins over `url`); the Request carries a 15 s abort signal. */
  deliver?: (request: Request) => Promise<Response>;
  /** Default `arn:aws:sns:us-east-1:000000000000:amazon-pay-edge-sandbox`. */
  topicArn?: string;
  /** `'1'` RSASSA-PKCS1-v1_5 with SHA-1, `'2'` (default) with SHA-256. */
  signatureVersion?: SignatureVersion;
}

export interface SandboxIpnDelivery {
  /** The SNS envelope as sent (its `Signature` is filled once signed: await `flushIpns()`). */
  envelope: Record<string, string>;
  /** The Amazon Pay message inside a Notification; undefined for a SubscriptionConfirmation. */
  message: SandboxIpnMessage | undefined;
  /** The exact request body (JSON of `envelope`); empty until signed. */
  body: string;
  /** Where it was POSTed; undefined when neither `ipn.url` nor `ipn.deliver` is set. */
  url: string | undefined;
  /** HTTP status the receiver answered. */
  status?: number;
  /** Why it was not delivered (the receiver threw, timed out, or the subscription was unsubscribed). */
  error?: string;
}

export interface SandboxIpnSubscription {
  readonly subscriptionArn: string;
  /** The SubscribeURL of a SubscriptionConfirmation was visited. Notifications are sent either way. */
  readonly confirmed: boolean;
  /** The UnsubscribeURL was visited: later notifications are recorded but not delivered. */
  readonly unsubscribed: boolean;
}

export const DEFAULT_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:amazon-pay-edge-sandbox';
export const SNS_CERTIFICATE_PATH = '/sandbox-ui/sns-certificate.pem';
export const SNS_CONFIRM_PATH = '/sandbox-ui/sns-confirm';
export const SNS_UNSUBSCRIBE_PATH = '/sandbox-ui/sns-unsubscribe';
const DELIVERY_TIMEOUT_MS = 15_000; // SNS's default HTTP delivery timeout
const CERTIFICATE_NAME = 'amazon-pay-edge sandbox SNS (test only)';

function checkOptions(options: SandboxIpnOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new SandboxConfigError('ipn', 'ipn must be an object: { url?, deliver?, topicArn?, signatureVersion? }.');
  if (options.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new SandboxConfigError(
        'ipn.url',
        `ipn.url must be an absolute http(s) URL; got ${JSON.stringify(options.url)}.`,
      );
  }
  if (options.deliver !== undefined && typeof options.deliver !== 'function')
    throw new SandboxConfigError(
      'ipn.deliver',
      'ipn.deliver must be a function (request: Request) => Promise<Response>.',
    );
  if (
    options.topicArn !== undefined &&
    !/^arn:aws[a-z-]*:sns:[a-z0-9-]*:\d*:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(String(options.topicArn))
  ) {
    throw new SandboxConfigError(
      'ipn.topicArn',
      `ipn.topicArn must look like arn:aws:sns:us-east-1:123456789012:name; got ${JSON.stringify(options.topicArn)}.`,
    );
  }
  if (options.signatureVersion !== undefined && !Object.hasOwn(SIGNATURE_HASH, options.signatureVersion)) {
    throw new SandboxConfigError(
      'ipn.signatureVersion',
      `ipn.signatureVersion must be '1' (SHA-1) or '2' (SHA-256); got ${JSON.stringify(options.signatureVersion)}.`,
    );
  }
}

/** An error's message with its cause (Node's fetch says only "fetch failed"; the cause says ECONNREFUSED). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause ? (typeof cause.code === 'string' ? cause.code : String(cause.message ?? '')) : '';
  return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export interface IpnEmitterConfig {
  /** Undefined: the sandbox sends no IPNs (the certificate is still served). */
  options: SandboxIpnOptions | undefined;
  merchantId: string;
  subtle: SubtleCrypto;
  /** The server clock: Timestamp and the certificate's validity follow it, as SNS's follow real time. */
  now: () => number;
}

export type IpnEmitter = ReturnType<typeof createIpnEmitter>;

export function createIpnEmitter(config: IpnEmitterConfig) {
  const options = config.options;
  if (options !== undefined) checkOptions(options);
  const topicArn = options?.topicArn ?? DEFAULT_TOPIC_ARN;
  const version: SignatureVersion = options?.signatureVersion ?? '2';
  const subscriptionArn = `${topicArn}:${crypto.randomUUID()}`;
  const state = { confirmed: false, unsubscribed: false };
  const tokens = new Set<string>();
  const deliveries: SandboxIpnDelivery[] = [];
  const pending = new Set<Promise<void>>();

  let identity: Promise<SnsSigningIdentity> | undefined;
  const identityOf = (): Promise<SnsSigningIdentity> => {
    if (!identity) {
      identity = createSigningIdentity(config.subtle, config.now(), CERTIFICATE_NAME);
      identity.catch(() => (identity = undefined)); // a failed key generation is retried next time
    }
    return identity;
  };

  const track = (work: Promise<void>): void => {
    // A failure here (a store that throws during the advance() sweep) shows on the next request that
    // touches the store; flush() must still settle.
    const task = work.catch(() => undefined);
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  async function sign(record: SandboxIpnDelivery): Promise<void> {
    const signer = await identityOf();
    record.envelope['Signature'] = toBase64(
      await signer.sign(SIGNATURE_HASH[version], snsStringToSign(record.envelope)),
    );
    record.body = JSON.stringify(record.envelope);
  }

  // Signatures finish in any order (WebCrypto works off-thread): sign one after another so deliveries
  // start in the order of the changes, as they are recorded.
  let signing: Promise<void> = Promise.resolve();

  async function send(record: SandboxIpnDelivery): Promise<void> {
    const signed = signing.then(() => sign(record));
    signing = signed.catch(() => undefined);
    await signed;
    if (record.url === undefined) return;
    if (state.unsubscribed && record.envelope['Type'] === 'Notification') {
      record.error =
        `Not delivered: the subscription ${subscriptionArn} was unsubscribed (its ` + `UnsubscribeURL was visited).`;
      return;
    }
    await post(record, record.url);
  }

  /** One POST of a signed record to `url`, as SNS makes it; sets `status` or `error`. */
  async function post(record: SandboxIpnDelivery, url: string, deliver = options?.deliver): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)),
      DELIVERY_TIMEOUT_MS,
    );
    try {
      const request = new Request(url, {
        method: 'POST',
        headers: snsHeaders(record.envelope),
        body: record.body,
        signal: controller.signal,
      });
      const response = deliver ? await deliver(request) : await globalThis.fetch(request);
      record.status = response.status;
      await response.body?.cancel().catch(() => {});
    } catch (error) {
      record.error = `Delivery to ${url} failed: ${describe(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The envelope of a message, keys in the order SNS sends them (Signature still empty). */
  function envelopeOf(type: SnsType, fields: Record<string, string>, origin: string): Record<string, string> {
    const head = { Type: type, MessageId: crypto.randomUUID() };
    const signing = {
      Timestamp: new Date(config.now()).toISOString(),
      SignatureVersion: version,
      Signature: '',
      SigningCertURL: `${origin}${SNS_CERTIFICATE_PATH}`,
    };
    return type === 'Notification'
      ? {
          ...head,
          TopicArn: topicArn,
          Message: fields['Message']!,
          ...signing,
          UnsubscribeURL:
            `${origin}${SNS_UNSUBSCRIBE_PATH}?Action=Unsubscribe` +
            `&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
        }
      : {
          ...head,
          Token: fields['Token']!,
          TopicArn: topicArn,
          Message: fields['Message']!,
          SubscribeURL: fields['SubscribeURL']!,
          ...signing,
        };
  }

  /**
   * Records the message at once (so the order is the order of the changes), then signs and delivers it in the
   * background.
   */
  function publish(
    type: SnsType,
    fields: Record<string, string>,
    origin: string,
    message: SandboxIpnMessage | undefined,
  ): SandboxIpnDelivery {
    const envelope = envelopeOf(type, fields, origin);
    const target = options?.deliver ? (options.url ?? `${origin}/sandbox-ui/merchant/ipn`) : options?.url;
    const record: SandboxIpnDelivery = { envelope, message, body: '', url: target };
    deliveries.push(record);
    const task = send(record).catch((error: unknown) => {
      record.error = `Not signed: ${describe(error)}`;
    });
    track(task);
    return record;
  }

  const subscription: SandboxIpnSubscription = {
    subscriptionArn,
    get confirmed() {
      return state.confirmed;
    },
    get unsubscribed() {
      return state.unsubscribed;
    },
  };

  return {
    enabled: options !== undefined,
    deliveries,
    subscription,
    /** Work that may publish (the sweep after `advance`): `flush()` waits for it too. */
    track,

    /** A state change, reported with the origin of the request that caused it. */
    notify(change: StateChange, origin: string): void {
      if (options === undefined) return;
      const message: SandboxIpnMessage = {
        MerchantID: config.merchantId,
        ...change,
        NotificationType: 'STATE_CHANGE',
        NotificationId: crypto.randomUUID(),
        NotificationVersion: 'V2',
      };
      publish('Notification', { Message: JSON.stringify(message) }, origin, message);
    },

    async sendSubscriptionConfirmation(origin: string): Promise<SandboxIpnDelivery> {
      const token = hex(crypto.getRandomValues(new Uint8Array(64)));
      tokens.add(token);
      const subscribeUrl =
        `${origin}${SNS_CONFIRM_PATH}?Action=ConfirmSubscription` +
        `&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
      const record = publish(
        'SubscriptionConfirmation',
        {
          Token: token,
          SubscribeURL: subscribeUrl,
          Message:
            `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the ` +
            `subscription, visit the SubscribeURL included in this message.`,
        },
        origin,
        undefined,
      );
      await this.flush();
      return record;
    },

    /** The SubscribeURL page: true when the token was issued here (the subscription is then confirmed). */
    confirm(token: string | null): boolean {
      if (token === null || !tokens.has(token)) return false;
      state.confirmed = true;
      state.unsubscribed = false;
      return true;
    },

    /** The UnsubscribeURL page: true when it names this subscription. */
    unsubscribe(arn: string | null): boolean {
      if (arn !== subscriptionArn) return false;
      state.unsubscribed = true;
      return true;
    },

    /**
     * Signs a Notification carrying `message` without sending it (`trigger` sends it itself, to a URL of
     * its choosing, as often as it is asked to). Deliveries are then made with `redeliver`.
     */
    async signNotification(message: SandboxIpnMessage, origin: string): Promise<SandboxIpnDelivery> {
      const envelope = envelopeOf('Notification', { Message: JSON.stringify(message) }, origin);
      const record: SandboxIpnDelivery = { envelope, message, body: '', url: undefined };
      const signed = signing.then(() => sign(record));
      signing = signed.catch(() => undefined);
      await signed;
      return record;
    },

    /**
     * POSTs a signed Notification (the same MessageId and signature each time, as SNS redelivers) with
     * `deliver`, else the global `fetch`; recorded in `deliveries`.
     */
    async redeliver(
      signed: SandboxIpnDelivery,
      url: string,
      deliver?: (request: Request) => Promise<Response>,
    ): Promise<SandboxIpnDelivery> {
      const record: SandboxIpnDelivery = { envelope: signed.envelope, message: signed.message, body: signed.body, url };
      deliveries.push(record);
      await post(record, url, deliver ?? ((request) => globalThis.fetch(request)));
      return record;
    },

    certificatePem: async (): Promise<string> => (await identityOf()).certificatePem,

    /** Resolves when every delivery started so far (and any started meanwhile) has settled. */
    async flush(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
