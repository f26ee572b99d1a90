/** Reports API: report requests, schedules and documents. */
import type { AmazonPayTimestamp } from './common.js';

/** Report types available through the Reports API. */
export type ReportType =
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_'
  | '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_';

/** Processing state of a report request. */
export type ProcessingStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** ISO 8601 durations allowed between scheduled report creations. */
export type ScheduleFrequency =
  | 'PT5M'
  | 'PT15M'
  | 'PT30M'
  | 'PT1H'
  | 'PT2H'
  | 'PT4H'
  | 'PT8H'
  | 'PT12H'
  | 'PT24H'
  | 'PT84H'
  | 'P1D'
  | 'P2D'
  | 'P3D'
  | 'P7D'
  | 'P14D'
  | 'P15D'
  | 'P18D'
  | 'P30D';

/** Query of Get Reports (`GET v2/reports`); lists are sent comma-joined. */
export interface GetReportsQuery {
  reportTypes?: ReportType | ReportType[];
  processingStatuses?: ProcessingStatus | ProcessingStatus[];
  /** UTC date-time; Amazon keeps reports for 90 days and defaults to 90 days ago. */
  createdSince?: string;
  /** UTC date-time; defaults to now. */
  createdUntil?: string;
  /** 1 to 100 (default 10). */
  pageSize?: number;
  /** From a previous page; when set, Amazon ignores the other filters. */
  nextToken?: string;
}

/**
 * Metadata of one report. Amazon sends the members alphabetically (the official Node SDK's integration
 * tests compare that key list); times are `yyyyMMddTHHmmssZ`.
 */
export interface Report {
  reportId: string;
  reportType: ReportType;
  /** Start of the period the report covers (`yyyyMMddTHHmmssZ`). */
  startTime: AmazonPayTimestamp;
  /** End of the period the report covers (`yyyyMMddTHHmmssZ`). */
  endTime: AmazonPayTimestamp;
  /** When the request to create the report was received (`yyyyMMddTHHmmssZ`). */
  createdTime: AmazonPayTimestamp;
  processingStatus: ProcessingStatus;
  processingStartTime?: AmazonPayTimestamp | null;
  processingEndTime?: AmazonPayTimestamp | null;
  /** Set once the report is COMPLETED; pass it to Get Report Document. */
  reportDocumentId?: string | null;
}

/** Response of Get Reports. */
export interface ReportList {
  reports: Report[];
  /** Present when more results exist than `pageSize`. */
  nextToken?: string;
}

/** Response of Get Report Document (`GET v2/report-documents/{id}`). */
export interface ReportDocument {
  reportDocumentId: string;
  /** Pre-signed download URL, valid for about 30 seconds. */
  url: string;
  /** Currently always `"N/A"`. */
  compressionAlgorithm?: string | null;
}

/** Query of Get Report Schedules (`GET v2/report-schedules`). */
export interface GetReportSchedulesQuery {
  reportTypes?: ReportType | ReportType[];
}

/** A recurring report schedule. */
export interface ReportSchedule {
  reportScheduleId: string;
  reportType: ReportType;
  scheduleFrequency: ScheduleFrequency;
  /** When the next report will be created (`yyyyMMddTHHmmssZ`). */
  nextReportCreationTime: AmazonPayTimestamp;
}

/** Response of Get Report Schedules. */
export interface ReportScheduleList {
  reportSchedules: ReportSchedule[];
}

/** Body of Create Report (`POST v2/reports`). */
export interface CreateReportRequest {
  reportType: ReportType;
  /** Start of the period to cover (UTC date-time). */
  startTime: string;
  /** End of the period to cover (UTC date-time). */
  endTime: string;
}

/** Response of Create Report. */
export interface CreateReportResponse {
  reportId: string;
}

/** Body of Create Report Schedule (`POST v2/report-schedules`); one schedule per report type. */
export interface CreateReportScheduleRequest {
  reportType: ReportType;
  scheduleFrequency: ScheduleFrequency;
  /** When to create the first report (UTC date-time); defaults to now. */
  nextReportCreationTime?: string;
  /** Replace an existing schedule for this report type instead of failing. */
  deleteExistingSchedule?: boolean;
}

/** Response of Create Report Schedule. */
export interface CreateReportScheduleResponse {
  reportScheduleId: string;
}
