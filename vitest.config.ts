import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Generated test models go to a project-local cache, never the user's ~/.cache/lv2en.
// CI sets its own throwaway folder; the test workers inherit this environment.
process.env.LV2EN_CACHE ??= fileURLToPath(new URL('./node_modules/.cache/lv2en-test', import.meta.url));

export default defineConfig({
  // In-process imports of 'lv2en' resolve to the TypeScript source; the CLI tests run the built bin.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: suites that run a model contend for them, so keep file-level parallelism low.
    maxWorkers: 2,
  },
});
