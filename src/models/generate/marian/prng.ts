/**
 * Deterministic pseudo-random numbers (mulberry32): the same seed gives the same
 * model on every machine and Node version, which Math.random cannot promise.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: derives an independent stream per tensor name, so adding a tensor does not reshuffle the others. */
export function hashSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Uniform values with mean `mean` and standard deviation `std` (uniform is much faster than normal for 10^8 draws). */
export function randomUniform(length: number, seed: number, name: string, std: number, mean = 0): Float32Array {
  const random = mulberry32(hashSeed(seed, name));
  const halfWidth = std * Math.sqrt(3);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = mean + (random() * 2 - 1) * halfWidth;
  return out;
}
