import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerWith } from '@/utils/content/answer';

// Content scripts answer the background without webextension-polyfill: through sendResponse in Chrome,
// a rejection encoded as the polyfill encodes it (the background's polyfilled sendMessage rejects on it).
describe('answerWith', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('in Chrome answers through sendResponse and keeps the channel open', async () => {
    vi.stubGlobal('browser', undefined);
    const sendResponse = vi.fn();
    expect(answerWith(Promise.resolve({ ok: true }), sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true }));
  });

  it('in Chrome sends a rejection as the polyfill does', async () => {
    vi.stubGlobal('browser', undefined);
    const sendResponse = vi.fn();
    answerWith(Promise.reject(new Error('no composer')), sendResponse);
    await vi.waitFor(() =>
      expect(sendResponse).toHaveBeenCalledWith({ __mozWebExtensionPolyfillReject__: true, message: 'no composer' }),
    );
    const other = vi.fn();
    answerWith(Promise.reject(42), other);
    await vi.waitFor(() =>
      expect(other).toHaveBeenCalledWith({
        __mozWebExtensionPolyfillReject__: true,
        message: 'An unexpected error occurred',
      }),
    );
  });

  it('where the browser has its own promise-based browser (Firefox) returns the promise', () => {
    vi.stubGlobal('browser', { runtime: { id: 'dm-sidekick@dm-sidekick.app' } });
    const reply = Promise.resolve(true);
    const sendResponse = vi.fn();
    expect(answerWith(reply, sendResponse)).toBe(reply);
    expect(sendResponse).not.toHaveBeenCalled();
  });
});
