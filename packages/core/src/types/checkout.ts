/** Checkout Session: request bodies and the response object. */
import type {
  Address,
  AmazonPayTimestamp,
  BuyerInfo,
  ChargePermissionType,
  CurrencyCode,
  MerchantMetadata,
  PaymentIntent,
  PaymentPreference,
  Price,
  PriceInput,
  ProviderMetadata,
  RecurringMetadata,
  RecurringMetadataInput,
  ReleaseEnvironment,
  Scope,
  StatusDetails,
} from './common.js';

/** Lifecycle state of a Checkout Session. */
export type CheckoutSessionState = 'Open' | 'Completed' | 'Canceled';

/**
 * Why a Checkout Session was canceled.
 * `ChargePermissionCanceled` is kept for compatibility; the state table we checked lists the other four.
 */
export type CheckoutSessionReasonCode =
  'Declined' | 'BuyerCanceled' | 'Expired' | 'AmazonCanceled' | 'ChargePermissionCanceled';

/** `statusDetails` of a Checkout Session. */
export type CheckoutSessionStatusDetails = StatusDetails<CheckoutSessionState, CheckoutSessionReasonCode>;

/** `ProcessOrder`: the buyer does not come back to a merchant review page (Additional Payment Button flow). */
export type CheckoutMode = 'ProcessOrder';

/** Integration type of a Checkout Session. */
export type ProductType = 'PayAndShip' | 'PayOnly' | 'PayAndShipMultiAddress';

/** URLs that drive the hosted checkout; the response adds `amazonPayRedirectUrl`. */
export interface WebCheckoutDetails {
  /** Where Amazon sends the buyer after they pick address and payment method. */
  checkoutReviewReturnUrl?: string | null;
  /** Where Amazon sends the buyer after the payment has been processed. */
  checkoutResultReturnUrl?: string | null;
  /** Where Amazon sends the buyer if they cancel on an Amazon-hosted page. */
  checkoutCancelUrl?: string | null;
  /** Response only: redirect the buyer here once the session has no constraints left. */
  amazonPayRedirectUrl?: string | null;
  checkoutMode?: CheckoutMode | null;
}

/** `webCheckoutDetails` in a request body (Amazon sets `amazonPayRedirectUrl`). */
export interface WebCheckoutDetailsInput {
  checkoutReviewReturnUrl?: string;
  checkoutResultReturnUrl?: string;
  checkoutCancelUrl?: string;
  checkoutMode?: CheckoutMode;
}

/** Payment details as returned on a Checkout Session. */
export interface PaymentDetails {
  paymentIntent?: PaymentIntent | null;
  /** Whether the merchant accepts an asynchronous (pending) authorization. */
  canHandlePendingAuthorization?: boolean | null;
  /** Amount processed at checkout according to `paymentIntent`. */
  chargeAmount?: Price | null;
  /** Whole order amount, when more charges will follow checkout. */
  totalOrderAmount?: Price | null;
  /** Currency the buyer is charged in. */
  presentmentCurrency?: CurrencyCode | null;
  /** Statement text, only with `AuthorizeWithCapture`. */
  softDescriptor?: string | null;
  /** Whether charges may exceed the order amount. */
  allowOvercharge?: boolean | null;
  /** Whether the Charge Permission lasts 13 months instead of 180 days. */
  extendExpiration?: boolean | null;
  /** Estimated order total (shown to the buyer before the final amount is known). */
  estimateOrderTotal?: Price | null;
}

/** Payment details in a request body. */
export interface PaymentDetailsInput {
  paymentIntent?: PaymentIntent;
  /** Whether the merchant accepts an asynchronous (pending) authorization. */
  canHandlePendingAuthorization?: boolean;
  /** Amount processed at checkout according to `paymentIntent`. */
  chargeAmount?: PriceInput;
  /** Whole order amount, when more charges will follow checkout. */
  totalOrderAmount?: PriceInput;
  /** Currency the buyer is charged in. */
  presentmentCurrency?: CurrencyCode;
  /** Statement text (max 16 characters), only with `AuthorizeWithCapture`. */
  softDescriptor?: string;
  /** Whether charges may exceed the order amount. */
  allowOvercharge?: boolean;
  /** Whether the Charge Permission lasts 13 months instead of 180 days. */
  extendExpiration?: boolean;
  /** Estimated order total. */
  estimateOrderTotal?: PriceInput;
}

