/** Raw SNS POST body -> typed envelope and Amazon Pay message, keys matched case-insensitively. */
import { AmazonPayIpnError } from '../errors.js';
import {
  SNS_MESSAGE_TYPES,
  type IpnConfirmationEnvelope,
  type IpnMessage,
  type IpnNotificationEnvelope,
  type ParsedIpn,
  type SnsMessageType,
} from './types.js';

/** SNS caps a message at 256 KiB; the envelope adds little. Anything far larger is not an IPN. */
export const MAX_IPN_BODY_LENGTH = 1024 * 1024;

interface Shape {
  what: string;
  required: readonly string[];
  optional: readonly string[];
}

// Which keys each object must or may carry, in their canonical spelling.
const ENVELOPE: Shape = {
  what: 'SNS envelope',
  required: [
    'Type',
    'MessageId',
    'TopicArn',
    'Message',
    'Timestamp',
    'SignatureVersion',
    'Signature',
    'SigningCertURL',
  ],
  optional: ['Subject', 'UnsubscribeURL', 'SubscribeURL', 'Token'],
};
const CONFIRMATION_REQUIRED = ['SubscribeURL', 'Token'] as const;
const MESSAGE: Shape = {
  what: 'Amazon Pay message',
  required: ['ObjectType', 'ObjectId'],
  optional: ['ChargePermissionId', 'NotificationType', 'NotificationId', 'NotificationVersion', 'MerchantID'],
};

const RAW_BODY_HINT =
  'Pass the raw request body as text (`await request.text()`), not a parsed or re-serialised object.';

function malformed(message: string, cause?: unknown): never {
  throw new AmazonPayIpnError('MALFORMED', message, cause === undefined ? undefined : { cause });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Picks the keys of `shape` out of `raw`, whatever their case. Two spellings of one key (`Message` and
 * `message`) are ambiguous and rejected: which one was signed cannot be told.
 */
function normalise(raw: Record<string, unknown>, shape: Shape): Record<string, string> {
  const canonical = new Map<string, string>();
  for (const key of [...shape.required, ...shape.optional]) canonical.set(key.toLowerCase(), key);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = canonical.get(key.toLowerCase());
    if (name === undefined) continue;
    if (name in out)
      malformed(`The ${shape.what} has the key "${name}" twice (in different letter case). ${RAW_BODY_HINT}`);
    if (typeof value !== 'string')
      malformed(
        `The ${shape.what} field "${name}" must be a string, got ` +
          `${value === null ? 'null' : typeof value}. ${RAW_BODY_HINT}`,
      );
    out[name] = value;
  }
  for (const key of shape.required) {
    if (!out[key]) malformed(`The ${shape.what} has no "${key}". ${RAW_BODY_HINT}`);
  }
  return out;
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    malformed(`The ${what} is not JSON. ${RAW_BODY_HINT}`, error);
  }
  if (!isRecord(value)) malformed(`The ${what} must be a JSON object. ${RAW_BODY_HINT}`);
  return value;
}

/** The Amazon Pay message inside a Notification's `Message` string. */
export function parseIpnMessage(message: string): IpnMessage {
  const raw = parseJsonObject(message, 'Notification "Message" (the Amazon Pay message)');
  return { ...(normalise(raw, MESSAGE) as Omit<IpnMessage, 'raw'>), raw };
}

/** Envelope from a raw body or an already parsed object (e.g. a body parser's output, or a parsed envelope). */
export function parseIpnInput(input: unknown): ParsedIpn {
  let raw: Record<string, unknown>;
  if (typeof input === 'string') {
    if (input.length > MAX_IPN_BODY_LENGTH)
      malformed(
        `The body is ${input.length} characters long, larger than any SNS message (limit ${MAX_IPN_BODY_LENGTH}).`,
      );
    raw = parseJsonObject(input, 'request body');
  } else if (isRecord(input)) {
    // An envelope this module returned carries `raw`; re-reading the typed fields is equivalent.
    raw = input;
  } else {
    malformed(
      `Expected the raw request body (a string), got ${input === null ? 'null' : typeof input}. ${RAW_BODY_HINT}`,
    );
  }

  const typeKey = Object.keys(raw).find((key) => key.toLowerCase() === 'type');
  const type = typeKey === undefined ? undefined : raw[typeKey];
  if (typeof type === 'string' && type !== '' && !(SNS_MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new AmazonPayIpnError(
      'UNKNOWN_TYPE',
      `SNS message type ${JSON.stringify(type.slice(0, 64))} is not one this SDK handles ` +
        `(${SNS_MESSAGE_TYPES.join(', ')}). Ignore it or answer 400.`,
    );
  }
  const fields = normalise(raw, ENVELOPE);
  // From a parsed object, keep only the fields that are signed: a caller-side `raw` (or any other member)
  // was not verified and must not flow into the result.
  const envelopeRaw: Record<string, unknown> = typeof input === 'string' ? raw : { ...fields };

  if ((fields['Type'] as SnsMessageType) === 'Notification') {
    const envelope = { ...fields, raw: envelopeRaw } as unknown as IpnNotificationEnvelope;
    return { envelope, message: parseIpnMessage(envelope.Message) };
  }
  for (const key of CONFIRMATION_REQUIRED) {
    if (!fields[key]) malformed(`The ${fields['Type']} envelope has no "${key}". ${RAW_BODY_HINT}`);
  }
  return { envelope: { ...fields, raw: envelopeRaw } as unknown as IpnConfirmationEnvelope, message: undefined };
}

/**
 * Parses an IPN POST body: the SNS envelope and, for a `Notification`, the Amazon Pay message. Parsing is
 * not verification: use `createIpnVerifier(...).verify(rawBody)` before trusting anything in it.
 */
export function parseIpn(rawBody: string): ParsedIpn {
  if (typeof rawBody !== 'string') {
    malformed(
      `parseIpn expects the raw request body as a string, got ` +
        `${rawBody === null ? 'null' : typeof rawBody}. ${RAW_BODY_HINT}`,
    );
  }
  return parseIpnInput(rawBody);
}
