// The test lanes (docs/testing.md): one vitest project per lane, the files of each named in tests/lanes.ts.
// `npm test` runs the fast lane; `npm run test:all` runs them all.
import { defineConfig } from 'vitest/config';
import { ALL, BROWSER, CONFORMANCE, FAST_EXCLUDE, FUZZ, IGNORED, PROCESS, SERVER, VOLUME } from './tests/lanes.ts';

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one (a single worker on two cores). Most files here wait on
    // processes they start (rcm, the server, Chromium, an SMTP server): two at a time keep both cores busy.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'fast', include: ALL, exclude: [...IGNORED, ...FAST_EXCLUDE] } },
      { extends: true, test: { name: 'process', include: PROCESS, exclude: IGNORED } },
      { extends: true, test: { name: 'server', include: SERVER, exclude: IGNORED } },
      { extends: true, test: { name: 'browser', include: BROWSER, exclude: IGNORED } },
      { extends: true, test: { name: 'volume', include: VOLUME, exclude: IGNORED } },
      { extends: true, test: { name: 'fuzz', include: FUZZ, exclude: IGNORED, env: { RCM_FUZZ: 'full' } } },
      { extends: true, test: { name: 'conformance', include: CONFORMANCE, exclude: IGNORED } },
    ],
  },
});
