/**
 * Async iteration over the list operations that page with `nextToken`: each next page repeats the
 * caller's query plus the token (Amazon ignores the other filters when a token is present), one page at
 * a time, only as fast as the caller consumes. `break` stops without fetching more; the call options'
 * `signal` aborts the page in flight and is checked before each next page.
 */
import type { CallOptions } from './clients.js';
import type { AmazonPayResponse } from './transport/response.js';
import type * as T from './types/index.js';

/** Which field of each list operation's answer holds the items. */
export const PAGED_LISTS = {
  getReports: 'reports',
  getReportSchedules: 'reportSchedules',
  getDisbursements: 'disbursements',
} as const;

type PageOf<Item, Field extends string> = { [K in Field]?: Item[] } & { nextToken?: string | undefined };
type FetchPage<Q, P> = (query: Q, options: CallOptions | undefined) => Promise<AmazonPayResponse<P>>;

/** Yields every item of every page, following `nextToken` until a page has none. */
export async function* paginate<Item, Q extends object | undefined, Field extends string>(
  fetchPage: FetchPage<Q, PageOf<Item, Field>>,
  field: Field,
  query: Q,
  options: CallOptions | undefined,
): AsyncGenerator<Item, void, undefined> {
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    options?.signal?.throwIfAborted();
    const pageQuery = (nextToken === undefined ? query : { ...query, nextToken }) as Q;
    const page = await fetchPage(pageQuery, options);
    yield* page.data?.[field] ?? [];
    nextToken = page.data?.nextToken || undefined;
    // A server that hands back a token it gave before would loop forever: stop instead.
    if (nextToken !== undefined && seen.has(nextToken)) return;
    if (nextToken !== undefined) seen.add(nextToken);
  } while (nextToken !== undefined);
}

/** `client.paginate.*`: one async iterator per list operation. */
export interface Paginators {
  /** Every report matching the query, newest first, across pages (`pageSize` sets the page length). */
  getReports(query?: T.GetReportsQuery, options?: CallOptions): AsyncGenerator<T.Report, void, undefined>;
  /** Every report schedule (Amazon answers in one page today; a `nextToken` would be followed). */
  getReportSchedules(
    query?: T.GetReportSchedulesQuery,
    options?: CallOptions,
  ): AsyncGenerator<T.ReportSchedule, void, undefined>;
  /** Every disbursement in the range, across pages. */
  getDisbursements(
    query: T.GetDisbursementsQuery,
    options?: CallOptions,
  ): AsyncGenerator<T.Disbursement, void, undefined>;
}

/** Builds the paginators over a client's list methods. */
export function paginators(client: {
  getReports(query?: T.GetReportsQuery, options?: CallOptions): Promise<AmazonPayResponse<T.ReportList>>;
  getReportSchedules(
    query?: T.GetReportSchedulesQuery,
    options?: CallOptions,
  ): Promise<AmazonPayResponse<T.ReportScheduleList>>;
  getDisbursements(
    query: T.GetDisbursementsQuery,
    options?: CallOptions,
  ): Promise<AmazonPayResponse<T.DisbursementList>>;
}): Paginators {
  return {
    getReports: (query, options) =>
      paginate((q, o) => client.getReports(q ?? {}, o), PAGED_LISTS.getReports, query, options),
    getReportSchedules: (query, options) =>
      paginate((q, o) => client.getReportSchedules(q ?? {}, o), PAGED_LISTS.getReportSchedules, query, options),
    getDisbursements: (query, options) =>
      paginate((q, o) => client.getDisbursements(q, o), PAGED_LISTS.getDisbursements, query, options),
  };
}
