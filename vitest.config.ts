import { defineConfig } from 'vitest/config';

process.env.TZ = 'Asia/Shanghai';

const SITE_TESTS = 'test/site-*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [SITE_TESTS] },
      },
      {
        extends: true,
        // Real-browser tests: the global setup builds and serves the site once per run, and only
        // when one of these files is selected.
        test: {
          name: 'site',
          include: [SITE_TESTS],
          globalSetup: ['test/setup/site.ts'],
          // Pages load side by side (it.concurrent): three at a time keep two cores busy.
          maxConcurrency: 3,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
