import { useEffect, useState } from 'react';
import { BackupSection } from './BackupSection';
import { ContactView } from './ContactView';
import { ConversationsTab } from './ConversationsTab';
import { PageHealthView } from './dashboard/PageHealth';
import { TeamSettings } from './dashboard/TeamSettings';
import { LanguageProvider, useI18n } from './i18n';
import { MetricsTab } from './MetricsTab';
import { PacksSection } from './PacksSection';
import { SettingsTab } from './SettingsTab';
import { TemplatesSection } from './TemplatesSection';
import { useLive } from './useLive';

const TABS = ['conversations', 'templates', 'packs', 'metrics', 'settings', 'backup', 'health'] as const;
type Tab = (typeof TABS)[number];

function Dashboard() {
  const { t, language } = useI18n();
  const rows = useLive('conversations.list', null);
  const tags = useLive('tags.all', null);
  const settings = useLive('settings', null);
  const team = useLive('team.status', null);
  const [tab, setTab] = useState<Tab>('conversations');
  const [contactId, setContactId] = useState<string | null>(null);

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
    <main className="mx-auto flex min-h-screen max-w-6xl flex-col gap-4 p-6 text-zinc-900 dark:text-zinc-100">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">DM Sidekick</h1>
        <nav aria-label={t('dashboard.sections')} className="flex gap-1">
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
      {error?.status === 'error' && <p role="alert">{error.error.message}</p>}
      {tab === 'conversations' && rows.status === 'ready' && settings.status === 'ready' && (
        <>
          {rows.value.length === 0 ? (
            <p>{t('dashboard.empty')}</p>
          ) : (
            <ConversationsTab
              rows={rows.value}
              tags={tagList}
              settings={settings.value}
              onOpenContact={setContactId}
              team={team.status === 'ready' && team.value.config ? team.value : null}
            />
          )}
          {contactId && <ContactView contactId={contactId} onClose={() => setContactId(null)} />}
        </>
      )}
      {tab === 'templates' && (
        <div className="max-w-xl">
          <TemplatesSection values={{}} />
        </div>
      )}
      {tab === 'packs' && <PacksSection />}
      {tab === 'metrics' && <MetricsTab tags={tagList} />}
      {tab === 'settings' && settings.status === 'ready' && <SettingsTab settings={settings.value} />}
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
