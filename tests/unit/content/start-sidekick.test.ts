// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSidekick } from '@/utils/content/start-sidekick';
import { reportPage } from '@/utils/messaging/content-client';
import { emptySnapshot } from '@/utils/platforms/toolkit/snapshot';
import type { PlatformAdapter } from '@/utils/platforms/types';
import { context } from './context';

// The top frame of a LinkedIn page whose conversation lives in a sub-frame (the /preload/ interop iframe)
// shows the panel for it. It learns so from the background's command, or, when that command went out
// before this script listened, from the answer to its own report.

vi.mock('@/utils/messaging/content-client', () => ({
  reportPage: vi.fn(),
  registerPanel: vi.fn(() => Promise.resolve()),
  reportTyping: vi.fn(),
  // The shortcuts' list call: never answered here.
  request: vi.fn(() => new Promise(() => {})),
}));

const FEED = new URL('https://www.linkedin.com/feed/');
/** The top frame's own page: no conversation surface (the feed). */
const feedAdapter: PlatformAdapter = {
  platform: 'linkedin',
  observationRoot: () => null,
  read: () => emptySnapshot('linkedin', FEED, 'not-messages'),
  insertText: () => Promise.resolve({ ok: true }),
  focusComposer: () => false,
};
const panel = () => document.querySelector('iframe[title="DM Sidekick"]');
const subFrameCommand = (present: boolean) =>
  fakeBrowser.runtime.onMessage.trigger(
    { kind: 'dms.page-command', command: 'sub-frame-surface', present },
    {},
    () => {},
  );

describe('the top frame and a sub-frame’s conversation', () => {
  let invalidate: () => void;
  let answer: (value: { subFrameSurface: boolean }) => void;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(browser.runtime, 'getURL').mockReturnValue('chrome-extension://dms/panel.html');
    vi.mocked(reportPage).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    document.body.innerHTML = '<main>Feed</main>';
    const started = context();
    invalidate = started.invalidate;
    startSidekick(started.ctx, feedAdapter);
  });
  afterEach(() => {
    invalidate();
    for (const element of document.querySelectorAll('iframe, [role="separator"], button')) element.remove();
  });

  it('the answer to its first report shows the panel when the command came before it listened', async () => {
    expect(reportPage).toHaveBeenCalledTimes(1);
    expect(panel()).toBeNull();
    answer({ subFrameSurface: true });
    await vi.waitFor(() => expect(panel()).not.toBeNull());
  });

  it('a command is newer than an answer still on its way', async () => {
    await subFrameCommand(true);
    expect(panel()).not.toBeNull();
    await subFrameCommand(false);
    expect(panel()).toBeNull();
    answer({ subFrameSurface: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel()).toBeNull();
  });
});
