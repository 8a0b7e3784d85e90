import { type FormEvent, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Conversation, Tag } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import { useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';

/**
 * Black or white, whichever contrasts more with a tag's colour (WCAG relative luminance). The better of the
 * two always reaches at least 4.58:1, so a chip's name stays readable (AA) on any colour: white text alone
 * failed on several colours of the default palette (e.g. 2.9:1 on #ca8a04).
 */
function textColorOn(background: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const value = Number.parseInt(background.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

/** A conversation's tags; tags are shared across platforms and created on the fly. */
export function TagsSection({ conversation, tags }: { conversation: Conversation; tags: Tag[] }) {
  const { t } = useI18n();
  const allTags = useLive('tags.all', null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const known = allTags.status === 'ready' ? allTags.value : [];

  const setTags = (ids: string[]) => call('conversations.update', { id: conversation.id, patch: { tags: ids } });

  const attach = async (tag: Tag | { name: string }) => {
    try {
      const existing =
        'id' in tag ? tag : known.find((candidate) => candidate.nameKey === tag.name.toLocaleLowerCase());
      const attached = existing ?? (await call('tags.create', { name: tag.name }));
      if (!conversation.tags.includes(attached.id)) await setTags([...conversation.tags, attached.id]);
      setDraft('');
      setError(null);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) void attach({ name: draft.trim() });
  };

  // Autocomplete: known tags not on this conversation whose name contains what is typed.
  const typed = draft.trim().toLocaleLowerCase();
  const suggestions = typed
    ? known.filter((tag) => !conversation.tags.includes(tag.id) && tag.nameKey.includes(typed)).slice(0, 8)
    : [];

  return (
    <section aria-labelledby="tags-heading" className="flex flex-col gap-2">
      <h2 id="tags-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        {t('tags.heading')}
      </h2>
      <ul className="flex flex-wrap gap-1" aria-labelledby="tags-heading">
        {tags.map((tag) => (
          <li
            key={tag.id}
            className="flex items-center gap-1 rounded-full px-2 py-0.5 text-xs"
            style={{ backgroundColor: tag.color, color: textColorOn(tag.color) }}
          >
            {tag.name}
            <button
              type="button"
              aria-label={t('tags.remove', { name: tag.name })}
              onClick={() => void setTags(conversation.tags.filter((id) => id !== tag.id))}
              className="rounded-full px-1 hover:bg-black/20"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <input
          aria-label={t('tags.add')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t('tags.add')}
          autoComplete="off"
          className="w-full rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500"
        />
      </form>
      {suggestions.length > 0 && (
        <ul aria-label={t('tags.suggestions')} className="flex flex-wrap gap-1 text-xs">
          {suggestions.map((tag) => (
            <li key={tag.id}>
              <button
                type="button"
                onClick={() => void attach(tag)}
                className="rounded-full border px-2 py-0.5"
                style={{ borderColor: tag.color }}
              >
                + {tag.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
