// Turns results.json into the Markdown tables printed by run.mjs and pasted into README.md.
import { table } from './format.mjs';

const med = (s) => s?.median;
const x = (v) => (typeof v === 'number' ? `${v.toFixed(2)}x` : '–');

function signingTables(r, reference) {
  const f = r.figures;
  const row = (label, name) => [label, med(f[`${name}.sequential`]), med(f[`${name}.inflight8`])];
  return [
    table(
      '1. Signed requests per second, signing only (Node, median of rounds)',
      ['path', 'sequential', '8 in flight'],
      [
        row('this SDK: client.getSignedHeaders (canonicalise + hash + WebCrypto sign)', 'sdk'),
        row('raw crypto.subtle.sign, imported key', 'webcrypto'),
        row('node:crypto sign, KeyObject (sync / async callback)', 'nodeCrypto'),
        row('official Node SDK getSignedHeaders (sync, reparses PEM)', 'official'),
        row('this SDK with a node:crypto signer via `subtle` (proposal, not a goal)', 'sdkNodeSigner'),
        [
          '`openssl speed rsa2048` (1 process / -multi 2), reference',
          Math.round(reference?.signsPerSecond1Process ?? NaN),
          Math.round(reference?.signsPerSecondMulti2 ?? NaN),
        ],
      ],
    ),
    table(
      'Ratios (median of per-round ratios)',
      ['ratio', 'sequential', '8 in flight'],
      [
        ['this SDK / raw WebCrypto', x(r.ratios.sdkOverWebcryptoSequential), x(r.ratios.sdkOverWebcryptoInflight8)],
        ['this SDK / official Node SDK', x(r.ratios.sdkOverOfficialSequential), x(r.ratios.sdkOverOfficialInflight8)],
        ['raw WebCrypto / official Node SDK', x(r.ratios.webcryptoOverOfficialSequential), '–'],
        [
          'node:crypto / raw WebCrypto',
          x(r.ratios.nodeCryptoOverWebcryptoSequential),
          x(r.ratios.nodeCryptoOverWebcryptoInflight8),
        ],
        [
          'this SDK with node:crypto signer / this SDK',
          x(r.ratios.sdkNodeSignerOverSdkSequential),
          x(r.ratios.sdkNodeSignerOverSdkInflight8),
        ],
      ],
    ),
  ];
}

function overheadTable(r) {
  const f = r.figures;
  return table(
    `2. Per-request overhead without RSA and the SHA-256 choice (µs per call, ${r.hashInputBytes}-byte hash input)`,
    ['what', 'µs'],
    [
      ['this SDK getSignedHeaders with a constant-signature `subtle`', med(f.sdkPathWithoutRsa)],
      ['  of which canonicalRequest + stringToSign (sync)', med(f.canonicalRequestAndStringToSign)],
      ["SHA-256 to hex: core's own sha256Hex (what the SDK uses)", med(f['sha256.core'])],
      ['SHA-256 to hex: @noble/hashes sha256 + bytesToHex', med(f['sha256.noble'])],
      ['SHA-256 to hex: crypto.subtle.digest (awaited)', med(f['sha256.subtleDigest'])],
      ['SHA-256 to hex: node:crypto createHash (Node only)', med(f['sha256.nodeCreateHash'])],
    ],
  );
}

