// The sandbox core stays on Web APIs: no node: imports, Buffer or process outside the Node entries.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;
const NODE_ENTRIES = new Set(['node.ts', 'demo.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

it('src/ uses no Node APIs except in node.ts and demo.ts', () => {
  const problems: string[] = [];
  for (const file of files(src)) {
    const rel = relative(src, file);
    if (NODE_ENTRIES.has(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
        if (/from\s+['"]node:|\bBuffer\b|\bprocess\b|\brequire\s*\(/.test(code)) problems.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(problems).toEqual([]);
  expect(files(src).length).toBeGreaterThan(10);
});
