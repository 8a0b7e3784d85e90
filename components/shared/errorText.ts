import { DomainError } from '@/utils/errors';
import type { MessageKey } from '@/utils/i18n/strings';
import { RpcError } from '@/utils/messaging/errors';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** An error in the UI's language where its reason is known; otherwise its own readable message. */
export function errorText(t: Translate, error: unknown): string {
  if ((error instanceof RpcError || error instanceof DomainError) && error.detail)
    return t(`error.${error.detail.reason}`, error.detail.values);
  return error instanceof Error ? error.message : String(error);
}
