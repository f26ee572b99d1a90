/** Disputes (chargebacks and A-to-z claims) and evidence file upload, for PSPs and partners. */
import type { Price, PriceInput, ReleaseEnvironment } from './common.js';

/** Lifecycle state of a dispute. */
export type DisputeState = 'ActionRequired' | 'UnderReview' | 'Resolved' | 'Closed';

/** Outcome of a resolved dispute. */
export type DisputeResolution = 'BuyerWon' | 'MerchantWon' | 'NoFault';

/** Why the buyer filed the dispute. */
export type DisputeFilingReason =
  | 'ProductNotReceived'
  | 'ProductUnacceptable'
  | 'ProductNoLongerNeeded'
  | 'CreditNotProcessed'
  | 'Overcharged'
  | 'DuplicateCharge'
  | 'SubscriptionCancelled'
  | 'Unrecognized'
  | 'Fraudulent'
  | 'Other';

/** Reason code in a dispute's `statusDetails`. */
export type DisputeReasonCode =
  | 'MerchantResponseRequired'
  | 'MerchantAdditionalEvidencesRequired'
  | 'BuyerAdditionalEvidencesRequired'
  | 'MerchantAcceptedDispute'
  | 'MerchantResponseDeadlineExpired'
  | 'BuyerCancelled'
  | 'InvestigatorResolved'
  | 'AutoResolved'
  | 'ChargebackFiled';

/** Kind of dispute: an Amazon Pay A-to-z claim or a bank chargeback (values not confirmed in the reference). */
export type DisputeType = 'Claim' | 'Chargeback' | (string & {});

/** Kind of evidence a merchant submits. */
export type EvidenceType =
  | 'ProductDescription'
  | 'Receipt'
  | 'CancellationPolicy'
  | 'CustomerSignature'
  | 'TrackingNumber'
  | 'CarrierName'
  | 'DeviceId'
  | 'DeviceName'
  | 'DownloadDateTime'
  | 'Other';

/** File types accepted as evidence. */
export type EvidenceFileType = 'csv' | 'pdf' | 'xls' | 'xlsx' | 'doc' | 'docx' | 'ods' | 'jpg' | 'png';

/** A time stamp in dispute bodies: ISO 8601 string, or epoch milliseconds as the official Node SDK examples send. */
export type DisputeTimestamp = string | number;

/** `statusDetails` of a dispute. */
export interface DisputeStatusDetails {
  state: DisputeState;
  resolution?: DisputeResolution | null;
  reasonCode?: DisputeReasonCode | null;
  reasonDescription?: string | null;
  lastUpdatedTimestamp?: string | null;
}

/** One piece of evidence: an uploaded file, a text, or both. */
export interface MerchantEvidence {
  evidenceType: EvidenceType;
  /** Id returned by Upload File. */
  fileId?: string;
  evidenceText?: string;
}

/** PSP-side reference of a dispute. */
export interface DisputeProviderMetadata {
  /** The PSP's own dispute id. */
  providerDisputeId?: string | null;
}

/** Body of Create Dispute (`POST v2/disputes`): a PSP tells Amazon about a new chargeback. */
export interface CreateDisputeRequest {
  chargeId: string;
  providerMetadata: { providerDisputeId: string };
  disputeAmount: PriceInput;
  filingReason: DisputeFilingReason;
  filingTimestamp: DisputeTimestamp;
  statusDetails: { state: DisputeState };
  /** Last moment the merchant can respond. */
  merchantResponseDeadline?: DisputeTimestamp;
}

/** Body of Update Dispute (`PATCH v2/disputes/{id}`): a PSP reports the outcome. */
export interface UpdateDisputeRequest {
  statusDetails: {
    state: DisputeState;
    resolution?: DisputeResolution;
    reasonCode?: DisputeReasonCode;
    reasonDescription?: string;
  };
  closureTimestamp?: DisputeTimestamp;
}

/** Body of Contest Dispute (`POST v2/disputes/{id}/contest`). */
export interface ContestDisputeRequest {
  merchantEvidences: MerchantEvidence[];
}

/** A dispute as returned by Create/Get/Update/Contest Dispute. */
export interface Dispute {
  disputeId: string;
  chargeId: string;
  disputeType?: DisputeType | null;
  disputeAmount: Price;
  filingReason?: DisputeFilingReason | null;
  filingTimestamp?: string | null;
  /** Who decides the dispute (e.g. Amazon or the card issuer). */
  resolutionAuthority?: string | null;
  statusDetails: DisputeStatusDetails;
  merchantResponseDeadline?: string | null;
  closureTimestamp?: string | null;
  merchantEvidences?: MerchantEvidence[] | null;
  providerMetadata?: DisputeProviderMetadata | null;
  releaseEnvironment?: ReleaseEnvironment | null;
}

/** Body of Upload File (`POST v2/files`); the file content itself goes to the returned `url`. */
export interface UploadFileRequest {
  /** File extension, e.g. `jpg`. */
  type: EvidenceFileType | (string & {});
  purpose: 'disputeEvidence';
}

/** Response of Upload File. */
export interface UploadFileResponse {
  /** File id to use as `fileId` in Contest Dispute (the official Node SDK test reads `id`). */
  id?: string;
  /** Same id under the name used in evidence objects; not seen in the official SDK tests. */
  fileId?: string;
  type?: string | null;
  purpose?: string | null;
  /** Pre-signed URL to upload the file content to. */
  url?: string | null;
  /** Maximum size accepted, in bytes (meaning not confirmed). */
  size?: number | null;
  uploadTimestamp?: string | null;
  urlExpirationTimestamp?: string | null;
}
