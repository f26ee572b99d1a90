/** The SNS string-to-sign ("Verifying the signatures of Amazon SNS messages", AWS docs). */
import type { IpnEnvelope, SnsMessageType } from './types.js';

/** Signed keys per message type, in signing order; a key that is absent (only `Subject`) is skipped. */
export const SNS_SIGNED_KEYS: Readonly<Record<SnsMessageType, readonly string[]>> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** `key\nvalue\n` for each signed key present, in order. */
export function snsStringToSign(envelope: IpnEnvelope): string {
  const fields = envelope as unknown as Record<string, unknown>;
  let out = '';
  for (const key of SNS_SIGNED_KEYS[envelope.Type]) {
    const value = fields[key];
    if (typeof value === 'string') out += `${key}\n${value}\n`;
  }
  return out;
}
