import type { MarianDims } from '../hf-files.js';

export interface RandomMarianOptions {
  dims?: MarianDims;
  seed?: number;
}

export async function generateRandomMarian(dir: string, options: RandomMarianOptions = {}): Promise<void> {
  void dir;
  void options;
  throw new Error('generateRandomMarian: not implemented yet');
}
