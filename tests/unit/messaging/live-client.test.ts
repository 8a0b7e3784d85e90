import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { LiveClientMessage, LiveServerMessage } from '@/utils/messaging/protocol';

// The page side of live subscriptions: one server subscription per query and parameters, shared by every
// listener of the page. The port to the background is a stand-in that records what the page sends.

function fakePort() {
  const sent: LiveClientMessage[] = [];
  let deliver: (message: LiveServerMessage) => void = () => {};
  const port = {
    name: 'live',
    postMessage: (message: LiveClientMessage) => sent.push(message),
    onMessage: { addListener: (listener: typeof deliver) => (deliver = listener) },
    onDisconnect: { addListener: () => {} },
    disconnect: () => {},
  };
  vi.spyOn(browser.runtime, 'connect').mockReturnValue(port as unknown as ReturnType<typeof browser.runtime.connect>);
  return { sent, push: (message: LiveServerMessage) => deliver(message) };
}

/** A fresh page: live-client keeps its port and subscriptions in module state. */
const freshPage = async () => {
  vi.resetModules();
  const { browser: fresh } = await import('wxt/browser');
  expect(fresh).toBe(browser); // the same fake browser, so the stand-in port applies to the fresh module

  return import('@/utils/messaging/live-client');
};

describe('live subscriptions on a page', () => {
  beforeEach(() => vi.restoreAllMocks());

  it('listeners of the same query share one subscription; a late one gets the latest result at once', async () => {
    const port = fakePort();
    const { subscribe } = await freshPage();
    const early = vi.fn();
    subscribe('packs.all', null, early);
    const other = vi.fn();
    subscribe('contact.view', { contactId: 'c1' }, other);
    expect(port.sent.map((m) => m.kind === 'subscribe' && m.name)).toEqual(['packs.all', 'contact.view']);
    const packsId = (port.sent[0] as { id: number }).id;
    port.push({ kind: 'result', id: packsId, value: [] });
    expect(early).toHaveBeenCalledWith([]);
    const late = vi.fn();
    const stopLate = subscribe('packs.all', null, late);
    expect(late).toHaveBeenCalledWith([]);
    expect(port.sent).toHaveLength(2);
    expect(other).not.toHaveBeenCalled();
    // Leaving: the subscription ends with its last listener.
    stopLate();
    expect(port.sent).toHaveLength(2);
  });

  it('ends the server subscription when its last listener leaves; a new listener subscribes again', async () => {
    const port = fakePort();
    const { subscribe } = await freshPage();
    const stopFirst = subscribe('packs.all', null, () => {});
    const stopSecond = subscribe('packs.all', null, () => {});
    stopFirst();
    stopSecond();
    const id = (port.sent[0] as { id: number }).id;
    expect(port.sent.slice(1)).toEqual([{ kind: 'unsubscribe', id }]);
    const again = vi.fn();
    subscribe('packs.all', null, again);
    expect(port.sent[2]).toMatchObject({ kind: 'subscribe', name: 'packs.all' });
    expect(again).not.toHaveBeenCalled();
  });

  it('hands an invalid answer to every listener as an error, never as a result', async () => {
    const port = fakePort();
    const { subscribe } = await freshPage();
    const errors: string[] = [];
    const onResult = vi.fn();
    subscribe('packs.all', null, onResult, (error) => errors.push(error.code));
    subscribe('packs.all', null, onResult, (error) => errors.push(error.code));
    port.push({ kind: 'result', id: (port.sent[0] as { id: number }).id, value: [{ not: 'a pack' }] });
    expect(onResult).not.toHaveBeenCalled();
    expect(errors).toEqual(['invalid', 'invalid']);
  });
});
