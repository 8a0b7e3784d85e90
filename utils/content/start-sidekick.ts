import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type Platform, routeOf } from '../platforms/sites';
import { mountPanelFrame } from './panel-frame';

/**
 * The content script's whole job at this stage: show the panel while the person is in the
 * platform's messages area, remove it when they leave (the sites are single-page apps).
 */
export function startSidekick(ctx: ContentScriptContext, platform: Platform): void {
  // Sub-frames (LinkedIn's interop iframe) will host adapters, never a second panel.
  if (window.top !== window) return;
  let frame: HTMLIFrameElement | undefined;

  const sync = (url: URL) => {
    const inMessages = routeOf(platform, url).kind !== 'other';
    if (inMessages && !frame?.isConnected) frame = mountPanelFrame(platform);
    if (!inMessages && frame) {
      frame.remove();
      frame = undefined;
    }
  };

  sync(new URL(location.href));
  // Fired from the Navigation API's `navigate`, before `location` is updated: use the event's URL.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => sync(event.newUrl));
  ctx.onInvalidated(() => frame?.remove());
}
