import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests write only inside the repo, whatever the environment says: generated test models go to a
// project-local cache (never the user's LV2EN_CACHE or ~/.cache/lv2en) and temporary folders under it.
// Each test gets its own translation memory (test/setup/isolate.ts). The test workers inherit this.
const testCache = fileURLToPath(new URL('./node_modules/.cache/lv2en-test', import.meta.url));
process.env.LV2EN_CACHE = testCache;
process.env.TMPDIR = `${testCache}/tmp`;
mkdirSync(process.env.TMPDIR, { recursive: true });
delete process.env.LV2EN_MODELS_CONFIG;

export default defineConfig({
  // In-process imports of 'lv2en' resolve to the TypeScript source; the CLI tests run the built bin.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup/isolate.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: suites that run a model contend for them, so keep file-level parallelism low.
    maxWorkers: 2,
  },
});
