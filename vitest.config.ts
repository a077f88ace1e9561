import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['kernel/**/*.test.ts', 'access/**/*.test.ts', 'cli/**/*.test.ts', 'bin/**/*.test.ts', 'demo/**/*.test.ts', 'ingest/**/*.test.ts', 'warehouse/**/*.test.ts', 'server/**/*.test.ts', 'reports/**/*.test.ts', 'dashboards/src/**/*.test.ts', 'tests/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one (a single worker on two cores). Most files here wait on
    // processes they start (rcm, the server, Chromium, an SMTP server): two at a time keep both cores busy.
    maxWorkers: 2,
  },
});