/** Shipping address supplied by the merchant when `checkoutMode` is `ProcessOrder`. */
export interface AddressDetails {
  name?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  /** District or county, in one field. */
  districtOrCounty?: string;
  stateOrRegion?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 country code. */
  countryCode?: string;
  phoneNumber?: string;
}

/** Rule-based address restrictions. */
export type SpecialRestriction = 'RestrictPOBoxes' | 'RestrictPackstations';

/** Whether the listed addresses are the only ones allowed, or the ones refused. */
export type AddressRestrictionType = 'Allowed' | 'NotAllowed';

/** Restriction for one country; an empty object covers the whole country. */
export interface CountryAddressRestriction {
  statesOrRegions?: string[];
  zipCodes?: string[];
}

/** Country-based address restrictions. */
export interface AddressRestrictions {
  type: AddressRestrictionType;
  /** Keyed by ISO 3166-1 alpha-2 country code. */
  restrictions: Record<string, CountryAddressRestriction>;
}

/** Limits on which addresses the buyer can select from their Amazon address book. */
export interface DeliverySpecifications {
  specialRestrictions?: SpecialRestriction[];
  addressRestrictions?: AddressRestrictions;
}

/** Amount assigned to one buyer address in a multi-address (PayAndShipMultiAddress) checkout. */
export interface MultiAddressesCheckoutMetadata {
  /** `addressId` of an entry of `shippingAddressList`. */
  addressId: string;
  price: PriceInput;
}

/** `multiAddressesCheckoutMetadata` entry as echoed in a response. */
export interface MultiAddressesCheckoutMetadataResult {
  addressId: string;
  price: Price;
}

/** Options of a Payment Method on File (saved wallet) checkout. */
export interface PaymentMethodOnFileMetadata {
  /** Only save the payment method; do not charge during checkout. */
  setupOnly?: boolean;
}

/** Known constraint ids that block a Checkout Session from completing. */
export type CheckoutSessionConstraintId =
  | 'CheckoutResultReturnUrlNotSet'
  | 'ChargeAmountNotSet'
  | 'PaymentIntentNotSet'
  | 'BuyerNotAssociated'
  | 'RecurringFrequencyNotSet'
  | (string & {});

/** Something the merchant must still provide before the buyer can be redirected. */
export interface CheckoutSessionConstraint {
  constraintId: CheckoutSessionConstraintId;
  description?: string | null;
}

/** Body of Create Checkout Session (`POST v2/checkoutSessions`). */
export interface CreateCheckoutSessionRequest {
  webCheckoutDetails: WebCheckoutDetailsInput;
  /** Login with Amazon client id of the store (not the application id). */
  storeId: string;
  /** Buyer data to return; omit for the default set. */
  scopes?: Scope[];
  chargePermissionType?: ChargePermissionType;
  recurringMetadata?: RecurringMetadataInput;
  paymentDetails?: PaymentDetailsInput;
  merchantMetadata?: MerchantMetadata;
  /** Solution provider (SP) merchant id; only SPs set it. */
  platformId?: string;
  providerMetadata?: ProviderMetadata;
  /** Required when `webCheckoutDetails.checkoutMode` is `ProcessOrder`. */
  addressDetails?: AddressDetails;
  deliverySpecifications?: DeliverySpecifications;
  paymentMethodOnFileMetadata?: PaymentMethodOnFileMetadata;
  /** Existing Charge Permission to update (e.g. to change a saved payment method). */
  chargePermissionId?: string;
  /** Free-form data for Amazon Pay partners; sent as a string. */
  supplementaryData?: string;
}

