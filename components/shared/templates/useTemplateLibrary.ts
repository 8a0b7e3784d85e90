import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Template } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import { SHOWN_MATCHES, TemplateSearch } from '@/utils/templates/search';
import { useI18n } from '../i18n';
import { useLive } from '../useLive';
import { useTemplateSearch } from '../useTemplateSearch';
import { type Draft, keepDraft, keptDraft, storedDraft } from './draft';

export type Status = { kind: 'ok' | 'error'; text: string; undo?: Template };
export type Report = (kind: Status['kind'], text: string, undo?: Template) => void;

/**
 * The template library as both pages show it: the live templates, the search (query, folder, the active
 * result), the editor's draft and the last outcome, with the library's own actions (save, delete and undo,
 * fork).
 */
export function useTemplateLibrary() {
  const { t } = useI18n();
  const templates = useLive('templates.all', null);
  const [query, setQuery] = useState('');
  const [folder, setFolder] = useState<string | undefined>(undefined);
  const [active, setActive] = useState(0);
  // The draft outlives this component and its frame (see draft.ts).
  const [draft, setDraftState] = useState<Draft | null>(keptDraft);
  const setDraft = (next: Draft | null) => {
    keepDraft(next);
    setDraftState(next);
  };
  useEffect(() => {
    if (keptDraft()) return;
    let current = true;
    void storedDraft().then((stored) => {
      if (!current || !stored || keptDraft()) return;
      keepDraft(stored);
      setDraftState(stored);
    });
    return () => {
      current = false;
    };
  }, []);
  const [status, setStatus] = useState<Status | null>(null);

  const index = useMemo(() => new TemplateSearch(templates.status === 'ready' ? templates.value : []), [templates]);
  const shown = useTemplateSearch(index, query, { folder }, SHOWN_MATCHES);
  const report: Report = (kind, text, undo) => setStatus({ kind, text, undo });
  const fail = (error: unknown) => report('error', errorText(t, error));

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
      fail(error);
    }
  }

  async function remove(template: Template) {
    try {
      await call('templates.delete', { id: template.id });
      report('ok', t('templates.deleted', { title: template.title }), template);
    } catch (error) {
      fail(error);
    }
  }

  return {
    templates,
    index,
    query,
    search: (text: string) => {
      setQuery(text);
      setActive(0);
    },
    folder,
    setFolder,
    active,
    setActive,
    shown,
    selected: shown[Math.min(active, shown.length - 1)],
    draft,
    setDraft,
    status,
    report,
    save,
    remove,
    fork: (template: Template) => void call('templates.fork', { id: template.id }).catch(fail),
    restore: (template: Template) => void call('templates.restore', template).then(() => setStatus(null), fail),
  };
}

export type TemplateLibraryState = ReturnType<typeof useTemplateLibrary>;
