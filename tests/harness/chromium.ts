import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built extension the tests load (`wxt build` writes it). */
export const OUTPUT_DIR = resolve(import.meta.dirname, '../..', process.env.DMS_OUT_DIR ?? '.output');
export const EXTENSION_DIR = resolve(OUTPUT_DIR, 'chrome-mv3');
/** `wxt build --mode e2e`: production code plus loopback http for the tests' pack server. */
export const E2E_EXTENSION_DIR = resolve(OUTPUT_DIR, 'chrome-mv3-e2e');

/**
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else Playwright's own download.
 * Branded Chrome ignores --load-extension since 137; unbranded Chromium honours it.
 */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Keeps Chromium off the network (this machine has none) and loads only our extension. */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
}
