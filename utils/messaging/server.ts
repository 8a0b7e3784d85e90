import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { describeZodError } from '../errors';
import { RpcError, toRpcError, toWire } from './errors';
import { isOwnPanel, isPanelPage, PANEL_NOT_OURS } from './panel-keys';
import { type Caller, RPC, type RpcName, type RpcOutput, RpcRequestSchema, type RpcResponse } from './protocol';

export type CallContext = {
  caller: Caller;
  /** The tab of a content script or of an extension page embedded in a tab (the panel). */
  tabId?: number;
  frameId?: number;
  /** The URL of the sending frame (a content script's page), as the browser reports it. */
  url?: string;
};

export type RpcHandlers = {
  [N in RpcName]: (
    input: z.output<(typeof RPC)[N]['input']>,
    context: CallContext,
  ) => Promise<RpcOutput<N>> | RpcOutput<N>;
};

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:', 'safari-web-extension:'];

/** Only this extension's own pages and content scripts; which of the two decides what may be called. */
export function callerOf(sender: Browser.runtime.MessageSender, ownId: string): Caller | undefined {
  if (sender.id !== ownId || !sender.url) return undefined;
  return EXTENSION_SCHEMES.includes(new URL(sender.url).protocol) ? 'extension' : 'content';
}

/** Validates, authorizes and runs one request; every failure becomes a typed error answer. */
export async function handleRpc(handlers: RpcHandlers, message: unknown, context: CallContext): Promise<RpcResponse> {
  const request = RpcRequestSchema.safeParse(message);
  if (!request.success) return failure(new RpcError('invalid', 'Not a DM Sidekick request.'));
  const { name } = request.data;
  if (!Object.hasOwn(RPC, name)) return failure(new RpcError('invalid', `Unknown call "${name}".`));
  const definition = RPC[name as RpcName];
  if (!definition.callers.includes(context.caller)) {
    return failure(new RpcError('forbidden', `"${name}" may not be called from a ${context.caller} script.`));
  }
  const input = definition.input.safeParse(request.data.input);
  if (!input.success) return failure(new RpcError('invalid', `${name}: ${describeZodError(input.error)}`));
  try {
    const handler = handlers[name as RpcName] as (input: unknown, context: CallContext) => unknown;
    return { ok: true, value: await handler(input.data, context) };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): RpcResponse {
  return { ok: false, error: toWire(toRpcError(error)) };
}

/** Applies each request id at most once and answers its retries with the first answer (utils/messaging/request-log.ts). */
export type RequestLog = {
  once(requestId: string, name: RpcName, apply: () => Promise<RpcResponse>): Promise<RpcResponse>;
};

/** Installs the background's one message listener. Messages that are not ours are left alone. */
export function serveRpc(handlers: RpcHandlers, log?: RequestLog): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = RpcRequestSchema.safeParse(message);
    if (!request.success) return undefined;
    const caller = callerOf(sender, browser.runtime.id);
    if (!caller) return Promise.resolve(failure(new RpcError('forbidden', 'Unknown sender.')));
    const apply = () =>
      handleRpc(handlers, message, { caller, tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url });
    const { requestId, name } = request.data;
    const answer = () => {
      // Only this extension's pages write; unknown names get no memory (handleRpc refuses them).
      if (!log || !requestId || caller !== 'extension' || !Object.hasOwn(RPC, name)) return apply();
      return log.once(requestId, name as RpcName, apply).catch(failure);
    };
    // A panel frame the page made (a copy of ours) may only try to claim a key: it gets nothing else.
    if (!isPanelPage(sender.url) || name === 'panel.claim') return answer();
    return isOwnPanel(sender.tab?.id, sender.frameId).then((own) =>
      own ? answer() : failure(new RpcError('forbidden', PANEL_NOT_OURS)),
    );
  });
}
