import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Settings, Tag } from '@/utils/db/schema';
import type { ConversationRow } from '@/utils/db/views';
import { call } from '@/utils/messaging/client';
import { PLATFORM_LABELS, PLATFORMS, type Platform, threadUrl } from '@/utils/platforms/sites';
import { formatDuration } from '@/utils/sla/clock';
import type { TeamStatus } from '@/utils/sync/schema';
import { useI18n } from '../shared/i18n';
import { PresenceNotice, presenceOn } from '../shared/PresenceNotice';
import { useShownClock } from '../shared/useShownClock';
import { ActionMenu } from './ActionMenu';
import { ContactView } from './ContactView';
import { CsvExport } from './CsvExport';
import { KeysOverlay } from './KeysOverlay';
import {
  ALL_FILTERS,
  loadSavedViews,
  OVERDUE_FILTERS,
  type SavedView,
  storeSavedViews,
  type TriageFilters,
} from './savedViews';
import { type AssigneeFilter, matchesAssignee, TeamAssigneeFilter } from './TeamAssigneeFilter';
import {
  countTriage,
  isOverdueState,
  sortForTriage,
  TRIAGE_STATES,
  type TriageRow,
  type TriageState,
  triageRows,
} from './triage';
import { VirtualList } from './VirtualList';

const STATUSES = ['open', 'waiting', 'done', 'snoozed'] as const;
const ROW_HEIGHT = 56;
const LIST_HEIGHT = 560;
const SNOOZE_CHOICES = ['in-1-hour', 'tomorrow-9', 'in-3-days'] as const;
const SNOOZE_LABELS = { 'in-1-hour': 'snooze.1h', 'tomorrow-9': 'snooze.tomorrow', 'in-3-days': 'snooze.3d' } as const;

const STATE_STYLE: Record<TriageState, string> = {
  breached: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  overdue: 'bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-100',
  dueSoon: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  onTime: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  snoozed: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  done: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
};

type Item = { kind: 'group'; key: string; label: string; count: number } | { kind: 'row'; row: TriageRow };
type Menu = 'snooze' | 'tag' | null;

/** Keys typed into a field belong to the field, not to the inbox. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The triage inbox, the dashboard's first view: one queue across the four platforms, most urgent first
 * (breached → overdue → due soon → on time → snoozed → done), counts at the top, saved views, grouping,
 * one key per action (every one also a button) and the contact as a side pane. Actions are announced
 * in a live region. `onAssign` is team mode's hook: without it there is no assign key or button.
 */
