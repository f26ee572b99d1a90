/** Charge Permission: request bodies and the response object. */
import type {
  Address,
  BuyerInfo,
  ChargePermissionType,
  CurrencyCode,
  MerchantMetadata,
  PaymentPreference,
  Price,
  RecurringMetadata,
  RecurringMetadataInput,
  ReleaseEnvironment,
  StatusDetails,
} from './common.js';

/** Lifecycle state of a Charge Permission. */
export type ChargePermissionState = 'Chargeable' | 'NonChargeable' | 'Closed';

/** Reasons for the NonChargeable and Closed states. */
export type ChargePermissionReasonCode =
  // NonChargeable
  | 'PaymentMethodInvalid'
  | 'PaymentMethodDeleted'
  | 'BillingAddressDeleted'
  | 'PaymentMethodExpired'
  | 'PaymentMethodNotAllowed'
  | 'PaymentMethodNotSet'
  | 'ChargeInProgress'
  | 'MFAFailed'
  | 'AmountNotSet'
  // Closed
  | 'MerchantClosed'
  | 'MerchantCanceled'
  | 'BuyerCanceled'
  | 'AmazonCanceled'
  | 'AmazonClosed'
  | 'Expired';

/** `statusDetails` of a Charge Permission. */
export type ChargePermissionStatusDetails = StatusDetails<ChargePermissionState, ChargePermissionReasonCode>;

/** Amount limits of a Charge Permission. */
export interface ChargePermissionLimits {
  /** Total that may be charged. */
  amountLimit?: Price | null;
  /** What is left of `amountLimit`. */
  amountBalance?: Price | null;
}

/** Body of Update Charge Permission (`PATCH v2/chargePermissions/{id}`). */
export interface UpdateChargePermissionRequest {
  merchantMetadata?: MerchantMetadata;
  recurringMetadata?: RecurringMetadataInput;
}

/** Body of Close Charge Permission (`DELETE v2/chargePermissions/{id}/close`). */
export interface CloseChargePermissionRequest {
  /** Shown to the buyer in Amazon's communication. */
  closureReason?: string;
  /** Also cancel charges that are still pending. */
  cancelPendingCharges?: boolean;
}

/** A Charge Permission as returned by Get/Update/Close Charge Permission. */
export interface ChargePermission {
  chargePermissionId: string;
  /** Merchant reference for the permission, when one was set. */
  chargePermissionReferenceId?: string | null;
  buyer?: BuyerInfo | null;
  releaseEnvironment?: ReleaseEnvironment | null;
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
  paymentPreferences?: PaymentPreference[] | null;
  statusDetails: ChargePermissionStatusDetails;
  /** ISO 8601 UTC. */
  creationTimestamp: string;
  /** ISO 8601 UTC; null for permissions that do not expire. */
  expirationTimestamp?: string | null;
  merchantMetadata?: MerchantMetadata | null;
  platformId?: string | null;
  limits?: ChargePermissionLimits | null;
  presentmentCurrency?: CurrencyCode | null;
  chargePermissionType?: ChargePermissionType | null;
  recurringMetadata?: RecurringMetadata | null;
}
