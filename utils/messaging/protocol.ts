import { z } from 'zod';
import { PageSnapshotSchema } from '../platforms/types';
import { RpcErrorCodeSchema } from './errors';

/**
 * Who may make a call. Content scripts run inside the host page's renderer, which a compromised page
 * could drive, so they may only report what they see, read and insert. Extension pages (panel,
 * dashboard, popup) may do everything.
 */
export type Caller = 'content' | 'extension';

type RpcDefinition = { input: z.ZodType; output: z.ZodType; callers: readonly Caller[] };
const rpc = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, callers: readonly Caller[]) => ({
  input,
  output,
  callers,
});

/** Every request/response call to the background: name → input schema, output schema, allowed callers. */
export const RPC = {
  /** A content script's view of its page changed. */
  'page.report': rpc(PageSnapshotSchema, z.null(), ['content']),
} satisfies Record<string, RpcDefinition>;

export type RpcName = keyof typeof RPC;
export type RpcInput<N extends RpcName> = z.input<(typeof RPC)[N]['input']>;
export type RpcOutput<N extends RpcName> = z.output<(typeof RPC)[N]['output']>;

export const RpcRequestSchema = z.strictObject({
  kind: z.literal('dms.rpc'),
  name: z.string().max(100),
  input: z.unknown(),
});

export const RpcResponseSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: RpcErrorCodeSchema, message: z.string() }) }),
]);
export type RpcResponse = z.infer<typeof RpcResponseSchema>;
