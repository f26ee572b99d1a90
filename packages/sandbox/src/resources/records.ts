/** The stored shapes of the payment objects (API fields plus `_`-prefixed sandbox internals). */
import type { Stored } from '../context.js';
import type { Price } from '../money.js';

export interface StatusDetails {
  state: string;
  reasonCode: string | null;
  reasonDescription: string | null;
  lastUpdatedTimestamp: string;
}

export interface CheckoutSessionRecord extends Stored {
  checkoutSessionId: string;
  webCheckoutDetails: Record<string, unknown>;
  productType: string;
  paymentDetails: Record<string, unknown>;
  chargePermissionType: string;
  recurringMetadata: Record<string, unknown> | null;
  paymentMethodOnFileMetadata: Record<string, unknown> | null;
  merchantMetadata: Record<string, unknown> | null;
  supplementaryData: string | null;
  buyer: Record<string, unknown> | null;
  billingAddress: Record<string, unknown> | null;
  shippingAddress: Record<string, unknown> | null;
  paymentPreferences: Record<string, unknown>[] | null;
  statusDetails: StatusDetails;
  platformId: string | null;
  chargePermissionId: string | null;
  chargeId: string | null;
  creationTimestamp: string;
  expirationTimestamp: string;
  storeId: string;
  deliverySpecifications: Record<string, unknown> | null;
  providerMetadata: Record<string, unknown> | null;
  releaseEnvironment: string;
  _scopes: string[] | null;
  _addressDetails: Record<string, unknown> | null;
  /** The buyer came back from amazonPayRedirectUrl after every constraint was met. */
  _paymentConfirmed: boolean;
  _existingChargePermissionId: string | null;
}

export interface ChargePermissionRecord extends Stored {
  chargePermissionId: string;
  chargePermissionReferenceId: string | null;
  buyer: Record<string, unknown> | null;
  releaseEnvironment: string;
  shippingAddress: Record<string, unknown> | null;
  billingAddress: Record<string, unknown> | null;
  paymentPreferences: Record<string, unknown>[] | null;
  statusDetails: StatusDetails;
  creationTimestamp: string;
  expirationTimestamp: string | null;
  merchantMetadata: Record<string, unknown> | null;
  platformId: string | null;
  presentmentCurrency: string;
  chargePermissionType: string;
  recurringMetadata: Record<string, unknown> | null;
  /** OneTime permissions: the most that all charges together may take. */
  _amountLimit: Price | null;
}

export interface ChargeRecord extends Stored {
  chargeId: string;
  chargePermissionId: string;
  chargeAmount: Price;
  captureAmount: Price | null;
  convertedAmount: Price | null;
  conversionRate: number | null;
  channel: string | null;
  chargeInitiator: string | null;
  softDescriptor: string | null;
  captureNow: boolean;
  canHandlePendingAuthorization: boolean;
  merchantMetadata: Record<string, unknown> | null;
  providerMetadata: Record<string, unknown> | null;
  platformId: string | null;
  statusDetails: StatusDetails;
  creationTimestamp: string;
  expirationTimestamp: string | null;
  releaseEnvironment: string;
  webCheckoutDetails: Record<string, unknown> | null;
  /** In-Store charges: the merchant's chargeReferenceId. */
  _referenceId?: string;
}

export interface RefundRecord extends Stored {
  refundId: string;
  chargeId: string;
  refundAmount: Price;
  softDescriptor: string | null;
  creationTimestamp: string;
  statusDetails: StatusDetails;
  releaseEnvironment: string;
  _referenceId?: string;
}
