import { DomainError } from '@/utils/errors';
import { isMessageKey, type MessageKey } from '@/utils/i18n/strings';
import { RpcError } from '@/utils/messaging/errors';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * An error in the UI's language. A refusal with a reason code (its detail) is always worded from
 * utils/i18n — a code this build has no words for gets the generic `error.unknown`, never the English
 * developer message. Only an error without a code (a plain Error whose message the UI wrote itself
 * through `t()`, or a messaging-layer failure) shows its own message.
 */
export function errorText(t: Translate, error: unknown): string {
  if ((error instanceof RpcError || error instanceof DomainError) && error.detail) {
    const key = `error.${error.detail.reason}`;
    return isMessageKey(key) ? t(key, error.detail.values) : t('error.unknown');
  }
  return error instanceof Error ? error.message : String(error);
}
