// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClaimOutcome } from '@/components/panel/handshake';
import { ROOT } from '../architecture/imports';

// The panel's first script (entrypoints/panel/first-paint.ts) on panel.html's own skeleton: it claims the
// frame, paints the person into the skeleton, and only then asks for the app (mocked here: its import is
// what the test watches).

const delivered: ClaimOutcome[] = [];
const startPanel = vi.fn(() => (outcome: ClaimOutcome) => void delivered.push(outcome));
vi.mock('@/entrypoints/panel/main', () => ({ startPanel }));

const html = readFileSync(join(ROOT, 'entrypoints/panel/index.html'), 'utf8');
const skeleton = /<body>([\s\S]*)<script/.exec(html)?.[1] ?? '';
const heading = () => document.querySelector('h1')?.textContent;
const label = () => document.querySelector('.panel-skeleton-label')?.textContent;

/** The background's answer to the claim, held until the test gives it. */
function holdClaim() {
  let answer: (value: unknown) => void = () => {};
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(
    () => new Promise((resolve) => (answer = resolve)) as never,
  );
  return (value: unknown) => answer(value);
}

/** The listeners each start adds to the window, removed after its test (a start per test). */
const added: [string, EventListenerOrEventListenerObject][] = [];
const addListener = window.addEventListener.bind(window);
vi.spyOn(window, 'addEventListener').mockImplementation((type, listener, options) => {
  if (listener) added.push([type, listener]);
  addListener(type, listener, options);
});

async function startFirstPaint(hash: string) {
  vi.resetModules();
  // The URL the frame starts with: its hashchange event has passed before the script runs.
  if (window.location.hash !== hash) {
    const changed = new Promise((resolve) => addListener('hashchange', resolve, { once: true }));
    window.location.hash = hash;
    await changed;
  }
  await import('@/entrypoints/panel/first-paint');
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the panel’s first script', () => {
  afterEach(() => {
    for (const [type, listener] of added.splice(0)) window.removeEventListener(type, listener);
  });
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useRealTimers();
    document.body.innerHTML = skeleton;
    delivered.length = 0;
    startPanel.mockClear();
  });

  it('paints the claimed person into the skeleton, then loads the app and hands it the claim', async () => {
    const answer = holdClaim();
    await startFirstPaint('#platform=instagram&key=k1');
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({
      kind: 'dms.rpc',
      name: 'panel.claim',
      input: { key: 'k1' },
    });
    window.dispatchEvent(new Event('load'));
    await settle();
    // Nothing is asked for while the claim is on its way: the app's code would hold up its answer.
    expect(startPanel).not.toHaveBeenCalled();
    expect(heading()).toBe('DM Sidekick');

    answer({ ok: true, value: { heading: { platform: 'instagram', name: 'Anna Berger' } } });
    await vi.waitFor(() => expect(startPanel).toHaveBeenCalledTimes(1));
    expect(heading()).toBe('Anna Berger');
    expect(label()).toBe('DM Sidekick · Instagram');
    expect(delivered).toEqual([{ claimed: { heading: { platform: 'instagram', name: 'Anna Berger' } } }]);
  });

  it('paints nothing for a refused key or a malformed answer; the app (which says so) loads at once', async () => {
    for (const refusal of [
      { ok: false, error: { code: 'forbidden', message: 'no' } },
      { ok: true, value: null },
    ]) {
      for (const [type, listener] of added.splice(0)) window.removeEventListener(type, listener);
      document.body.innerHTML = skeleton;
      delivered.length = 0;
      startPanel.mockClear();
      const answer = holdClaim();
      await startFirstPaint('#platform=x&key=k2');
      answer(refusal);
      await vi.waitFor(() => expect(startPanel).toHaveBeenCalledTimes(1));
      expect(heading()).toBe('DM Sidekick');
      expect(label()).toBe('DM Sidekick');
      expect(delivered).toEqual([{ refused: 'wrong-key' }]);
    }
  });

  it('a frame without a key asks nothing, and loads the app a moment after its load event', async () => {
    const answer = holdClaim();
    await startFirstPaint('#platform=x');
    vi.useFakeTimers();
    await vi.advanceTimersByTimeAsync(1000);
    expect(browser.runtime.sendMessage).not.toHaveBeenCalled();
    expect(startPanel).not.toHaveBeenCalled();

    window.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(299);
    expect(startPanel).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(startPanel).toHaveBeenCalledTimes(1));
    expect(delivered).toEqual([{ refused: 'no-key' }]);

    // The key comes later by navigation: claimed then, and the person painted.
    window.location.hash = '#platform=x&key=k3';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    answer({ ok: true, value: { heading: { platform: 'x', name: 'Ben Okafor' } } });
    await vi.waitFor(() => expect(delivered).toHaveLength(2));
    expect(heading()).toBe('Ben Okafor');
    expect(label()).toBe('DM Sidekick · X');
  });
});
