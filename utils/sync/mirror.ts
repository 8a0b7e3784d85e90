import type { CreatingHookContext, DeletingHookContext, IndexableType, Transaction, UpdatingHookContext } from 'dexie';
import * as Y from 'yjs';
import type { SidekickDatabase } from '../db/database';
import {
  type Contact,
  ContactSchema,
  type Conversation,
  ConversationSchema,
  type Note,
  NoteSchema,
  newId,
  type Tag,
  TagSchema,
  type Template,
  TemplateSchema,
} from '../db/schema';
import { refreshDeadlines } from '../sla/tracking';
import {
  SyncedAssigneeSchema,
  SyncedContactSchema,
  SyncedConversationSchema,
  SyncedStatusSchema,
  SyncedTagSchema,
  type SyncedTemplate,
  SyncedTemplateSchema,
  syncedTemplate,
  type TeamHistoryEntry,
  TeamHistoryEntrySchema,
} from './schema';
import {
  contactKeyOf,
  conversationKeyOf,
  spliceText,
  splitTagLink,
  type TeamMaps,
  tagLinkKey,
  teamMaps,
} from './team-doc';

/** Origin of the doc transactions that carry this browser's own changes (never pulled back). */
export const LOCAL_ORIGIN = 'dms.local';
/** Origin of the doc's own saved state applied on wake: already in Dexie, not pulled again. */
export const LOADED_ORIGIN = 'dms.loaded';

export type Author = { name: string; memberId: string };

type LocalChange =
  | { table: 'contacts'; after: Contact }
  | { table: 'conversations'; before?: Conversation; after: Conversation }
  | { table: 'tags'; before?: Tag; after?: Tag }
  | { table: 'notes'; before?: Note; after?: Note }
  | { table: 'templates'; before?: Template; after?: Template };

/** What a remote change touched: pulled into Dexie by key. */
type Touched = {
  conversations: Set<string>;
  contacts: Set<string>;
  tags: Set<string>;
  notes: Set<string>;
  templates: Set<string>;
  history: TeamHistoryEntry[];
};
const nothingTouched = (): Touched => ({
  conversations: new Set(),
  contacts: new Set(),
  tags: new Set(),
  notes: new Set(),
  templates: new Set(),
  history: [],
});

const SYNCED_TABLES = ['contacts', 'conversations', 'tags', 'notes', 'templates'] as const;

/**
 * Mirrors the shared tables of one Dexie database into a team's Y.Doc and back. Local writes are seen
 * by Dexie hooks (whatever handler made them) and applied to the doc once their transaction commits;
 * remote doc changes are written to Dexie in transactions marked as remote, whose writes the hooks
 * ignore — so nothing is echoed back. Every doc update is saved in `teamUpdates`; a remote one in the
 * same transaction that applies it to the tables, so a worker stopped at any moment either has both
 * or neither, and on wake `pushDifferences` finds the local writes the doc had not taken yet.
 */
export class TeamMirror {
  readonly maps: TeamMaps;
  private readonly remoteTransactions = new WeakSet<object>();
  private readonly changesOf = new WeakMap<object, LocalChange[]>();
  /**
   * Notes and templates deleted by a committed local transaction whose push has not run yet: the pull of an
   * earlier push (their creation's) must not write them back from the doc, where they still are.
   */
  private readonly unpushedDeletes = new Set<string>();
  private unsaved: Uint8Array[] = [];
  /** Tag name keys per conversation key, kept in step with `conversationTags` (no scan per row). */
  private readonly tagIndex = new Map<string, Set<string>>();
  /** History entries a remote transaction added, taken by its pull. */
  private remoteHistory: TeamHistoryEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly unhook: (() => void)[] = [];
  private failure: unknown;

  constructor(
    private readonly db: SidekickDatabase,
    readonly doc: Y.Doc,
    private readonly author: () => Author,
    private readonly onSaved: () => void = () => undefined,
  ) {
    this.maps = teamMaps(doc);
  }

