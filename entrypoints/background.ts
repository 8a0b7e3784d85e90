import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseBackup, restoreBackup } from '@/utils/db/backup';
import { createUploads } from '@/utils/db/backup-upload';
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
  restoreTemplate,
  updateContact,
  updateConversation,
  updateNote,
  updateSettings,
  updateTag,
  updateTemplate,
} from '@/utils/db/operations';
import { allTags, contactView, conversationRows, conversationView } from '@/utils/db/queries';
import { because } from '@/utils/errors';
import { exportPerson } from '@/utils/export/person';
import { pickLanguage, translate } from '@/utils/i18n/strings';
import { mergeInboxReport } from '@/utils/inbox/merge';
import { needsReplyCount } from '@/utils/inbox/needs-reply';
import { RpcError } from '@/utils/messaging/errors';
import { handleInboxReport } from '@/utils/messaging/inbox-report';
import { createJobs, sessionJobStore } from '@/utils/messaging/jobs/jobs';
import { type LiveQueries, serveLive } from '@/utils/messaging/live-server';
import { type PageCommand, PageCommandSchema } from '@/utils/messaging/page-commands';
import { handlePageReport, handlePageStalled } from '@/utils/messaging/page-report';
import { activePageState, forgetTab } from '@/utils/messaging/page-states';
import {
  claimPanel,
  forgetPanelKey,
  isPanelPage,
  PANEL_NOT_OURS,
  registerPanelKey,
} from '@/utils/messaging/panel-keys';
import { createRequestLog, pruneAppliedRequests } from '@/utils/messaging/request-log';
import { type RpcHandlers, serveRpc } from '@/utils/messaging/server';
import { exportPack } from '@/utils/packs/export';
import { applyImport, forkTemplate, needsReview, planImport, unsubscribe } from '@/utils/packs/import';
import { parsePack } from '@/utils/packs/parse';
import { checkForUpdate, previewSubscription } from '@/utils/packs/subscription';
import { personKnown } from '@/utils/platforms/reading';
import { threadUrl } from '@/utils/platforms/sites';
import { InsertResultSchema } from '@/utils/platforms/types';
import type { PanelShortcutCommand } from '@/utils/shortcuts/content-wire';
import { expandShortcut, shortcutList } from '@/utils/shortcuts/library';
import { readShortcutSettings, SHORTCUT_SETTINGS_KEY } from '@/utils/shortcuts/settings';
import { checkDeadlines, remindAt, snoozeConversation } from '@/utils/sla/alarms';
import { computeMetrics } from '@/utils/sla/metrics';
import { refreshDeadlines, trackPageReport } from '@/utils/sla/tracking';
import {
  conversationHistory,
  forgetTabPresence,
  joinTeam,
  leaveTeam,
  readTeamStatus,
  resumeTeam,
  setPresence,
} from '@/utils/sync/team';
import { conversationKeyOf } from '@/utils/sync/team-doc';
import { draftStorageKey } from '@/utils/templates/draft';

/** Sends a command to the frame of the tab that shows its conversation (LinkedIn's may be an iframe). */
async function sendToConversationFrame(tabId: number | undefined, command: PageCommand): Promise<unknown> {
  const target = tabId === undefined ? null : await activePageState(tabId);
  if (tabId === undefined || !target) {
    throw new RpcError('not-found', 'No conversation is open in this tab.', because('no-open-conversation'));
  }
  return browser.tabs.sendMessage(tabId, PageCommandSchema.parse(command), { frameId: target.frameId });
}

/** How many times, this far apart, a shortcut's command is offered to its tab's panel until the panel takes it. */
const PANEL_OFFERS = 50;
const PANEL_OFFER_GAP_MS = 100;

/**
 * Offers a shortcut's command to the panel of its tab until that panel takes it (answers true): the panel
 * shows the person's name in its first paint before its app listens (entrypoints/panel/first-paint.ts), and
 * a shortcut typed meanwhile must not be lost. Other extension pages hear it too and leave it.
 */
async function offerToPanel(command: PanelShortcutCommand): Promise<void> {
  for (let offer = 0; offer < PANEL_OFFERS; offer++) {
    if ((await browser.runtime.sendMessage(command).catch(() => undefined)) === true) return;
    await new Promise((resolve) => setTimeout(resolve, PANEL_OFFER_GAP_MS));
  }
}

/** Restores (and other long writes) run as jobs of this worker, followed by the dashboard. */
const jobs = createJobs({
  withDatabase,
  store: sessionJobStore,
  keepAlive: () => browser.runtime.getPlatformInfo(),
});
/** Backup files on their way to a restore, in parts (one message carries at most 64 MiB). */
const uploads = createUploads();

