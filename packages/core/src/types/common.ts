/**
 * Shared building blocks of the Amazon Pay API v2 (money, addresses, metadata, status details).
 * Types only: this module emits no runtime code.
 */

/** ISO 4217 currency codes that Amazon Pay accepts for payments and presentment. */
export type CurrencyCode =
  'AUD' | 'GBP' | 'DKK' | 'EUR' | 'HKD' | 'JPY' | 'NZD' | 'NOK' | 'ZAR' | 'SEK' | 'CHF' | 'USD';

/** An amount as a caller may give it; the SDK always sends a decimal string (e.g. `"10.50"`). */
export type AmountInput = string | number;

/** A monetary amount as Amazon returns it. */
export interface Price {
  /** Decimal string, e.g. `"14.00"`. */
  amount: string;
  currencyCode: CurrencyCode;
}

/** A monetary amount in a request body; `amount` may be a number or a decimal string. */
export interface PriceInput {
  amount: AmountInput;
  currencyCode: CurrencyCode;
}

/** A postal address (buyer shipping/billing address, or one entry of `shippingAddressList`). */
export interface Address {
  /**
   * Only on `shippingAddressList` entries (multi-address checkout): the id to use in `multiAddressesCheckoutMetadata`.
   */
  addressId?: string | null;
  name?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  addressLine3?: string | null;
  city?: string | null;
  county?: string | null;
  district?: string | null;
  stateOrRegion?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2 country code. */
  countryCode?: string | null;
  phoneNumber?: string | null;
}

/** How the payment is processed at checkout: confirm only, authorize, or authorize and capture at once. */
export type PaymentIntent = 'Confirm' | 'Authorize' | 'AuthorizeWithCapture';

/** Kind of buyer consent obtained: a single order, a subscription, or a saved wallet (payment method on file). */
export type ChargePermissionType = 'OneTime' | 'Recurring' | 'PaymentMethodOnFile';

/** Buyer data a merchant may request through `scopes` (checkout or Sign-In). */
export type Scope =
  'name' | 'email' | 'postalCode' | 'shippingAddress' | 'phoneNumber' | 'primeStatus' | 'billingAddress';

/** Merchant-supplied order information. */
export interface MerchantMetadata {
  /** The merchant's own order id. */
  merchantReferenceId?: string | null;
  merchantStoreName?: string | null;
  /** Order description that Amazon shows to the buyer in its communication. */
  noteToBuyer?: string | null;
  /** Free text for the merchant only; never shown to the buyer. */
  customInformation?: string | null;
}

/** Order information supplied by a payment service provider (PSP). */
export interface ProviderMetadata {
  /** The PSP's own reference for the transaction. */
  providerReferenceId?: string | null;
}

/**
 * A timestamp as Amazon Pay returns it: ISO 8601 *basic* format `yyyyMMddTHHmmssZ` in UTC, e.g.
 * `20190714T155300Z` (Amazon's sample responses; the .NET SDK parses exactly this format). `new Date(ts)`
 * gives Invalid Date for it: read it with `parseAmazonPayTimestamp(ts)`.
 */
export type AmazonPayTimestamp = string;

/**
 * The `statusDetails` of a Checkout Session, Charge or Refund: one `reasonCode` (Charge Permissions
 * differ: see `ChargePermissionStatusDetails`). Amazon sends every member, `null` when unset.
 */
export interface StatusDetails<State extends string = string, Reason extends string = string> {
  state: State;
  /** Why the object is in `state`; null for states that need no explanation. */
  reasonCode?: Reason | null;
  reasonDescription?: string | null;
  /** Time of the last state change (`yyyyMMddTHHmmssZ`). */
  lastUpdatedTimestamp: AmazonPayTimestamp;
}

/** `paymentMethodOnFileMetadata` as returned on a Saved Wallet Charge Permission or Checkout Session. */
export interface PaymentMethodOnFileMetadataResult {
  /** The buyer saved the wallet without paying now. */
  setupOnly?: boolean | null;
}

/** Billing period unit of a recurring Charge Permission. */
export type RecurringFrequencyUnit = 'Year' | 'Month' | 'Week' | 'Day' | 'Variable';

/** How often a recurring Charge Permission is charged (e.g. every 1 `Month`). */
export interface RecurringFrequency {
  unit: RecurringFrequencyUnit;
  /** Number of units between charges; Amazon returns it as a string. */
  value: string | number;
}

/** Recurring metadata as returned by Amazon (used for expiry and buyer communication only). */
export interface RecurringMetadata {
  frequency?: RecurringFrequency | null;
  /** Expected amount per billing period, if fixed. */
  amount?: Price | null;
}

/** Recurring metadata in a request body. */
export interface RecurringMetadataInput {
  frequency?: RecurringFrequency;
  /** Expected amount per billing period, if fixed. */
  amount?: PriceInput;
}

/** One payment instrument chosen by the buyer, described for display. */
export interface PaymentPreference {
  /** Amazon-provided description of the instrument (e.g. card brand and last digits). */
  paymentDescriptor?: string | null;
}

/** Prime membership types a buyer can hold (only returned for allow-listed merchants). */
export type PrimeMembershipType = 'PRIME_GENERAL' | 'PRIME_STUDENT' | 'PRIME_GENERAL_US' | (string & {});

/** The buyer as embedded in a Checkout Session or Charge Permission. */
export interface BuyerInfo {
  /** Unique Amazon Pay buyer id. */
  buyerId?: string | null;
  name?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  /** Null when the merchant is not allow-listed; an empty list when the buyer has no membership. */
  primeMembershipTypes?: PrimeMembershipType[] | null;
}

/** Who initiated a charge: customer (CIT) or merchant (MIT), unscheduled (U) or recurring (R). */
export type ChargeInitiator = 'CITU' | 'MITU' | 'CITR' | 'MITR';

/** Channel through which a charge was initiated. */
export type Channel = 'Web' | 'Phone' | 'App' | 'Alexa' | 'PointOfSale' | 'FireTv' | 'Offline' | 'Amazon';

/** Environment in which an object was created, as echoed in `releaseEnvironment`. */
export type ReleaseEnvironment = 'Sandbox' | 'Live';
