import { useEffect } from 'react';
import { PLATFORM_LABELS } from '@/utils/platforms/sites';
import { BackupSection } from './BackupSection';
import { useLive } from './useLive';

export function DashboardApp() {
  const rows = useLive('conversations.list', null);

  useEffect(() => {
    // With unlimitedStorage the data is already exempt from eviction; this asks for it explicitly too.
    void navigator.storage?.persist?.();
  }, []);

  return (
    <main className="mx-auto flex min-h-screen max-w-5xl flex-col gap-6 p-6 text-zinc-900 dark:text-zinc-100">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <section aria-labelledby="conversations-heading" className="flex flex-col gap-2">
        <h2 id="conversations-heading" className="text-lg font-semibold">
          Conversations
        </h2>
        {rows.status === 'error' && <p role="alert">{rows.error.message}</p>}
        {rows.status === 'ready' && rows.value.length === 0 && (
          <p>No conversations tracked yet. Open a conversation on Instagram, X, Messenger or LinkedIn to begin.</p>
        )}
        {rows.status === 'ready' && rows.value.length > 0 && (
          <table aria-label="Conversations" className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Platform</th>
                <th scope="col">Status</th>
                <th scope="col">Last note</th>
              </tr>
            </thead>
            <tbody>
              {rows.value.map(({ conversation, contact, lastNote }) => (
                <tr key={conversation.id} className="border-t border-zinc-200 dark:border-zinc-700">
                  <td>{contact.displayName}</td>
                  <td>{PLATFORM_LABELS[conversation.platform]}</td>
                  <td>{conversation.status}</td>
                  <td>{lastNote?.text ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <BackupSection />
    </main>
  );
}
