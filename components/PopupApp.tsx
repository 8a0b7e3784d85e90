import { browser } from 'wxt/browser';

export function PopupApp() {
  const openDashboard = async () => {
    await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
    window.close();
  };
  return (
    <main className="flex w-64 flex-col gap-3 p-4 text-sm text-zinc-900 dark:text-zinc-100">
      <h1 className="text-base font-semibold">DM Sidekick</h1>
      <button
        type="button"
        className="rounded bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        onClick={openDashboard}
      >
        Open dashboard
      </button>
    </main>
  );
}
