// Runs a child process and returns the JSON object printed on its last stdout line.
import { spawn } from 'node:child_process';

export class ChildFailedError extends Error {
  name = 'ChildFailedError';
  code = 'BENCH_CHILD_FAILED';
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, timeoutMs?: number, cwd?: string }} [options] env is added to a copy of ours
 */
export function runJson(command, args, { env = {}, timeoutMs = 60_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new ChildFailedError(
          `Could not start ${command}: ${error.message}. Run "pnpm install" at the repository root.`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolve(JSON.parse(last));
        } catch {
          // fall through to the error below
        }
      }
      const why = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs} ms` : ''})`
        : `exited with ${code}`;
      reject(
        new ChildFailedError(
          `${command} ${args.join(' ')} ${why}.\nstdout: ${stdout.slice(-800)}\nstderr: ${stderr.slice(-1500)}`,
        ),
      );
    });
  });
}
