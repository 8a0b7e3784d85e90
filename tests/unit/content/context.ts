import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The parts of WXT's ContentScriptContext our content-script code uses, bound to this window; `invalidate` ends it. */
export function context() {
  const cleanups: (() => void)[] = [];
  const ctx = {
    isInvalid: false,
    setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
    requestAnimationFrame: (callback: FrameRequestCallback) => window.requestAnimationFrame(callback),
    addEventListener: (target: EventTarget, type: string, handler: EventListener) => {
      target.addEventListener(type, handler);
      cleanups.push(() => target.removeEventListener(type, handler));
    },
    onInvalidated: (cleanup: () => void) => cleanups.push(cleanup),
  };
  const invalidate = () => {
    ctx.isInvalid = true;
    for (const cleanup of cleanups) cleanup();
  };
  return { ctx: ctx as unknown as ContentScriptContext, invalidate };
}
