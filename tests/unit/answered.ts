import { expect } from 'vitest';
import { DomainError } from '@/utils/errors';
import { type RpcError, toRpcError } from '@/utils/messaging/errors';

/**
 * What a caller receives for `work`'s refusal: it must be a domain error (not a stray exception), as the
 * RpcError the messaging boundary makes of it.
 */
export async function answeredError(work: Promise<unknown> | (() => unknown)): Promise<RpcError> {
  let thrown: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  return toRpcError(thrown);
}
