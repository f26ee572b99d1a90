// Conformance runner for runtimes that run a script directly: Node (20 and 22), Bun and Deno.
// Usage: <runtime> runners/cli.mjs <result-name>. The suite imports the built @amazon-pay-edge/core
// through the runtime's own package resolution; the fake Amazon Pay server runs in-process.
import process from 'node:process';
import { runSuite } from '../.build/suite.js';
import { report } from './report.mjs';

const name = process.argv[2] ?? 'conformance-unknown';
const verbose = process.env.CONFORMANCE_VERBOSE === '1';
const runtime =
  typeof globalThis.Deno !== 'undefined'
    ? `Deno ${globalThis.Deno.version.deno}`
    : typeof globalThis.Bun !== 'undefined'
      ? `Bun ${globalThis.Bun.version}`
      : `Node ${process.version}`;
const result = await runSuite({ log: verbose ? (line) => console.log(line) : undefined });
report(name, result, runtime);
