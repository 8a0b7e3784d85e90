import { z } from 'zod';
import type { DbErrorReason } from '../db/errors';
import { DomainError, describeZodError, type ErrorDetail, ErrorDetailSchema } from '../errors';
import type { PackErrorReason } from '../packs/errors';
import type { SlaErrorReason } from '../sla/errors';
import type { SyncErrorReason } from '../sync/errors';
import type { FileErrorReason } from '../text-file';

export const RpcErrorCodeSchema = z.enum([
  /** The payload failed validation (on either end). */
  'invalid',
  /** The caller may not make this call (e.g. a content script asking for a delete). */
  'forbidden',
  /** No such record. */
  'not-found',
  /** The disk is full: nothing was written. */
  'quota',
  /** The background did not answer in time or could not be reached. */
  'unreachable',
  /** Anything else, with its message. */
  'internal',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCodeSchema>;

/**
 * A refusal on the wire — a call's answer, a live subscription's error, a failed job — defined once here:
 * the code to branch on, the developer's English message and, for a domain refusal, the reason code and
 * values the UI words in its language (components/shared/errorText.ts; never the message when present).
 */
export const RpcErrorWireSchema = z.strictObject({
  code: RpcErrorCodeSchema,
  message: z.string(),
  detail: ErrorDetailSchema.optional(),
});
export type RpcErrorWire = z.infer<typeof RpcErrorWireSchema>;

/** The one error type every call rejects with: a code to branch on and a message a person can read. */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }
}

type DomainReason = DbErrorReason | PackErrorReason | SlaErrorReason | SyncErrorReason | FileErrorReason;

/** Each domain reason's code on the wire (a new reason does not compile until it is placed here). */
const RPC_CODE_OF: Record<DomainReason, RpcErrorCode> = {
  'record-gone': 'not-found',
  'name-taken': 'invalid',
  'template-locked': 'forbidden',
  'settings-invalid': 'invalid',
  'disk-full': 'quota',
  'backup-refused': 'invalid',
  'pack-refused': 'invalid',
  'export-refused': 'invalid',
  'url-refused': 'invalid',
  'not-updatable': 'invalid',
  'pack-gone': 'not-found',
  'not-installed': 'not-found',
  'template-gone': 'not-found',
  'server-unreachable': 'unreachable',
  'reminder-time': 'invalid',
  'conversation-gone': 'not-found',
  'server-url-refused': 'invalid',
  'file-too-large': 'invalid',
  'file-not-utf8': 'invalid',
};

/** The boundary: whatever a handler threw, as the RpcError its caller receives. */
/** An RpcError as it crosses the wire (its detail only where it has one). */
export const toWire = ({ code, message, detail }: RpcError): RpcErrorWire =>
  detail ? { code, message, detail } : { code, message };

export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  if (error instanceof DomainError) {
    return new RpcError(RPC_CODE_OF[error.reason as DomainReason] ?? 'internal', error.message, error.detail);
  }
  if (error instanceof z.ZodError) return new RpcError('invalid', describeZodError(error));
  return new RpcError('internal', error instanceof Error ? error.message : String(error));
}
