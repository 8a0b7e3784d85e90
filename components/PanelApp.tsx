import { PLATFORM_LABELS, PLATFORMS, type Platform } from '@/utils/platforms/sites';

/** The content script passes the platform in the URL fragment: #platform=instagram. */
function platformFromHash(hash: string): Platform | undefined {
  const value = new URLSearchParams(hash.slice(1)).get('platform');
  return PLATFORMS.find((p) => p === value);
}

export function PanelApp() {
  const platform = platformFromHash(location.hash);
  return (
    <main className="flex h-screen flex-col gap-2 bg-white p-3 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
      <h1 className="text-base font-semibold">DM Sidekick</h1>
      <p>{platform ? `Connected to ${PLATFORM_LABELS[platform]}` : 'Unknown page'}</p>
    </main>
  );
}
