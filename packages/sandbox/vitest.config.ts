import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // RSA key generation and the workerd test take a few seconds on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
