import type { KeyboardEvent, ReactNode } from 'react';
import type { Template } from '@/utils/db/schema';
import { formatDateTime } from '@/utils/i18n/format';
import { useI18n } from '../i18n';
import { draftOf, EMPTY_DRAFT } from './draft';
import { TemplateForm } from './TemplateForm';
import type { TemplateLibraryState } from './useTemplateLibrary';

/**
 * The templates section both pages share: heading and "New", the editor, the search with its folder
 * filter, the last outcome (with undo), then `children` (what the page shows about the selected one), and
 * the results, each with its use (`use`: insert or copy) and the library's actions (edit or fork,
 * duplicate, delete). Keyboard in the search: arrows choose a result, Enter uses it, Escape `onEscape`.
 */
export function TemplateList({
  library,
  use,
  onEscape,
  children,
}: {
  library: TemplateLibraryState;
  use: { insert: boolean; run: (template: Template) => void };
  onEscape?: () => void;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const { draft, setDraft, status, shown, active, selected, templates } = library;
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') library.setActive((i) => Math.min(i + 1, shown.length - 1));
    else if (event.key === 'ArrowUp') library.setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && selected) use.run(selected);
    else if (event.key === 'Escape' && onEscape) onEscape();
    else return;
    event.preventDefault();
  };
  return (
    <section aria-labelledby="templates-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2
          id="templates-heading"
          className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400"
        >
          {t('templates.heading')}
        </h2>
        <button
          type="button"
          onClick={() => setDraft(EMPTY_DRAFT)}
          className="rounded border border-zinc-400 px-2 py-0.5"
        >
          {t('templates.new')}
        </button>
      </div>
      {draft && (
        <TemplateForm draft={draft} onChange={setDraft} onSubmit={library.save} onCancel={() => setDraft(null)} />
      )}
      <div className="flex gap-1">
        <input
          id="template-search"
          type="search"
          aria-label={t('templates.search')}
          placeholder={t('templates.searchPlaceholder')}
          value={library.query}
          onChange={(e) => library.search(e.target.value)}
          onKeyDown={onSearchKey}
          aria-controls="template-results"
          className="min-w-0 flex-1 rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500"
        />
        <select
          aria-label={t('templates.folder')}
          value={library.folder ?? ''}
          onChange={(e) => library.setFolder(e.target.value === '' ? undefined : e.target.value)}
          className="max-w-28 rounded border border-zinc-400 bg-transparent p-1 dark:border-zinc-500"
        >
          <option value="">{t('templates.allFolders')}</option>
          {library.index
            .folders()
            .filter(Boolean)
            .map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
      </div>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-700 dark:text-red-400' : ''}
        >
          {status.text}{' '}
          {status.undo && (
            <button type="button" className="underline" onClick={() => status.undo && library.restore(status.undo)}>
              {t('templates.undo')}
            </button>
          )}
        </p>
      )}
      {children}
      {shown.length === 0 && templates.status === 'ready' && templates.value.length > 0 && <p>{t('templates.none')}</p>}
      <ul id="template-results" aria-label={t('templates.heading')} className="flex flex-col gap-1">
        {shown.map((template, i) => (
          <li
            key={template.id}
            id={`template-${template.id}`}
            aria-current={i === active ? 'true' : undefined}
            className={`flex flex-col gap-1 rounded p-2 ${i === active ? 'bg-indigo-50 dark:bg-indigo-950' : 'bg-zinc-50 dark:bg-zinc-800'}`}
          >
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-medium">{template.title}</span>
              <button
                type="button"
                aria-label={t(use.insert ? 'templates.insert' : 'templates.copy', { title: template.title })}
                onClick={() => use.run(template)}
                className="shrink-0 rounded bg-indigo-700 px-2 py-0.5 text-white"
              >
                {use.insert ? t('templates.insertShort') : t('templates.copyShort')}
              </button>
            </div>
            <div className="flex gap-2 text-xs text-zinc-600 dark:text-zinc-400">
              {template.locked ? (
                // Subscribed templates are read-only: a fork is the person's own, editable copy.
                <button
                  type="button"
                  aria-label={t('templates.fork', { title: template.title })}
                  onClick={() => library.fork(template)}
                >
                  {t('templates.forkShort')}
                </button>
              ) : (
                <button
                  type="button"
                  aria-label={t('templates.edit', { title: template.title })}
                  onClick={() => setDraft(draftOf(template))}
                >
                  {t('templates.editShort')}
                </button>
              )}
              <button
                type="button"
                aria-label={t('templates.duplicate', { title: template.title })}
                onClick={() => setDraft(draftOf(template, t('templates.copySuffix')))}
              >
                {t('templates.duplicateShort')}
              </button>
              <button
                type="button"
                aria-label={t('templates.delete', { title: template.title })}
                onClick={() => void library.remove(template)}
              >
                {t('templates.deleteShort')}
              </button>
            </div>
            {template.editedBy && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                {t('templates.editedBy', {
                  name: template.editedBy,
                  time: formatDateTime(language, template.updatedAt),
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
