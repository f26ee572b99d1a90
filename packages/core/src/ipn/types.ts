/** The shapes of an Amazon SNS HTTP(S) envelope and of the Amazon Pay (Checkout v2) message inside it. */

export const SNS_MESSAGE_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;
/** SNS message `Type`s. */
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number];

interface EnvelopeBase {
  MessageId: string;
  TopicArn: string;
  /** For a Notification, the Amazon Pay message as a JSON string; for confirmations, SNS's plain text. */
  Message: string;
  /** ISO-8601, e.g. `2024-05-01T12:00:00.000Z`: when SNS published the message (retries keep it). */
  Timestamp: string;
  /** `"1"` (RSA PKCS#1 v1.5 with SHA-1) or `"2"` (SHA-256); anything else fails verification. */
  SignatureVersion: string;
  /** Base64. */
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL?: string | undefined;
  /** The parsed JSON object as received, before key normalisation. */
  raw: Record<string, unknown>;
}

/** An SNS notification carrying an Amazon Pay IPN message. */
export interface IpnNotificationEnvelope extends EnvelopeBase {
  Type: 'Notification';
  Subject?: string | undefined;
}

/** An SNS subscription or unsubscription confirmation. */
export interface IpnConfirmationEnvelope extends EnvelopeBase {
  Type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  SubscribeURL: string;
  Token: string;
}

/** Any SNS envelope an IPN endpoint receives. */
export type IpnEnvelope = IpnNotificationEnvelope | IpnConfirmationEnvelope;

/** `string & {}` keeps editor completion for the known values while accepting new ones Amazon adds. */
export type IpnObjectType = 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHARGEBACK' | (string & {});
/** Amazon Pay's IPN `NotificationType`. */
export type IpnNotificationType = 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE' | (string & {});

/**
 * The Amazon Pay message, keys normalised to these PascalCase names whatever their case on the wire.
 * It carries no state: read the object named by `ObjectType`/`ObjectId` with a signed GET before acting.
 */
export interface IpnMessage {
  ObjectType: IpnObjectType;
  ObjectId: string;
  ChargePermissionId?: string | undefined;
  NotificationType?: IpnNotificationType | undefined;
  NotificationId?: string | undefined;
  NotificationVersion?: string | undefined;
  MerchantID?: string | undefined;
  /** The parsed message object as received (every key, original case). */
  raw: Record<string, unknown>;
}

/** What `verify` resolves to: the message plus the (verified) envelope it came in. */
export interface VerifiedIpnMessage extends IpnMessage {
  envelope: IpnNotificationEnvelope;
}

/** An envelope parsed, before verification. */
export type ParsedIpn =
  | { envelope: IpnNotificationEnvelope; message: IpnMessage }
  | { envelope: IpnConfirmationEnvelope; message: undefined };
