import { z } from 'zod';

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

/** The one error type every call rejects with: a code to branch on and a message a person can read. */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A zod failure as one readable line per problem: `templates.3.body: Too big: expected string to have <=20000 characters`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
