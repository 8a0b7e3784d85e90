import { useEffect, useMemo, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import { call } from '@/utils/messaging/client';
import { PLATFORM_LABELS } from '@/utils/platforms/sites';
import { LanguageProvider, useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';
import { DegradedNotice } from './DegradedNotice';
import { headerLabel } from './header-label';
import { LOADING_LIMIT_MS, panelMode } from './panel-mode';

/** When the panel started waiting for `key` (what it waits for): reset whenever that changes. */
function useWaitingSince(key: string): number {
  const [waiting, setWaiting] = useState({ key, since: Date.now() });
  if (waiting.key === key) return waiting.since;
  const next = { key, since: Date.now() };
  setWaiting(next);
  return next.since;
}

/** Renders again at `until` (epoch ms): the moment "loading" gives way to what could not be read. */
function useRenderAt(until: number | undefined) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === undefined) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [until]);
}

type Sections = typeof import('./sections');
let sectionsLoad: Promise<Sections> | undefined;
/** A frame that is not rendered (the panel collapsed, its tab in the background) has no next frame. */
const SECTIONS_WAIT_MS = 100;

/**
 * The sections' code (sections.tsx), asked for once the header the panel shows first has been painted
 * (`wanted`: a conversation or a degraded page): the name never waits for it to load or to render.
 */
