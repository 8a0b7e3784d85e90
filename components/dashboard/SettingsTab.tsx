import { type FormEvent, useState } from 'react';
import { browser } from 'wxt/browser';
import { errorText } from '@/components/shared/errorText';
import type { Settings } from '@/utils/db/schema';
import type { Language, MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { useI18n } from '../shared/i18n';

/** Short weekday names, index 0 = Sunday (2024-01-07 was a Sunday). */
const weekdayNames = (language: Language) => {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 7 + day))));
};
const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';

/** My name and signature (for variables), language, SLA policies, business hours, notifications. */
export function SettingsTab({ settings }: { settings: Settings }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState(settings);
  // Own messages are kept as keys, so that they follow a language switched by this very save.
  const [status, setStatus] = useState<
    { kind: 'ok' | 'error'; key: MessageKey } | { kind: 'error'; key?: undefined; text: string } | null
  >(null);
  const hours = draft.businessHours;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // Notifications need the optional permission, asked for at the moment the user switches them on.
      if (draft.notifications && !(await browser.permissions.request({ permissions: ['notifications'] }))) {
        setDraft({ ...draft, notifications: false });
        setStatus({ kind: 'error', key: 'settings.notificationsDenied' });
        return;
      }
      setDraft(await call('settings.update', draft));
      setStatus({ kind: 'ok', key: 'settings.saved' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(t, error) });
    }
  };

  const setPolicy = (index: number, patch: Partial<Settings['slaPolicies'][number]>) =>
    setDraft({ ...draft, slaPolicies: draft.slaPolicies.map((p, i) => (i === index ? { ...p, ...patch } : p)) });

  return (
    <form onSubmit={save} aria-label={t('settings.form')} className="flex max-w-2xl flex-col gap-4">
      <label className="flex flex-col gap-1">
        {t('settings.myName')}
        <input
          value={draft.myName}
          onChange={(e) => setDraft({ ...draft, myName: e.target.value })}
          className={field}
        />
      </label>
      <label className="flex flex-col gap-1">
        {t('settings.signature')}
        <textarea
          rows={3}
          value={draft.signature}
          onChange={(e) => setDraft({ ...draft, signature: e.target.value })}
          className={field}
        />
      </label>
      <label className="flex flex-col gap-1">
        {t('settings.language')}
        <select
          value={draft.language}
          onChange={(e) => setDraft({ ...draft, language: e.target.value as Settings['language'] })}
          className={field}
        >
          <option value="auto">{t('settings.languageAuto')}</option>
          <option value="en">English</option>
          <option value="de">Deutsch</option>
        </select>
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-semibold">{t('settings.slaPolicies')}</legend>
        {draft.slaPolicies.map((policy, i) => (
          <div key={policy.id} className="flex flex-wrap items-center gap-2">
            <input
              aria-label={t('settings.policyName')}
              value={policy.name}
              onChange={(e) => setPolicy(i, { name: e.target.value })}
              className={`${field} flex-1`}
            />
            <label className="flex items-center gap-1 text-sm">
              {t('settings.target')}
              <input
                type="number"
                min={1}
                value={policy.targetMinutes}
                onChange={(e) => setPolicy(i, { targetMinutes: Number(e.target.value) })}
                className={`${field} w-24`}
              />
            </label>
            <label className="flex items-center gap-1 text-sm">
              {t('settings.breach')}
              <input
                type="number"
                min={1}
                value={policy.breachMinutes}
                onChange={(e) => setPolicy(i, { breachMinutes: Number(e.target.value) })}
                className={`${field} w-24`}
              />
            </label>
            <label className="flex items-center gap-1 text-sm">
              <input
                type="radio"
                name="default-policy"
                checked={draft.defaultSlaPolicyId === policy.id}
                onChange={() => setDraft({ ...draft, defaultSlaPolicyId: policy.id })}
              />
              {t('settings.default')}
            </label>
          </div>
        ))}
        <button
          type="button"
          className="self-start rounded border border-zinc-400 px-2 py-0.5"
          onClick={() =>
            setDraft({
              ...draft,
              slaPolicies: [
                ...draft.slaPolicies,
                { id: crypto.randomUUID(), name: t('settings.newPolicy'), targetMinutes: 60, breachMinutes: 120 },
              ],
            })
          }
        >
          {t('settings.addPolicy')}
        </button>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-semibold">{t('settings.businessHours')}</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={hours !== undefined}
            onChange={(e) =>
              setDraft({
                ...draft,
                businessHours: e.target.checked
                  ? {
                      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                      days: [1, 2, 3, 4, 5],
                      from: '09:00',
                      to: '17:00',
                    }
                  : undefined,
              })
            }
          />
          {t('settings.pauseOutside')}
        </label>
        {hours && (
          <div className="flex flex-wrap items-center gap-2">
            {weekdayNames(language).map((name, day) => (
              <label key={name} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={hours.days.includes(day)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      businessHours: {
                        ...hours,
                        days: e.target.checked ? [...hours.days, day].sort() : hours.days.filter((d) => d !== day),
                      },
                    })
                  }
                />
                {name}
              </label>
            ))}
            <input
              aria-label={t('settings.from')}
              type="time"
              value={hours.from}
              onChange={(e) => setDraft({ ...draft, businessHours: { ...hours, from: e.target.value } })}
              className={field}
            />
            <input
              aria-label={t('settings.to')}
              type="time"
              value={hours.to}
              onChange={(e) => setDraft({ ...draft, businessHours: { ...hours, to: e.target.value } })}
              className={field}
            />
            <input
              aria-label={t('settings.timeZone')}
              value={hours.timeZone}
              onChange={(e) => setDraft({ ...draft, businessHours: { ...hours, timeZone: e.target.value } })}
              className={field}
            />
          </div>
        )}
      </fieldset>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={draft.notifications}
          onChange={(e) => setDraft({ ...draft, notifications: e.target.checked })}
        />
        {t('settings.notifications')}
      </label>
      <button type="submit" className="self-start rounded bg-indigo-700 px-4 py-1.5 text-white">
        {t('settings.save')}
      </button>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-700' : ''}
        >
          {status.key ? t(status.key) : status.text}
        </p>
      )}
    </form>
  );
}
