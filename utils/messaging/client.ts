import { browser } from 'wxt/browser';
import { describeZodError, RpcError } from './errors';
import { RPC, type RpcInput, type RpcName, type RpcOutput, RpcResponseSchema } from './protocol';
import { isNoReceiver } from './wake';

/** A call that has not been answered by then is reported, never left hanging. */
const CALL_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RpcError('unreachable', `DM Sidekick's background did not answer "${name}" in time.`)),
      CALL_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Calls the background: validates the input before sending and the answer after receiving, and
 * rejects with an RpcError (code + readable message) on every failure.
 */
export async function call<N extends RpcName>(name: N, input: RpcInput<N>): Promise<RpcOutput<N>> {
  const definition = RPC[name];
  const parsedInput = definition.input.safeParse(input);
  if (!parsedInput.success) throw new RpcError('invalid', `${name}: ${describeZodError(parsedInput.error)}`);

  const request = { kind: 'dms.rpc', name, input: parsedInput.data } as const;
  const send = () => withTimeout(browser.runtime.sendMessage(request), name);
  let raw: unknown;
  try {
    raw = await send();
  } catch (error) {
    if (error instanceof RpcError) throw error;
    // A stopped service worker is being woken up: one retry covers the gap.
    if (!isNoReceiver(error)) throw new RpcError('unreachable', `${name}: ${(error as Error).message}`);
    try {
      raw = await send();
    } catch (retryError) {
      if (retryError instanceof RpcError) throw retryError;
      throw new RpcError('unreachable', `${name}: ${(retryError as Error).message}`);
    }
  }

  const response = RpcResponseSchema.safeParse(raw);
  if (!response.success) throw new RpcError('internal', `${name}: malformed answer from the background`);
  if (!response.data.ok) {
    const { code, message, detail } = response.data.error;
    throw new RpcError(code, message, detail);
  }
  const output = definition.output.safeParse(response.data.value);
  if (!output.success) throw new RpcError('invalid', `${name} answered: ${describeZodError(output.error)}`);
  return output.data as RpcOutput<N>;
}
