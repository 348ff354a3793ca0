import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/services/**'],
    // A fresh TMPDIR, one per test file, that must be empty again at the end (test/setup/temp-folder-*.ts);
    // one initialised PGlite for every test that needs an empty database (test/setup/pglite-template.ts).
    globalSetup: ['test/setup/temp-folder-guard.ts', 'test/setup/pglite-template.ts'],
    setupFiles: ['test/setup/temp-folder-per-file.ts'],
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine, idle
    // while the CLI processes the acceptance tests start do the work, and one core unused.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Hang catchers, not performance bounds: on a busy 2-core machine a PGlite-heavy test or hook
    // takes many times its usual time, and the 10 s hook default failed runs that were only slow.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
