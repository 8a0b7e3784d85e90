import { PLATFORM_LABELS } from '@/utils/platforms/sites';
import type { PageSnapshot } from '@/utils/platforms/types';
import { NotesSection } from './NotesSection';
import { useLive } from './useLive';

/** What the panel says when it cannot show a conversation: it fails visibly, it never guesses. */
function pageMessage(page: PageSnapshot | null): string {
  if (!page) return 'Waiting for the page…';
  switch (page.state) {
    case 'no-conversation':
      return 'Open a conversation to see its notes and templates.';
    case 'loading':
      return 'Loading the conversation…';
    case 'passcode-required':
      return 'This chat is locked with a passcode. Unlock it on the page first.';
    case 'message-request':
      return 'This is a message request. Accept it on the page to reply.';
    case 'not-messages':
      return 'No conversation on this page.';
    case 'thread':
      return page.health.participant === 'found'
        ? 'Loading…'
        : 'DM Sidekick cannot tell who this conversation is with on this page.';
  }
}

export function PanelApp() {
  const context = useLive('panel.context', null);
  const page = context.status === 'ready' ? context.value.page : null;
  const view = context.status === 'ready' ? context.value.view : null;

  return (
    <main className="flex h-screen flex-col gap-3 overflow-y-auto bg-white p-3 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
      <header className="flex flex-col gap-0.5">
        <p className="text-xs text-zinc-500">DM Sidekick{page ? ` · ${PLATFORM_LABELS[page.platform]}` : ''}</p>
        <h1 className="text-base font-semibold">{view ? view.contact.displayName : 'DM Sidekick'}</h1>
        {view?.contact.handle && <p className="text-xs text-zinc-500">@{view.contact.handle}</p>}
      </header>
      {context.status === 'error' && <p role="alert">{context.error.message}</p>}
      {page?.state === 'thread' && page.health.composer !== 'found' && (
        <p role="status" className="rounded bg-amber-100 p-2 text-amber-900">
          {page.health.composer === 'missing'
            ? 'The message box was not found on this page, so templates cannot be inserted here.'
            : 'More than one message box matches on this page, so DM Sidekick will not insert into either.'}
        </p>
      )}
      {view ? <NotesSection contactId={view.contact.id} notes={view.notes} /> : <p>{pageMessage(page)}</p>}
    </main>
  );
}
