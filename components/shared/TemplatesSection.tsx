import { type FormEvent, type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { Template } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import type { ComposerKind } from '@/utils/platforms/types';
import { COMPOSER_LIMITS, characterCount } from '@/utils/templates/limits';
import { renderTemplate, type VariableValues } from '@/utils/templates/render';
import { TemplateSearch } from '@/utils/templates/search';
import { useFillTemplateCommand } from '../panel/useFillTemplateCommand';
import { FirstRun } from './FirstRun';
import { useI18n } from './i18n';
import { useLive } from './useLive';
import { useTemplateSearch } from './useTemplateSearch';

/** Results shown at once: the best matches; more would only slow typing down. */
const SHOWN = 50;

type Target = { threadId: string; composerKind: ComposerKind | null; canInsert: boolean };
type Draft = { id?: string; title: string; body: string; shortcut: string; folder: string };
const EMPTY_DRAFT: Draft = { title: '', body: '', shortcut: '', folder: '' };

/**
 * In the panel `target` is the open conversation; on the dashboard (library management) there is none.
 * `doNotContact` names a person who objected to contact: every insert waits for a confirmation.
 */
export function TemplatesSection({
  values,
  target,
  doNotContact,
}: {
  values: VariableValues;
  target?: Target;
  doNotContact?: string;
}) {
  const { t } = useI18n();
  const templates = useLive('templates.all', null);
  const [query, setQuery] = useState('');
  const [folder, setFolder] = useState<string | undefined>(undefined);
  const [active, setActive] = useState(0);
  const [asking, setAsking] = useState<{
    template: Template;
    missing: string[];
    answers: Record<string, string>;
  } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [unconfirmed, setUnconfirmed] = useState<{ template: Template; answers: Record<string, string> } | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string; undo?: Template } | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const index = useMemo(() => new TemplateSearch(templates.status === 'ready' ? templates.value : []), [templates]);
  const results = useTemplateSearch(index, query, { folder });
  const shown = results.slice(0, SHOWN);
  const selected = shown[Math.min(active, shown.length - 1)];
  const limit = target?.composerKind ? COMPOSER_LIMITS[target.composerKind].limit : undefined;

  const report = (kind: 'ok' | 'error', text: string, undo?: Template) => setStatus({ kind, text, undo });

  async function insert(template: Template, answers: Record<string, string> = {}, confirmed = false) {
    if (doNotContact && target && !confirmed) {
      setUnconfirmed({ template, answers });
      return;
    }
    setUnconfirmed(null);
    const rendered = renderTemplate(template.body, { ...values, ...withAnswers(values, answers) });
    if (rendered.unknown.length)
      return report('error', t('templates.unknownVariable', { name: rendered.unknown[0] ?? '' }));
    if (rendered.missing.length) {
      setAsking({ template, missing: rendered.missing, answers });
      return;
    }
    setAsking(null);
    try {
      if (!target?.canInsert) {
        await navigator.clipboard.writeText(rendered.text);
        report('ok', t('templates.copied'));
      } else {
        const result = await call('composer.insert', { text: rendered.text, threadId: target.threadId });
        if (!result.ok) {
          return report('error', t(`insert.${result.reason}`));
        }
        report('ok', t('templates.inserted'));
      }
      await call('templates.markUsed', { id: template.id });
    } catch (error) {
      report('error', (error as Error).message);
    }
  }

  // A shortcut typed in the composer that needs values opens the same form as Insert (issue #17).
  useFillTemplateCommand(
    target &&
      ((templateId) => {
        const template =
          templates.status === 'ready' ? templates.value.find((candidate) => candidate.id === templateId) : undefined;
        if (template) void insert(template);
      }),
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const fields = {
      title: draft.title,
      body: draft.body,
      shortcut: draft.shortcut || undefined,
      folder: draft.folder,
    };
    try {
      if (draft.id) await call('templates.update', { id: draft.id, patch: fields });
      else await call('templates.create', fields);
      setDraft(null);
      setStatus(null);
    } catch (error) {
      report('error', (error as Error).message);
    }
  }

  async function remove(template: Template) {
    try {
      await call('templates.delete', { id: template.id });
      report('ok', t('templates.deleted', { title: template.title }), template);
    } catch (error) {
      report('error', (error as Error).message);
    }
  }

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, shown.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && selected) void insert(selected);
    else if (event.key === 'Escape') void call('composer.focus', null).catch(() => undefined);
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
      {draft && <TemplateForm draft={draft} onChange={setDraft} onSubmit={save} onCancel={() => setDraft(null)} />}
      <div className="flex gap-1">
        <input
          ref={searchBox}
          id="template-search"
          type="search"
          aria-label={t('templates.search')}
          placeholder={t('templates.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onSearchKey}
          aria-controls="template-results"
          className="min-w-0 flex-1 rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500"
        />
        <select
          aria-label={t('templates.folder')}
          value={folder ?? ''}
          onChange={(e) => setFolder(e.target.value === '' ? undefined : e.target.value)}
          className="max-w-28 rounded border border-zinc-400 bg-transparent p-1 dark:border-zinc-500"
        >
          <option value="">{t('templates.allFolders')}</option>
          {index
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
            <button
              type="button"
              className="underline"
              onClick={() => {
                const restored = status.undo;
                if (restored)
                  void call('templates.restore', restored).then(
                    () => setStatus(null),
                    (e: Error) => report('error', e.message),
                  );
              }}
            >
              {t('templates.undo')}
            </button>
          )}
        </p>
      )}
      {unconfirmed && (
        <div role="alert" className="flex flex-col gap-2 rounded bg-amber-100 p-2 text-amber-950">
          <p>{t('dnc.warning', { name: doNotContact ?? '' })}</p>
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded bg-amber-900 px-2 py-0.5 text-white"
              onClick={() => void insert(unconfirmed.template, unconfirmed.answers, true)}
            >
              {t('dnc.confirm')}
            </button>
            <button
              type="button"
              className="rounded border border-amber-900 px-2 py-0.5"
              onClick={() => setUnconfirmed(null)}
            >
              {t('dnc.cancel')}
            </button>
          </div>
        </div>
      )}
      {asking && (
        <MissingValuesForm
          missing={asking.missing}
          onSubmit={(answers) => void insert(asking.template, { ...asking.answers, ...answers }, true)}
          onCancel={() => setAsking(null)}
        />
      )}
      {selected && <Preview template={selected} values={values} limit={limit} />}
      {templates.status === 'ready' && templates.value.length === 0 && <FirstRun conversationOpen={!!target} />}
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
                aria-label={t(target?.canInsert ? 'templates.insert' : 'templates.copy', { title: template.title })}
                onClick={() => void insert(template)}
                className="shrink-0 rounded bg-indigo-700 px-2 py-0.5 text-white"
              >
                {target?.canInsert ? t('templates.insertShort') : t('templates.copyShort')}
              </button>
            </div>
            <div className="flex gap-2 text-xs text-zinc-600 dark:text-zinc-400">
              {template.locked ? (
                // Subscribed templates are read-only: a fork is the person's own, editable copy.
                <button
                  type="button"
                  aria-label={t('templates.fork', { title: template.title })}
                  onClick={() =>
                    void call('templates.fork', { id: template.id }).catch((e: Error) => report('error', e.message))
                  }
                >
                  {t('templates.forkShort')}
                </button>
              ) : (
                <button
                  type="button"
                  aria-label={t('templates.edit', { title: template.title })}
                  onClick={() =>
                    setDraft({
                      id: template.id,
                      title: template.title,
                      body: template.body,
                      shortcut: template.shortcut ?? '',
                      folder: template.folder,
                    })
                  }
                >
                  {t('templates.editShort')}
                </button>
              )}
              <button
                type="button"
                aria-label={t('templates.duplicate', { title: template.title })}
                onClick={() =>
                  setDraft({
                    title: `${template.title} ${t('templates.copySuffix')}`,
                    body: template.body,
                    shortcut: '',
                    folder: template.folder,
                  })
                }
              >
                {t('templates.duplicateShort')}
              </button>
              <button
                type="button"
                aria-label={t('templates.delete', { title: template.title })}
                onClick={() => void remove(template)}
              >
                {t('templates.deleteShort')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Answers typed for missing variables, shaped like the values they stand in for. */
function withAnswers(values: VariableValues, answers: Record<string, string>): VariableValues {
  const fields = { ...values.fields };
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(answers)) {
    if (name.startsWith('field:')) fields[name.slice('field:'.length)] = value;
    else plain[name] = value;
  }
  return { ...plain, fields };
}

function Preview({ template, values, limit }: { template: Template; values: VariableValues; limit?: number }) {
  const { t } = useI18n();
  const rendered = renderTemplate(template.body, values);
  const count = characterCount(rendered.text);
  return (
    <figure aria-label={t('templates.preview')} className="rounded border border-zinc-300 p-2 dark:border-zinc-600">
      <p className="whitespace-pre-wrap">
        {rendered.segments.map((segment, i) =>
          segment.kind === 'variable' && (segment.source === 'missing' || segment.source === 'unknown') ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their position
            <mark key={i} className="rounded bg-amber-200 px-0.5 text-amber-950">
              {segment.text}
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <span key={i}>{segment.text}</span>
          ),
        )}
      </p>
      {limit !== undefined && (
        <figcaption
          className={`text-xs ${count > limit ? 'font-semibold text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
        >
          {count > limit ? t('templates.tooLong', { count, limit }) : t('templates.count', { count, limit })}
        </figcaption>
      )}
    </figure>
  );
}

function MissingValuesForm({
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

function TemplateForm({
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
