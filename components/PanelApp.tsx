import { useEffect, useMemo } from 'react';
import { browser } from 'wxt/browser';
import type { ConversationView } from '@/utils/db/queries';
import type { Settings } from '@/utils/db/schema';
import type { MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { PanelCommandSchema } from '@/utils/messaging/page-commands';
import { PLATFORM_LABELS } from '@/utils/platforms/sites';
import type { PageSnapshot } from '@/utils/platforms/types';
import { splitName, type VariableValues } from '@/utils/templates/render';
import { LanguageProvider, useI18n } from './i18n';
import { NotesSection } from './NotesSection';
import { ResponseTimer } from './ResponseTimer';
import { TagsSection } from './TagsSection';
import { TemplatesSection } from './TemplatesSection';
import { useLive } from './useLive';

/** What the panel says when it cannot show a conversation: it fails visibly, it never guesses. */
function pageMessage(page: PageSnapshot | null): MessageKey {
  if (!page) return 'panel.waiting';
  const byState: Record<PageSnapshot['state'], MessageKey> = {
    'no-conversation': 'panel.noConversation',
    loading: 'panel.loading',
    'passcode-required': 'panel.passcode',
    'message-request': 'panel.request',
    'not-messages': 'panel.notMessages',
    thread: page.health.participant === 'found' ? 'panel.loading' : 'panel.unknownParticipant',
  };
  return byState[page.state];
}

function variableValues(view: ConversationView, settings: Settings | null, language: string): VariableValues {
  const { firstName, lastName } = splitName(view.contact.displayName);
  return {
    firstName,
    lastName,
    fullName: view.contact.displayName,
    handle: view.contact.handle,
    platform: PLATFORM_LABELS[view.conversation.platform],
    myName: settings?.myName,
    signature: settings?.signature,
    today: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(Date.now()),
    fields: view.contact.customFields,
  };
}

/** The keyboard command (Alt+Shift+Space) reaches the panel of its own tab through the background. */
function useFocusSearchCommand() {
  useEffect(() => {
    let ownTabId: number | undefined;
    void browser.tabs.getCurrent().then((tab) => {
      ownTabId = tab?.id;
    });
    const listener = (message: unknown) => {
      const command = PanelCommandSchema.safeParse(message);
      if (command.success && command.data.tabId === ownTabId) document.getElementById('template-search')?.focus();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}

function Panel() {
  const { t, language } = useI18n();
  useFocusSearchCommand();
  const context = useLive('panel.context', null);
  const settings = useLive('settings', null);
  const page = context.status === 'ready' ? context.value.page : null;
  const view = context.status === 'ready' ? context.value.view : null;
  const settingsValue = settings.status === 'ready' ? settings.value : null;
  const values = useMemo(
    () => (view ? variableValues(view, settingsValue, language) : {}),
    [view, settingsValue, language],
  );

  const setStatus = (status: 'open' | 'done') =>
    view && void call('conversations.update', { id: view.conversation.id, patch: { status, snoozedUntil: undefined } });

  return (
    <main className="flex h-screen flex-col gap-3 overflow-y-auto bg-white p-3 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
      <header className="flex flex-col gap-1">
        <div className="flex items-center justify-between">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            DM Sidekick{page ? ` · ${PLATFORM_LABELS[page.platform]}` : ''}
          </p>
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
      </header>
      {context.status === 'error' && <p role="alert">{context.error.message}</p>}
      {page?.state === 'thread' && page.health.composer !== 'found' && (
        <p role="status" className="rounded bg-amber-100 p-2 text-amber-950">
          {t(page.health.composer === 'missing' ? 'panel.composerMissing' : 'panel.composerAmbiguous')}
        </p>
      )}
      {view && page?.threadId ? (
        <>
          {settingsValue && (
            <ResponseTimer conversation={view.conversation} tags={view.tags} settings={settingsValue} />
          )}
          <TemplatesSection
            values={values}
            target={{
              threadId: page.threadId,
              composerKind: page.composerKind,
              canInsert: page.health.composer === 'found',
            }}
            doNotContact={[view.contact, ...view.identities].find((identity) => identity.doNotContact)?.displayName}
          />
          <TagsSection conversation={view.conversation} tags={view.tags} />
          <NotesSection contactId={view.contact.id} notes={view.notes} />
        </>
      ) : (
        <p>{t(pageMessage(page))}</p>
      )}
    </main>
  );
}

export function PanelApp() {
  return (
    <LanguageProvider>
      <Panel />
    </LanguageProvider>
  );
}
