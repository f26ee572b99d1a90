/**
 * Reports, report documents and report schedules. A report is IN_PROGRESS for `delays.reportMs`, then
 * COMPLETED with a document: a small settlement-style CSV of the captures and refunds in its time range
 * (the columns are the sandbox's own, not Amazon's full flat-file layout). One schedule per report type;
 * schedules are stored and listed but do not create reports by themselves.
 */
import type { Environment } from '@amazon-pay-edge/core';
import { stamp, stampMs } from '../clock.js';
import { shape } from '../shapes.js';
import { find, list, load, ok, present, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import type { Timed } from '../lifecycle.js';
import { body, bool, pageSizeOf, pageToken, queryOf, str, time } from '../validate.js';
import type { ChargeRecord, RefundRecord } from './records.js';

export const REPORT_TYPES = [
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
];
const PROCESSING_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'];
const FREQUENCIES = [
  'PT5M',
  'PT15M',
  'PT30M',
  'PT1H',
  'PT2H',
  'PT4H',
  'PT8H',
  'PT12H',
  'PT24H',
  'PT84H',
  'P1D',
  'P2D',
  'P3D',
  'P7D',
  'P14D',
  'P15D',
  'P18D',
  'P30D',
];

interface ReportRecord extends Timed {
  reportId: string;
  reportType: string;
  startTime: string;
  endTime: string;
  createdTime: string;
  processingStatus: string;
  processingStartTime: string | null;
  processingEndTime: string | null;
  reportDocumentId: string | null;
  _document: string;
  _env: Environment;
  [key: string]: unknown;
}

interface ScheduleRecord {
  reportScheduleId: string;
  reportType: string;
  scheduleFrequency: string;
  nextReportCreationTime: string;
  _env: Environment;
  [key: string]: unknown;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The document's rows: captures and refunds whose last state change falls in [start, end). */
async function settlementCsv(ctx: Ctx, start: number, end: number): Promise<string> {
  const inRange = (ts: string) => stampMs(ts) >= start && stampMs(ts) < end;
  const rows: unknown[][] = [
    [
      'TransactionType',
      'TransactionId',
      'ChargePermissionId',
      'SellerReferenceId',
      'Amount',
      'CurrencyCode',
      'TransactionPostedDate',
    ],
  ];
  for (const c of await list<ChargeRecord>(
    ctx,
    'charge',
    'chargeId',
    (c) => c.statusDetails.state === 'Captured' && inRange(c.statusDetails.lastUpdatedTimestamp),
  )) {
    rows.push([
      'Capture',
      c.chargeId,
      c.chargePermissionId,
      c.merchantMetadata?.['merchantReferenceId'],
      c.captureAmount?.amount,
      c.captureAmount?.currencyCode,
      c.statusDetails.lastUpdatedTimestamp,
    ]);
  }
  for (const r of await list<RefundRecord>(
    ctx,
    'refund',
    'refundId',
    (r) => r.statusDetails.state === 'Refunded' && inRange(r.statusDetails.lastUpdatedTimestamp),
  )) {
    rows.push([
      'Refund',
      r.refundId,
      r.refundId.replace(/-R\d+$/, ''),
      '',
      `-${r.refundAmount.amount}`,
      r.refundAmount.currencyCode,
      r.statusDetails.lastUpdatedTimestamp,
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export async function createReport(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ reportType: string; startTime: number; endTime: number }>(
    {
      fields: { reportType: str({ oneOf: REPORT_TYPES }), startTime: time, endTime: time },
      required: ['reportType', 'startTime', 'endTime'],
    },
    ctx.body,
  );
  if (input.startTime >= input.endTime)
    throw new ApiError(
      'InvalidParameterValue',
      'The value provided for startTime is invalid: it must be before endTime.',
    );
  const now = ctx.now;
  const at = now + ctx.delays.reportMs;
  const report: ReportRecord = {
    reportId: ids.report(),
    reportType: input.reportType,
    startTime: stamp(input.startTime),
    endTime: stamp(input.endTime),
    createdTime: stamp(now),
    processingStatus: 'IN_PROGRESS',
    processingStartTime: stamp(now),
    processingEndTime: null,
    reportDocumentId: null,
    _document: await settlementCsv(ctx, input.startTime, input.endTime),
    _env: ctx.env,
    _timers: [
      {
        at,
        ifState: ['IN_PROGRESS'],
        patch: { processingStatus: 'COMPLETED', processingEndTime: stamp(at), reportDocumentId: ids.reportDocument() },
      },
    ],
  };
  await save(ctx, 'report', report.reportId, report);
  return ok({ reportId: report.reportId }, 201);
}

const splitList = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export async function getReports(ctx: Ctx): Promise<HandlerResult> {
  const query = queryOf(ctx.query, [
    'reportTypes',
    'processingStatuses',
    'createdSince',
    'createdUntil',
    'pageSize',
    'nextToken',
  ]);
  // With a nextToken, Amazon ignores the other filters: the token carries the first request's.
  const token = pageToken.decode(query['nextToken']);
  const { nextToken: _token, ...filters } = query;
  const q = token.filters ?? filters;
  const types = splitList(q['reportTypes']);
  const statuses = splitList(q['processingStatuses']);
  for (const t of types ?? [])
    if (!REPORT_TYPES.includes(t))
      throw new ApiError(
        'InvalidParameterValue',
        `The value provided for reportTypes is invalid: ${t} is not a report type.`,
      );
  for (const s of statuses ?? [])
    if (!PROCESSING_STATUSES.includes(s))
      throw new ApiError(
        'InvalidParameterValue',
        `The value provided for processingStatuses is invalid: use ${PROCESSING_STATUSES.join(', ')}.`,
      );
  const since = q['createdSince'] ? (time(q['createdSince'], 'createdSince') as number) : ctx.now - 90 * 86_400_000;
  const until = q['createdUntil'] ? (time(q['createdUntil'], 'createdUntil') as number) : Number.POSITIVE_INFINITY;
  const pageSize = pageSizeOf(q['pageSize'], 10, 100);
  const offset = token.offset;
  const all = (
    await list<ReportRecord>(ctx, 'report', 'reportId', (r) => {
      const created = stampMs(r.createdTime);
      return (
        (!types || types.includes(r.reportType)) &&
        (!statuses || statuses.includes(r.processingStatus)) &&
        created >= since &&
        created <= until
      );
    })
  ).sort((a, b) => stampMs(b.createdTime) - stampMs(a.createdTime));
  const page = all.slice(offset, offset + pageSize);
  const result: Record<string, unknown> = { reports: page.map((r) => shape('report', present(r as never))) };
  if (offset + pageSize < all.length) result['nextToken'] = pageToken.encode(offset + pageSize, q);
  return ok(result);
}

export async function getReportById(ctx: Ctx): Promise<HandlerResult> {
  return ok(shape('report', present(await load(ctx, 'report', ctx.params['reportId']!))));
}

async function reportByDocument(ctx: Pick<Ctx, 'store' | 'now' | 'env'>, documentId: string): Promise<ReportRecord> {
  const [report] = await list<ReportRecord>(ctx, 'report', 'reportId', (r) => r.reportDocumentId === documentId);
  if (!report) throw new ApiError('ResourceNotFound', `Report document ${documentId} was not found.`);
  return report;
}

export async function getReportDocument(ctx: Ctx): Promise<HandlerResult> {
  const id = ctx.params['reportDocumentId']!;
  await reportByDocument(ctx, id);
  return ok({
    reportDocumentId: id,
    url: `${ctx.origin}/sandbox-ui/report-documents/${encodeURIComponent(id)}`,
    compressionAlgorithm: 'N/A',
  });
}

/** The document text behind a report document's download URL (served by the sandbox UI, unsigned). */
export async function reportDocumentText(ctx: Pick<Ctx, 'store' | 'now' | 'env'>, documentId: string): Promise<string> {
  return (await reportByDocument(ctx, documentId))._document;
}

export async function createReportSchedule(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{
    reportType: string;
    scheduleFrequency: string;
    nextReportCreationTime?: number;
    deleteExistingSchedule?: boolean;
  }>(
    {
      fields: {
        reportType: str({ oneOf: REPORT_TYPES }),
        scheduleFrequency: str({ oneOf: FREQUENCIES }),
        nextReportCreationTime: time,
        deleteExistingSchedule: bool,
      },
      required: ['reportType', 'scheduleFrequency'],
    },
    ctx.body,
  );
  const existing = await list<ScheduleRecord & { _timers?: never }>(
    ctx,
    'reportSchedule',
    'reportScheduleId',
    (s) => s.reportType === input.reportType,
  );
  if (existing.length && !input.deleteExistingSchedule) {
    throw new ApiError(
      'InvalidRequest',
      `A schedule for ${input.reportType} exists already (${existing[0]!.reportScheduleId}); ` +
        `pass deleteExistingSchedule: true to replace it.`,
    );
  }
  for (const s of existing) await ctx.store.delete('reportSchedule', s.reportScheduleId);
  const schedule: ScheduleRecord = {
    reportScheduleId: ids.reportSchedule(),
    reportType: input.reportType,
    scheduleFrequency: input.scheduleFrequency,
    nextReportCreationTime: stamp(input.nextReportCreationTime ?? ctx.now),
    _env: ctx.env,
  };
  await save(ctx, 'reportSchedule', schedule.reportScheduleId, schedule);
  return ok({ reportScheduleId: schedule.reportScheduleId }, 201);
}

export async function getReportSchedules(ctx: Ctx): Promise<HandlerResult> {
  const types = splitList(queryOf(ctx.query, ['reportTypes'])['reportTypes']);
  const schedules = await list<ScheduleRecord & { _timers?: never }>(
    ctx,
    'reportSchedule',
    'reportScheduleId',
    (s) => !types || types.includes(s.reportType),
  );
  return ok({ reportSchedules: schedules.map((s) => shape('reportSchedule', present(s as never))) });
}

export async function getReportScheduleById(ctx: Ctx): Promise<HandlerResult> {
  return ok(shape('reportSchedule', present(await load(ctx, 'reportSchedule', ctx.params['reportScheduleId']!))));
}

export async function cancelReportSchedule(ctx: Ctx): Promise<HandlerResult> {
  const id = ctx.params['reportScheduleId']!;
  if (!(await find(ctx, 'reportSchedule', id)))
    throw new ApiError('ResourceNotFound', `Report Schedule ${id} was not found.`);
  await ctx.store.delete('reportSchedule', id);
  return ok({});
}
