import { useState } from 'react';
import { useI18n } from '../i18n';

/** "Fill in before inserting": one field per value the template needs and the conversation does not have. */
export function MissingValuesForm({
  missing,
  onSubmit,
  onCancel,
}: {
  missing: string[];
  onSubmit: (answers: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const complete = missing.every((name) => answers[name]?.trim());
  return (
    <form
      aria-label={t('templates.missingHeading')}
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) onSubmit(answers);
      }}
      className="flex flex-col gap-1 rounded border border-amber-400 bg-amber-50 p-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">{t('templates.missingHeading')}</p>
      {missing.map((name, i) => (
        <label key={name} className="flex flex-col text-xs">
          {name.replace(/^field:/, '')}
          <input
            // biome-ignore lint/a11y/noAutofocus: the person just asked to insert; the first gap needs their answer
            autoFocus={i === 0}
            value={answers[name] ?? ''}
            onChange={(e) => setAnswers({ ...answers, [name]: e.target.value })}
            className="rounded border border-amber-400 bg-white p-1 text-sm text-zinc-900"
          />
        </label>
      ))}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel}>
          {t('templates.cancel')}
        </button>
        <button
          type="submit"
          disabled={!complete}
          className="rounded bg-indigo-700 px-2 py-0.5 text-white disabled:opacity-50"
        >
          {t('templates.insertFilled')}
        </button>
      </div>
    </form>
  );
}
