/**
 * Debian's chromium, never a downloaded browser (`.ci/run` installs it), with
 * the flags a headless run on a shared machine needs. LV2EN_SKIP_BROWSER_TESTS=1
 * skips the suites that use it.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const skipBrowserTests = process.env.LV2EN_SKIP_BROWSER_TESTS === '1';
