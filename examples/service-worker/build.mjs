// Bundles the page script and the service worker into public/ with esbuild (browser platform, ES2022).
import { build } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;
const common = { bundle: true, platform: 'browser', target: 'es2022', logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  // Classic script: a module service worker needs { type: 'module' } and is not supported everywhere.
  build({ ...common, entryPoints: [`${here}src/sw.ts`], outfile: `${here}public/sw.js`, format: 'iife' }),
  build({ ...common, entryPoints: [`${here}src/page.ts`], outfile: `${here}public/page.js`, format: 'esm' }),
]);
