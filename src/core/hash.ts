import { createHash } from 'node:crypto';

/** sha256 of the parts, each ended by a NUL so ('ab','c') and ('a','bc') differ. */
export const hashOf = (...parts: string[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

/** sha256 of bytes, hex. */
export const hashBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
