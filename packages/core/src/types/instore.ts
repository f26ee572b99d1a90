/** In-Store API (scan the buyer's code at the point of sale, then charge or refund). */
import type { CurrencyCode, PriceInput } from './common.js';

/** Where the physical store is. */
export interface StoreLocation {
  /** ISO 3166-1 alpha-2 country code. */
  countryCode: string;
  state?: string;
}

/** Order context shared with the buyer in Amazon's communication. */
export interface InStoreCommunicationContext {
  merchantStoreName?: string;
  merchantOrderId?: string;
}

/** Optional notes attached to an in-store request. */
export interface InStoreMetadata {
  merchantNote?: string;
  customInformation?: string;
  communicationContext?: InStoreCommunicationContext;
}

/** Status of an in-store charge or refund. */
export interface InStoreTransactionStatus {
  state: string;
  reasonCode?: string | null;
  reasonDescription?: string | null;
}

/** Body of Merchant Scan (`POST v2/in-store/merchantScan`). */
export interface MerchantScanRequest {
  /** Data read from the buyer's code by the store associate. */
  scanData: string;
  /** Merchant-chosen id, unique per request. */
  scanReferenceId: string;
  /** Merchant settlement currency. */
  ledgerCurrency: CurrencyCode;
  /** Merchant country of establishment (ISO 3166-1 alpha-2). */
  merchantCOE: string;
  storeLocation?: StoreLocation;
  metadata?: InStoreMetadata;
}

/** Response of Merchant Scan. */
export interface MerchantScanResponse {
  /** Charge Permission to use for the in-store charge. */
  chargePermissionId: string;
}

/** Body of In-Store Charge (`POST v2/in-store/charge`). */
export interface InStoreChargeRequest {
  chargePermissionId: string;
  /** Merchant-chosen id, unique per charge. */
  chargeReferenceId: string;
  chargeTotal: PriceInput;
  /** Statement text (max 16 characters). */
  softDescriptor?: string;
  metadata?: InStoreMetadata;
}

/** Response of In-Store Charge. */
export interface InStoreChargeResponse {
  chargeId: string;
  chargeStatus?: InStoreTransactionStatus | null;
}

/** Body of In-Store Refund (`POST v2/in-store/refund`). */
export interface InStoreRefundRequest {
  chargeId: string;
  /** Merchant-chosen id, unique per refund. */
  refundReferenceId: string;
  refundTotal: PriceInput;
  /** Statement text (max 16 characters). */
  softDescriptor?: string;
  metadata?: InStoreMetadata;
}

/** Response of In-Store Refund. */
export interface InStoreRefundResponse {
  refundId: string;
  refundStatus?: InStoreTransactionStatus | null;
}
