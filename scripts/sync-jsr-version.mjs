// After `changeset version`: copy each package's new version into its jsr.json, so npm and JSR publish the
// same version (changesets only knows package.json). tests/packaging/jsr.mjs fails when they differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

// The repository root, or another checkout given as the first argument (tests/packaging/changesets.mjs).
const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
for (const folder of ['core', 'node', 'cli', 'sandbox']) {
  const jsrPath = join(root, 'packages', folder, 'jsr.json');
  if (!existsSync(jsrPath)) continue;
  const { version } = JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8'));
  const jsr = JSON.parse(readFileSync(jsrPath, 'utf8'));
  if (jsr.version === version) continue;
  writeFileSync(jsrPath, JSON.stringify({ ...jsr, version }, null, 2) + '\n');
  console.log(`${jsr.name}: jsr.json ${jsr.version} -> ${version}`);
}
