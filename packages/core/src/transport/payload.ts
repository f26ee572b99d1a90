/**
 * An operation's payload, as an object or as a JSON string. The official Node, PHP and Ruby SDKs take
 * either, so code migrated from them keeps working: a string is sent byte for byte as given (and hashed
 * as sent), after it has been parsed to check that it is one JSON object and that its amounts are valid.
 */
import { AmazonPayInvalidArgumentError } from '../errors.js';
import type { GetDisbursementsQuery, GetReportSchedulesQuery, GetReportsQuery } from '../types/index.js';
import { serialisePayload } from './body.js';

/**
 * The body of an operation that takes a payload: objects are serialised (amounts normalised); a JSON
 * string is checked on its parsed form and returned unchanged. Anything else is a typed error.
 */
export function operationBody(payload: unknown): string {
  if (typeof payload === 'string') return checkJsonPayload(payload);
  if (payload === null || typeof payload !== 'object') {
    throw new AmazonPayInvalidArgumentError(
      'payload',
      `This operation needs a payload object or JSON string, not ${String(payload)}.`,
    );
  }
  return serialisePayload(payload);
}

/**
 * A JSON string payload, unchanged, once it is known to be one JSON object whose amounts pass the same
 * checks as an object's. Amounts are not rewritten (a string is sent as given), so a zero-decimal
 * currency's `"99.00"` goes out as written; a fraction Amazon cannot take is refused as for objects.
 */
export function checkJsonPayload(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    parsed = cause;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Error) {
    throw new AmazonPayInvalidArgumentError(
      'payload',
      `The payload string is not a JSON object ` +
        `(${parsed instanceof Error ? parsed.message : JSON.stringify(parsed)}). ` +
        'Pass an object, or a string made by JSON.stringify of one.',
    );
  }
  serialisePayload(parsed); // the object payloads' amount checks (they throw); the re-serialised form is not sent
  return json;
}

/** The query objects of the GET operations: these positions never take a JSON string. */
type QueryObject = GetReportsQuery | GetReportSchedulesQuery | GetDisbursementsQuery;

/**
 * An operation's argument tuple with every payload position widened to `payload | string` (a JSON
 * string). Ids stay strings, query objects stay objects.
 */
export type WithJsonPayload<Args extends unknown[]> = { [I in keyof Args]: JsonPayloadArg<Args[I]> };

/** One argument: a payload object type gains `| string`; anything else is kept (distributes over unions). */
export type JsonPayloadArg<A> = A extends readonly unknown[]
  ? A
  : A extends object
    ? A extends QueryObject
      ? A
      : A | string
    : A;