/** The one writer: every change to the data passes through these handlers. */
const handlers: RpcHandlers = {
  'page.report': (snapshot, context) =>
    handlePageReport(snapshot, context, async (seen) => {
      await withDatabase((db) => trackPageReport(db, seen, Date.now()));
      await updateBadge();
    }),
  'inbox.report': (report, context) =>
    handleInboxReport(report, context, async (seen) => {
      const merged = await withDatabase((db) => mergeInboxReport(db, seen, Date.now()));
      await updateBadge();
      return merged;
    }),
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
  'conversations.update': ({ id, patch }) =>
    withDatabase(async (db) => {
      const updated = await updateConversation(db, id, patch);
      // Tags and the policy decide the SLA: the deadline follows them.
      if (patch.tags || patch.slaPolicyId !== undefined) await refreshDeadlines(db, [id]);
      return (await db.conversations.get(id)) ?? updated;
    }),
  'conversations.snooze': ({ id, until }) => {
    const now = Date.now();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return withDatabase((db) => snoozeConversation(db, id, remindAt(until, now, timeZone), now));
  },
  'tags.create': (input) => withDatabase((db) => createTag(db, input)),
  'tags.update': ({ id, patch }) =>
    withDatabase(async (db) => {
      const tag = await updateTag(db, id, patch);
      if (patch.slaPolicyId !== undefined) await refreshDeadlines(db);
      return tag;
    }),
  'tags.delete': ({ id }) => withDatabase((db) => deleteTag(db, id)).then(() => null),
  'notes.add': (input) => withDatabase((db) => addNote(db, input)),
  'notes.update': ({ id, text }) => withDatabase((db) => updateNote(db, id, text)),
  'notes.delete': ({ id }) => withDatabase((db) => deleteNote(db, id)).then(() => null),
  'templates.create': (input) => withDatabase((db) => createTemplate(db, input)),
  'templates.update': ({ id, patch }) => withDatabase((db) => updateTemplate(db, id, patch)),
  'templates.delete': ({ id }) => withDatabase((db) => deleteTemplate(db, id)).then(() => null),
  'templates.restore': (template) => withDatabase((db) => restoreTemplate(db, template)),
  'templates.markUsed': ({ id }) => withDatabase((db) => markTemplateUsed(db, id)).then(() => null),
  'settings.update': (patch) =>
    withDatabase(async (db) => {
      const settings = await updateSettings(db, patch);
      await refreshDeadlines(db);
      return settings;
    }),
  'packs.previewFile': ({ text, fileName }) => {
    const pack = parsePack(text);
    return withDatabase((db) => planImport(db, pack, { kind: 'file', name: fileName }));
  },
  'packs.previewUrl': ({ url }) => withDatabase((db) => previewSubscription(db, url, PACK_FETCH_OPTIONS)),
  'packs.apply': ({ plan, resolutions, options }) => withDatabase((db) => applyImport(db, plan, resolutions, options)),
  'packs.import': ({ plan, resolutions, options }) =>
    jobs.start('packs.import', {
      check: () => plan,
      write: async (db, checked, report) => ({
        ...(await applyImport(db, checked, resolutions, options, report)),
        name: checked.pack.name,
      }),
    }),
  'packs.checkUpdate': ({ id }) => withDatabase((db) => checkForUpdate(db, id, PACK_FETCH_OPTIONS)),
  'packs.export': ({ meta, selection }) => withDatabase((db) => exportPack(db, meta, selection)),
  'packs.unsubscribe': ({ id, keepTemplates }) => withDatabase((db) => unsubscribe(db, id, { keepTemplates })),
  'templates.fork': ({ id }) => withDatabase((db) => forkTemplate(db, id)),
  'metrics.compute': ({ from, to }) =>
    withDatabase((db) =>
      computeMetrics(db, { from, to, now: Date.now(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    ),
  'contacts.export': ({ id }) => withDatabase((db) => exportPerson(db, id)),
  'backup.upload': (part) => {
    uploads.add(part);
    return null;
  },
  'backup.restore': ({ uploadId, mode }) =>
    jobs.start('backup.restore', {
      check: () => parseBackup(uploads.take(uploadId)),
      write: (db, file, report) => restoreBackup(db, file, mode, report),
    }),
  'jobs.latest': ({ kind }) => jobs.latest(kind),
  'page.stalled': (_, context) => handlePageStalled(context),
  // ---- team mode (utils/sync/) ----
  'team.join': (input) => joinTeam(input),
  'team.leave': (input) => leaveTeam(input).then(() => null),
  'team.presence': async (shown, { tabId }) => {
    if (tabId === undefined) return null;
    const conversationKey = shown && conversationKeyOf(shown.platform, shown.threadId);
    await setPresence(tabId, conversationKey ? { conversationKey, activity: 'viewing' } : null);
    return null;
  },
  'team.typing': async (_, { tabId }) => {
    const page = tabId === undefined ? null : (await activePageState(tabId))?.snapshot;
    if (tabId !== undefined && page?.state === 'thread' && page.threadId) {
      await setPresence(tabId, {
        conversationKey: conversationKeyOf(page.platform, page.threadId),
        activity: 'replying',
      });
    }
    return null;
  },
  // ---- panel handshake (issue #15 point 2) ----
  'panel.register': async ({ key }, { tabId, frameId }) => {
    if (tabId === undefined || frameId !== 0)
      throw new RpcError('forbidden', "Only a tab's top frame shows the panel.", because('panel-top-frame-only'));
    await registerPanelKey(tabId, key);
    const language = pickLanguage((await withDatabase(readSettings)).language);
    return {
      resize: translate(language, 'frame.resize'),
      resizeHint: translate(language, 'frame.resizeHint'),
      open: translate(language, 'frame.open'),
    };
  },
  'panel.claim': async ({ key }, { tabId, frameId, url }) => {
    const ours = isPanelPage(url) && tabId !== undefined && frameId !== undefined;
    if (!ours || !(await claimPanel(tabId, frameId, key))) throw new RpcError('forbidden', PANEL_NOT_OURS);
    // The person the panel's context will show, for the panel's first paint (entrypoints/panel/first-paint.ts).
    const page = (await activePageState(tabId))?.snapshot ?? null;
    if (!personKnown(page)) return {};
    const view = await withDatabase((db) => conversationView(db, page.platform, page.threadId));
    return view ? { heading: { platform: page.platform, name: view.contact.displayName } } : {};
  },
  // ---- shortcuts typed in the composer (issue #17) ----
  'shortcuts.list': async ({ platform }) => {
    const settings = readShortcutSettings(
      (await browser.storage.local.get(SHORTCUT_SETTINGS_KEY))[SHORTCUT_SETTINGS_KEY],
    );
    return withDatabase((db) => shortcutList(db, platform, settings));
  },
  'shortcuts.expand': async (input, { tabId }) => {
    // Only for the conversation the sender's tab shows: a page cannot fill templates for another one.
    const shown = tabId === undefined ? null : await activePageState(tabId);
    if (shown?.snapshot.platform !== input.platform || shown.snapshot.threadId !== input.threadId) {
      return { kind: 'unavailable', reason: 'conversation-changed' } as const;
    }
    const expansion = await withDatabase((db) => expandShortcut(db, input));
    if (expansion.kind === 'ask-in-panel' && tabId !== undefined) {
      // The panel is the top frame's, whichever frame the composer is in (LinkedIn's /preload/ sub-frame has
      // none): opened first, so that the form's first field takes the keyboard focus as it appears.
      const reveal = { kind: 'dms.page-command', command: 'reveal-panel' };
      await browser.tabs.sendMessage(tabId, reveal, { frameId: 0 }).catch(() => undefined);
      void offerToPanel({ kind: 'dms.panel-command', command: 'fill-template', tabId, templateId: input.templateId });
    }
    return expansion;
  },
  'shortcuts.failed': async ({ typed, reason }, { tabId }) => {
    // The page shows no words of ours: the tab's panel says why the typed shortcut is still there.
    if (tabId !== undefined)
      void offerToPanel({ kind: 'dms.panel-command', command: 'shortcut-failed', tabId, typed, reason });
    return null;
  },
};

const liveQueries: LiveQueries = {
  'panel.context': {
    pageScoped: true,
    run: async (_, page, loadingSince) => ({
      page,
      ...(loadingSince !== undefined && { loadingSince }),
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
  'contact.view': { run: ({ contactId }) => withDatabase((db) => contactView(db, contactId)) },
  'tags.all': { run: () => withDatabase(allTags) },
  'templates.all': { run: () => withDatabase((db) => db.templates.toArray()) },
  'packs.all': { run: () => withDatabase((db) => db.packs.orderBy('id').toArray()) },
  settings: { run: () => withDatabase(readSettings) },
  'team.status': { run: () => withDatabase(readTeamStatus) },
  'team.history': {
    run: ({ platform, threadId }) =>
      withDatabase((db) => conversationHistory(db, conversationKeyOf(platform, threadId))),
  },
};

const SLA_ALARM = 'sla-tick';
const PACK_UPDATE_ALARM = 'pack-updates';
/** Production subscribes over https only; the e2e build also reaches a test server on loopback http. */
const PACK_FETCH_OPTIONS = { allowLoopbackHttp: import.meta.env.MODE === 'e2e' };

/**
 * Every few hours: subscribed packs are checked with conditional requests. An update that needs no
 * decision (no conflict, newer version, same source) is applied; one that does waits for the person
 * in the dashboard ("Check for updates" shows what changed).
 */
async function checkSubscribedPacks(): Promise<void> {
  const packs = await withDatabase((db) => db.packs.toArray());
  for (const pack of packs) {
    if (pack.source.kind !== 'url') continue;
    try {
      const check = await withDatabase((db) => checkForUpdate(db, pack.id, PACK_FETCH_OPTIONS));
      if (check.kind === 'fetched' && !needsReview(check.plan)) {
        await withDatabase((db) => applyImport(db, check.plan, {}));
      }
    } catch (error) {
      console.warn(`DM Sidekick: checking pack ${pack.name} for updates failed: ${(error as Error).message}`);
    }
  }
}

/**
 * The toolbar badge: how many conversations need a reply (issue #16), red while one of them is overdue.
 * Refreshed after each page or list report and on the minute.
 */
async function updateBadge(): Promise<void> {
  const { count, overdue } = await withDatabase((db) => needsReplyCount(db, Date.now()));
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await browser.action.setBadgeBackgroundColor({ color: overdue > 0 ? '#b91c1c' : '#1d4ed8' });
}

/**
 * Once a minute: the toolbar badge counts the conversations that need a reply; breaches and due reminders
 * notify (opt-in). Everything is read from and marked in the database: a restarted worker neither misses
 * nor repeats a notification.
 */
async function onSlaTick(): Promise<void> {
  const [check, settings] = await withDatabase(
    async (db) => [await checkDeadlines(db, Date.now()), await readSettings(db)] as const,
  );
  await updateBadge();
  if (!settings.notifications || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  const contacts = await withDatabase((db) =>
    db.contacts.bulkGet([...check.newlyBreached, ...check.dueReminders].map((c) => c.contactId)),
  );
  const names = new Map(contacts.flatMap((contact) => (contact ? [[contact.id, contact.displayName] as const] : [])));
  for (const [conversations, title] of [
    [check.newlyBreached, 'SLA breached'],
    [check.dueReminders, 'Reminder'],
  ] as const) {
    for (const conversation of conversations) {
      await browser.notifications.create(`conversation:${conversation.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: `DM Sidekick: ${title}`,
        message: `${names.get(conversation.contactId) ?? 'A customer'} is waiting for an answer.`,
      });
    }
  }
}

async function openNotifiedConversation(notificationId: string): Promise<void> {
  const id = /^conversation:(.+)$/.exec(notificationId)?.[1];
  const conversation = id ? await withDatabase((db) => db.conversations.get(id)) : undefined;
  if (conversation) await browser.tabs.create({ url: threadUrl(conversation.platform, conversation.threadId) });
}

export default defineBackground(() => {
  // Writes exactly once (issue #15): retries of an applied request id get its first answer.
  serveRpc(handlers, createRequestLog(withDatabase));
  void withDatabase((db) => pruneAppliedRequests(db));
  serveLive(liveQueries, activePageState);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onRemoved.addListener((tabId) => void forgetPanelKey(tabId));
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(draftStorageKey(tabId)));
  // Team mode: a stopped worker's websocket is re-opened on every wake (the SLA alarm wakes it each minute).
  void resumeTeam();
  browser.tabs.onRemoved.addListener(forgetTabPresence);
  // Alarms outlive the worker: create it once, not on every wake.
  for (const [name, periodInMinutes] of [
    [SLA_ALARM, 1],
    [PACK_UPDATE_ALARM, 6 * 60],
  ] as const) {
    void browser.alarms.get(name).then((alarm) => {
      if (!alarm) void browser.alarms.create(name, { periodInMinutes, delayInMinutes: name === SLA_ALARM ? 0 : 1 });
    });
  }
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SLA_ALARM) void onSlaTick();
    if (alarm.name === PACK_UPDATE_ALARM) void checkSubscribedPacks();
  });
  // notifications is an optional permission: its API exists only once the user has granted it.
  const listenToNotificationClicks = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(openNotifiedConversation)) {
      browser.notifications.onClicked.addListener(openNotifiedConversation);
    }
  };
  listenToNotificationClicks();
  browser.permissions.onAdded.addListener(listenToNotificationClicks);
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'open-template-search' || tab?.id === undefined) return;
    try {
      await browser.tabs.sendMessage(tab.id, { kind: 'dms.page-command', command: 'reveal-panel' }, { frameId: 0 });
      await browser.runtime.sendMessage({ kind: 'dms.panel-command', command: 'focus-search', tabId: tab.id });
    } catch {
      // Not a messages page (no content script or no panel there): the shortcut does nothing.
    }
  });
});
