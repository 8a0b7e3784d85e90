import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DbError } from '@/utils/db/errors';
import { because } from '@/utils/errors';
import { call } from '@/utils/messaging/client';
import { RpcError } from '@/utils/messaging/errors';
import { callerOf, handleRpc, type RpcHandlers } from '@/utils/messaging/server';
import { SlaError } from '@/utils/sla/errors';

const note = { id: 'n1', contactId: 'c1', text: 'hello', createdAt: 1 };
const handlers = {
  'notes.add': async ({ contactId }: { contactId: string }) => {
    if (contactId === 'ghost') throw new RpcError('not-found', 'That contact no longer exists.');
    if (contactId === 'boom') throw new Error('disk on fire');
    return note;
  },
} as unknown as RpcHandlers;

const request = (name: string, input: unknown) => ({ kind: 'dms.rpc', name, input });
/** runtime.sendMessage, typed loosely enough to stand in for the background's answers. */
const sendMessage = () =>
  vi.spyOn(browser.runtime, 'sendMessage') as unknown as MockInstance<(message: unknown) => Promise<unknown>>;

describe('the background end', () => {
  it('knows its own pages from its content scripts, and nobody else', () => {
    expect(callerOf({ id: 'me', url: 'chrome-extension://me/panel.html' }, 'me')).toBe('extension');
    expect(callerOf({ id: 'me', url: 'moz-extension://uuid/dashboard.html' }, 'me')).toBe('extension');
    expect(callerOf({ id: 'me', url: 'https://www.instagram.com/direct/t/1/' }, 'me')).toBe('content');
    expect(callerOf({ id: 'someone-else', url: 'chrome-extension://someone-else/x.html' }, 'me')).toBeUndefined();
    expect(callerOf({ id: 'me' }, 'me')).toBeUndefined();
  });

  it('answers a valid call with its value', async () => {
    const answer = await handleRpc(handlers, request('notes.add', { contactId: 'c1', text: 'hello' }), {
      caller: 'extension',
    });
    expect(answer).toEqual({ ok: true, value: note });
  });

  it.each([
    ['not a request at all', { hello: 1 }, 'extension', 'invalid', /Not a DM Sidekick request/],
    ['an unknown call', request('notes.burn', {}), 'extension', 'invalid', /Unknown call "notes.burn"/],
    ['a prototype name', request('__proto__', {}), 'extension', 'invalid', /Unknown call "__proto__"/],
    [
      'a write from a content script',
      request('notes.add', { contactId: 'c1', text: 'x' }),
      'content',
      'forbidden',
      /may not be called from a content script/,
    ],
    ['a bad payload', request('notes.add', { contactId: 'c1', text: 42 }), 'extension', 'invalid', /notes.add: text: /],
    [
      'a missing record',
      request('notes.add', { contactId: 'ghost', text: 'x' }),
      'extension',
      'not-found',
      /no longer/,
    ],
    [
      'an unexpected failure',
      request('notes.add', { contactId: 'boom', text: 'x' }),
      'extension',
      'internal',
      /disk on fire/,
    ],
  ] as const)('refuses %s with a typed error', async (_, message, caller, code, text) => {
    const answer = await handleRpc(handlers, message, { caller });
    expect(answer).toEqual({ ok: false, error: { code, message: expect.stringMatching(text) } });
  });
});

describe('the calling end', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('validates before sending: a bad payload never leaves the page', async () => {
    const send = sendMessage();
    await expect(call('notes.add', { contactId: 'c1', text: '' })).rejects.toMatchObject({ code: 'invalid' });
    expect(send).not.toHaveBeenCalled();
  });

  it('turns an error answer into an RpcError with its code and message', async () => {
    sendMessage().mockResolvedValue({
      ok: false,
      error: { code: 'quota', message: 'The disk is full' },
    });
    await expect(call('notes.add', { contactId: 'c1', text: 'x' })).rejects.toEqual(
      new RpcError('quota', 'The disk is full'),
    );
  });

  it("carries a refusal's reason code and values to the page, for the page's own words", async () => {
    const detail = { reason: 'backup-dangling', values: { table: 'notes', row: 3, field: 'contactId', id: 'x' } };
    const refusing = {
      'notes.add': async () => {
        throw new RpcError('invalid', 'notes row 3 refers to x', detail as never);
      },
    } as unknown as RpcHandlers;
    sendMessage().mockImplementation((message) => handleRpc(refusing, message, { caller: 'extension' }));
    await expect(call('notes.add', { contactId: 'c1', text: 'x' })).rejects.toMatchObject({
      code: 'invalid',
      message: 'notes row 3 refers to x',
      detail,
    });
  });

  it("maps a domain error at the boundary: its reason's code, its message and detail", async () => {
    const detail = {
      reason: 'backup-dangling',
      values: { table: 'notes', row: 3, field: 'contactId', id: 'x' },
    } as const;
    const refusing = {
      'notes.add': async () => {
        throw new DbError('backup-refused', 'notes row 3 refers to x', detail);
      },
      'notes.delete': async () => {
        throw new SlaError('conversation-gone', 'That conversation no longer exists.', because('conversation-gone'));
      },
    } as unknown as RpcHandlers;
    sendMessage().mockImplementation((message) => handleRpc(refusing, message, { caller: 'extension' }));
    await expect(call('notes.add', { contactId: 'c1', text: 'x' })).rejects.toMatchObject({
      code: 'invalid',
      message: 'notes row 3 refers to x',
      detail,
    });
    await expect(call('notes.delete', { id: 'n1' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'That conversation no longer exists.',
    });
  });

  it('checks the answer too', async () => {
    sendMessage().mockResolvedValue({ ok: true, value: { id: 5 } });
    await expect(call('notes.add', { contactId: 'c1', text: 'x' })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^notes.add answered: /),
    });
  });

  it('sends the same request again, under the same request id, while a stopped service worker wakes up', async () => {
    const send = sendMessage()
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockRejectedValueOnce(
        new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        ),
      )
      // webextension-polyfill's form of "message port closed before a response was received"
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, value: note });
    await expect(call('notes.add', { contactId: 'c1', text: 'x' })).resolves.toEqual(note);
    expect(send).toHaveBeenCalledTimes(4);
    const ids = send.mock.calls.map(([message]) => (message as { requestId: string }).requestId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a long call (metrics over all conversations) is not sent again while the worker may still be at it', async () => {
    vi.useFakeTimers();
    const send = sendMessage().mockReturnValue(new Promise(() => {}));
    const pending = call('metrics.compute', { from: 0, to: 1 });
    const settled = expect(pending).rejects.toMatchObject({ code: 'unreachable' });
    await vi.advanceTimersByTimeAsync(100_000);
    // A normal call would have gone out ten times by now.
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    await settled;
  });

  it('never hangs: an unanswered write is sent again until its deadline, then becomes "unreachable"', async () => {
    vi.useFakeTimers();
    const send = sendMessage().mockReturnValue(new Promise(() => {}));
    const pending = call('notes.add', { contactId: 'c1', text: 'x' });
    const settled = expect(pending).rejects.toMatchObject({ code: 'unreachable', message: /did not answer/ });
    await vi.advanceTimersByTimeAsync(31_000);
    await settled;
    expect(send).toHaveBeenCalledTimes(3);
  });
});
