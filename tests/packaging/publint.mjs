// publint --strict over each packed package: every message (error, warning, suggestion) fails the check.
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { builtOnly, finish, pack, publishedPackages } from './lib.mjs';

const checks = [];
for (const pkg of builtOnly(publishedPackages(), checks)) {
  const bytes = readFileSync(pack(pkg));
  const { messages, pkg: manifest } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'suggestion',
  });
  const detail = messages
    .map((m) => `[${m.type}] ${formatMessage(m, manifest)?.replace(/\x1b\[[0-9;]*m/g, '')}`)
    .join('; ');
  checks.push({ name: `publint ${pkg.manifest.name}`, ok: messages.length === 0, detail });
}
finish('packaging-publint', checks, 'publint --strict');