function hooksTable(r) {
  const f = r.figures;
  const d = r.deltas;
  const when = r.measured
    ? `; run ${r.measured.date.slice(0, 16)}Z, load ${r.measured.loadAverageAtStart[0]} → ${r.measured.loadAverageAtEnd[0]}`
    : '';
  return table(
    `7. Observability overhead: a whole createCheckoutSession, constant signature, instant fetch (CPU µs per call, median of ${r.rounds} rounds; added = median per-round difference to hooks absent${when})`,
    ['variant', 'CPU µs', 'added'],
    [
      ['hooks absent (today)', med(f.hooksAbsent), '–'],
      [
        `core before hooks (${r.baselineCommit ?? 'not available'})`,
        med(f.beforeHooks) ?? '–',
        d.absentMinusBeforeHooks === undefined ? '–' : `absent - before: ${d.absentMinusBeforeHooks}`,
      ],
      ['five no-op hooks', med(f.noopHooks), d.noopHooksMinusAbsent],
      ['OpenTelemetry hooks, API only (no SDK registered)', med(f.otelApiOnly), d.otelApiOnlyMinusAbsent],
      ['OpenTelemetry hooks, SDK recording, BatchSpanProcessor', med(f.otelBatch), d.otelBatchMinusAbsent],
      ['OpenTelemetry hooks, SDK recording, SimpleSpanProcessor', med(f.otelSimple), d.otelSimpleMinusAbsent],
      ['the SDK alone: start + end two spans (the floor for any instrumentation)', med(f.sdkTwoSpansOnly), '–'],
    ],
  );
}

function coldTable(r) {
  const split = (p, a, b) => (p ? `${p[a]} + ${p[b]}` : '–');
  const rows = ['node', 'bun', 'deno', 'workerd']
    .filter((k) => r[k])
    .map((k) => [
      k,
      r[k].rawMs,
      split(r[k].phases, 'rawImportMs', 'rawSignMs'),
      r[k].sdkMs,
      split(r[k].phases, 'sdkConstructMs', 'sdkFirstGetSignedHeadersMs'),
      x(r[k].sdkOverRaw),
      r[k].leanMs ?? '–',
      r[k].leanOverRaw === undefined ? '–' : x(r[k].leanOverRaw),
    ]);
  return table(
    `3. Cold start: PEM text to first signature in a fresh process / isolate (ms, median of ${r.repetitions.processes} / workerd ${r.repetitions.workerd})`,
    [
      'runtime',
      'raw importKey + sign',
      '= import + sign',
      'SDK client + first getSignedHeaders',
      '= construct + call',
      'SDK / raw',
      'lean (core/ops)',
      'lean / raw',
    ],
    rows,
  );
}

function workerdCpuTable(r) {
  const c = r.workerd?.firstRequestCpu;
  if (!c) return [];
  if (c.unavailable) return [`workerd first-request CPU time: not measured (${c.unavailable}).`];
  return [
    table(
      `3b. workerd: CPU time of the first request to a fresh isolate (ms on workerd's main thread, /proc schedstat, median of ${r.repetitions.workerd})`,
      ['worker', 'first request CPU', 'minus no-op worker', 'all workerd threads'],
      [
        ['no-op worker (HTTP, routing, Response)', c.noopMs, '–', c.allThreads.noopMs],
        ['raw worker: PEM to DER, importKey, sign', c.rawMs, c.rawMinusNoopMs, c.allThreads.rawMs],
        ['SDK worker: client + getSignedHeaders', c.sdkMs, c.sdkMinusNoopMs, c.allThreads.sdkMs],
        ['SDK / raw', x(c.sdkMs / c.rawMs), x(c.sdkOverRawMinusNoop), '–'],
        ...(c.leanMs === undefined
          ? []
          : [
              [
                'lean worker: createAmazonPayClient + getSignedHeaders',
                c.leanMs,
                c.leanMinusNoopMs,
                c.allThreads.leanMs,
              ],
              ['lean / raw', x(c.leanMs / c.rawMs), x(c.leanOverRawMinusNoop), '–'],
            ]),
      ],
    ),
  ];
}

