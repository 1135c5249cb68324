import { defineConfig } from 'vitest/config';

// The real API server suite (test/real, docs/testing.md): each file starts its own etcd and kube-apiserver,
// so files run one at a time — two cores cannot hold several servers starting at once.
export default defineConfig({
  test: {
    include: ['test/real/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/scratch-tmpdir.ts', 'test/real/support/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/real-report.json' }]],
  },
});
