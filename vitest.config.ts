import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The real API server suite has its own run: npm run test:real (vitest.real.config.ts).
    exclude: ['**/node_modules/**', 'test/real/**'],
    // The e2e and integration suites start real servers and terminals; two cores are all CI has.
    pool: 'forks',
    globalSetup: ['test/support/scratch-tmpdir.ts'],
    // Ink as the bundle ships it: the build's output-cache patch applied to Ink's files as they load.
    setupFiles: ['test/support/patched-ink.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/report.json' }]],
  },
});
