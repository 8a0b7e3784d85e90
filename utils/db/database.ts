import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { TeamHistoryEntry, TeamStateRow, TeamUpdateRow } from '../sync/schema';
import { type CounterRow, conversationCounters, countExistingConversations } from './counters';
import type { Contact, Conversation, Note, Pack, ResponseEvent, Settings, Tag, Template } from './schema';

export const DB_NAME = 'dm-sidekick';

export type SettingsRow = { key: 'settings'; value: Settings };
/** A write the background has applied: its request id, when, and the answer a retry gets again. */
export type AppliedRequest = { id: string; at: number; response: unknown };

/**
 * Every schema version the database has had, oldest first. Old versions stay so that a database
 * created by any earlier release upgrades step by step; each step that changes data has an upgrade.
 */
export const SCHEMA_VERSIONS: {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      contacts: 'id, &[platform+platformId], personId, displayName',
      conversations: 'id, &[platform+threadId], contactId, status, platform, *tags, lastInboundAt',
      tags: 'id, name',
      notes: 'id, contactId, [contactId+createdAt]',
      templates: 'id, folder, usageCount, lastUsedAt, packId',
      packs: 'id',
      responseEvents: 'id, conversationId, [conversationId+inboundAt]',
      settings: 'key',
    },
  },
  {
    // Tag names become unique regardless of case, and "most overdue first" gets its index.
    version: 2,
    stores: {
      tags: 'id, &nameKey',
      conversations:
        'id, &[platform+threadId], contactId, status, platform, *tags, lastInboundAt, nextDeadline, [status+nextDeadline], [platform+status]',
      templates: 'id, folder, usageCount, lastUsedAt, packId, [packId+packTemplateId]',
    },
    upgrade: mergeTagsThatDifferOnlyInCase,
  },
  {
    // Writes exactly once (issue #15): the request ids already applied, with their answers, pruned by age.
    version: 4,
    stores: { appliedRequests: 'id, at' },
  },
  // ---- team mode (utils/sync/): the team's Y.Doc updates, its connection, and status/assignee history.
  {
    version: 5,
    stores: {
      teamUpdates: '++seq',
      teamState: 'key',
      teamHistory: 'id, [conversationKey+at]',
    },
  },
  {
    // Conversations per platform and status, kept by the conversationCounters middleware (counters.ts).
    version: 7,
    stores: { counters: 'key' },
    upgrade: countExistingConversations,
  },
  {
    // Bulk writes (issue #18): every index is one more entry per row. Dropped: indexes no query reads
    // (contacts by displayName, templates by lastUsedAt and [packId+packTemplateId]) and three that a
    // compound index's first part answers (Dexie reads conversations' `where('platform')` from
    // [platform+threadId], notes' `where('contactId')` from [contactId+createdAt], responseEvents'
    // `where('conversationId')` from [conversationId+inboundAt]: their parts are never absent, so no row
    // is missing there). Rows stay; IndexedDB drops the entries.
    version: 8,
    stores: {
      contacts: 'id, &[platform+platformId], personId',
      conversations:
        'id, &[platform+threadId], contactId, status, *tags, lastInboundAt, nextDeadline, [status+nextDeadline], [platform+status]',
      notes: 'id, [contactId+createdAt]',
      templates: 'id, folder, usageCount, packId',
      responseEvents: 'id, [conversationId+inboundAt]',
    },
  },
];

/** v1 allowed "VIP" and "vip" side by side; v2 keeps the oldest and points conversations at it. */
async function mergeTagsThatDifferOnlyInCase(tx: Transaction): Promise<void> {
  const tags = (await tx.table('tags').toArray()) as (Omit<Tag, 'nameKey'> & { nameKey?: string })[];
  tags.sort((a, b) => a.createdAt - b.createdAt);
  const keptByKey = new Map<string, string>();
  const replaced = new Map<string, string>();
  for (const tag of tags) {
    const nameKey = tag.name.trim().toLocaleLowerCase();
    const kept = keptByKey.get(nameKey);
    if (kept) replaced.set(tag.id, kept);
    else keptByKey.set(nameKey, tag.id);
  }
  await tx.table('tags').bulkDelete([...replaced.keys()]);
  await tx
    .table('tags')
    .toCollection()
    .modify((tag: Tag) => {
      tag.nameKey = tag.name.trim().toLocaleLowerCase();
    });
  if (replaced.size === 0) return;
  await tx
    .table('conversations')
    .toCollection()
    .modify((conversation: Conversation) => {
      conversation.tags = [...new Set(conversation.tags.map((id) => replaced.get(id) ?? id))];
    });
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;

export class SidekickDatabase extends Dexie {
  contacts!: EntityTable<Contact, 'id'>;
  conversations!: EntityTable<Conversation, 'id'>;
  tags!: EntityTable<Tag, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  templates!: EntityTable<Template, 'id'>;
  packs!: EntityTable<Pack, 'id'>;
  responseEvents!: EntityTable<ResponseEvent, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;
  // Team mode (utils/sync/).
  teamUpdates!: EntityTable<TeamUpdateRow, 'seq'>;
  teamState!: EntityTable<TeamStateRow, 'key'>;
  teamHistory!: EntityTable<TeamHistoryEntry, 'id'>;
  appliedRequests!: EntityTable<AppliedRequest, 'id'>;
  counters!: EntityTable<CounterRow, 'key'>;

  /** `upToVersion` exists for migration tests: it opens the database as an older release would. */
  constructor(name = DB_NAME, upToVersion = CURRENT_SCHEMA_VERSION) {
    super(name);
    for (const step of SCHEMA_VERSIONS) {
      if (step.version > upToVersion) break;
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
    this.use(conversationCounters);
  }
}

/** The tables a backup holds, in the order they are restored. */
export const DATA_TABLES = [
  'contacts',
  'conversations',
  'tags',
  'notes',
  'templates',
  'packs',
  'responseEvents',
  'settings',
] as const;
export type DataTable = (typeof DATA_TABLES)[number];
