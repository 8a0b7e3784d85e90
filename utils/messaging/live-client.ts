import { browser } from 'wxt/browser';
import { describeZodError } from '../errors';
import { RpcError } from './errors';
import {
  LIVE,
  LIVE_PORT,
  type LiveClientMessage,
  type LiveName,
  type LiveParams,
  type LiveResult,
  LiveServerMessageSchema,
} from './protocol';

type Listener = { onResult: (value: unknown) => void; onError: (error: RpcError) => void };

/** One server subscription per query and parameters, shared by every listener of the page. */
type Subscription = {
  name: LiveName;
  params: unknown;
  listeners: Set<Listener>;
  /** The latest answer, for listeners that join later. */
  last?: { value: unknown } | { error: RpcError };
};

/**
 * One port per page to the background, carrying every live subscription of that page. MV3 stops an
 * idle service worker and with it the port: the client reconnects and resubscribes, so subscribers
 * never hang on a dead channel.
 */
let port: ReturnType<typeof browser.runtime.connect> | undefined;
let nextId = 1;
let reconnectDelay = 50;
const subscriptions = new Map<number, Subscription>();
const idsByKey = new Map<string, number>();

function deliver(listener: Listener, answer: NonNullable<Subscription['last']>) {
  if ('error' in answer) listener.onError(answer.error);
  else listener.onResult(answer.value);
}

function answer(subscription: Subscription, last: NonNullable<Subscription['last']>) {
  subscription.last = last;
  for (const listener of subscription.listeners) deliver(listener, last);
}

function send(message: LiveClientMessage) {
  connect().postMessage(message);
}

function connect() {
  if (port) return port;
  const opened = browser.runtime.connect({ name: LIVE_PORT });
  port = opened;
  opened.onMessage.addListener((raw: unknown) => {
    reconnectDelay = 50;
    const message = LiveServerMessageSchema.safeParse(raw);
    if (!message.success) return;
    const subscription = subscriptions.get(message.data.id);
    if (!subscription) return;
    if (message.data.kind === 'error') {
      answer(subscription, {
        error: new RpcError(message.data.error.code, message.data.error.message, message.data.error.detail),
      });
      return;
    }
    const result = LIVE[subscription.name].result.safeParse(message.data.value);
    answer(
      subscription,
      result.success
        ? { value: result.data }
        : { error: new RpcError('invalid', `${subscription.name}: ${describeZodError(result.error)}`) },
    );
  });
  opened.onDisconnect.addListener(() => {
    port = undefined;
    if (subscriptions.size === 0) return;
    // The worker was stopped (or is restarting): come back and ask again for everything.
    setTimeout(resubscribeAll, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 5_000);
  });
  return opened;
}

function resubscribeAll() {
  try {
    for (const [id, { name, params }] of subscriptions) send({ kind: 'subscribe', id, name, params });
  } catch {
    // The extension was reloaded or removed: this page's connection is gone for good.
    subscriptions.clear();
    idsByKey.clear();
  }
}

/**
 * Calls `onResult` with the query's result now and again after every change. Returns the unsubscribe.
 * Listeners of the same query and parameters share one subscription: a listener that joins later gets
 * the latest result at once (so a page can ask early, while its UI is still starting).
 */
export function subscribe<N extends LiveName>(
  name: N,
  params: LiveParams<N>,
  onResult: (value: LiveResult<N>) => void,
  onError: (error: RpcError) => void = (error) => console.error(`DM Sidekick: ${error.message}`),
): () => void {
  const key = `${name} ${JSON.stringify(params)}`;
  const id = idsByKey.get(key) ?? nextId++;
  const subscription = subscriptions.get(id) ?? { name, params, listeners: new Set<Listener>() };
  if (!subscriptions.has(id)) {
    subscriptions.set(id, subscription);
    idsByKey.set(key, id);
    send({ kind: 'subscribe', id, name, params });
  }
  const listener: Listener = { onResult: onResult as (value: unknown) => void, onError };
  subscription.listeners.add(listener);
  if (subscription.last) deliver(listener, subscription.last);
  return () => {
    subscription.listeners.delete(listener);
    if (subscription.listeners.size > 0 || subscriptions.get(id) !== subscription) return;
    subscriptions.delete(id);
    idsByKey.delete(key);
    if (port) port.postMessage({ kind: 'unsubscribe', id } satisfies LiveClientMessage);
  };
}
