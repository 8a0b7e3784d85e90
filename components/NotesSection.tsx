import { type FormEvent, useState } from 'react';
import type { Note } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Notes about a person: they follow the contact across conversations. Plain text only. */
export function NotesSection({ contactId, notes }: { contactId: string; notes: Note[] }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    try {
      await call('notes.add', { contactId, text: draft });
      setDraft('');
      setError(null);
    } catch (e) {
      // The draft stays in the box: nothing typed is lost.
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="notes-heading" className="flex flex-col gap-2">
      <h2 id="notes-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-500">
        Notes
      </h2>
      <form onSubmit={add} className="flex flex-col gap-1">
        <textarea
          aria-label="New note"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void add(e);
          }}
          rows={2}
          className="rounded border border-zinc-300 bg-transparent p-2 dark:border-zinc-600"
          placeholder="Add a note about this person…"
        />
        <button
          type="submit"
          disabled={!draft.trim()}
          className="self-end rounded bg-indigo-600 px-3 py-1 text-white disabled:opacity-50"
        >
          Add note
        </button>
        {error && (
          <p role="alert" className="text-red-600">
            {error}
          </p>
        )}
      </form>
      <ul aria-label="Notes" className="flex flex-col gap-2">
        {notes.map((note) => (
          <li key={note.id} className="rounded bg-zinc-100 p-2 dark:bg-zinc-800">
            <p className="whitespace-pre-wrap">{note.text}</p>
            <time dateTime={new Date(note.createdAt).toISOString()} className="text-xs text-zinc-500">
              {timeFormat.format(note.createdAt)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
