import { useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import { formatDateTime } from '@/utils/i18n/format';
import { call } from '@/utils/messaging/client';
import { PLATFORM_LABELS, threadUrl } from '@/utils/platforms/sites';
import { formatDuration } from '@/utils/sla/clock';
import { useI18n } from '../shared/i18n';
import { NotesSection } from '../shared/NotesSection';
import { useLive } from '../shared/useLive';
import { ConsentSection } from './ConsentSection';
import { PersonExport } from './PersonExport';

/** One person: identities, notes, custom fields, conversations with response times; edit or forget. */
export function ContactView({ contactId, onClose }: { contactId: string; onClose: () => void }) {
  const { t, language } = useI18n();
  const view = useLive('contact.view', { contactId });
  const [field, setField] = useState({ key: '', value: '' });
  const [error, setError] = useState<string | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  if (view.status !== 'ready' || !view.value) {
    return view.status === 'error' ? <p role="alert">{errorText(t, view.error)}</p> : null;
  }
  const { contact, identities, conversations, notes, responses } = view.value;
  const attempt = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (e: Error) => setError(errorText(t, e)),
    );
  const setFields = (customFields: Record<string, string>) =>
    attempt(call('contacts.update', { id: contact.id, patch: { customFields } }));

  return (
    <section
      aria-label={t('contact.region', { name: contact.displayName })}
      className="flex flex-col gap-3 rounded border border-zinc-300 p-4 dark:border-zinc-600"
    >
      <div className="flex items-start justify-between">
        <div>
          <h2 className="text-lg font-semibold">{contact.displayName}</h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {[contact, ...identities]
              .map((c) => `${PLATFORM_LABELS[c.platform]}: ${c.handle ?? c.platformId}`)
              .join(' · ')}
          </p>
          <p className="text-xs text-zinc-700 dark:text-zinc-300">
            {t('contact.source', {
              platform: PLATFORM_LABELS[contact.platform],
              time: formatDateTime(language, contact.createdAt),
            })}
          </p>
        </div>
        <button type="button" onClick={onClose} aria-label={t('contact.close')}>
          ×
        </button>
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      <section aria-label={t('contact.customFields')} className="flex flex-col gap-1 text-sm">
        <h3 className="font-semibold">{t('contact.customFields')}</h3>
        <dl className="grid grid-cols-[auto_1fr_auto] gap-x-3 gap-y-1">
          {Object.entries(contact.customFields).map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-medium">{key}</dt>
              <dd>{value}</dd>
              <button
                type="button"
                aria-label={t('contact.removeField', { key })}
                onClick={() =>
                  void setFields(Object.fromEntries(Object.entries(contact.customFields).filter(([k]) => k !== key)))
                }
              >
                ×
              </button>
            </div>
          ))}
        </dl>
        <form
          className="flex flex-wrap gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (!field.key.trim()) return;
            void setFields({ ...contact.customFields, [field.key.trim()]: field.value }).then(() =>
              setField({ key: '', value: '' }),
            );
          }}
        >
          <input
            aria-label={t('contact.fieldName')}
            placeholder={t('contact.fieldNamePlaceholder')}
            value={field.key}
            onChange={(e) => setField({ ...field, key: e.target.value })}
            className="w-32 rounded border border-zinc-400 bg-transparent p-1"
          />
          <input
            aria-label={t('contact.fieldValue')}
            value={field.value}
            onChange={(e) => setField({ ...field, value: e.target.value })}
            className="min-w-0 flex-1 rounded border border-zinc-400 bg-transparent p-1"
          />
          <button type="submit" className="rounded border border-zinc-400 px-2">
            {t('contact.addField')}
          </button>
        </form>
      </section>
      <section aria-label={t('contact.history')} className="text-sm">
        <h3 className="font-semibold">{t('contact.conversations')}</h3>
        <ul>
          {conversations.map((c) => (
            <li key={c.id}>
              <a className="underline" href={threadUrl(c.platform, c.threadId)} target="_blank" rel="noreferrer">
                {PLATFORM_LABELS[c.platform]}
              </a>{' '}
              · {t(`status.${c.status}`)}
              {c.firstResponseMs !== undefined &&
                ` · ${t('contact.firstResponse', { duration: formatDuration(c.firstResponseMs, language) })}`}
            </li>
          ))}
        </ul>
        <h3 className="mt-2 font-semibold">{t('contact.responseTimes')}</h3>
        <ul aria-label={t('contact.responseTimes')}>
          {responses.map((r) => (
            <li key={r.id}>
              {formatDateTime(language, r.inboundAt)}:{' '}
              {r.answeredAt === undefined
                ? t('contact.notAnswered')
                : t('contact.answeredAfter', { duration: formatDuration(r.answeredAt - r.inboundAt, language) })}
            </li>
          ))}
        </ul>
      </section>
      <NotesSection contactId={contact.id} notes={notes} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={contact.doNotContact === true}
          onChange={(e) =>
            void attempt(call('contacts.update', { id: contact.id, patch: { doNotContact: e.target.checked } }))
          }
        />
        {t('contact.doNotContact')}
      </label>
      <ConsentSection contact={contact} onError={setError} />
      <PersonExport contactId={contact.id} name={contact.displayName} onError={setError} />
      <div className="flex items-center gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-700">
        {confirmForget ? (
          <>
            <span className="text-sm">{t('contact.forgetConfirm', { name: contact.displayName })}</span>
            <button
              type="button"
              className="rounded bg-red-700 px-3 py-1 text-white"
              onClick={() => void attempt(call('contacts.delete', { id: contact.id })).then(onClose)}
            >
              {t('contact.forgetForGood')}
            </button>
            <button type="button" onClick={() => setConfirmForget(false)}>
              {t('contact.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="rounded border border-red-700 px-3 py-1 text-red-700 dark:border-red-400 dark:text-red-300"
            onClick={() => setConfirmForget(true)}
          >
            {t('contact.forget')}
          </button>
        )}
      </div>
    </section>
  );
}
