import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/count-reporter.ts'],
    testTimeout: 20_000,
    // The end-to-end tests drive one tmux server; keep files from fighting over the machine's 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
