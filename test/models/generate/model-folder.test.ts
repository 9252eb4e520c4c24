import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENERATOR_VERSION, STAMP_FILE, generateToyModel, isGeneratedModelCurrent, readStamp } from '../../../src/models/generate/index.js';
import { writeModelFolderAtomically } from '../../../src/models/generate/model-folder.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-model-folder-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generated model folders', () => {
  it('survive concurrent generators and leave no temporary siblings', async () => {
    const dir = join(root, 'toy');
    await Promise.all([generateToyModel(dir), generateToyModel(dir), generateToyModel(dir)]);
    expect(await isGeneratedModelCurrent(dir, 'toy')).toBe(true);
    expect(await readdir(root)).toEqual(['toy']);
  });

  it('replace a folder stamped by an older generator', async () => {
    const dir = join(root, 'toy');
    await mkdir(dir);
    await writeFile(join(dir, STAMP_FILE), JSON.stringify({ kind: 'toy', generatorVersion: '0.old', dims: null, seed: null }));
    expect(await isGeneratedModelCurrent(dir, 'toy')).toBe(false);
    await generateToyModel(dir);
    expect(await isGeneratedModelCurrent(dir, 'toy')).toBe(true);
    expect(await readdir(root)).toEqual(['toy']);
  });

  it('never replace a folder the generator did not write', async () => {
    const dir = join(root, 'mine');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    await expect(generateToyModel(dir)).rejects.toThrow(/not written by the model generator/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await readdir(root)).toEqual(['mine']);
  });

  it('leave nothing behind when writing fails', async () => {
    const dir = join(root, 'broken');
    const stamp = { kind: 'toy' as const, generatorVersion: GENERATOR_VERSION, dims: null, seed: null };
    await expect(
      writeModelFolderAtomically(dir, stamp, async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readdir(root)).toEqual([]);
    expect(await readStamp(dir)).toBeNull();
  });
});
