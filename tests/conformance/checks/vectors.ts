/** The published canonical-request and string-to-sign vectors, reproduced by the built package. */
import {
  buttonStringToSign,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  sha256Hex,
  stringToSign,
} from '@amazon-pay-edge/core';
import { equal } from '../assert.js';
import type { Check } from '../harness.js';
import { sha256HexWebCrypto } from '../verify.js';
import {
  BUTTON_ESCAPED_HASH,
  BUTTON_HASH,
  BUTTON_PAYLOAD,
  FULL_A,
  FULL_B,
  HASH_SUITES,
  SIMPLE_GET_CANONICAL,
  SPECIAL,
  SPECIAL_ENCODED,
  URI_CASES,
  vectorHeaders,
} from '../vectors.js';

const ALGORITHMS = ['AMZN-PAY-RSASSA-PSS', 'AMZN-PAY-RSASSA-PSS-V2'] as const;

export function vectorChecks(): Check[] {
  const hashChecks = HASH_SUITES.flatMap(({ label, region, cases }) =>
    cases.map((c): Check => ({
      name: `vectors ${label}: ${c.name}`,
      run: async () => {
        const canonical = canonicalRequest({
          method: c.method,
          path: c.path,
          query: c.query,
          headers: vectorHeaders(region),
        });
        equal(sha256Hex(canonical), c.hash, 'canonical request hash');
        // The same hash by the runtime's own WebCrypto: the bundled SHA-256 agrees with the platform's.
        equal(await sha256HexWebCrypto(canonical), c.hash, 'canonical request hash (WebCrypto)');
        for (const algorithm of ALGORITHMS)
          equal(stringToSign(algorithm, canonical), `${algorithm}\n${c.hash}`, `${algorithm} string-to-sign`);
      },
    })),
  );
  return [
    ...hashChecks,
    {
      name: 'vectors: the exact SimpleGet canonical request',
      run: () =>
        equal(
          canonicalRequest({ method: 'GET', path: '/', headers: vectorHeaders('eu') }),
          SIMPLE_GET_CANONICAL,
          'canonical request',
        ),
    },
    {
      name: 'vectors: canonical URIs and queries',
      run: () => {
        for (const [input, expected] of URI_CASES)
          equal(canonicalUri(input), expected, `canonicalUri(${JSON.stringify(input)})`);
        equal(canonicalQuery({ [SPECIAL]: SPECIAL }), `${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`, 'special characters');
        equal(
          canonicalQuery({ amount: ['100.50'], customInformation: ['Information about order'] }),
          'amount=100.50&customInformation=Information%20about%20order',
          'spaces as %20',
        );
      },
    },
    ...ALGORITHMS.map((algorithm): Check => ({
      name: `vectors 7.4: button string-to-sign, ${algorithm}`,
      run: () => {
        equal(BUTTON_PAYLOAD.length, 238, 'payload length');
        equal(buttonStringToSign(algorithm, BUTTON_PAYLOAD), `${algorithm}\n${BUTTON_HASH}`, 'button string-to-sign');
        equal(
          buttonStringToSign(algorithm, BUTTON_PAYLOAD.replace(/\//g, '\\/')),
          `${algorithm}\n${BUTTON_ESCAPED_HASH}`,
          'escaped slashes stay escaped',
        );
      },
    })),
    {
      name: 'vectors 7.6 A: POST create checkout session, legacy key, NA sandbox, V2',
      run: () => {
        const canonical = canonicalRequest(FULL_A.input);
        equal(canonical, FULL_A.canonical, 'canonical request');
        equal(stringToSign('AMZN-PAY-RSASSA-PSS-V2', canonical), FULL_A.stringToSign, 'string-to-sign');
      },
    },
    {
      name: 'vectors 7.6 B: GET reports, environment-specific key, EU, V1',
      run: () => {
        const canonical = canonicalRequest(FULL_B.input);
        equal(canonical.split('\n')[2], FULL_B.query, 'canonical query');
        equal(stringToSign('AMZN-PAY-RSASSA-PSS', canonical), FULL_B.stringToSign, 'string-to-sign');
      },
    },
  ];
}
