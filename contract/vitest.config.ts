import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // RSA key generation takes a moment on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
