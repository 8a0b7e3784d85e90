import { type FormEvent, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import { type Consent, ConsentSchema, type Contact } from '@/utils/db/schema';
import { formatDateTime } from '@/utils/i18n/format';
import { call } from '@/utils/messaging/client';
import { useI18n } from '../shared/i18n';

const METHODS = ConsentSchema.shape.method.options;
const STATUSES = ConsentSchema.shape.status.options;

/** "YYYY-MM-DDTHH:MM" in local time, what a datetime-local field shows. */
const localInput = (time: number) => {
  const date = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
};

/**
 * The person's consent to marketing messages (given or withdrawn, when, how, where from): recorded
 * with proof in mind — German law asks for documented prior consent before marketing DMs.
 */
export function ConsentSection({ contact, onError }: { contact: Contact; onError: (message: string) => void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Omit<Consent, 'at'> & { at: string }>(() => ({
    status: contact.consent?.status ?? 'given',
    method: contact.consent?.method ?? 'chat',
    source: contact.consent?.source ?? '',
    at: localInput(contact.consent?.at ?? Date.now()),
  }));
  const save = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(draft.at).getTime();
    call('contacts.update', {
      id: contact.id,
      patch: { consent: { ...draft, at: Number.isNaN(at) ? Date.now() : at } },
    }).catch((error: Error) => onError(errorText(t, error)));
  };
  const field = 'rounded border border-zinc-400 bg-transparent p-1 dark:border-zinc-500';
  return (
    <section aria-labelledby={`consent-${contact.id}`} className="flex flex-col gap-1 text-sm">
      <h3 id={`consent-${contact.id}`} className="font-semibold">
        {t('contact.consent.heading')}
      </h3>
      <p data-testid="consent-current">
        {contact.consent
          ? t('contact.consent.current', {
              status: t(`consent.status.${contact.consent.status}`),
              time: formatDateTime(language, contact.consent.at),
              method: t(`consent.method.${contact.consent.method}`),
              source: contact.consent.source || '—',
            })
          : t('contact.consent.none')}
      </p>
      <form onSubmit={save} className="flex flex-wrap items-center gap-1">
        <select
          aria-label={t('contact.consent.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as Consent['status'] })}
          className={field}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`consent.status.${status}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('contact.consent.method')}
          value={draft.method}
          onChange={(e) => setDraft({ ...draft, method: e.target.value as Consent['method'] })}
          className={field}
        >
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`consent.method.${method}`)}
            </option>
          ))}
        </select>
        <input
          type="datetime-local"
          aria-label={t('contact.consent.at')}
          value={draft.at}
          onChange={(e) => setDraft({ ...draft, at: e.target.value })}
          className={field}
        />
        <input
          aria-label={t('contact.consent.source')}
          placeholder={t('contact.consent.source')}
          value={draft.source}
          maxLength={500}
          onChange={(e) => setDraft({ ...draft, source: e.target.value })}
          className={`${field} min-w-0 flex-1`}
        />
        <button type="submit" className="rounded border border-zinc-500 px-2 py-1">
          {t('contact.consent.save')}
        </button>
      </form>
    </section>
  );
}
