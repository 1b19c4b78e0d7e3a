import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: files share built indexes through a global setup rather than racing.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
