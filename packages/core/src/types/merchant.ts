/**
 * Partner onboarding (Register/Update/Delete Amazon Pay Account, non-loginable accounts) and
 * Account Management (Create/Update/Claim Merchant Account, stores; loginable accounts, JP).
 */
import type { PriceInput } from './common.js';

/** Currency in which a merchant account settles. */
export type LedgerCurrency = 'GBP' | 'EUR' | 'JPY' | 'USD';

/** Legal form of the business. */
export type BusinessType = 'CORPORATE' | 'INDIVIDUAL';

/** A phone number split into parts (Account Management). */
export interface PhoneNumber {
  /** International dialling code without `+`, e.g. `"81"`. */
  countryCode: string;
  number: string;
  extension?: string;
}

/** Address of a business or a person in onboarding requests. */
export interface OnboardingAddress {
  addressLine1: string;
  addressLine2?: string;
  city?: string;
  stateOrRegion?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 country code. */
  countryCode: string;
  /** Account Management only. */
  phoneNumber?: PhoneNumber;
}

/** Customer support contact shown to buyers (Account Management). */
export interface CustomerSupportInformation {
  customerSupportEmail?: string;
  customerSupportPhoneNumber?: PhoneNumber;
}

/** The legal business behind a merchant account. */
export interface BusinessInfo {
  businessType: BusinessType;
  /** ISO 3166-1 alpha-2 country code. */
  countryOfEstablishment: string;
  businessLegalName: string;
  businessAddress: OnboardingAddress;
  /** Account Management: contact email of the business. */
  email?: string;
  /** Account Management: merchant category (e.g. `"Beauty"`). */
  businessCategory?: string;
  /** Account Management: name shown to buyers. */
  businessDisplayName?: string;
  /** Account Management: expected yearly sales. */
  annualSalesVolume?: PriceInput;
  customerSupportInformation?: CustomerSupportInformation;
}

/** Main contact person of the merchant. */
export interface PrimaryContactPerson {
  personFullName: string;
  residentialAddress?: OnboardingAddress;
  /** Date of birth, `YYYY-MM-DD` (format not confirmed). */
  dateOfBirth?: string;
}

/** A person who owns or controls the business (Account Management). */
export interface BeneficiaryOwner {
  /** Caller-chosen id for the person, e.g. `"BO1"`. */
  personId?: string;
  personFullName: string;
  residentialAddress?: OnboardingAddress;
  dateOfBirth?: string;
}

/** Body of Register Amazon Pay Account (`POST v2/merchantAccounts`, partner onboarding). */
export interface RegisterAmazonPayAccountRequest {
  /** The partner's unique id for this merchant. */
  uniqueReferenceId: string;
  ledgerCurrency: LedgerCurrency;
  businessInfo: BusinessInfo;
  primaryContactPerson?: PrimaryContactPerson;
}

/** Response of Register Amazon Pay Account (HTTP 201). */
export interface RegisterAmazonPayAccountResponse {
  uniqueReferenceId: string;
  merchantAccountId: string;
}

/**
 * Body of Update Amazon Pay Account (`PATCH v2/merchantAccounts/{id}`); fields that change the legal entity cannot be
 * updated.
 */
export interface UpdateAmazonPayAccountRequest {
  businessInfo?: Partial<BusinessInfo>;
  primaryContactPerson?: Partial<PrimaryContactPerson>;
}

/** Response of Update Amazon Pay Account: HTTP 204 with no body, so the SDK's `data` is normally `undefined`. */
export type UpdateAmazonPayAccountResponse = Record<string, unknown> | undefined;

/** Response of Delete Amazon Pay Account: HTTP 202; no body is documented. */
export type DeleteAmazonPayAccountResponse = Record<string, unknown> | undefined;

/** Where Amazon sends Instant Payment Notifications for the merchant. */
export interface IntegrationInfo {
  ipnEndpointUrls?: string[];
}

/** A status as reported by the partner (store or merchant status). */
export interface AccountStatus {
  /** E.g. `"ACTIVE"`; casing seen in examples varies. */
  state: string;
  reasonCode?: string | null;
}

/** A store to create together with a merchant account. */
export interface MerchantAccountStore {
  domainUrls?: string[];
  storeName: string;
  privacyPolicyUrl?: string;
  storeStatus?: AccountStatus;
}

/** Merchant status as seen by the partner. */
export interface MerchantStatus extends AccountStatus {
  /** Who reports the status (e.g. the partner's PSP name). */
  statusProvider?: string;
}

/** Body of Create Merchant Account (`POST v2/merchantAccounts`, Account Management). */
export interface CreateMerchantAccountRequest {
  /** The partner's unique id for this merchant. */
  uniqueReferenceId: string;
  ledgerCurrency: LedgerCurrency;
  businessInfo: BusinessInfo;
  beneficiaryOwners?: BeneficiaryOwner[];
  primaryContactPerson?: PrimaryContactPerson;
  integrationInfo?: IntegrationInfo;
  stores?: MerchantAccountStore[];
  merchantStatus?: MerchantStatus;
}

/** Response of Create/Update Merchant Account. */
export interface MerchantAccount {
  uniqueReferenceId: string;
  merchantAccountId: string;
  /** Token for later calls on this merchant's behalf (`x-amz-pay-authtoken`); returned on create. */
  authorizationToken?: string | null;
}

/** Body of Update Merchant Account (`PATCH v2/merchantAccounts/{id}`, needs `x-amz-pay-authtoken`). */
export interface UpdateMerchantAccountRequest {
  businessInfo?: Partial<BusinessInfo>;
  beneficiaryOwners?: BeneficiaryOwner[];
  primaryContactPerson?: Partial<PrimaryContactPerson>;
  integrationInfo?: IntegrationInfo;
  stores?: MerchantAccountStore[];
  merchantStatus?: MerchantStatus;
}

/** Body of Merchant Account Claim (`POST v2/merchantAccounts/{id}/claim`). */
export interface MerchantAccountClaimRequest {
  uniqueReferenceId: string;
}

/** Response of Merchant Account Claim; on HTTP 303 the claim page URL is in the `Location` header. */
export interface MerchantAccountClaimResponse {
  merchantAccountId?: string | null;
  uniqueReferenceId?: string | null;
}

/**
 * Body of Create Store (`POST v2/merchantAccounts/{id}/stores`, allow-listed partners, needs `x-amz-pay-authtoken`).
 */
export interface CreateStoreRequest {
  storeName: string;
  privacyPolicyUrl?: string;
  merchantLogoUrl?: string;
  /** Origins allowed to render the Amazon Pay button. */
  allowedOriginDomains?: string[];
  /** Return URLs allowed after checkout. */
  allowedRedirectURLs?: string[];
}

/** Body of Update Store (`PATCH v2/merchantAccounts/{id}/stores/{storeId}`). */
export interface UpdateStoreRequest {
  storeName?: string;
  privacyPolicyUrl?: string;
  merchantLogoUrl?: string;
  allowedOriginDomains?: string[];
  allowedRedirectURLs?: string[];
}

/** A store as returned by Create/Update Store. */
export interface Store {
  /** Store id (Login with Amazon client id) to use as `storeId` at checkout. */
  storeId: string;
  storeName?: string | null;
  privacyPolicyUrl?: string | null;
  merchantLogoUrl?: string | null;
  allowedOriginDomains?: string[] | null;
  allowedRedirectURLs?: string[] | null;
}
