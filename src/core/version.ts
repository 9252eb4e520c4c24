import { readFileSync } from 'node:fs';

/** The package version; part of every job key, so an upgraded lv2en never reuses an older version's stage results. */
export const LV2EN_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
