import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import axe from 'axe-core';

/**
 * An AxeBuilder that scans every frame. The builder gives each frame one second (hard-coded) to take axe's
 * 500 KB source and silently skips a slower frame; a loaded CI machine took 1.3 s for the panel's. So axe
 * is put into every frame first, without that limit, and the builder's own injection then finds it there
 * (its source only evaluates axe where it is still missing, as in the blank page it reports from).
 */
export async function axeScanner(page: Page): Promise<AxeBuilder> {
  for (const frame of page.frames()) await frame.evaluate(axe.source);
  return new AxeBuilder({ page, axeSource: `window.axe || (0, eval)(${JSON.stringify(axe.source)})` });
}
