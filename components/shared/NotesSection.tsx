import { type FormEvent, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Note } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import { useI18n } from './i18n';

/** Notes about a person: they follow the contact across conversations. Plain text only. */
export function NotesSection({ contactId, notes }: { contactId: string; notes: Note[] }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  /** The note whose delete waits for a second click (issue #15: no one-click loss of a note). */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  // Failures keep the typed text where it is: nothing the person wrote is lost.
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(null);
      return true;
    } catch (e) {
      setError(errorText(t, e));
      return false;
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() && (await attempt(() => call('notes.add', { contactId, text: draft })))) setDraft('');
  };

  const saveEdit = async (event: FormEvent) => {
    event.preventDefault();
    if (editing && (await attempt(() => call('notes.update', editing)))) setEditing(null);
  };

  return (
    <section aria-labelledby="notes-heading" className="flex flex-col gap-2">
      <h2 id="notes-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        {t('notes.heading')}
      </h2>
      <form onSubmit={add} className="flex flex-col gap-1">
        <textarea
          aria-label={t('notes.new')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void add(e);
          }}
          rows={2}
          className="rounded border border-zinc-400 bg-transparent p-2 dark:border-zinc-500"
          placeholder={t('notes.placeholder')}
        />
        <button
          type="submit"
          disabled={!draft.trim()}
          className="self-end rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50"
        >
          {t('notes.add')}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <ul aria-label={t('notes.list')} className="flex flex-col gap-2">
        {notes.map((note) => (
          <li key={note.id} className="rounded bg-zinc-100 p-2 dark:bg-zinc-800">
            {editing?.id === note.id ? (
              <form onSubmit={saveEdit} className="flex flex-col gap-1">
                <textarea
                  aria-label={t('notes.edit')}
                  value={editing.text}
                  onChange={(e) => setEditing({ id: note.id, text: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') setEditing(null);
                  }}
                  rows={3}
                  className="rounded border border-zinc-400 bg-transparent p-2"
                />
                <div className="flex justify-end gap-2">
                  <button type="button" onClick={() => setEditing(null)}>
                    {t('templates.cancel')}
                  </button>
                  <button type="submit" className="rounded bg-indigo-700 px-2 py-0.5 text-white">
                    {t('notes.save')}
                  </button>
                </div>
              </form>
            ) : (
              <>
                <p className="whitespace-pre-wrap">{note.text}</p>
                <div className="flex items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                  <time dateTime={new Date(note.createdAt).toISOString()}>{timeFormat.format(note.createdAt)}</time>
                  {confirming === note.id ? (
                    <span className="flex items-center gap-2">
                      <span>{t('notes.deleteConfirm')}</span>
                      <button
                        type="button"
                        className="text-red-700 dark:text-red-400"
                        onClick={() => void attempt(() => call('notes.delete', { id: note.id }))}
                      >
                        {t('notes.deleteForGood')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('templates.cancel')}
                      </button>
                    </span>
                  ) : (
                    <span className="flex gap-2">
                      <button type="button" onClick={() => setEditing({ id: note.id, text: note.text })}>
                        {t('notes.edit')}
                      </button>
                      <button type="button" onClick={() => setConfirming(note.id)}>
                        {t('notes.delete')}
                      </button>
                    </span>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