function runtimesTable(r, signing) {
  const row = (runtime, f, ratios, sdkSeq, rawSeq, sdk8, raw8, rSeq, r8) => [
    runtime,
    med(f?.[sdkSeq]) ?? '–',
    med(f?.[rawSeq]) ?? '–',
    x(ratios?.[rSeq]),
    med(f?.[sdk8]) ?? '–',
    med(f?.[raw8]) ?? '–',
    x(ratios?.[r8]),
  ];
  const probe = (rt) =>
    row(
      rt,
      r[rt]?.figures,
      r[rt]?.ratios,
      'sdk.sequential',
      'raw.sequential',
      'sdk.inflight8',
      'raw.inflight8',
      'sdkOverRawSequential',
      'sdkOverRawInflight8',
    );
  return table(
    `8. Signing path vs raw WebCrypto per runtime (signed requests or signatures per second, median of ${r.rounds} rounds; node: section 1; workerd: timed from outside one isolate)`,
    ['runtime', 'SDK seq', 'raw seq', 'SDK / raw', 'SDK 8 in flight', 'raw 8 in flight', 'SDK / raw'],
    [
      row(
        'node',
        signing?.figures,
        signing?.ratios,
        'sdk.sequential',
        'webcrypto.sequential',
        'sdk.inflight8',
        'webcrypto.inflight8',
        'sdkOverWebcryptoSequential',
        'sdkOverWebcryptoInflight8',
      ),
      probe('bun'),
      probe('deno'),
      probe('workerd'),
    ],
  );
}

function heapTable(r) {
  return table(
    `9. Heap growth, Node: ${r.requests.toLocaleString('en-US')} createCheckoutSession calls (real signatures, instant fetch, 8 in flight, ${r.seconds} s)`,
    ['heap after forced GC', 'MB'],
    [
      ['before (after a 2,000-call warm-up)', r.heapBeforeMB],
      ['after', r.heapAfterMB],
      ['growth', r.growthMB],
      ['at each tenth of the run', r.samplesMB.join(' / ')],
      ['active handles before / after (timers, sockets)', `${r.activeResourcesBefore} / ${r.activeResourcesAfter}`],
    ],
  );
}

function e2eTable(r) {
  const f = r.figures;
  const row = (label, k) => [label, med(f[k].rps), med(f[k].p50Ms), med(f[k].p99Ms)];
  return table(
    `4. End to end, loopback HTTPS getCharge, ${r.inFlight} in flight, ${r.requestsPerRound} requests x ${r.rounds} rounds per SDK (median of rounds)`,
    ['SDK', 'requests/s', 'p50 ms', 'p99 ms'],
    [
      row('this SDK (@amazon-pay-edge/node, fetch)', 'sdk'),
      row('official Node SDK (axios)', 'official'),
      [
        'this SDK / official (rps: higher is better; latency: lower is better)',
        x(r.ratios.sdkOverOfficialRps),
        x(r.ratios.sdkOverOfficialP50),
        x(r.ratios.sdkOverOfficialP99),
      ],
    ],
  );
}

function bundleTable(r) {
  const row = (label, k) => [label, r[k].minBytes, r[k].gzipBytes];
  return table(
    '5. Bundle size (esbuild --bundle --minify, gzip -9; bytes)',
    ['bundle', 'min', 'min+gzip'],
    [
      row('typical Worker, WebStoreClient class (client + 3 checkout calls + button config), neutral', 'workerTypical'),
      row('typical Worker, lean client + operation functions (core/ops), neutral', 'workerLean'),
      row('one operation: createAmazonPayClient + createCheckoutSession (core/ops), neutral', 'oneOperation'),
      row('signer only (importPrivateKey + amazonPayHeaders + signRequest), neutral', 'signerOnly'),
      row('whole core (all exports, ipn included), neutral', 'coreWhole'),
      row("SHA-256 alone: core's sha256Hex, neutral", 'sha256Core'),
      row('SHA-256 alone: @noble/hashes sha256 + bytesToHex, neutral', 'sha256Noble'),
      row('official Node SDK + axios + uuid, node', 'officialNodeSdk'),
    ],
  );
}

