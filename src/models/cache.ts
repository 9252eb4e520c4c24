import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Model files live in a user-level cache, never inside node_modules (an
 * `npm ci` would wipe a 300 MB download). LV2EN_CACHE overrides it, then
 * XDG_CACHE_HOME, then ~/.cache/lv2en.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LV2EN_CACHE) return env.LV2EN_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'lv2en');
  return join(homedir(), '.cache', 'lv2en');
}

export const hubCacheDir = (root = cacheRoot()) => join(root, 'hub');
export const generatedModelDir = (generator: string, root = cacheRoot()) => join(root, 'generated', generator);