export function ConversationsTab({
  rows,
  tags,
  settings,
  onAssign,
  team = null,
}: {
  rows: ConversationRow[];
  tags: Tag[];
  settings: Settings;
  onAssign?: (row: ConversationRow) => void;
  /** The joined team (null: team mode off): assignee filter, assignee and presence per row. */
  team?: TeamStatus | null;
}) {
  const { t, language } = useI18n();
  const shownClock = useShownClock();
  const [filters, setFilters] = useState<TriageFilters>(ALL_FILTERS);
  const [assignee, setAssignee] = useState<AssigneeFilter>('');
  const [savedViews, setSavedViews] = useState<SavedView[]>(loadSavedViews);
  const [viewName, setViewName] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkTag, setBulkTag] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [paneOpen, setPaneOpen] = useState(false);
  const [menu, setMenu] = useState<Menu>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const listScroller = useRef<HTMLDivElement>(null);
  const deferredQuery = useDeferredValue(filters.query.trim().toLocaleLowerCase());

  const tagById = useMemo(() => new Map(tags.map((tag) => [tag.id, tag])), [tags]);
  // Clocks and search text once per data change and clock step, not per keystroke; against the shown clock,
  // as the panel's timer is, so both show the same wait.
  const prepared = useMemo(() => triageRows(rows, tags, settings, shownClock), [rows, tags, settings, shownClock]);
  const counts = useMemo(() => countTriage(prepared), [prepared]);
  const visible = useMemo(
    () =>
      sortForTriage(
        prepared.filter(
          (row) =>
            (!filters.platform || row.conversation.platform === filters.platform) &&
            (!filters.status || row.conversation.status === filters.status) &&
            (!filters.tag || row.conversation.tags.includes(filters.tag)) &&
            (filters.states.length === 0 || filters.states.includes(row.state)) &&
            (!team || matchesAssignee(row.conversation, assignee, team.config?.displayName)) &&
            (!deferredQuery || row.haystack.includes(deferredQuery)),
        ),
      ),
    [prepared, filters, deferredQuery, team, assignee],
  );
  // Groups keep the queue's order inside; a conversation with several tags is listed under its first.
  const items = useMemo<Item[]>(() => {
    if (filters.groupBy === 'none') return visible.map((row) => ({ kind: 'row', row }));
    const groupOf = (row: TriageRow) =>
      filters.groupBy === 'platform'
        ? { key: row.conversation.platform, label: PLATFORM_LABELS[row.conversation.platform] }
        : (tags
            .filter((tag) => row.conversation.tags.includes(tag.id))
            .map((tag) => ({ key: tag.id, label: tag.name }))[0] ?? { key: '', label: t('triage.noTag') });
    const groups = new Map<string, { label: string; rows: TriageRow[] }>();
    for (const row of visible) {
      const { key, label } = groupOf(row);
      const group = groups.get(key) ?? { label, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    return [...groups].flatMap(([key, group]): Item[] => [
      { kind: 'group', key, label: group.label, count: group.rows.length },
      ...group.rows.map((row): Item => ({ kind: 'row', row })),
    ]);
  }, [visible, filters.groupBy, tags, t]);
  const ordered = useMemo(() => items.flatMap((item) => (item.kind === 'row' ? [item.row] : [])), [items]);
  const activeIndex = Math.max(
    0,
    ordered.findIndex((row) => row.conversation.id === activeId),
  );
  const active = ordered[activeIndex];
  const activeItemIndex = items.findIndex((item) => item.kind === 'row' && item.row === active);

  const stateName = (state: TriageState) => t(`triage.state.${state}`);
  const attempt = async (work: Promise<unknown>, message: string) => {
    try {
      await work;
      setError(null);
      setAnnouncement(message);
    } catch (failure) {
      setError(errorText(t, failure));
    }
  };
  const backToList = () => {
    setMenu(null);
    listScroller.current?.focus();
  };

  const moveTo = (index: number) => {
    const row = ordered[Math.min(Math.max(index, 0), ordered.length - 1)];
    if (!row) return;
    setActiveId(row.conversation.id);
    setAnnouncement(
      t('triage.announce.position', {
        name: row.contact.displayName,
        position: ordered.indexOf(row) + 1,
        total: ordered.length,
        state: stateName(row.state),
      }),
    );
  };
  /** A row that leaves its place in the queue (done, snoozed) hands the keyboard on to its neighbour. */
  const handOn = (row: TriageRow) => {
    const index = ordered.indexOf(row);
    const next = ordered[index + 1] ?? ordered[index - 1];
    if (row === active && next) setActiveId(next.conversation.id);
  };
  const markDone = (row: TriageRow) => {
    handOn(row);
    return attempt(
      call('conversations.update', { id: row.conversation.id, patch: { status: 'done', snoozedUntil: undefined } }),
      t('triage.announce.done', { name: row.contact.displayName }),
    );
  };
  const snooze = (row: TriageRow, until: (typeof SNOOZE_CHOICES)[number]) => {
    handOn(row);
    return attempt(
      call('conversations.snooze', { id: row.conversation.id, until }),
      t('triage.announce.snoozed', { name: row.contact.displayName }),
    );
  };
  const addTag = (row: TriageRow, tagId: string) =>
    attempt(
      call('conversations.update', {
        id: row.conversation.id,
        patch: { tags: [...new Set([...row.conversation.tags, tagId])] },
      }),
      t('triage.announce.tagged', { tag: tagById.get(tagId)?.name ?? '', name: row.contact.displayName }),
    );
  const toggleSelected = (row: TriageRow) => {
    const next = new Set(selected);
    const added = !next.delete(row.conversation.id);
    if (added) next.add(row.conversation.id);
    setSelected(next);
    setAnnouncement(
      t(added ? 'triage.announce.selected' : 'triage.announce.unselected', {
        name: row.contact.displayName,
        count: next.size,
      }),
    );
  };
  const openThread = (row: TriageRow) => {
    window.open(threadUrl(row.conversation.platform, row.conversation.threadId), '_blank', 'noopener');
    setAnnouncement(t('triage.announce.opened', { name: row.contact.displayName }));
  };

  // One listener for the inbox's keys while it is shown; fields, menus and the overlay keep their own.
  const keyActions = useRef<(event: KeyboardEvent) => void>(() => {});
  keyActions.current = (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (helpOpen || menu) return;
    const actions: Record<string, (() => void) | undefined> = {
      j: () => moveTo(activeIndex + 1),
      k: () => moveTo(activeIndex - 1),
      Enter: active && (() => openThread(active)),
      o: active && (() => openThread(active)),
      e: active && (() => void markDone(active)),
      s: active && (() => setMenu('snooze')),
      t: active && tags.length > 0 ? () => setMenu('tag') : undefined,
      a: active && onAssign ? () => onAssign(active) : undefined,
      x: active && (() => toggleSelected(active)),
      '/': () => searchBox.current?.focus(),
      '?': () => setHelpOpen(true),
    };
    if (event.key === 'Escape') setPaneOpen(false);
    // Enter on a focused button or link is that control's own.
    if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a')) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyActions.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const setFilter = (patch: Partial<TriageFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const toggleState = (state: TriageState) =>
    setFilter({
      states: filters.states.includes(state)
        ? filters.states.filter((s) => s !== state)
        : TRIAGE_STATES.filter((s) => s === state || filters.states.includes(s)),
    });
  const viewKey = (view: TriageFilters) => JSON.stringify(view);
  const builtInViews = [
    { name: t('triage.view.all'), filters: ALL_FILTERS },
    { name: t('triage.view.overdue'), filters: OVERDUE_FILTERS },
  ];
  const currentView = [...builtInViews, ...savedViews].find((view) => viewKey(view.filters) === viewKey(filters));
  const saveView = () => {
    const name = viewName.trim();
    if (!name) return;
    const next = [...savedViews.filter((view) => view.name !== name), { name, filters }];
    setSavedViews(next);
    storeSavedViews(next);
    setViewName('');
  };
  const deleteView = (name: string) => {
    const next = savedViews.filter((view) => view.name !== name);
    setSavedViews(next);
    storeSavedViews(next);
  };

  const bulk = async (work: (id: string) => Promise<unknown>) => {
    try {
      await Promise.all([...selected].map(work));
      setSelected(new Set());
      setError(null);
    } catch (failure) {
      setError(errorText(t, failure));
    }
  };

  const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';
  const button = 'rounded border border-zinc-500 px-2 py-1 disabled:opacity-50';
  return (
    <section aria-label={t('triage.region')} className="flex min-w-0 flex-col gap-3">
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <section aria-label={t('triage.counts')} className="flex flex-wrap items-center gap-2 text-sm">
        {TRIAGE_STATES.map((state) => (
          <button
            key={state}
            type="button"
            aria-pressed={filters.states.includes(state)}
            onClick={() => toggleState(state)}
            className={`rounded px-2 py-1 ${STATE_STYLE[state]} ${filters.states.includes(state) ? 'ring-2 ring-indigo-700 dark:ring-indigo-300' : ''}`}
          >
            {stateName(state)} <span className="font-semibold">{counts.byState[state]}</span>
          </button>
        ))}
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
          {PLATFORMS.map((platform) => (
            <li key={platform} data-platform-count={platform}>
              {PLATFORM_LABELS[platform]}: {t('popup.waiting')} {counts.byPlatform[platform].waiting} ·{' '}
              {t('popup.overdue')} {counts.byPlatform[platform].overdue}
            </li>
          ))}
        </ul>
      </section>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={searchBox}
          type="search"
          aria-label={t('conversations.search')}
          placeholder={t('conversations.searchPlaceholder')}
          value={filters.query}
          onChange={(e) => setFilter({ query: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') listScroller.current?.focus();
          }}
          className={`${field} min-w-0 flex-1 basis-56`}
        />
        <select
          aria-label={t('conversations.platform')}
          value={filters.platform}
          onChange={(e) => setFilter({ platform: e.target.value as Platform | '' })}
          className={field}
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
          value={filters.status}
          onChange={(e) => setFilter({ status: e.target.value as TriageFilters['status'] })}
          className={field}
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
          value={filters.tag}
          onChange={(e) => setFilter({ tag: e.target.value })}
          className={field}
        >
          <option value="">{t('conversations.allTags')}</option>
          {tags.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('triage.groupBy')}
          value={filters.groupBy}
          onChange={(e) => setFilter({ groupBy: e.target.value as TriageFilters['groupBy'] })}
          className={field}
        >
          <option value="none">{t('triage.group.none')}</option>
          <option value="platform">{t('triage.group.platform')}</option>
          <option value="tag">{t('triage.group.tag')}</option>
        </select>
        {team && <TeamAssigneeFilter team={team} value={assignee} onChange={setAssignee} className={field} />}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={t('triage.views')}
          value={currentView?.name ?? ''}
          onChange={(e) => {
            const view = [...builtInViews, ...savedViews].find((v) => v.name === e.target.value);
            if (view) setFilters(view.filters);
          }}
          className={field}
        >
          {!currentView && <option value="">—</option>}
          {[...builtInViews, ...savedViews].map((view) => (
            <option key={view.name} value={view.name}>
              {view.name}
            </option>
          ))}
        </select>
        {currentView && savedViews.includes(currentView as SavedView) && (
          <button type="button" className={button} onClick={() => deleteView(currentView.name)}>
            {t('triage.deleteView')}
          </button>
        )}
        <form
          className="flex min-w-0 gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            saveView();
          }}
        >
          <input
            aria-label={t('triage.viewName')}
            placeholder={t('triage.viewName')}
            value={viewName}
            onChange={(e) => setViewName(e.target.value)}
            className={`${field} w-44 min-w-0`}
          />
          <button type="submit" className={button} disabled={!viewName.trim()}>
            {t('triage.saveView')}
          </button>
        </form>
        <CsvExport records={visible} tags={tags} onDone={setAnnouncement} />
        <button type="button" className={button} aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
          {t('triage.keysButton')} <kbd>?</kbd>
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>
          {t('conversations.count', { visible: visible.length, total: rows.length })}
          {selected.size ? ` · ${t('conversations.selected', { count: selected.size })}` : ''}
        </span>
        {selected.size > 0 && (
          <>
            <button
              type="button"
              className={button}
              onClick={() => void bulk((id) => call('conversations.update', { id, patch: { status: 'done' } }))}
            >
              {t('conversations.markSelectedDone')}
            </button>
            <select
              aria-label={t('conversations.bulkTag')}
              value={bulkTag}
              onChange={(e) => setBulkTag(e.target.value)}
              className={field}
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
              className={button}
              onClick={() =>
                void bulk((id) => {
                  const current = rows.find((r) => r.conversation.id === id)?.conversation.tags ?? [];
                  return call('conversations.update', { id, patch: { tags: [...new Set([...current, bulkTag])] } });
                })
              }
            >
              {t('conversations.tagSelected')}
            </button>
          </>
        )}
        {error && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </span>
        )}
      </div>
      {active && (
        <div className="flex flex-wrap items-start gap-2 text-sm">
          <span className="min-w-0 truncate font-medium">{active.contact.displayName}:</span>
          <button type="button" className={button} aria-keyshortcuts="e" onClick={() => void markDone(active)}>
            {t('status.markDone')}
          </button>
          <button
            type="button"
            className={button}
            aria-haspopup="menu"
            aria-expanded={menu === 'snooze'}
            aria-keyshortcuts="s"
            onClick={() => setMenu(menu === 'snooze' ? null : 'snooze')}
          >
            {t('triage.snooze')}
          </button>
          <button
            type="button"
            className={button}
            aria-haspopup="menu"
            aria-expanded={menu === 'tag'}
            aria-keyshortcuts="t"
            disabled={tags.length === 0}
            onClick={() => setMenu(menu === 'tag' ? null : 'tag')}
          >
            {t('triage.tag')}
          </button>
          {onAssign && (
            <button type="button" className={button} aria-keyshortcuts="a" onClick={() => onAssign(active)}>
              {t('triage.assign')}
            </button>
          )}
          {menu === 'snooze' && (
            <ActionMenu
              label={t('triage.snooze')}
              items={SNOOZE_CHOICES.map((id) => ({ id, label: t(SNOOZE_LABELS[id]) }))}
              onChoose={(id) => {
                backToList();
                void snooze(active, id as (typeof SNOOZE_CHOICES)[number]);
              }}
              onClose={backToList}
            />
          )}
          {menu === 'tag' && (
            <ActionMenu
              label={t('triage.tag')}
              items={tags.map((tag) => ({ id: tag.id, label: tag.name }))}
              onChoose={(id) => {
                backToList();
                void addTag(active, id);
              }}
              onClose={backToList}
            />
          )}
        </div>
      )}
      <div className="flex min-w-0 flex-col gap-4 lg:flex-row">
        <div className="min-w-0 flex-1">
          <VirtualList
            label={t('conversations.list')}
            items={items}
            rowHeight={ROW_HEIGHT}
            height={LIST_HEIGHT}
            keepInView={activeItemIndex}
            scrollerRef={listScroller}
            rowKey={(item) => (item.kind === 'group' ? `group:${item.key}` : item.row.conversation.id)}
            renderRow={(item) =>
              item.kind === 'group' ? (
                <h3 className="flex h-full items-end border-b border-zinc-300 px-2 pb-1 text-sm font-semibold dark:border-zinc-600">
                  {item.label} ({item.count})
                </h3>
              ) : (
                <TriageRowView
                  row={item.row}
                  active={item.row === active}
                  selected={selected.has(item.row.conversation.id)}
                  tagNames={item.row.conversation.tags
                    .map((id) => tagById.get(id)?.name)
                    .filter(Boolean)
                    .join(', ')}
                  stateLabel={stateName(item.row.state)}
                  waiting={
                    item.row.waitingMs === null
                      ? ''
                      : t('triage.waited', { duration: formatDuration(item.row.waitingMs, language) })
                  }
                  team={team}
                  onSelect={() => toggleSelected(item.row)}
                  onOpenContact={() => {
                    setActiveId(item.row.conversation.id);
                    setPaneOpen(true);
                  }}
                />
              )
            }
          />
        </div>
        {paneOpen && active && (
          <aside aria-label={t('triage.contactPane')} className="min-w-0 lg:w-96 lg:shrink-0">
            <ContactView contactId={active.contact.id} onClose={() => setPaneOpen(false)} />
          </aside>
        )}
      </div>
      {helpOpen && (
        <KeysOverlay
          withAssign={onAssign !== undefined}
          onClose={() => {
            setHelpOpen(false);
            listScroller.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function TriageRowView({
  row,
  active,
  selected,
  tagNames,
  stateLabel,
  waiting,
  team,
  onSelect,
  onOpenContact,
}: {
  row: TriageRow;
  active: boolean;
  selected: boolean;
  tagNames: string;
  stateLabel: string;
  waiting: string;
  team: TeamStatus | null;
  onSelect: () => void;
  onOpenContact: () => void;
}) {
  const { t } = useI18n();
  const { conversation, contact } = row;
  return (
    <div
      aria-current={active ? 'true' : undefined}
      data-platform={conversation.platform}
      data-triage-state={row.state}
      className={`flex h-full items-center gap-2 border-b border-zinc-200 px-2 text-sm dark:border-zinc-700 ${active ? 'bg-indigo-50 outline-2 -outline-offset-2 outline-indigo-700 dark:bg-indigo-950 dark:outline-indigo-300' : ''}`}
    >
      <input
        type="checkbox"
        aria-label={t('conversations.select', { name: contact.displayName })}
        checked={selected}
        onChange={onSelect}
      />
      <button
        type="button"
        className="min-w-0 flex-1 truncate text-left font-medium underline-offset-2 hover:underline sm:w-40 sm:flex-none"
        onClick={onOpenContact}
      >
        {contact.displayName}
      </button>
      <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs ${STATE_STYLE[row.state]}`}>{stateLabel}</span>
      <span className={`hidden w-32 text-xs sm:inline ${isOverdueState(row.state) ? 'font-semibold' : ''}`}>
        {waiting}
      </span>
      <span className="hidden w-20 text-xs md:inline">{PLATFORM_LABELS[conversation.platform]}</span>
      <span className="hidden w-32 truncate text-xs lg:inline">{tagNames}</span>
      {team && (
        <span className="flex w-36 shrink-0 flex-col text-xs">
          <span className="truncate">
            {conversation.assignee ? t('assign.assignedTo', { name: conversation.assignee }) : t('assign.unassigned')}
          </span>
          <PresenceNotice compact here={presenceOn(team.presence, conversation.platform, conversation.threadId)} />
        </span>
      )}
      <span className="hidden min-w-0 flex-1 truncate text-xs text-zinc-700 xl:inline dark:text-zinc-300">
        {row.lastNote?.text ?? ''}
      </span>
      <a
        href={threadUrl(conversation.platform, conversation.threadId)}
        target="_blank"
        rel="noreferrer"
        className="shrink-0 text-xs text-indigo-700 underline dark:text-indigo-300"
        aria-label={t('conversations.openThread', {
          name: contact.displayName,
          platform: PLATFORM_LABELS[conversation.platform],
        })}
      >
        {t('conversations.openShort')}
      </a>
    </div>
  );
}
