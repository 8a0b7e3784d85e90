import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { LanguageProvider, useI18n } from '../shared/i18n';
import { PopupSummary } from './PopupSummary';

function Popup() {
  const { t, language } = useI18n();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const openDashboard = async () => {
    await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
    window.close();
  };
  return (
    <main className="flex w-80 flex-col gap-3 p-4 text-sm text-zinc-900 dark:text-zinc-100">
      <h1 className="text-base font-semibold">DM Sidekick</h1>
      <PopupSummary />
      <button
        type="button"
        className="rounded bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        onClick={openDashboard}
      >
        {t('popup.openDashboard')}
      </button>
    </main>
  );
}

export function PopupApp() {
  return (
    <LanguageProvider>
      <Popup />
    </LanguageProvider>
  );
}
