import { defineConfig } from 'vitest/config';

// The services suite: the same store tests against the real PostgreSQL server (ACCOLADE_PG_URL).
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
