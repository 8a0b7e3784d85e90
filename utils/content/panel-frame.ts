import { browser } from 'wxt/browser';
import type { Platform } from '../platforms/sites';

/** The accessible name of the in-page panel; tests and assistive tech find it by this title. */
export const PANEL_TITLE = 'DM Sidekick';
const PANEL_WIDTH_PX = 360;

/**
 * The in-page panel is an extension page in an iframe: cross-origin to the host, so the site's
 * scripts can read none of it (not even keys typed into it) and no CSS leaks either way.
 */
export function mountPanelFrame(platform: Platform): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.title = PANEL_TITLE;
  frame.src = `${browser.runtime.getURL('/panel.html')}#platform=${platform}`;
  // Inline styles only: nothing is added to the host's stylesheets.
  Object.assign(frame.style, {
    position: 'fixed',
    top: '0',
    right: '0',
    width: `${PANEL_WIDTH_PX}px`,
    height: '100vh',
    border: '0',
    borderLeft: '1px solid rgba(127,127,127,.35)',
    zIndex: '2147483646',
    colorScheme: 'normal',
    background: 'transparent',
  } satisfies Partial<CSSStyleDeclaration>);
  document.documentElement.append(frame);
  return frame;
}
