import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { describeZodError, RpcError } from './errors';
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
  if (error instanceof RpcError) return { ok: false, error: { code: error.code, message: error.message } };
  if (error instanceof z.ZodError) return { ok: false, error: { code: 'invalid', message: describeZodError(error) } };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message } };
}

/** Installs the background's one message listener. Messages that are not ours are left alone. */
export function serveRpc(handlers: RpcHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!RpcRequestSchema.safeParse(message).success) return undefined;
    const caller = callerOf(sender, browser.runtime.id);
    if (!caller) return Promise.resolve(failure(new RpcError('forbidden', 'Unknown sender.')));
    return handleRpc(handlers, message, {
      caller,
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
    });
  });
}
