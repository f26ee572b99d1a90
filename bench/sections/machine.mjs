// Machine facts, and `openssl speed rsa2048` as the hardware reference every RSA figure is read against.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import { binPath } from '../lib/fixtures.mjs';

function version(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'unavailable';
  }
}

export function machineFacts() {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    platform: `${platform()} ${release()}`,
    node: process.version,
    bun: version(binPath('bun'), ['--version']),
    deno: version(binPath('deno'), ['--version']),
    openssl: version('openssl', ['version']),
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** RSA-2048 signs per second from `openssl speed` (the sign/s column), one process and `-multi 2`. */
export function opensslSpeed(seconds) {
  const run = (extra) => {
    try {
      const out = execFileSync('openssl', ['speed', '-seconds', String(seconds), ...extra, 'rsa2048'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const line = out.split('\n').find((l) => /^rsa\s+2048 bits/.test(l));
      const numbers = line
        ?.trim()
        .split(/\s+/)
        .filter((t) => /^\d+(\.\d+)?$/.test(t))
        .map(Number);
      return numbers && numbers.length >= 3 ? numbers[numbers.length - 2] : null; // [2048, sign/s, verify/s]
    } catch {
      return null;
    }
  };
  const single = run([]);
  const multi2 = run(['-multi', '2']);
  return {
    signsPerSecond1Process: single,
    signsPerSecondMulti2: multi2,
    multiOverSingle: single && multi2 ? Number((multi2 / single).toFixed(2)) : null,
  };
}
