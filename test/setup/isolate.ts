import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Every test gets its own throwaway translation memory: a test that
 * translates without naming one must exercise decoding, not answers that a
 * test before it left in a shared memory. Hooks outside a test (beforeAll)
 * get one for their file. Spawned CLI processes inherit it.
 */
const fresh = () => join(mkdtempSync(join(tmpdir(), 'lv2en-memory-')), 'translations.sqlite');
const forFile = fresh();
process.env.LV2EN_MEMORY = forFile;

beforeEach(() => {
  process.env.LV2EN_MEMORY = fresh();
});

afterEach(() => {
  process.env.LV2EN_MEMORY = forFile;
});
