/** Disbursements API: money paid out to the merchant's bank account. */
import type { CurrencyCode } from './common.js';

/** Query of Get Disbursements (`GET v2/disbursements`), filtering on settlement date. */
export interface GetDisbursementsQuery {
  /** Start of the range, UTC (e.g. `20240715T000000Z`). */
  startTime: string;
  /** End of the range, UTC. */
  endTime: string;
  pageSize?: number;
  /** From a previous page. */
  nextToken?: string;
}

/** One disbursement to the merchant's bank account. */
export interface Disbursement {
  sellerId: string;
  /** Settlement this disbursement pays out. */
  settlementId: string;
  /** Reference printed on the bank statement; links it to Amazon Pay reports. */
  amazonDisbursementReferenceId: string;
  /** Decimal string. */
  amount: string;
  currencyCode: CurrencyCode;
  /** ISO 8601 UTC time of the settlement. */
  transactionTime: string;
}

/** Response of Get Disbursements. */
export interface DisbursementList {
  disbursements: Disbursement[];
  /** Present when more results exist. */
  nextToken?: string;
}