  /** Applies the doc's saved updates (from `teamUpdates`) and starts mirroring. */
  async start(): Promise<void> {
    const saved = await this.db.teamUpdates.orderBy('seq').toArray();
    if (saved.length) Y.applyUpdate(this.doc, Y.mergeUpdates(saved.map((row) => row.update)), LOADED_ORIGIN);
    for (const key of this.maps.conversationTags.keys()) this.indexTagLink(key);
    this.maps.history.observe(this.onHistory);
    this.doc.on('update', this.onUpdate);
    this.doc.on('afterTransaction', this.onAfterTransaction);
    this.unhook.push(() => {
      this.doc.off('update', this.onUpdate);
      this.doc.off('afterTransaction', this.onAfterTransaction);
      this.maps.history.unobserve(this.onHistory);
    });
    this.hookTables();
    await this.pushDifferences();
  }

  stop(): void {
    for (const undo of this.unhook.splice(0)) undo();
  }

  /** Resolves when every change seen so far is in the doc, in Dexie and saved; rejects with a failure. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
    if (this.failure) throw this.failure;
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((error: unknown) => {
      this.failure = error;
      console.warn(`DM Sidekick team sync: ${(error as Error).message}`);
    });
  }

  /**
   * A local update is taken by the pushLocal that made it; any other (a member's, relayed by the server,
   * or this browser's own member entry) is saved by the pull of exactly that update, in the transaction
   * that writes its effect into the tables. Never a later update in an earlier pull: a worker stopped
   * between the two would wake with an update saved ("already in Dexie", not pulled again) that no pull
   * ever wrote.
   */
  private readonly onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === LOADED_ORIGIN) return;
    if (origin === LOCAL_ORIGIN) {
      this.unsaved.push(update);
      return;
    }
    const touched = this.touchedBy(transaction);
    this.enqueue(() => this.pullTouched(touched, [update]));
  };

  private readonly onHistory = (event: Y.YArrayEvent<TeamHistoryEntry>) => {
    const { origin } = event.transaction;
    if (origin === LOCAL_ORIGIN || origin === LOADED_ORIGIN) return;
    for (const part of event.changes.delta)
      if (part.insert) this.remoteHistory.push(...(part.insert as TeamHistoryEntry[]));
  };

  private indexTagLink(key: string): void {
    const { conversationKey, nameKey } = splitTagLink(key);
    const names = this.tagIndex.get(conversationKey) ?? new Set<string>();
    if (this.maps.conversationTags.has(key)) names.add(nameKey);
    else names.delete(nameKey);
    this.tagIndex.set(conversationKey, names);
  }

  private tagsOf(conversationKey: string): ReadonlySet<string> {
    return this.tagIndex.get(conversationKey) ?? new Set();
  }

  /** Whether any conversation of the doc still carries the tag (a member tagged it while another deleted it). */
  private isLinked(nameKey: string): boolean {
    for (const names of this.tagIndex.values()) if (names.has(nameKey)) return true;
    return false;
  }

  // ---- local → doc -----------------------------------------------------------------------------

  private hookTables(): void {
    for (const name of SYNCED_TABLES) {
      const table = this.db.table(name);
      const record = (transaction: Transaction, change: LocalChange) => {
        // A handler's transaction may run inside another (the request log's, which also records the request
        // id): a sub-transaction "completes" when its function returns, before anything is committed, and the
        // outer one may still abort. Only the outermost transaction's completion is a commit.
        const root = rootOf(transaction);
        if (this.remoteTransactions.has(root)) return;
        let changes = this.changesOf.get(root);
        if (!changes) {
          changes = [];
          this.changesOf.set(root, changes);
          const collected = changes;
          root.on('complete', () => {
            for (const key of deletedKeys(collected)) this.unpushedDeletes.add(key);
            this.enqueue(() => this.pushLocal(collected));
          });
        }
        changes.push(change);
      };
      const creating = function (
        this: CreatingHookContext<unknown, IndexableType>,
        _key: IndexableType,
        obj: unknown,
        tx: Transaction,
      ) {
        this.onsuccess = () => record(tx, { table: name, after: obj } as LocalChange);
      };
      const updating = function (
        this: UpdatingHookContext<unknown, IndexableType>,
        _mods: unknown,
        _key: unknown,
        obj: unknown,
        tx: Transaction,
      ) {
        this.onsuccess = (updated) => record(tx, { table: name, before: obj, after: updated } as LocalChange);
      };
      const deleting = function (
        this: DeletingHookContext<unknown, IndexableType>,
        _key: IndexableType,
        obj: unknown,
        tx: Transaction,
      ) {
        if (name !== 'contacts' && name !== 'conversations') {
          this.onsuccess = () => record(tx, { table: name, before: obj } as LocalChange);
        }
      };
      table.hook('creating', creating);
      table.hook('updating', updating);
      table.hook('deleting', deleting);
      this.unhook.push(() => {
        table.hook('creating').unsubscribe(creating);
        table.hook('updating').unsubscribe(updating);
        table.hook('deleting').unsubscribe(deleting);
      });
    }
  }

  private async pushLocal(changes: LocalChange[]): Promise<void> {
    const lookup = await this.lookups(changes);
    const touched = nothingTouched();
    this.doc.transact(() => {
      for (const change of changes) this.applyLocal(change, lookup, touched);
    }, LOCAL_ORIGIN);
    for (const key of deletedKeys(changes)) this.unpushedDeletes.delete(key);
    // Pulling what I pushed brings the doc's state for these rows (a colleague's earlier status, a
    // merged note) into Dexie, and writes over nothing a pull running meanwhile could have missed.
    await this.pullTouched(touched, this.unsaved.splice(0));
  }

  /** Contact keys by Dexie id, tag name keys by Dexie id (deleted tags included). */
  private async lookups(changes: LocalChange[]) {
    const contactIds = new Set<string>();
    for (const change of changes) {
      if (change.table === 'conversations') contactIds.add(change.after.contactId);
      if (change.table === 'notes') contactIds.add((change.after ?? change.before)?.contactId ?? '');
    }
    const contacts = await this.db.contacts.bulkGet([...contactIds].filter(Boolean));
    const contactKeys = new Map<string, string>();
    for (const contact of contacts)
      if (contact) contactKeys.set(contact.id, contactKeyOf(contact.platform, contact.platformId));
    const tagKeys = new Map<string, string>();
    for (const tag of await this.db.tags.toArray()) tagKeys.set(tag.id, tag.nameKey);
    for (const change of changes) {
      if (change.table === 'tags' && change.before) tagKeys.set(change.before.id, change.before.nameKey);
    }
    return { contactKeys, tagKeys };
  }

  private applyLocal(
    change: LocalChange,
    { contactKeys, tagKeys }: Awaited<ReturnType<TeamMirror['lookups']>>,
    touched: Touched,
  ): void {
    const { maps } = this;
    const author = this.author();
    switch (change.table) {
      case 'contacts': {
        const { after } = change;
        const key = contactKeyOf(after.platform, after.platformId);
        setIfChanged(maps.contacts, key, syncedContact(after));
        return;
      }
      case 'conversations': {
        const { before, after } = change;
        const key = conversationKeyOf(after.platform, after.threadId);
        const contactKey = contactKeys.get(after.contactId);
        if (!contactKey) return;
        touched.conversations.add(key);
        if (!maps.conversations.has(key)) {
          maps.conversations.set(key, { platform: after.platform, threadId: after.threadId, contactKey });
        }
        const now = Date.now();
        // A new row's defaults ("open", nobody, no tags) never override what the team already decided.
        if (after.status !== (before?.status ?? 'open')) {
          this.setTracked('status', key, after.status, author, now, touched);
        }
        if ((after.assignee ?? '') !== (before?.assignee ?? '')) {
          this.setTracked('assignee', key, after.assignee ?? '', author, now, touched);
        }
        const had = new Set((before?.tags ?? []).map((id) => tagKeys.get(id)));
        const has = new Set(after.tags.map((id) => tagKeys.get(id)));
        for (const nameKey of has)
          if (nameKey && !had.has(nameKey)) maps.conversationTags.set(tagLinkKey(key, nameKey), true);
        for (const nameKey of had)
          if (nameKey && !has.has(nameKey)) maps.conversationTags.delete(tagLinkKey(key, nameKey));
        return;
      }
      case 'tags': {
        const { before, after } = change;
        for (const tag of [before, after]) if (tag) touched.tags.add(tag.nameKey);
        if (before && (!after || after.nameKey !== before.nameKey)) maps.tags.delete(before.nameKey);
        if (after) setIfChanged(maps.tags, after.nameKey, { name: after.name, color: after.color });
        return;
      }
      case 'notes': {
        const { before, after } = change;
        // Every key a local change touched is pulled right after: the last job for a key leaves Dexie as the doc.
        touched.notes.add((after ?? before)?.id ?? '');
        if (!after) {
          if (before) maps.notes.delete(before.id);
          return;
        }
        const existing = maps.notes.get(after.id);
        if (!existing) {
          const contactKey = contactKeys.get(after.contactId);
          if (!contactKey) return;
          const note = new Y.Map<unknown>();
          note.set('contactKey', contactKey);
          note.set('createdAt', after.createdAt);
          note.set('text', new Y.Text(after.text));
          maps.notes.set(after.id, note);
          return;
        }
        const text = existing.get('text');
        if (text instanceof Y.Text && text.toString() !== after.text) {
          spliceText(text, before?.text ?? '', after.text);
          existing.set('editedAt', after.editedAt ?? Date.now());
        }
        return;
      }
      case 'templates': {
        const { before, after } = change;
        // A subscribed pack's template is not the team's: never in the doc, never pulled from it.
        if ((after ?? before)?.locked) return;
        const id = (after ?? before)?.id ?? '';
        touched.templates.add(id);
        // Deleted by a member: an edit that crossed the delete is dropped (the pull removes the row here too).
        if (maps.templateTombstones.has(id)) return;
        if (after) {
          // Who edited it last changes with its content only (a use of a colleague's template is no edit).
          const { editedBy: _mine, ...content } = syncedTemplate(after);
          const { editedBy: _theirs, ...inDoc } = (maps.templates.get(after.id) ?? {}) as Partial<SyncedTemplate>;
          if (!sameJson(content, inDoc)) maps.templates.set(after.id, { ...content, editedBy: author.name });
        } else if (before) {
          maps.templates.delete(before.id);
          maps.templateTombstones.set(before.id, { by: author.name, at: Date.now() });
        }
        return;
      }
    }
  }

  private setTracked(
    field: 'status' | 'assignee',
    key: string,
    value: string,
    author: Author,
    at: number,
    touched: Touched,
  ): void {
    const map = field === 'status' ? this.maps.status : this.maps.assignee;
    if ((map.get(key) as { value?: string } | undefined)?.value === value) return;
    map.set(key, { value, by: author.name, at });
    const entry = { id: newId(), conversationKey: key, field, value, by: author.name, at };
    this.maps.history.push([entry]);
    touched.history.push(entry);
  }

  /**
   * After the doc's saved state is loaded (worker wake, or joining with an empty doc): every local row
   * that differs from the doc is a local write the doc has not taken yet, so it is pushed.
   */
  async pushDifferences(): Promise<void> {
    const [contacts, conversations, tags, notes, templates] = await Promise.all([
      this.db.contacts.toArray(),
      this.db.conversations.toArray(),
      this.db.tags.toArray(),
      this.db.notes.toArray(),
      this.db.templates.toArray(),
    ]);
    const { maps } = this;
    const changes: LocalChange[] = [];
    for (const tag of tags) changes.push({ table: 'tags', after: tag });
    for (const contact of contacts) changes.push({ table: 'contacts', after: contact });
    const tagKeys = new Map(tags.map((tag) => [tag.id, tag.nameKey]));
    for (const conversation of conversations) {
      const key = conversationKeyOf(conversation.platform, conversation.threadId);
      const inDoc = this.tagsOf(key);
      const status = SyncedStatusSchema.safeParse(maps.status.get(key));
      const assignee = SyncedAssigneeSchema.safeParse(maps.assignee.get(key));
      // `before` as the doc has it: applyLocal pushes exactly what differs.
      const before: Conversation = {
        ...conversation,
        status: status.success ? status.data.value : 'open',
        assignee: assignee.success ? assignee.data.value || undefined : undefined,
        // A tag deleted here while no mirror ran has no row: `goneTagId` (see deletedWhileAway) unlinks it.
        tags: [...inDoc].map((nameKey) => tags.find((tag) => tag.nameKey === nameKey)?.id ?? goneTagId(nameKey)),
      };
      const sameTags =
        conversation.tags.every((id) => inDoc.has(tagKeys.get(id) ?? '')) && inDoc.size === conversation.tags.length;
      if (
        !maps.conversations.has(key) ||
        before.status !== conversation.status ||
        before.assignee !== conversation.assignee ||
        !sameTags
      ) {
        changes.push({ table: 'conversations', before, after: conversation });
      }
    }
    for (const note of notes) {
      const text = maps.notes.get(note.id)?.get('text');
      if (!(text instanceof Y.Text)) changes.push({ table: 'notes', after: note });
      else if (text.toString() !== note.text)
        changes.push({ table: 'notes', before: { ...note, text: text.toString() }, after: note });
    }
    for (const template of templates) {
      if (!sameJson(maps.templates.get(template.id), syncedTemplate(template))) {
        changes.push({ table: 'templates', after: template });
      }
    }
    changes.push(...this.deletedWhileAway(tags, notes, templates));
    this.enqueue(() => this.pushLocal(changes));
    await this.settled();
  }

  /**
   * Rows the saved doc holds that this browser no longer has: deleted while no mirror ran (the worker
   * stopped between the delete's commit and its doc update, or before the mirror woke). Every saved remote
   * update was written into the tables in the transaction that saved it, so a missing row is a local delete.
   * Doc entries this browser never could write (malformed, a note without a known contact or text) are left.
   */
  private deletedWhileAway(tags: Tag[], notes: Note[], templates: Template[]): LocalChange[] {
    const { maps } = this;
    const changes: LocalChange[] = [];
    const tagKeys = new Set(tags.map((tag) => tag.nameKey));
    for (const [nameKey, entry] of maps.tags) {
      if (!tagKeys.has(nameKey) && SyncedTagSchema.safeParse(entry).success) {
        changes.push({ table: 'tags', before: { id: goneTagId(nameKey), nameKey } as Tag });
      }
    }
    const noteIds = new Set(notes.map((note) => note.id));
    for (const [id, entry] of maps.notes) {
      if (noteIds.has(id) || !(entry instanceof Y.Map)) continue;
      const text = entry.get('text');
      const contactKey = entry.get('contactKey');
      const known =
        typeof contactKey === 'string' && SyncedContactSchema.safeParse(maps.contacts.get(contactKey)).success;
      if (known && text instanceof Y.Text && text.toString().trim()) {
        changes.push({ table: 'notes', before: { id } as Note });
      }
    }
    const templateIds = new Set(templates.map((template) => template.id));
    for (const [id, entry] of maps.templates) {
      if (!templateIds.has(id) && !maps.templateTombstones.has(id) && SyncedTemplateSchema.safeParse(entry).success) {
        changes.push({ table: 'templates', before: { id, locked: false } as Template });
      }
    }
    return changes;
  }

  /** Leaving a team without keeping a copy: every row the team's doc knows goes from this browser. */
  async forgetTeamData(): Promise<void> {
    await this.settled();
    const { db, maps } = this;
    const tables = [db.contacts, db.conversations, db.tags, db.notes, db.templates, db.responseEvents];
    await db.transaction('rw', tables, async (tx) => {
      this.remoteTransactions.add(tx);
      await db.notes.bulkDelete([...maps.notes.keys()]);
      await db.templates.bulkDelete([...maps.templates.keys()]);
      for (const value of maps.conversations.values()) {
        const synced = SyncedConversationSchema.safeParse(value);
        if (!synced.success) continue;
        const { platform, threadId } = synced.data;
        const local = await db.conversations.where('[platform+threadId]').equals([platform, threadId]).first();
        if (!local) continue;
        await db.responseEvents.where('conversationId').equals(local.id).delete();
        await db.conversations.delete(local.id);
      }
      for (const value of maps.contacts.values()) {
        const synced = SyncedContactSchema.safeParse(value);
        if (!synced.success) continue;
        await db.contacts
          .where('[platform+platformId]')
          .equals([synced.data.platform, synced.data.platformId])
          .delete();
      }
      await db.tags
        .where('nameKey')
        .anyOf([...maps.tags.keys()])
        .delete();
    });
  }

  // ---- doc → local -----------------------------------------------------------------------------

  private readonly onAfterTransaction = (transaction: Y.Transaction) => {
    const { maps } = this;
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) !== maps.conversationTags) continue;
      for (const key of keys) if (key !== null) this.indexTagLink(key);
    }
  };

  /** The rows a remote doc transaction changed. */
  private touchedBy(transaction: Y.Transaction): Touched {
    const { maps } = this;
    const touched = nothingTouched();
    for (const [changedType, event] of transaction.changed) {
      const type = changedType as unknown;
      const keys = [...event].filter((key): key is string => typeof key === 'string');
      if (type === maps.contacts) for (const key of keys) touched.contacts.add(key);
      else if (type === maps.conversations || type === maps.status || type === maps.assignee) {
        for (const key of keys) touched.conversations.add(key);
      } else if (type === maps.conversationTags) {
        for (const key of keys) touched.conversations.add(splitTagLink(key).conversationKey);
      } else if (type === maps.tags) for (const key of keys) touched.tags.add(key);
      else if (type === maps.notes) for (const key of keys) touched.notes.add(key);
      else if (type === maps.templates || type === maps.templateTombstones) {
        for (const key of keys) touched.templates.add(key);
      }
    }
    // A note's own map or text changed: its id is the key it has in the notes map.
    for (const type of transaction.changed.keys()) {
      let item = type._item;
      while (item && item.parent !== maps.notes) item = (item.parent as Y.AbstractType<unknown>)._item;
      if (item?.parentSub) touched.notes.add(item.parentSub);
    }
    touched.history = this.remoteHistory.splice(0);
    return touched;
  }

  /** A pull's own doc updates, saved inside the pull that writes their effect into the tables. */
  private saveUpdates(updates: Uint8Array[]): Promise<unknown> {
    if (!updates.length) return Promise.resolve();
    this.onSaved();
    return this.db.teamUpdates.add({ update: Y.mergeUpdates(updates) });
  }

  /** Every entity the doc holds, written into Dexie (joining a team, tests). */
  async pullAll(): Promise<void> {
    const touched = nothingTouched();
    for (const key of this.maps.conversations.keys()) touched.conversations.add(key);
    for (const key of this.maps.tags.keys()) touched.tags.add(key);
    for (const key of this.maps.contacts.keys()) touched.contacts.add(key);
    for (const key of this.maps.notes.keys()) touched.notes.add(key);
    for (const key of this.maps.templates.keys()) touched.templates.add(key);
    for (const key of this.maps.templateTombstones.keys()) touched.templates.add(key);
    touched.history = this.maps.history.toArray();
    this.enqueue(() => this.pullTouched(touched));
    await this.settled();
  }

  private async pullTouched(touched: Touched, updates: Uint8Array[] = []): Promise<void> {
    const { db } = this;
    const retimed: string[] = [];
    await db.transaction(
      'rw',
      [db.contacts, db.conversations, db.tags, db.notes, db.templates, db.teamHistory, db.teamUpdates],
      async (transaction) => {
        this.remoteTransactions.add(transaction);
        await this.saveUpdates(updates);
        for (const nameKey of touched.tags) await this.pullTag(nameKey, true);
        for (const key of touched.contacts) await this.pullContact(key);
        for (const key of touched.conversations) {
          const id = await this.pullConversation(key);
          if (id) retimed.push(id);
        }
        for (const id of touched.notes) await this.pullNote(id);
        for (const id of touched.templates) await this.pullTemplate(id);
        const history = touched.history.flatMap((entry) => {
          const parsed = TeamHistoryEntrySchema.safeParse(entry);
          return parsed.success ? [parsed.data] : [];
        });
        if (history.length) await db.teamHistory.bulkPut(history);
      },
    );
    // Tags decide the SLA: remote tag changes move the deadline like local ones (badge and timers follow).
    if (retimed.length) await refreshDeadlines(db, retimed);
  }

  /**
   * `deleteWhenGone`: the tag's own entry changed; gone from the doc means a member deleted it — unless a
   * conversation still carries it (tagged concurrently elsewhere): then it stays, as on every member whose
   * pull of that conversation finds the tag missing and makes it again.
   */
  private async pullTag(nameKey: string, deleteWhenGone = false): Promise<Tag | undefined> {
    const entry = this.maps.tags.get(nameKey);
    const synced = SyncedTagSchema.safeParse(entry);
    const local = await this.db.tags.where('nameKey').equals(nameKey).first();
    if (entry === undefined && deleteWhenGone && local && !this.isLinked(nameKey)) {
      await this.db.conversations
        .where('tags')
        .equals(local.id)
        .modify((conversation) => {
          conversation.tags = conversation.tags.filter((id) => id !== local.id);
        });
      await this.db.tags.delete(local.id);
      return undefined;
    }
    if (!synced.success) return local;
    if (!local) {
      const tag = TagSchema.parse({ id: newId(), ...synced.data, nameKey, createdAt: Date.now() });
      await this.db.tags.add(tag);
      return tag;
    }
    if (local.name !== synced.data.name || local.color !== synced.data.color) {
      await this.db.tags.update(local.id, synced.data);
    }
    return local;
  }

  private async pullContact(key: string): Promise<Contact | undefined> {
    const synced = SyncedContactSchema.safeParse(this.maps.contacts.get(key));
    if (!synced.success) return undefined;
    const { platform, platformId } = synced.data;
    const local = await this.db.contacts.where('[platform+platformId]').equals([platform, platformId]).first();
    const now = Date.now();
    if (!local) {
      const contact = ContactSchema.parse({ id: newId(), ...synced.data, createdAt: now, updatedAt: now });
      await this.db.contacts.add(contact);
      return contact;
    }
    if (!sameJson(syncedContact(local), synced.data)) {
      const next = ContactSchema.parse({ ...local, ...synced.data, updatedAt: now });
      await this.db.contacts.put(next);
      return next;
    }
    return local;
  }

  /** Returns the local id when the conversation's tags changed (its deadline is then recomputed). */
  private async pullConversation(key: string): Promise<string | undefined> {
    const { maps, db } = this;
    const synced = SyncedConversationSchema.safeParse(maps.conversations.get(key));
    if (!synced.success) return undefined;
    const contact = await this.pullContact(synced.data.contactKey);
    const local = await db.conversations
      .where('[platform+threadId]')
      .equals([synced.data.platform, synced.data.threadId])
      .first();
    if (!contact && !local) return undefined;
    const status = SyncedStatusSchema.safeParse(maps.status.get(key));
    const assignee = SyncedAssigneeSchema.safeParse(maps.assignee.get(key));
    const tagIds: string[] = [];
    for (const nameKey of this.tagsOf(key)) {
      const tag = (await this.pullTag(nameKey)) ?? (await this.placeholderTag(nameKey));
      tagIds.push(tag.id);
    }
    const now = Date.now();
    const base =
      local ??
      ConversationSchema.parse({
        id: newId(),
        platform: synced.data.platform,
        threadId: synced.data.threadId,
        contactId: contact?.id,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      });
    const next = ConversationSchema.parse({
      ...base,
      status: status.success ? status.data.value : base.status,
      assignee: assignee.success ? assignee.data.value || undefined : base.assignee,
      tags: tagIds.sort(),
    });
    const tagsChanged = !sameJson([...base.tags].sort(), next.tags);
    if (!local || tagsChanged || next.status !== base.status || next.assignee !== base.assignee) {
      await db.conversations.put({ ...next, updatedAt: local ? now : next.updatedAt });
    }
    return tagsChanged ? next.id : undefined;
  }

  /** A tag named in a conversation's set whose own entry has not arrived (or was deleted) yet. */
  private async placeholderTag(nameKey: string): Promise<Tag> {
    const tag = TagSchema.parse({ id: newId(), name: nameKey, nameKey, color: '#475569', createdAt: Date.now() });
    await this.db.tags.add(tag);
    return tag;
  }

  private async pullNote(id: string): Promise<void> {
    const { db } = this;
    const entry = this.maps.notes.get(id);
    const local = await db.notes.get(id);
    if (!local && this.unpushedDeletes.has(`notes:${id}`)) return;
    const text = entry?.get('text');
    const merged = text instanceof Y.Text ? text.toString().trim() : '';
    if (!entry || !merged) {
      if (local) await db.notes.delete(id);
      return;
    }
    const contactKey = entry.get('contactKey');
    const contact = typeof contactKey === 'string' ? await this.pullContact(contactKey) : undefined;
    if (!contact) return;
    const editedAt = entry.get('editedAt');
    const note = NoteSchema.safeParse({
      id,
      contactId: contact.id,
      text: merged.slice(0, 10_000),
      createdAt: entry.get('createdAt'),
      ...(typeof editedAt === 'number' ? { editedAt } : {}),
    });
    if (!note.success) return;
    if (!local || local.text !== note.data.text || local.contactId !== note.data.contactId)
      await db.notes.put(note.data);
  }

  /** Gone from the doc: a member deleted it. Personal fields (usage, pack origin) stay as this browser has them. */
  private async pullTemplate(id: string): Promise<void> {
    const { db } = this;
    const entry = this.maps.templates.get(id);
    const local = await db.templates.get(id);
    if (local?.locked || (!local && this.unpushedDeletes.has(`templates:${id}`))) return;
    if (entry === undefined || this.maps.templateTombstones.has(id)) {
      if (local) await db.templates.delete(id);
      return;
    }
    const synced = SyncedTemplateSchema.safeParse(entry);
    if (!synced.success || (local && sameJson(syncedTemplate(local), synced.data))) return;
    const { usageCount, lastUsedAt, packId, packTemplateId, packContentHash } = local ?? {};
    const personal = { usageCount, lastUsedAt, packId, packTemplateId, packContentHash };
    const next = TemplateSchema.safeParse({ ...personal, ...synced.data, id });
    if (next.success) await db.templates.put(next.data);
  }
}

/** The id a tag deleted while no mirror ran stands under in the changes that push its deletion. */
const goneTagId = (nameKey: string) => `gone:${nameKey}`;

/** `table:id` of each note and template the changes delete. */
function deletedKeys(changes: LocalChange[]): string[] {
  return changes.flatMap((change) =>
    (change.table === 'notes' || change.table === 'templates') && change.before && !change.after
      ? [`${change.table}:${change.before.id}`]
      : [],
  );
}

/** The transaction that commits: the outermost one a (sub-)transaction runs in. */
function rootOf(transaction: Transaction): Transaction {
  let root = transaction;
  while (root.parent) root = root.parent;
  return root;
}

function syncedContact(contact: Contact) {
  const { platform, platformId, displayName, handle, profileUrl } = contact;
  // Without undefined fields: the doc stores JSON.
  return JSON.parse(
    JSON.stringify(SyncedContactSchema.parse({ platform, platformId, displayName, handle, profileUrl })),
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function setIfChanged(map: Y.Map<unknown>, key: string, value: object): void {
  if (!sameJson(map.get(key), value)) map.set(key, value);
}
