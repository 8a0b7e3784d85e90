import type { FormEvent } from 'react';
import { useI18n } from '../i18n';
import type { Draft } from './draft';

/** Creating or editing one template (title, text, shortcut, folder). */
export function TemplateForm({
  draft,
  onChange,
  onSubmit,
  onCancel,
}: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1 rounded border border-zinc-300 p-2 dark:border-zinc-600">
      <label className="flex flex-col text-xs">
        {t('templates.title')}
        <input
          // biome-ignore lint/a11y/noAutofocus: the form opens because the person wants to type into it
          autoFocus
          required
          value={draft.title}
          onChange={(e) => onChange({ ...draft, title: e.target.value })}
          className={field}
        />
      </label>
      <label className="flex flex-col text-xs">
        {t('templates.body')}
        <textarea
          required
          rows={5}
          value={draft.body}
          onChange={(e) => onChange({ ...draft, body: e.target.value })}
          className={field}
          placeholder={t('templates.bodyPlaceholder')}
        />
      </label>
      <div className="flex gap-2">
        <label className="flex flex-1 flex-col text-xs">
          {t('templates.shortcut')}
          <input
            value={draft.shortcut}
            onChange={(e) => onChange({ ...draft, shortcut: e.target.value })}
            className={field}
          />
        </label>
        <label className="flex flex-1 flex-col text-xs">
          {t('templates.folder')}
          <input
            value={draft.folder}
            onChange={(e) => onChange({ ...draft, folder: e.target.value })}
            className={field}
          />
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel}>
          {t('templates.cancel')}
        </button>
        <button type="submit" className="rounded bg-indigo-700 px-2 py-0.5 text-white">
          {t('templates.save')}
        </button>
      </div>
    </form>
  );
}