function useSections(wanted: boolean): Sections | null {
  const [sections, setSections] = useState<Sections | null>(null);
  useEffect(() => {
    if (!wanted || sections) return;
    let mounted = true;
    const load = () => {
      sectionsLoad ??= import('./sections');
      void sectionsLoad.then((loaded) => mounted && setSections(loaded));
    };
    // The task after the next frame, the one that paints the name; else after SECTIONS_WAIT_MS.
    const frame = requestAnimationFrame(() => setTimeout(load));
    const timer = setTimeout(load, SECTIONS_WAIT_MS);
    return () => {
      mounted = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [wanted, sections]);
  return sections;
}

function Panel({ loadingLimitMs }: { loadingLimitMs: number }) {
  const { t, language } = useI18n();
  const context = useLive('panel.context', null);
  const settings = useLive('settings', null);
  const page = context.status === 'ready' ? context.value.page : null;
  const loadingSince = context.status === 'ready' ? context.value.loadingSince : undefined;
  const settingsValue = settings.status === 'ready' ? settings.value : null;
  // The conversation's sections appear once everything they first show is in (the same shared
  // subscriptions as theirs): nothing arriving later pushes what is on screen down (a layout shift).
  const templates = useLive('templates.all', null);
  const tags = useLive('tags.all', null);
  const sectionsDataIn = [settings, templates, tags].every((live) => live.status !== 'loading');
  const waitingSince = useWaitingSince(page ? `${page.platform} ${page.state} ${page.threadId} ${page.url}` : '');
  const mode = panelMode({
    page,
    hasView: context.status === 'ready' && context.value.view !== null,
    loadingSince,
    waitingSince,
    now: Date.now(),
    limitMs: loadingLimitMs,
  });
  useRenderAt(mode.kind === 'waiting' ? mode.until : undefined);
  // Only a known person's data is shown: never the previous conversation's.
  const view = mode.kind === 'conversation' && context.status === 'ready' ? context.value.view : null;
  // Team mode (opt-in): assignment, history and who else is on this conversation.
  const team = useLive('team.status', null);
  const teamValue = team.status === 'ready' && team.value.config ? team.value : null;
  const shown = view ? { platform: view.conversation.platform, threadId: view.conversation.threadId } : null;
  const sectionsShown = mode.kind === 'conversation' || mode.kind === 'degraded';
  const sections = useSections(sectionsShown);
  const values = useMemo(
    () => sections?.variableValues(view, page?.platform, settingsValue, language),
    [sections, view, page?.platform, settingsValue, language],
  );
  const stalled = mode.kind === 'degraded' && page?.state === 'loading';
  useEffect(() => {
    if (stalled) void call('page.stalled', null).catch(() => undefined);
  }, [stalled]);

  const setStatus = (status: 'open' | 'done') =>
    view && void call('conversations.update', { id: view.conversation.id, patch: { status, snoozedUntil: undefined } });

  return (
    <main className="flex h-screen flex-col gap-3 overflow-y-auto bg-white p-3 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
      <header className="flex flex-col gap-1">
        <div className="flex items-center justify-between">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{headerLabel(page?.platform)}</p>
          <button
            type="button"
            aria-label={t('panel.collapse')}
            title={t('panel.collapse')}
            onClick={() => void call('panel.collapse', null).catch(() => undefined)}
            className="rounded px-1.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            »
          </button>
        </div>
        <h1 className="text-base font-semibold">{view ? view.contact.displayName : 'DM Sidekick'}</h1>
        {view?.contact.handle && <p className="text-xs text-zinc-600 dark:text-zinc-400">@{view.contact.handle}</p>}
        {view && view.identities.length > 0 && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {view.identities
              .map((identity) => `${PLATFORM_LABELS[identity.platform]}: ${identity.handle ?? identity.displayName}`)
              .join(' · ')}
          </p>
        )}
        {view && (
          <div className="flex items-center gap-2">
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
              {t(`status.${view.conversation.status}`)}
            </span>
            <select
              aria-label={t('status.snooze')}
              value=""
              onChange={(e) => {
                const until = e.target.value as 'in-1-hour' | 'tomorrow-9' | 'in-3-days';
                if (until) void call('conversations.snooze', { id: view.conversation.id, until });
              }}
              className="rounded border border-zinc-400 bg-transparent px-1 py-0.5"
            >
              <option value="">{t('status.snooze')}</option>
              <option value="in-1-hour">{t('snooze.1h')}</option>
              <option value="tomorrow-9">{t('snooze.tomorrow')}</option>
              <option value="in-3-days">{t('snooze.3d')}</option>
            </select>
            {view.conversation.status === 'done' ? (
              <button
                type="button"
                onClick={() => setStatus('open')}
                className="rounded border border-zinc-400 px-2 py-0.5"
              >
                {t('status.reopen')}
              </button>
            ) : (
              <button
                type="button"
                onClick={() => setStatus('done')}
                className="rounded border border-zinc-400 px-2 py-0.5"
              >
                {t('status.markDone')}
              </button>
            )}
          </div>
        )}
        {sections && view && teamValue && <sections.TeamAssignment conversation={view.conversation} team={teamValue} />}
      </header>
      {sections && shown && teamValue && <sections.TeamPresence shown={shown} team={teamValue} />}
      {context.status === 'error' && <p role="alert">{errorText(t, context.error)}</p>}
      {mode.kind === 'conversation' &&
        (page?.health.composer === 'missing' || page?.health.composer === 'ambiguous') && (
          <p role="status" className="rounded bg-amber-100 p-2 text-amber-950">
            {t(page.health.composer === 'missing' ? 'panel.composerMissing' : 'panel.composerAmbiguous')}
          </p>
        )}
      {mode.kind === 'degraded' && <DegradedNotice unreadable={mode.unreadable} canInsert={mode.canInsert} />}
      {sections && <sections.FocusSearchCommand />}
      {sectionsShown && sections && values && sectionsDataIn && (
        <>
          {view && settingsValue && (
            <sections.ResponseTimer conversation={view.conversation} tags={view.tags} settings={settingsValue} />
          )}
          <sections.TemplatePicker
            values={values}
            target={{
              threadId: page?.threadId ?? '',
              composerKind: page?.composerKind ?? null,
              canInsert: mode.canInsert,
            }}
            doNotContact={
              view
                ? [view.contact, ...view.identities].find((identity) => identity.doNotContact)?.displayName
                : undefined
            }
          />
          {view && <sections.TagsSection conversation={view.conversation} tags={view.tags} />}
          {view && <sections.NotesSection contactId={view.contact.id} notes={view.notes} />}
          {shown && teamValue && <sections.TeamHistory platform={shown.platform} threadId={shown.threadId} />}
        </>
      )}
      {(mode.kind === 'waiting' || mode.kind === 'notice') && <p>{t(mode.message)}</p>}
    </main>
  );
}

/** `loadingLimitMs`: how long "loading" may show (see panel-mode.ts); tests may pass a shorter one. */
export function PanelApp({ loadingLimitMs = LOADING_LIMIT_MS }: { loadingLimitMs?: number }) {
  return (
    <LanguageProvider>
      <Panel loadingLimitMs={loadingLimitMs} />
    </LanguageProvider>
  );
}
