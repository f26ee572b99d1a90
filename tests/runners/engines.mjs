// Throwaway engines for the IPN store contract, each on a Unix socket in its own temp folder (no TCP port,
// so parallel runs never collide): PostgreSQL (Debian's binaries, a non-root cluster) and redis-server.
// Each start() resolves to { ..., stop() } or throws with the reason it could not start.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1), 'bin');
}

/** initdb + pg_ctl start as the postgres user (initdb refuses root); resolves to { socketDir, port, stop }. */
export async function startPostgres() {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'ape-pg-'));
  const asPg = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--']] : undefined;
  if (asPg)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  const run = (command, args) =>
    asPg
      ? execFileSync(asPg[0], [...asPg[1], command, ...args], { cwd: dir, stdio: 'pipe' })
      : execFileSync(command, args, { cwd: dir, stdio: 'pipe' });
  const port = 5432;
  const stop = () => {
    try {
      run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '--no-instructions',
      '-E',
      'UTF8',
    ]);
    run(join(bin, 'pg_ctl'), [
      '-D',
      join(dir, 'data'),
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    stop();
    throw new Error(`PostgreSQL did not start: ${error.stderr?.toString().trim() || error.message}`);
  }
  return { socketDir: dir, port, stop };
}

/** redis-server on a Unix socket; resolves to { path, stop }. */
export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'ape-redis-'));
  const path = join(dir, 'redis.sock');
  const child = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', path, '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const failed = new Promise((_, reject) =>
    child.once('error', (e) => reject(new Error(`redis-server did not start: ${e.message}`))),
  );
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      failed,
      (async () => {
        for (let i = 0; i < 200 && !existsSync(path); i++) await sleep(25);
        if (!existsSync(path)) throw new Error('redis-server did not open its socket within 5 s');
      })(),
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  return { path, stop };
}