function denoTable(r) {
  const f = r.figures;
  const row = (label, raw, sdk) => [
    label,
    med(f[`raw.${raw}.sequential`]),
    med(f[`raw.${raw}.inflight8`]),
    med(f[`sdk.${sdk}.sequential`]),
    med(f[`sdk.${sdk}.inflight8`]),
  ];
  return table(
    `6. Deno ${r.deno?.deno ?? ''}: RSA-PSS-2048 signing paths (per second, median of rounds)`,
    ['path', 'raw sequential', 'raw 8 in flight', 'SDK sequential', 'SDK 8 in flight'],
    [
      row('WebCrypto crypto.subtle.sign (the SDK default)', 'webcrypto', 'webcrypto'),
      row('node:crypto sign (Deno Node compat; SDK via `subtle` shim)', 'nodeCrypto', 'nodeCrypto'),
      row('system OpenSSL libcrypto via Deno FFI (--allow-ffi; SDK via shim)', 'ffiOpenssl', 'ffiOpenssl'),
    ],
  );
}

function ipnTable(r) {
  const rows = Object.entries(r.stores).flatMap(([store, f]) =>
    f.error
      ? [[store, 'failed', f.error, '', '', '', '']]
      : [
          ['sync', f.sync],
          ['durable', f.durable],
        ].map(([mode, m]) => [
          store,
          mode === 'sync' ? 'sync (claim, handler, complete)' : 'durable (enqueue, 200)',
          String(m.deliveriesPerSecond),
          String(m.p50Ms),
          String(m.p99Ms),
          m.drainedPerSecond === undefined ? '' : String(m.drainedPerSecond),
          `${m.handlerRuns}/${m.deliveries}, non-200: ${m.non200}`,
        ]),
  );
  return table(
    `IPN inbox: distinct SNS-signed deliveries through createIpnHandler, ${r.inFlight} in flight, ${r.deliveriesPerStore} per store and mode; ` +
      `durable drain = processDue by one processor; ${r.transport}. Load average ${r.loadAverageAtStart?.join('/') ?? '?'} at start, ${r.loadAverage.join('/')} at end`,
    ['store', 'mode', 'deliveries/s', 'p50 ms', 'p99 ms', 'drained/s', 'handler runs'],
    rows,
  );
}

function goalsTable(goals) {
  return table(
    'Goals',
    ['goal', 'runtime', 'figure', 'target', 'met'],
    goals.map((g) => [
      g.goal,
      g.runtime ?? '–',
      typeof g.value === 'number' ? g.value : '–',
      g.target,
      g.met === true ? 'yes' : g.met === false ? 'NO' : g.met,
    ]),
  );
}

/** toolchain.md: trust a sitting's concurrent figures only when `openssl speed -multi 2` is near twice one process. */
function concurrencyNote(reference) {
  const k = reference?.multiOverSingle;
  if (typeof k !== 'number') return '';
  return k >= 1.7
    ? ` Second core free: openssl -multi 2 / 1 process = ${k}x, so "8 in flight" figures are trustworthy.`
    : ` Second core busy: openssl -multi 2 / 1 process = ${k}x (want about 2x), so "8 in flight" figures understate what a quiet machine does.`;
}

export function renderReport(results) {
  const m = results.machine;
  const parts = [
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.platform}; Node ${m.node}, Bun ${m.bun}, ${m.deno}; ${m.openssl}. ${m.date}. ` +
      `Load average ${m.loadAverageAtStart.join('/')} at start, ${m.loadAverageAtEnd?.join('/') ?? '?'} at end.` +
      concurrencyNote(results.reference) +
      (results.quick ? ' QUICK RUN (small counts): figures are only a smoke test.' : ''),
  ];
  const add = (key, render) => {
    const section = results[key];
    if (!section) return;
    parts.push(section.error ? `**${key}**: failed: ${section.error}` : [].concat(render(section)).join('\n\n'));
  };
  add('signing', (s) => signingTables(s, results.reference));
  add('overhead', overheadTable);
  add('hooks', hooksTable);
  add('signingRuntimes', (s) => runtimesTable(s, results.signing));
  add('coldStart', (s) => [coldTable(s), ...workerdCpuTable(s)]);
  add('endToEnd', e2eTable);
  add('bundle', bundleTable);
  add('deno', denoTable);
  add('ipn', ipnTable);
  add('heap', heapTable);
  parts.push(goalsTable(results.goals));
  return parts.join('\n\n');
}
