// parseAmazonPayTimestamp / formatAmazonPayTimestamp: Amazon's yyyyMMddTHHmmssZ, nothing else.
import { describe, expect, it } from 'vitest';
import { AmazonPayTimestampError, formatAmazonPayTimestamp, parseAmazonPayTimestamp } from '../src/index.js';

describe('Amazon Pay timestamps', () => {
  it('parses Amazon’s format (the sample responses’ 20190714T155300Z) to the UTC instant', () => {
    expect(parseAmazonPayTimestamp('20190714T155300Z').toISOString()).toBe('2019-07-14T15:53:00.000Z');
    expect(parseAmazonPayTimestamp('20240229T235959Z').toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });

  it.each([
    '2019-07-14T15:53:00.000Z', // extended ISO: what new Date() reads, not what Amazon sends
    '20190714T155300', // no zone
    '20190714 155300Z',
    '20191314T155300Z', // month 13
    '20230229T000000Z', // not a leap year
    '20190714T245300Z',
    '20190714T156000Z',
    '',
  ])('throws a typed error for %j', (value) => {
    const e = (() => {
      try {
        parseAmazonPayTimestamp(value);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(AmazonPayTimestampError);
    expect(e).toMatchObject({
      code: 'ERR_AMAZON_PAY_INVALID_ARGUMENT',
      name: 'AmazonPayTimestampError',
      argument: 'timestamp',
      value,
    });
  });

  it('refuses non-strings with the same typed error', () => {
    expect(() => parseAmazonPayTimestamp(1563119580000 as unknown as string)).toThrow(AmazonPayTimestampError);
  });

  it('formats an instant the way Amazon sends it, and round-trips', () => {
    const at = Date.UTC(2026, 10, 30, 17, 57, 44, 680);
    expect(formatAmazonPayTimestamp(at)).toBe('20261130T175744Z');
    expect(parseAmazonPayTimestamp(formatAmazonPayTimestamp(new Date(at))).getTime()).toBe(
      Date.UTC(2026, 10, 30, 17, 57, 44),
    );
    expect(() => formatAmazonPayTimestamp(Number.NaN)).toThrow(AmazonPayTimestampError);
  });
});