/** Body of Update Checkout Session (`PATCH v2/checkoutSessions/{id}`). */
export interface UpdateCheckoutSessionRequest {
  webCheckoutDetails?: WebCheckoutDetailsInput;
  paymentDetails?: PaymentDetailsInput;
  merchantMetadata?: MerchantMetadata;
  /** Free-form data for Amazon Pay partners; sent as a string. */
  supplementaryData?: string;
  platformId?: string;
  providerMetadata?: ProviderMetadata;
  chargePermissionType?: ChargePermissionType;
  recurringMetadata?: RecurringMetadataInput;
  /** Per-address amounts for `PayAndShipMultiAddress`. */
  multiAddressesCheckoutMetadata?: MultiAddressesCheckoutMetadata[];
}

/** Body of Complete Checkout Session (`POST v2/checkoutSessions/{id}/complete`). */
export interface CompleteCheckoutSessionRequest {
  /** Must match the amount set on the session. */
  chargeAmount: PriceInput;
  totalOrderAmount?: PriceInput;
}

/** Body of Finalize Checkout Session (`POST v2/checkoutSessions/{id}/finalize`), used by JS-based "Buy Now" flows. */
export interface FinalizeCheckoutSessionRequest {
  paymentIntent: PaymentIntent;
  chargeAmount: PriceInput;
  totalOrderAmount?: PriceInput;
  canHandlePendingAuthorization?: boolean;
  /** Free-form data for Amazon Pay partners; sent as a string. */
  supplementaryData?: string;
  /** The shipping address the merchant received from the button callback. */
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
}

/** One entry of a Checkout Session's `tokens` (returned for PSP / acquirer integrations). */
export interface CheckoutSessionToken {
  /**
   * What the token is for, e.g. `AmazonPayToken`. Inferred: Amazon's pages that define it could not be read in full.
   */
  name?: string | null;
  value?: string | null;
}

/**
 * A Checkout Session as returned by Create/Get/Update/Complete/Finalize Checkout Session, members in the
 * order Amazon sends them: the official Node SDK's integration tests compare `Object.keys` of real
 * sandbox responses to this exact list (`tst/webStoreClientTest.js`). Unset members are `null`, never
 * absent. `shippingAddressList` / `multiAddressesCheckoutMetadata` come only with multi-address checkout
 * and `cartDetails` only from Finalize.
 */
export interface CheckoutSession {
  checkoutSessionId: string;
  /** `amazonPayRedirectUrl` is null until the buyer signed in and no constraint is left. */
  webCheckoutDetails?: WebCheckoutDetails | null;
  productType?: ProductType | null;
  paymentDetails?: PaymentDetails | null;
  /** Finalize Checkout Session only. Shape not documented in the material we could read. */
  cartDetails?: Record<string, unknown> | null;
  chargePermissionType?: ChargePermissionType | null;
  /** Order type of the session; null unless set. Values not documented in the material we could read. */
  orderType?: string | null;
  recurringMetadata?: RecurringMetadata | null;
  paymentMethodOnFileMetadata?: PaymentMethodOnFileMetadata | null;
  /** Merchant details (e.g. for platforms); null unless set. Shape not documented in the material we could read. */
  merchantDetails?: Record<string, unknown> | null;
  /** An object whose members are null when unset. */
  merchantMetadata?: MerchantMetadata | null;
  supplementaryData?: string | null;
  buyer?: BuyerInfo | null;
  billingAddress?: Address | null;
  paymentPreferences?: PaymentPreference[] | null;
  statusDetails: CheckoutSessionStatusDetails;
  shippingAddress?: Address | null;
  shippingAddressList?: Address[] | null;
  multiAddressesCheckoutMetadata?: MultiAddressesCheckoutMetadataResult[] | null;
  platformId?: string | null;
  chargePermissionId?: string | null;
  chargeId?: string | null;
  constraints?: CheckoutSessionConstraint[] | null;
  /** `yyyyMMddTHHmmssZ`. */
  creationTimestamp: AmazonPayTimestamp;
  /** `yyyyMMddTHHmmssZ`: 24 hours after creation. */
  expirationTimestamp?: AmazonPayTimestamp | null;
  storeId?: string | null;
  providerMetadata?: ProviderMetadata | null;
  releaseEnvironment?: ReleaseEnvironment | null;
  checkoutButtonText?: string | null;
  deliverySpecifications?: DeliverySpecifications | null;
  tokens?: CheckoutSessionToken[] | null;
}
