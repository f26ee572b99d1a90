// The release procedure's version step (RELEASING.md), run on a copy of the workspace's manifests: a
// changeset for core alone bumps all four published packages together (`fixed`), prepends the entry to
// every CHANGELOG.md above the existing ones, leaves private packages alone, and scripts/sync-jsr-version.mjs
// brings jsr.json to the same version.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { finish, hostNode, publishedPackages, repo } from './lib.mjs';

const checks = [];
const copy = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-changesets-'));
const read = (path) => JSON.parse(readFileSync(join(copy, path), 'utf8'));
try {
  const packages = publishedPackages().map(({ dir }) => dir.slice(repo.length));
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json', 'tests/package.json']) {
    cpSync(join(repo, file), join(copy, file), { recursive: true });
  }
  for (const dir of packages) {
    mkdirSync(join(copy, dir), { recursive: true });
    for (const file of ['package.json', 'CHANGELOG.md', 'jsr.json']) {
      if (existsSync(join(repo, dir, file))) cpSync(join(repo, dir, file), join(copy, dir, file));
    }
  }
  const before = read('packages/core/package.json').version;
  const summary = 'Release-procedure test entry.';
  writeFileSync(join(copy, '.changeset/test-entry.md'), `---\n'@amazon-pay-edge/core': minor\n---\n\n${summary}\n`);
  const env = { ...process.env, NO_COLOR: '1', CI: '' };
  const version = spawnSync(hostNode(), [join(repo, 'node_modules/@changesets/cli/bin.js'), 'version'], {
    cwd: copy,
    encoding: 'utf8',
    env,
  });
  checks.push({
    name: 'changeset version',
    ok: version.status === 0,
    detail: version.status === 0 ? '' : (version.stdout + version.stderr).trim().slice(-400),
  });
  const sync = spawnSync(hostNode(), [join(repo, 'scripts/sync-jsr-version.mjs'), copy], { encoding: 'utf8' });
  checks.push({ name: 'scripts/sync-jsr-version.mjs', ok: sync.status === 0, detail: sync.stderr.slice(-300) });

  const [major, minor] = before.split('.').map(Number);
  const expected = major === 0 ? `0.${minor + 1}.0` : `${major}.${minor + 1}.0`;
  for (const dir of packages) {
    const manifest = read(join(dir, 'package.json'));
    checks.push({
      name: `${manifest.name} bumped with core (fixed): ${before} -> ${expected}`,
      ok: manifest.version === expected,
      detail: manifest.version,
    });
    const changelog = readFileSync(join(copy, dir, 'CHANGELOG.md'), 'utf8');
    const newer = changelog.indexOf(`## ${expected}`);
    const older = changelog.indexOf(`## ${before}`);
    const ordered = newer > 0 && older > newer;
    checks.push({
      name: `${manifest.name} CHANGELOG.md: ${expected} above ${before}`,
      ok: ordered,
      detail: ordered ? '' : changelog.slice(0, 300),
    });
  }
  const coreLog = readFileSync(join(copy, 'packages/core/CHANGELOG.md'), 'utf8');
  checks.push({ name: "core's CHANGELOG.md carries the changeset's text", ok: coreLog.includes(summary) });
  checks.push({
    name: 'jsr.json follows package.json',
    ok: read('packages/core/jsr.json').version === expected,
    detail: read('packages/core/jsr.json').version,
  });
  checks.push({
    name: 'private packages are not versioned',
    ok:
      read('tests/package.json').version === JSON.parse(readFileSync(join(repo, 'tests/package.json'), 'utf8')).version,
  });
  checks.push({ name: 'the used changeset is deleted', ok: !existsSync(join(copy, '.changeset/test-entry.md')) });
} finally {
  rmSync(copy, { recursive: true, force: true });
}
finish('packaging-changesets', checks, 'changeset version on a copy of the manifests');
