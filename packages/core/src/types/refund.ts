/** Refund: request body and the response object. */
import type { AmazonPayTimestamp, Price, PriceInput, ReleaseEnvironment, StatusDetails } from './common.js';

/** Lifecycle state of a Refund (refunds are processed asynchronously). */
export type RefundState = 'RefundInitiated' | 'Refunded' | 'Declined';

/** Reasons for the Declined state. */
export type RefundReasonCode = 'AmazonRejected' | 'ProcessingFailure';

/** `statusDetails` of a Refund. */
export type RefundStatusDetails = StatusDetails<RefundState, RefundReasonCode>;

/** Body of Create Refund (`POST v2/refunds`). */
export interface CreateRefundRequest {
  chargeId: string;
  /** May exceed the captured amount by a small margin (15% or 75 USD/GBP/EUR / 8,400 JPY, whichever is less). */
  refundAmount: PriceInput;
  /** Statement text (max 16 characters). */
  softDescriptor?: string;
}

/** A Refund as returned by Create/Get Refund, members in Amazon's order (sample in the .NET SDK's `ClientTests.cs`). */
export interface Refund {
  refundId: string;
  chargeId: string;
  refundAmount: Price;
  softDescriptor?: string | null;
  /** `yyyyMMddTHHmmssZ`. */
  creationTimestamp: AmazonPayTimestamp;
  statusDetails: RefundStatusDetails;
  releaseEnvironment?: ReleaseEnvironment | null;
}
