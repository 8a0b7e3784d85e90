import { browser } from 'wxt/browser';
import { describeZodError, RpcError } from './errors';
import {
  LIVE,
  LIVE_PORT,
  type LiveClientMessage,
  type LiveName,
  type LiveParams,
  type LiveResult,
  LiveServerMessageSchema,
} from './protocol';

type Subscription = {
  name: LiveName;
  params: unknown;
  onResult: (value: unknown) => void;
  onError: (error: RpcError) => void;
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
      subscription.onError(new RpcError(message.data.error.code, message.data.error.message));
      return;
    }
    const result = LIVE[subscription.name].result.safeParse(message.data.value);
    if (result.success) subscription.onResult(result.data);
    else subscription.onError(new RpcError('invalid', `${subscription.name}: ${describeZodError(result.error)}`));
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
  }
}

/** Calls `onResult` with the query's result now and again after every change. Returns the unsubscribe. */
export function subscribe<N extends LiveName>(
  name: N,
  params: LiveParams<N>,
  onResult: (value: LiveResult<N>) => void,
  onError: (error: RpcError) => void = (error) => console.error(`DM Sidekick: ${error.message}`),
): () => void {
  const id = nextId++;
  subscriptions.set(id, { name, params, onResult: onResult as (value: unknown) => void, onError });
  send({ kind: 'subscribe', id, name, params });
  return () => {
    subscriptions.delete(id);
    if (port) port.postMessage({ kind: 'unsubscribe', id } satisfies LiveClientMessage);
  };
}
