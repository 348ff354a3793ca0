import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/services/**'],
    // A fresh TMPDIR, one per test file, that must be empty again at the end (test/setup/temp-folder-*.ts).
    globalSetup: ['test/setup/temp-folder-guard.ts'],
    setupFiles: ['test/setup/temp-folder-per-file.ts'],
    testTimeout: 30_000,
  },
});
