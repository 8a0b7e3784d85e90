import { describe, expect, it } from 'vitest';
import { errorText } from '@/components/shared/errorText';
import { createTag } from '@/utils/db/operations';
import { DomainError, ErrorReasonSchema } from '@/utils/errors';
import { isMessageKey, type Language, type MessageKey, translate } from '@/utils/i18n/strings';
import { RpcError, toRpcError, toWire } from '@/utils/messaging/errors';
import { RpcResponseSchema } from '@/utils/messaging/protocol';
import { freshDatabase } from '../db/helpers';

// Domain refusals reach the UI as a reason code and values (utils/errors.ts ErrorReasonSchema); the UI
// words them from utils/i18n in its language and never shows the module's English message.

const inLanguage = (language: Language) => (key: MessageKey, values?: Record<string, string | number>) =>
  translate(language, key, values);

/** What the UI holds after a call refused: the handler's error, across the wire as the client rebuilds it. */
function acrossTheWire(error: unknown): RpcError {
  const answer = RpcResponseSchema.parse(JSON.parse(JSON.stringify({ ok: false, error: toWire(toRpcError(error)) })));
  if (answer.ok) throw new Error('expected a refusal');
  return new RpcError(answer.error.code, answer.error.message, answer.error.detail);
}

describe('domain refusals in the UI language', () => {
  it('words every reason code in English and German (a missing one fails)', () => {
    const missing = ErrorReasonSchema.options.flatMap((reason) => {
      const key = `error.${reason}`;
      if (!isMessageKey(key)) return [`${key} (en, de)`];
      return (['en', 'de'] as const).filter((language) => !translate(language, key).trim()).map((l) => `${key} (${l})`);
    });
    expect(missing).toEqual([]);
    // The German table is a Record<MessageKey, string>; a word copied over untranslated counts as missing.
    const untranslated = ErrorReasonSchema.options
      .map((reason) => `error.${reason}` as MessageKey)
      .filter((key) => translate('de', key) === translate('en', key));
    expect(untranslated).toEqual([]);
  });

  it('shows a taken tag name as the German sentence naming it, not the English message', async () => {
    const db = freshDatabase();
    await createTag(db, { name: 'Stammkunde' });
    const refusal = await createTag(db, { name: 'Stammkunde ' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    const received = acrossTheWire(refusal);
    expect(received.code).toBe('invalid');
    expect(received.detail).toEqual({ reason: 'name-taken', values: { name: 'Stammkunde' } });
    expect(errorText(inLanguage('de'), received)).toBe('Ein Tag namens „Stammkunde“ gibt es schon.');
    expect(errorText(inLanguage('en'), received)).toBe('A tag named "Stammkunde" already exists.');
    expect(errorText(inLanguage('de'), received)).not.toContain('already exists');
  });

  it('falls back to a generic word for a code this build does not know, never to the message', () => {
    const unknown = new RpcError('invalid', 'Something English', {
      reason: 'not-a-reason' as never,
      values: {},
    });
    expect(errorText(inLanguage('de'), unknown)).toBe(translate('de', 'error.unknown'));
  });
});
