/**
 * Amazon SNS HTTP(S) messages as SNS sends them: the JSON envelope, its string-to-sign (AWS docs
 * "Verifying the signatures of Amazon SNS messages", written here independently of core's verifier so
 * the sandbox's tests check one against the other) and the request headers.
 */

export type SnsType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** Signed keys per message type, in signing order; an absent key (`Subject`) is skipped. */
const SIGNED_KEYS: Record<SnsType, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** SignatureVersion -> the hash of RSASSA-PKCS1-v1_5. */
export const SIGNATURE_HASH = { '1': 'SHA-1', '2': 'SHA-256' } as const;
export type SignatureVersion = keyof typeof SIGNATURE_HASH;

export function snsStringToSign(envelope: Record<string, string>): string {
  let out = '';
  for (const key of SIGNED_KEYS[envelope['Type'] as SnsType] ?? []) {
    const value = envelope[key];
    if (value !== undefined) out += `${key}\n${value}\n`;
  }
  return out;
}

/** The Amazon Pay (Checkout v2) message carried as the `Message` string of a Notification. */
export interface SandboxIpnMessage {
  MerchantID: string;
  /** CHARGEBACK and ATTRIBUTE_CHANGE come only from `sandbox.trigger()`: state changes send the others. */
  ObjectType: 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHARGEBACK';
  ObjectId: string;
  ChargePermissionId: string;
  NotificationType: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE';
  NotificationId: string;
  NotificationVersion: 'V2';
}

/** The headers SNS sends with each POST. */
export function snsHeaders(envelope: Record<string, string>): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': envelope['Type']!,
    'x-amz-sns-message-id': envelope['MessageId']!,
    'x-amz-sns-topic-arn': envelope['TopicArn']!,
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
}
