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
  AmazonPayTimestamp,
  PaymentMethodOnFileMetadataResult,
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
  | 'BuyerClosed'
  | 'Expired';

/** One reason in a Charge Permission's `statusDetails.reasons`. */
export interface ChargePermissionReason {
  reasonCode: ChargePermissionReasonCode;
  reasonDescription: string | null;
}

/**
 * `statusDetails` of a Charge Permission. Unlike the other objects it carries a list, `reasons`, not a
 * single `reasonCode` (Amazon's sample responses; the .NET SDK's `ChargePermissionStatusDetails`):
 * `{ "state": "Chargeable", "reasons": null, "lastUpdatedTimestamp": "20200222T110013Z" }`.
 */
export interface ChargePermissionStatusDetails {
  state: ChargePermissionState;
  /** Why the permission is NonChargeable or Closed; null when Chargeable. */
  reasons: ChargePermissionReason[] | null;
  /** Time of the last state change (`yyyyMMddTHHmmssZ`). */
  lastUpdatedTimestamp: AmazonPayTimestamp;
}

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

/**
 * A Charge Permission as returned by Get/Update/Close Charge Permission, members in the order Amazon
 * sends them (the official Node SDK's integration test key list; a real sandbox response in the .NET
 * SDK's `ChargePermissionResponseTests.cs`).
 */
export interface ChargePermission {
  chargePermissionId: string;
  /** Token for PSP (acquirer) integrations; Amazon sends it only to those merchants. */
  amazonPayToken?: string | null;
  /** Merchant reference for the permission, when one was set. */
  chargePermissionReferenceId?: string | null;
  platformId?: string | null;
  buyer?: BuyerInfo | null;
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
  paymentPreferences?: PaymentPreference[] | null;
  statusDetails: ChargePermissionStatusDetails;
  /** `yyyyMMddTHHmmssZ`. */
  creationTimestamp: AmazonPayTimestamp;
  /** `yyyyMMddTHHmmssZ`; null for Saved Wallet permissions, which do not expire. */
  expirationTimestamp?: AmazonPayTimestamp | null;
  /** Only on Saved Wallet (PaymentMethodOnFile) permissions. */
  paymentMethodOnFileMetadata?: PaymentMethodOnFileMetadataResult | null;
  /** An object whose members are null when unset (never null itself). */
  merchantMetadata?: MerchantMetadata | null;
  releaseEnvironment?: ReleaseEnvironment | null;
  limits?: ChargePermissionLimits | null;
  chargePermissionType?: ChargePermissionType | null;
  recurringMetadata?: RecurringMetadata | null;
  presentmentCurrency?: CurrencyCode | null;
}
