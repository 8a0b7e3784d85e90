/**
 * Answers a runtime message with a promise's outcome. Content scripts use the browser's own `browser`
 * (Chrome's `chrome`), not webextension-polyfill (≈ 2.8 KB gzip in every page): where the browser has
 * its own promise-based `browser` (Firefox), the listener returns the promise; elsewhere (Chrome) it
 * answers through `sendResponse`, a rejection as the polyfill encodes one, which the background's
 * polyfilled `tabs.sendMessage` turns back into a rejected promise, as before.
 */
export function answerWith(
  reply: Promise<unknown>,
  sendResponse: (response: unknown) => void,
): Promise<unknown> | true {
  if ((globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id) return reply;
  reply.then(sendResponse, (error: unknown) =>
    sendResponse({
      __mozWebExtensionPolyfillReject__: true,
      message:
        error && (error instanceof Error || typeof (error as { message?: unknown }).message === 'string')
          ? (error as Error).message
          : 'An unexpected error occurred',
    }),
  );
  return true;
}
