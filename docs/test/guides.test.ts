// The migration guides cannot rot: every TypeScript block is compiled with tsc against the built packages,
// the official SDK's JavaScript blocks are syntax-checked by Node, and the blocks marked `run` are executed
// against the local sandbox (the sandbox verifies every signature server-side).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createSandbox } from '@amazon-pay-edge/sandbox';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guideBlocks, type Block } from './blocks.js';

const work = new URL('../.guides/', import.meta.url);
const blocks = guideBlocks();
const name = (b: Block) => `${b.file}:${b.line}`;
const fileOf = (b: Block, ext: string) => new URL(`${b.file.replace(/\.md$/, '')}-${b.line}.${ext}`, work);

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('migration guides', () => {
  it('have code blocks in every guide, each in TypeScript or JavaScript, and runnable ones', () => {
    expect(new Set(blocks.map((b) => b.file))).toEqual(
      new Set(['from-dotnet-sdk.md', 'from-node-sdk.md', 'from-php-sdk.md']),
    );
    const other = blocks.filter((b) => b.lang !== 'ts' && b.lang !== 'js').map(name);
    expect(other).toEqual([]); // a block in any other language would escape the checks below
    expect(blocks.filter((b) => b.run).length).toBeGreaterThanOrEqual(10);
  });

  it('every TypeScript block compiles (strict, NodeNext, against the built packages)', () => {
    const files = blocks
      .filter((b) => b.lang === 'ts')
      .map((b) => {
        writeFileSync(fileOf(b, 'ts'), `${b.code}\nexport {};\n`);
        return fileOf(b, 'ts').pathname;
      });
    const tsconfig = {
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false },
      files: [...files, new URL('./guide-globals.d.ts', import.meta.url).pathname],
    };
    writeFileSync(new URL('tsconfig.json', work), JSON.stringify(tsconfig));
    const tsc = spawnSync(
      process.execPath,
      [
        new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname,
        '-p',
        new URL('tsconfig.json', work).pathname,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('every JavaScript block (the official SDK side) is valid JavaScript', () => {
    for (const b of blocks.filter((x) => x.lang === 'js')) {
      writeFileSync(fileOf(b, 'cjs'), `(async () => {\n${b.code}\n});\n`);
      const check = spawnSync(process.execPath, ['--check', fileOf(b, 'cjs').pathname], { encoding: 'utf8' });
      expect(check.stderr, name(b)).toBe('');
    }
  });

  describe('run against the sandbox', () => {
    const keyId = 'SANDBOX-AGUIDE0000000000000000000';
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const seen: { status: number; reasonCode: string | undefined; operation: string | undefined }[] = [];
    const sandbox = createSandbox({
      keys: { [keyId]: publicKey.export({ type: 'spki', format: 'pem' }) as string },
      onRequest: (e) => seen.push(e),
    });
    const originalFetch = globalThis.fetch;

    beforeAll(async () => {
      const { WebStoreClient } = await import('@amazon-pay-edge/core');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      // What the guides' blocks take as given, and the sandbox in place of Amazon for clients they build.
      Object.assign(globalThis, {
        publicKeyId: keyId,
        privateKeyPem: pem,
        storeId: 'amzn1.application-oa2-client.guide000000000000000000000',
        client: new WebStoreClient({ publicKeyId: keyId, privateKey: pem, region: 'us' }),
        fetch: sandbox.fetch,
      });
    });
    afterAll(() => {
      globalThis.fetch = originalFetch;
      for (const key of ['publicKeyId', 'privateKeyPem', 'storeId', 'client'])
        delete (globalThis as Record<string, unknown>)[key];
    });

    it.each(blocks.filter((b) => b.run).map((b) => [name(b), b] as const))('%s', async (_name, block) => {
      const js = ts.transpileModule(block.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(fileOf(block, 'mjs'), js.outputText);
      const before = seen.length;
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(fileOf(block, 'mjs').href);
      } finally {
        log.mockRestore();
      }
      // A block that calls the API got answers from the sandbox, which refuses any request whose signature fails.
      for (const entry of seen.slice(before))
        expect(entry.reasonCode ?? '', JSON.stringify(entry)).not.toMatch(/Signature|Unauthorized|Header/);
    });

    it('the blocks reached the sandbox: signed calls answered, bad ones refused for the documented reason', () => {
      expect(seen.filter((e) => e.status >= 200 && e.status < 300).length).toBeGreaterThanOrEqual(6);
      expect(
        seen
          .filter((e) => e.status === 404)
          .map((e) => e.operation)
          .sort(),
      ).toEqual(['getCharge', 'getChargePermission', 'getCheckoutSession']);
    });
  });
});
