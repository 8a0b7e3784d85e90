import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import axe from 'axe-core';

/** The builder's own injection step, which its types keep private. */
type Injecting = { inject(frames: Frame[], shouldThrow?: boolean): Promise<void>; axeConfigure(): Promise<string> };

/**
 * An AxeBuilder that scans every frame. The builder gives each frame one second (hard-coded) to take axe's
 * 500 KB source and silently skips a slower frame; a loaded CI machine took 1.3 s for the panel's, and the
 * scan then reached none of the panel. So its injection step is replaced by the same step without that
 * limit: axe's source, then the builder's own configuration, in every frame.
 */
export async function axeScanner(page: Page): Promise<AxeBuilder> {
  const builder = new AxeBuilder({ page });
  const injecting = builder as unknown as Injecting;
  injecting.inject = async (frames, shouldThrow) => {
    for (const frame of frames) {
      try {
        await frame.evaluate(axe.source);
        await frame.evaluate(await injecting.axeConfigure());
      } catch (error) {
        if (shouldThrow) throw error;
      }
    }
  };
  return builder;
}
