/** Charge: request bodies and the response object. */
import type {
  AmazonPayTimestamp,
  Channel,
  ChargeInitiator,
  MerchantMetadata,
  Price,
  PriceInput,
  ProviderMetadata,
  ReleaseEnvironment,
  StatusDetails,
} from './common.js';

/** Lifecycle state of a Charge. */
export type ChargeState =
  'AuthorizationInitiated' | 'Authorized' | 'CaptureInitiated' | 'Captured' | 'Canceled' | 'Declined';

/** Reasons for the Canceled and Declined states. */
export type ChargeReasonCode =
  // Canceled
  | 'ExpiredUnused'
  | 'AmazonCanceled'
  | 'MerchantCanceled'
  | 'ChargePermissionCanceled'
  | 'BuyerCanceled'
  // Declined
  | 'SoftDeclined'
  | 'HardDeclined'
  | 'AmazonRejected'
  | 'ProcessingFailure'
  | 'TransactionTimedOut';

/** `statusDetails` of a Charge. */
export type ChargeStatusDetails = StatusDetails<ChargeState, ChargeReasonCode>;

/** Body of Create Charge (`POST v2/charges`). */
export interface CreateChargeRequest {
  chargePermissionId: string;
  chargeAmount: PriceInput;
  /** Capture right after a successful authorization (default false). */
  captureNow?: boolean;
  /** Statement text (max 16 characters); only with `captureNow: true`. */
  softDescriptor?: string;
  /** Whether the merchant accepts an asynchronous (pending) authorization. */
  canHandlePendingAuthorization?: boolean;
  merchantMetadata?: MerchantMetadata;
  providerMetadata?: ProviderMetadata;
  /** Solution provider (SP) merchant id; only SPs set it. */
  platformId?: string;
  /** Who initiated the payment (saved wallet / merchant-initiated flows). */
  chargeInitiator?: ChargeInitiator;
  channel?: Channel;
  /** Where to send the buyer after an extra verification step (saved wallet flows). */
  webCheckoutDetails?: { checkoutResultReturnUrl: string };
}

/** Body of Update Charge (`PATCH v2/charges/{id}`), for PSP-processed payment methods. */
export interface UpdateChargeRequest {
  statusDetails: {
    state: ChargeState;
    reasonCode?: ChargeReasonCode;
  };
}

/** Body of Capture Charge (`POST v2/charges/{id}/capture`). */
export interface CaptureChargeRequest {
  captureAmount: PriceInput;
  /** Statement text (max 16 characters). */
  softDescriptor?: string;
}

/** Body of Cancel Charge (`DELETE v2/charges/{id}/cancel`). */
export interface CancelChargeRequest {
  /** Merchant's reason, for the record. */
  cancellationReason?: string;
}

/** `webCheckoutDetails` as echoed on a Charge. */
export interface ChargeWebCheckoutDetails {
  checkoutResultReturnUrl?: string | null;
  /** Redirect the buyer here when the charge needs their action (saved wallet flows). */
  amazonPayRedirectUrl?: string | null;
}

/**
 * A Charge as returned by Create/Get/Update/Capture/Cancel Charge, members in the order Amazon sends
 * them (the official Node SDK's integration test key list, `tst/webStoreClientTest.js`). `captureNow`
 * and `canHandlePendingAuthorization` are request fields: Amazon does not echo them.
 */
export interface Charge {
  chargeId: string;
  /** Amount authorized. */
  chargeAmount: Price;
  chargePermissionId: string;
  /** Total captured so far; null until captured. */
  captureAmount?: Price | null;
  /** Total refunded so far; null until refunded. */
  refundedAmount?: Price | null;
  softDescriptor?: string | null;
  providerMetadata?: ProviderMetadata | null;
  /** Captured amount in the disbursement currency (`chargeAmount` / `conversionRate`). */
  convertedAmount?: Price | null;
  /** Rate used for `convertedAmount`. */
  conversionRate?: number | null;
  channel?: Channel | null;
  chargeInitiator?: ChargeInitiator | null;
  statusDetails: ChargeStatusDetails;
  /** `yyyyMMddTHHmmssZ`. */
  creationTimestamp: AmazonPayTimestamp;
  /** `yyyyMMddTHHmmssZ`: when an unused authorization is canceled (`ExpiredUnused`). */
  expirationTimestamp?: AmazonPayTimestamp | null;
  releaseEnvironment?: ReleaseEnvironment | null;
  merchantMetadata?: MerchantMetadata | null;
  platformId?: string | null;
  webCheckoutDetails?: ChargeWebCheckoutDetails | null;
}
