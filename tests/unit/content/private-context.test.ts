// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from '@/utils/content/private-context';

// The content scripts' own context (in place of WXT's): nothing the page can see or forge, listeners that
// end with the script, URL changes told to this script alone.

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ContentScriptContext (ours)', () => {
  it('announces nothing on the page when it starts', () => {
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    const windowDispatched = vi.spyOn(window, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    const ctx = new ContentScriptContext();
    expect(ctx.isInvalid).toBe(false);
    expect([dispatched.mock.calls, windowDispatched.mock.calls, posted.mock.calls]).toEqual([[], [], []]);
  });

  it('ends once the extension runtime is gone: its listeners are removed, onInvalidated runs', () => {
    const ctx = new ContentScriptContext();
    const heard = vi.fn();
    const ended = vi.fn();
    ctx.addEventListener(document, 'focusin', heard);
    ctx.onInvalidated(ended);
    document.dispatchEvent(new Event('focusin'));
    vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    expect(ctx.isInvalid).toBe(true);
    document.dispatchEvent(new Event('focusin'));
    expect([heard.mock.calls.length, ended.mock.calls.length]).toEqual([1, 1]);
  });

  it('tells this script of URL changes without dispatching anything on the window', async () => {
    vi.useFakeTimers();
    const windowDispatched = vi.spyOn(window, 'dispatchEvent');
    const ctx = new ContentScriptContext();
    const changes: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }: { newUrl: URL; oldUrl: URL }) =>
      changes.push(`${oldUrl.pathname} → ${newUrl.pathname}`),
    );
    const start = location.pathname;
    history.pushState(null, '', '/direct/t/1');
    await vi.advanceTimersByTimeAsync(1000);
    history.pushState(null, '', start);
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toEqual([`${start} → /direct/t/1`, `/direct/t/1 → ${start}`]);
    expect(windowDispatched).not.toHaveBeenCalled();
  });
});
