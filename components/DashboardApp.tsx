export function DashboardApp() {
  return (
    <main className="mx-auto flex min-h-screen max-w-5xl flex-col gap-4 p-6 text-zinc-900 dark:text-zinc-100">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p>No conversations tracked yet. Open a conversation on Instagram, X, Messenger or LinkedIn to begin.</p>
    </main>
  );
}
