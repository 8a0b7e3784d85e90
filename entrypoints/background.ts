import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { exportBackup, parseBackup, restoreBackup } from '@/utils/db/backup';
import { withDatabase } from '@/utils/db/connection';
import {
  addNote,
  createTag,
  createTemplate,
  deleteContact,
  deleteNote,
  deleteTag,
  deleteTemplate,
  markTemplateUsed,
  readSettings,
  recordConversation,
  restoreTemplate,
  updateContact,
  updateConversation,
  updateNote,
  updateSettings,
  updateTag,
  updateTemplate,
} from '@/utils/db/operations';
import { allTags, conversationRows, conversationView } from '@/utils/db/queries';
import { RpcError } from '@/utils/messaging/errors';
import { type LiveQueries, notifyPageChanged, serveLive } from '@/utils/messaging/live-server';
import { type PageCommand, PageCommandSchema } from '@/utils/messaging/page-commands';
import { activePageState, forgetTab, savePageState } from '@/utils/messaging/page-states';
import { type RpcHandlers, serveRpc } from '@/utils/messaging/server';
import { InsertResultSchema } from '@/utils/platforms/types';

/** Sends a command to the frame of the tab that shows its conversation (LinkedIn's may be an iframe). */
async function sendToConversationFrame(tabId: number | undefined, command: PageCommand): Promise<unknown> {
  const target = tabId === undefined ? null : await activePageState(tabId);
  if (tabId === undefined || !target) throw new RpcError('not-found', 'No conversation is open in this tab.');
  return browser.tabs.sendMessage(tabId, PageCommandSchema.parse(command), { frameId: target.frameId });
}

/** The one writer: every change to the data passes through these handlers. */
const handlers: RpcHandlers = {
  'page.report': async (snapshot, { tabId, frameId }) => {
    if (tabId === undefined) return null;
    await savePageState(tabId, frameId ?? 0, snapshot);
    await withDatabase((db) => recordConversation(db, snapshot));
    notifyPageChanged(tabId);
    return null;
  },
  'composer.insert': async ({ text, threadId }, { tabId }) =>
    InsertResultSchema.parse(
      await sendToConversationFrame(tabId, { kind: 'dms.page-command', command: 'insert', text, threadId }),
    ),
  'composer.focus': async (_, { tabId }) =>
    (await sendToConversationFrame(tabId, { kind: 'dms.page-command', command: 'focus-composer' })) === true,
  'panel.collapse': async (_, { tabId }) =>
    tabId !== undefined &&
    (await browser.tabs.sendMessage(tabId, { kind: 'dms.page-command', command: 'collapse-panel' }, { frameId: 0 })) ===
      true,
  'contacts.update': ({ id, patch }) => withDatabase((db) => updateContact(db, id, patch)),
  'contacts.delete': ({ id }) => withDatabase((db) => deleteContact(db, id)).then(() => null),
  'conversations.update': ({ id, patch }) => withDatabase((db) => updateConversation(db, id, patch)),
  'tags.create': (input) => withDatabase((db) => createTag(db, input)),
  'tags.update': ({ id, patch }) => withDatabase((db) => updateTag(db, id, patch)),
  'tags.delete': ({ id }) => withDatabase((db) => deleteTag(db, id)).then(() => null),
  'notes.add': (input) => withDatabase((db) => addNote(db, input)),
  'notes.update': ({ id, text }) => withDatabase((db) => updateNote(db, id, text)),
  'notes.delete': ({ id }) => withDatabase((db) => deleteNote(db, id)).then(() => null),
  'templates.create': (input) => withDatabase((db) => createTemplate(db, input)),
  'templates.update': ({ id, patch }) => withDatabase((db) => updateTemplate(db, id, patch)),
  'templates.delete': ({ id }) => withDatabase((db) => deleteTemplate(db, id)).then(() => null),
  'templates.restore': (template) => withDatabase((db) => restoreTemplate(db, template)),
  'templates.markUsed': ({ id }) => withDatabase((db) => markTemplateUsed(db, id)).then(() => null),
  'settings.update': (patch) => withDatabase((db) => updateSettings(db, patch)),
  'backup.export': () => withDatabase((db) => exportBackup(db)),
  'backup.restore': ({ text, mode }) => {
    const file = parseBackup(text);
    return withDatabase((db) => restoreBackup(db, file, mode));
  },
};

const liveQueries: LiveQueries = {
  'panel.context': {
    pageScoped: true,
    run: async (_, page) => ({
      page,
      view:
        page?.state === 'thread' && page.threadId
          ? await withDatabase((db) => conversationView(db, page.platform, page.threadId as string))
          : null,
    }),
  },
  'conversation.view': {
    run: ({ platform, threadId }) => withDatabase((db) => conversationView(db, platform, threadId)),
  },
  'conversations.list': { run: () => withDatabase(conversationRows) },
  'tags.all': { run: () => withDatabase(allTags) },
  'templates.all': { run: () => withDatabase((db) => db.templates.toArray()) },
  settings: { run: () => withDatabase(readSettings) },
};

export default defineBackground(() => {
  serveRpc(handlers);
  serveLive(liveQueries, async (tabId) => (await activePageState(tabId))?.snapshot ?? null);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'open-template-search' || tab?.id === undefined) return;
    try {
      await browser.tabs.sendMessage(tab.id, { kind: 'dms.page-command', command: 'reveal-panel' }, { frameId: 0 });
      await browser.runtime.sendMessage({ kind: 'dms.panel-command', command: 'focus-search', tabId: tab.id });
    } catch {
      // Not a messages page (no content script or no panel there): the shortcut does nothing.
    }
  });
  // `wxt build --mode bench` only: production builds drop this branch and the module with it.
  if (import.meta.env.MODE === 'bench') {
    void import('../tests/bench/storage-hooks').then(({ storageBench }) => {
      Object.assign(globalThis, { dmsStorageBench: storageBench });
    });
  }
});
