import { useDeferredValue, useMemo, useState } from 'react';
import type { Settings, Tag } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import type { ConversationRow } from '@/utils/messaging/protocol';
import { PLATFORM_LABELS, PLATFORMS, type Platform, threadUrl } from '@/utils/platforms/sites';
import { formatDuration, isOverdue, SLA_STRINGS, type SlaState } from '@/utils/sla/clock';
import { conversationClock } from '@/utils/sla/policy';
import type { TeamStatus } from '@/utils/sync/schema';
import { type AssigneeFilter, matchesAssignee, TeamAssigneeFilter } from './dashboard/TeamAssigneeFilter';
import { useI18n } from './i18n';
import { PresenceNotice, presenceOn } from './panel/PresenceNotice';
import { useMinuteTick } from './useMinuteTick';
import { VirtualList } from './VirtualList';

const STATUSES = ['open', 'waiting', 'done', 'snoozed'] as const;
const ROW_HEIGHT = 56;

type Row = ConversationRow & { waitingMs: number | null; state: SlaState | null; haystack: string };

/** All tracked conversations across the four platforms: filter, search, sort by waiting time, act in bulk. */
export function ConversationsTab({
  rows,
  tags,
  settings,
  onOpenContact,
  team = null,
}: {
  rows: ConversationRow[];
  tags: Tag[];
  settings: Settings;
  onOpenContact: (contactId: string) => void;
  /** The joined team (null: team mode off): assignee filter, assignee and presence per row. */
  team?: TeamStatus | null;
}) {
  const { t, language } = useI18n();
  const now = useMinuteTick();
  const [platform, setPlatform] = useState<Platform | ''>('');
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [tag, setTag] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [assignee, setAssignee] = useState<AssigneeFilter>('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkTag, setBulkTag] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query.trim().toLocaleLowerCase());

  const tagById = useMemo(() => new Map(tags.map((tagEntry) => [tagEntry.id, tagEntry])), [tags]);
  // Clocks and search text once per data change (and minute), not per keystroke.
  const prepared = useMemo<Row[]>(
    () =>
      rows.map((row) => {
        const { conversation, contact } = row;
        const waitingSince = conversation.waitingSince;
        const clock =
          waitingSince === undefined
            ? null
            : conversationClock(conversation, tagById, settings, waitingSince, now).clock;
        return {
          ...row,
          waitingMs: waitingSince === undefined ? null : now - waitingSince,
          state: clock?.state ?? null,
          haystack: `${contact.displayName}\n${contact.handle ?? ''}\n${row.notesText}`.toLocaleLowerCase(),
        };
      }),
    [rows, tagById, settings, now],
  );
  const visible = useMemo(
    () =>
      prepared
        .filter(
          (row) =>
            (!platform || row.conversation.platform === platform) &&
            (!status || row.conversation.status === status) &&
            (!tag || row.conversation.tags.includes(tag)) &&
            (!overdueOnly || (row.state !== null && isOverdue(row.state))) &&
            (!team || matchesAssignee(row.conversation, assignee, team.config?.displayName)) &&
            (!deferredQuery || row.haystack.includes(deferredQuery)),
        )
        .sort((a, b) => (b.waitingMs ?? -1) - (a.waitingMs ?? -1)),
    [prepared, platform, status, tag, overdueOnly, deferredQuery, team, assignee],
  );

  const bulk = async (work: (id: string) => Promise<unknown>) => {
    try {
      await Promise.all([...selected].map(work));
      setSelected(new Set());
      setMessage(null);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const filterClass = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';
  return (
    <section aria-label={t('conversations.region')} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label={t('conversations.search')}
          placeholder={t('conversations.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className={`${filterClass} min-w-56 flex-1`}
        />
        <select
          aria-label={t('conversations.platform')}
          value={platform}
          onChange={(e) => setPlatform(e.target.value as Platform | '')}
          className={filterClass}
        >
          <option value="">{t('conversations.allPlatforms')}</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_LABELS[p]}
            </option>
          ))}
        </select>
        <select
          aria-label={t('conversations.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          className={filterClass}
        >
          <option value="">{t('conversations.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('conversations.tag')}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          className={filterClass}
        >
          <option value="">{t('conversations.allTags')}</option>
          {tags.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
            </option>
          ))}
        </select>
        {team && <TeamAssigneeFilter team={team} value={assignee} onChange={setAssignee} className={filterClass} />}
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
          {t('conversations.overdueOnly')}
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
        <span>
          {t('conversations.count', { visible: visible.length, total: rows.length })}
          {selected.size ? ` · ${t('conversations.selected', { count: selected.size })}` : ''}
        </span>
        {selected.size > 0 && (
          <>
            <button
              type="button"
              className="rounded border border-zinc-400 px-2 py-0.5"
              onClick={() => void bulk((id) => call('conversations.update', { id, patch: { status: 'done' } }))}
            >
              {t('conversations.markSelectedDone')}
            </button>
            <select
              aria-label={t('conversations.bulkTag')}
              value={bulkTag}
              onChange={(e) => setBulkTag(e.target.value)}
              className={filterClass}
            >
              <option value="">{t('conversations.bulkTagPlaceholder')}</option>
              {tags.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!bulkTag}
              className="rounded border border-zinc-400 px-2 py-0.5 disabled:opacity-50"
              onClick={() =>
                void bulk((id) => {
                  const row = rows.find((r) => r.conversation.id === id);
                  const current = row?.conversation.tags ?? [];
                  return call('conversations.update', { id, patch: { tags: [...new Set([...current, bulkTag])] } });
                })
              }
            >
              {t('conversations.tagSelected')}
            </button>
          </>
        )}
        {message && (
          <span role="alert" className="text-red-700">
            {message}
          </span>
        )}
      </div>
      <VirtualList
        label={t('conversations.list')}
        items={visible}
        rowHeight={ROW_HEIGHT}
        height={560}
        rowKey={(row) => row.conversation.id}
        renderRow={(row) => (
          <div
            className="flex h-full items-center gap-3 border-b border-zinc-200 px-2 text-sm dark:border-zinc-700"
            data-platform={row.conversation.platform}
          >
            <input
              type="checkbox"
              aria-label={t('conversations.select', { name: row.contact.displayName })}
              checked={selected.has(row.conversation.id)}
              onChange={() => toggle(row.conversation.id)}
            />
            <button
              type="button"
              className="w-40 truncate text-left font-medium underline-offset-2 hover:underline"
              onClick={() => onOpenContact(row.contact.id)}
            >
              {row.contact.displayName}
            </button>
            <span className="w-20 text-xs">{PLATFORM_LABELS[row.conversation.platform]}</span>
            <span className="w-16 text-xs">{t(`status.${row.conversation.status}`)}</span>
            <span className="w-40 truncate text-xs">
              {row.conversation.tags
                .map((id) => tagById.get(id)?.name)
                .filter(Boolean)
                .join(', ')}
            </span>
            <span
              className={`w-36 text-xs ${row.state && isOverdue(row.state) ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}
            >
              {row.waitingMs === null || !row.state
                ? '—'
                : `${formatDuration(row.waitingMs, language)} · ${SLA_STRINGS[language].states[row.state]}`}
            </span>
            {team && (
              <span className="flex w-40 flex-col text-xs">
                <span className="truncate">
                  {row.conversation.assignee
                    ? t('assign.assignedTo', { name: row.conversation.assignee })
                    : t('assign.unassigned')}
                </span>
                <PresenceNotice
                  compact
                  here={presenceOn(team.presence, row.conversation.platform, row.conversation.threadId)}
                />
              </span>
            )}
            <span className="min-w-0 flex-1 truncate text-xs text-zinc-600 dark:text-zinc-400">
              {row.lastNote?.text ?? ''}
            </span>
            <a
              href={threadUrl(row.conversation.platform, row.conversation.threadId)}
              target="_blank"
              rel="noreferrer"
              className="text-xs text-indigo-700 underline dark:text-indigo-300"
              aria-label={t('conversations.openThread', {
                name: row.contact.displayName,
                platform: PLATFORM_LABELS[row.conversation.platform],
              })}
            >
              {t('conversations.openShort')}
            </a>
          </div>
        )}
      />
    </section>
  );
}
