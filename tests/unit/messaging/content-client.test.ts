import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { reportPage } from '@/utils/messaging/content-client';
import { PageSnapshotSchema } from '@/utils/platforms/types';
import { readableThread } from '../health/snapshot';

// A report the background refuses must not leave the previous conversation on screen: the content
// script then reports the page as unreadable, in a form the background accepts.

// runtime.sendMessage is typed to resolve to nothing: the answers are the background's, as it sends them.
const ACCEPTED = { ok: true, value: { subFrameSurface: false } } as never;
const refused = (code: string, message: string) => ({ ok: false, error: { code, message } }) as never;

describe('reportPage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('replaces a snapshot refused as invalid (a 5,000-character URL) by an unreadable one the schema accepts', async () => {
    const tooLong = readableThread({ url: `https://www.instagram.com/direct/t/1001/?q=${'x'.repeat(5000)}` });
    expect(PageSnapshotSchema.safeParse(tooLong).success).toBe(false);
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValueOnce(refused('invalid', 'page.report: url: Too big: expected string to have <=4000 characters'))
      .mockResolvedValueOnce(ACCEPTED);
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(await reportPage(tooLong)).toEqual({ subFrameSurface: false });
    expect(send).toHaveBeenCalledTimes(2);
    const { input } = (send.mock.calls[1]?.[0] ?? {}) as { input?: unknown };
    expect(PageSnapshotSchema.parse(input)).toMatchObject({
      platform: 'instagram',
      url: 'https://www.instagram.com/',
      state: 'thread',
      threadId: null,
      participant: null,
      messages: [],
      drift: [{ part: 'thread', health: 'missing', failedSignals: [expect.stringContaining('url: Too big')] }],
    });
  });

  it('a 100,000-character name: nothing of it is sent again', async () => {
    const name = 'N'.repeat(100_000);
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValueOnce(refused('invalid', 'page.report: participant.name: Too big'))
      .mockResolvedValueOnce(ACCEPTED);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await reportPage(readableThread({ participant: { name } }));
    expect(JSON.stringify(send.mock.calls[1]?.[0])).not.toContain('NNNN');
  });

  it('sends nothing else when the refusal is not about the snapshot (a forbidden sender)', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValueOnce(refused('forbidden', 'not on instagram'));
    await expect(reportPage(readableThread())).rejects.toThrow('not on instagram');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
