import { liveQuery, type Subscription } from 'dexie';
import { browser } from 'wxt/browser';
import { describeZodError } from '../errors';
import type { PageSnapshot } from '../platforms/types';
import { RpcError, toRpcError, toWire } from './errors';
import { isOwnPanel, isPanelPage, PANEL_NOT_OURS } from './panel-keys';
import {
  LIVE,
  LIVE_PORT,
  LiveClientMessageSchema,
  type LiveName,
  type LiveParams,
  type LiveResult,
  type LiveServerMessage,
} from './protocol';
import { callerOf } from './server';

export type LiveQueries = {
  [N in LiveName]: {
    /** Re-run when the subscriber's tab reports a new page state (the panel follows thread switches). */
    pageScoped?: boolean;
    /** Dexie reads only: liveQuery re-runs it whenever a table range it read changes. `loadingSince`:
     * since when the page has been loading, when it is. */
    run: (params: LiveParams<N>, page: PageSnapshot | null, loadingSince?: number) => Promise<LiveResult<N>>;
  };
};

const pageChanges = new EventTarget();

/** Tells page-scoped subscriptions of that tab to re-run (called when a content script reports). */
export function notifyPageChanged(tabId: number): void {
  pageChanges.dispatchEvent(new CustomEvent('change', { detail: tabId }));
}

/**
 * Serves live subscriptions over ports. Every write goes through this worker, so Dexie's liveQuery
 * here sees each change and pushes fresh results to every subscriber in every tab.
 */
export function serveLive(
  queries: LiveQueries,
  pageOf: (tabId: number) => Promise<{ snapshot: PageSnapshot; loadingSince?: number } | null>,
): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    const caller = port.sender ? callerOf(port.sender, browser.runtime.id) : undefined;
    if (!caller) {
      port.disconnect();
      return;
    }
    const tabId = port.sender?.tab?.id;
    const active = new Map<number, () => void>();
    const post = (message: LiveServerMessage) => {
      try {
        port.postMessage(message);
      } catch {
        // The subscriber went away between the change and the push.
      }
    };
    const fail = (id: number, error: RpcError) => post({ kind: 'error', id, error: toWire(error) });

    port.onMessage.addListener((raw: unknown) => {
      const message = LiveClientMessageSchema.safeParse(raw);
      if (!message.success) return;
      const { id } = message.data;
      active.get(id)?.();
      active.delete(id);
      if (message.data.kind === 'unsubscribe') return;

      const { name } = message.data;
      if (!Object.hasOwn(LIVE, name)) return fail(id, new RpcError('invalid', `Unknown subscription "${name}".`));
      const definition = LIVE[name as LiveName];
      if (!definition.callers.includes(caller)) {
        return fail(id, new RpcError('forbidden', `"${name}" may not be subscribed to from a ${caller} script.`));
      }
      const params = definition.params.safeParse(message.data.params);
      if (!params.success) return fail(id, new RpcError('invalid', `${name}: ${describeZodError(params.error)}`));
      // One query per name; the union of their signatures is too wide for TypeScript to call directly.
      const run = queries[name as LiveName].run as (
        params: unknown,
        page: PageSnapshot | null,
        loadingSince?: number,
      ) => Promise<unknown>;
      const { pageScoped } = queries[name as LiveName];

      let dexieSubscription: Subscription | undefined;
      let stopped = false;
      const start = async () => {
        // A panel frame the page made (a copy of ours) subscribes to nothing (utils/messaging/panel-keys.ts).
        if (isPanelPage(port.sender?.url) && !(await isOwnPanel(tabId, port.sender?.frameId))) {
          return fail(id, new RpcError('forbidden', PANEL_NOT_OURS));
        }
        const page = pageScoped && tabId !== undefined ? await pageOf(tabId) : null;
        if (stopped) return;
        dexieSubscription?.unsubscribe();
        dexieSubscription = liveQuery(() => run(params.data, page?.snapshot ?? null, page?.loadingSince)).subscribe({
          next: (value) => post({ kind: 'result', id, value }),
          error: (error: unknown) => fail(id, toRpcError(error)),
        });
      };
      const onPageChange = (event: Event) => {
        if ((event as CustomEvent<number>).detail === tabId) void start();
      };
      if (pageScoped) pageChanges.addEventListener('change', onPageChange);
      active.set(id, () => {
        stopped = true;
        dexieSubscription?.unsubscribe();
        pageChanges.removeEventListener('change', onPageChange);
      });
      void start();
    });
    port.onDisconnect.addListener(() => {
      for (const stop of active.values()) stop();
      active.clear();
    });
  });
}
