import { browser } from 'wxt/browser';
import { because, describeZodError } from '../errors';
import { RpcError } from './errors';
import { RPC, type RpcInput, type RpcName, type RpcOutput, RpcResponseSchema } from './protocol';
import { isTransientSendError } from './wake';

/**
 * One attempt that has not been answered by then is sent again (same request id), never left hanging. A long
 * call waits longer: sent again after 10 s, a long read (an export, a large pack's preview) would run twice
 * at once in the worker, each slower for the other.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;
const LONG_ATTEMPT_TIMEOUT_MS = 2 * 60_000;
/**
 * How long a call keeps trying before it reports "unreachable", by kind: long work (a restore of tens of
 * thousands of conversations, a large pack) takes longer than a click's write.
 */
const CALL_DEADLINE_MS = 30_000;
const LONG_CALL_DEADLINE_MS = 5 * 60_000;
const LONG_CALLS: ReadonlySet<RpcName> = new Set<RpcName>([
  // Answered once its file has arrived and the job is recorded; the restore itself is a job (jobs.latest).
  'backup.restore',
  'packs.apply',
  'packs.previewFile',
  'packs.previewUrl',
  'packs.checkUpdate',
  'packs.export',
  'metrics.compute',
]);
/** Between attempts while a stopped worker starts again. */
const RETRY_DELAY_MS = 200;

class AttemptTimeout extends Error {}
/**
 * The background answers every request of ours. No answer at all is a worker stopped while it handled the
 * call: webextension-polyfill resolves Chrome's "message port closed before a response was received" as
 * `undefined` (measured: tests/e2e/exactly-once.spec.ts), so the call may or may not have been applied.
 */
class LostAnswer extends Error {}

async function attempt(request: unknown, timeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout()), timeoutMs);
  });
  try {
    const answer = await Promise.race([browser.runtime.sendMessage(request), timeout]);
    if (answer === undefined) throw new LostAnswer();
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls the background: validates the input before sending and the answer after receiving, and
 * rejects with an RpcError (code + readable message) on every failure. Each call carries its own request
 * id: a stopped worker, a lost answer or a slow one make the client send the same request again, and the
 * background applies it once and answers the retry with the first answer. So a confirmed write is stored
 * once, and a call reported as failed by the background stored nothing.
 */
export async function call<N extends RpcName>(name: N, input: RpcInput<N>): Promise<RpcOutput<N>> {
  const definition = RPC[name];
  const parsedInput = definition.input.safeParse(input);
  if (!parsedInput.success) throw new RpcError('invalid', `${name}: ${describeZodError(parsedInput.error)}`);

  const request = { kind: 'dms.rpc', name, input: parsedInput.data, requestId: crypto.randomUUID() } as const;
  const long = LONG_CALLS.has(name);
  const deadline = Date.now() + (long ? LONG_CALL_DEADLINE_MS : CALL_DEADLINE_MS);
  let raw: unknown;
  for (;;) {
    try {
      raw = await attempt(request, long ? LONG_ATTEMPT_TIMEOUT_MS : ATTEMPT_TIMEOUT_MS);
      break;
    } catch (error) {
      const transient = error instanceof AttemptTimeout || error instanceof LostAnswer || isTransientSendError(error);
      if (!transient) throw new RpcError('unreachable', `${name}: ${(error as Error).message}`);
      if (Date.now() >= deadline) {
        throw new RpcError(
          'unreachable',
          `DM Sidekick's background did not answer "${name}" in time.`,
          because('background-unreachable'),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
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
