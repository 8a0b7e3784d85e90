import { useEffect, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import { call } from '@/utils/messaging/client';
import { FirstRun } from '../shared/FirstRun';
import { LanguageProvider, useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';
import { BackupSection } from './BackupSection';
import { ConversationsTab } from './ConversationsTab';
import { MetricsTab } from './MetricsTab';
import { NeedsReplyView } from './NeedsReply';
import { PacksSection } from './PacksSection';
import { PageHealthView } from './PageHealth';
import { SettingsTab } from './SettingsTab';
import { ShortcutSettings } from './ShortcutSettings';
import { TeamSettings } from './TeamSettings';
import { TemplateLibrary } from './TemplateLibrary';

const TABS = ['conversations', 'needsReply', 'templates', 'packs', 'metrics', 'settings', 'backup', 'health'] as const;
type Tab = (typeof TABS)[number];

function Dashboard() {
  const { t, language } = useI18n();
  const rows = useLive('conversations.list', null);
  const tags = useLive('tags.all', null);
  const settings = useLive('settings', null);
  const team = useLive('team.status', null);
  const joinedTeam = team.status === 'ready' && team.value.config ? team.value : null;
  const [tab, setTab] = useState<Tab>('conversations');
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    // With unlimitedStorage the data is already exempt from eviction; this asks for it explicitly too.
    void navigator.storage?.persist?.();
  }, []);

  const tagList = tags.status === 'ready' ? tags.value : [];
  const error = [rows, tags, settings].find((state) => state.status === 'error');
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-screen-2xl min-w-0 flex-col gap-4 p-3 text-zinc-900 sm:p-6 dark:text-zinc-100">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">DM Sidekick</h1>
        {/* Narrow screens: the sections collapse into one menu instead of scrolling sideways. */}
        <select
          aria-label={t('dashboard.menu')}
          value={tab}
          onChange={(e) => setTab(e.target.value as Tab)}
          className="rounded border border-zinc-400 bg-transparent p-1.5 md:hidden dark:border-zinc-500"
        >
          {TABS.map((name) => (
            <option key={name} value={name}>
              {t(`dashboard.tabs.${name}`)}
            </option>
          ))}
        </select>
        <nav aria-label={t('dashboard.sections')} className="hidden gap-1 md:flex">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              aria-current={tab === name ? 'page' : undefined}
              onClick={() => setTab(name)}
              className={`rounded px-3 py-1 ${tab === name ? 'bg-indigo-700 text-white' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
            >
              {t(`dashboard.tabs.${name}`)}
            </button>
          ))}
        </nav>
      </header>
      {error?.status === 'error' && <p role="alert">{errorText(t, error.error)}</p>}
      {tab === 'conversations' &&
        rows.status === 'ready' &&
        settings.status === 'ready' &&
        (rows.value.length === 0 ? (
          <>
            <p>{t('dashboard.empty')}</p>
            <FirstRun />
          </>
        ) : (
          // Team mode: "assign" (the a key) takes the conversation, as the panel's "Take it" does.
          <ConversationsTab
            rows={rows.value}
            tags={tagList}
            settings={settings.value}
            team={joinedTeam}
            onAssign={
              joinedTeam?.config
                ? (row) =>
                    void call('conversations.update', {
                      id: row.conversation.id,
                      patch: { assignee: joinedTeam.config?.displayName ?? '' },
                    }).catch(() => undefined)
                : undefined
            }
          />
        ))}
      {tab === 'needsReply' && rows.status === 'ready' && <NeedsReplyView rows={rows.value} />}
      {tab === 'templates' && (
        <div className="max-w-xl">
          <TemplateLibrary />
        </div>
      )}
      {tab === 'packs' && <PacksSection />}
      {tab === 'metrics' && <MetricsTab tags={tagList} />}
      {tab === 'settings' && settings.status === 'ready' && <SettingsTab settings={settings.value} />}
      {tab === 'settings' && <ShortcutSettings />}
      {tab === 'settings' && settings.status === 'ready' && team.status === 'ready' && (
        <TeamSettings team={team.value} myName={settings.value.myName} />
      )}
      {tab === 'backup' && <BackupSection />}
      {tab === 'health' && <PageHealthView />}
    </main>
  );
}

export function DashboardApp() {
  return (
    <LanguageProvider>
      <Dashboard />
    </LanguageProvider>
  );
}
