import type * as Y from 'yjs';
import type { Platform } from '../platforms/sites';
import type { TeamHistoryEntry } from './schema';

/**
 * The shape of a team's Y.Doc. Rows are keyed by what every member's browser agrees on (each browser
 * has its own Dexie ids): a conversation by platform + thread id, a contact by platform + platform id,
 * a tag by its case-insensitive name, a note or a template by the id its author gave it.
 *
 * Entities two members may create at the same moment (conversations, contacts, tags) are flat JSON
 * values, never nested Y types: two concurrent `set(key, new Y.Map())` would keep only one of the maps
 * and drop the other member's fields. Each last-writer-wins field has its own top-level map.
 */
export type TeamMaps = ReturnType<typeof teamMaps>;

export function teamMaps(doc: Y.Doc) {
  return {
    contacts: doc.getMap<unknown>('contacts'),
    conversations: doc.getMap<unknown>('conversations'),
    status: doc.getMap<unknown>('status'),
    assignee: doc.getMap<unknown>('assignee'),
    /** A set per conversation: key `conversationKey \n tagNameKey` → true. Concurrent adds merge. */
    conversationTags: doc.getMap<true>('conversationTags'),
    tags: doc.getMap<unknown>('tags'),
    /** note id → Y.Map { contactKey, text: Y.Text, createdAt, editedAt? }: one author creates each note. */
    notes: doc.getMap<Y.Map<unknown>>('notes'),
    /**
     * template id → the template's synced fields (SyncedTemplateSchema), one flat JSON value: the whole
     * template is last-writer-wins, not a Y.Text like a note. A template is text sent to customers as it
     * stands; merging two members' concurrent rewrites character by character can make a sentence neither
     * wrote or break a `{{placeholder}}` (one deletes it while the other edits inside it), and would go out
     * unnoticed to every customer it is used for. The later save keeps one author's coherent version, and
     * both members end with the same one. Only the team's own templates are here: a subscribed pack's
     * (locked) templates come to each browser from the pack.
     */
    templates: doc.getMap<unknown>('templates'),
    /**
     * template id → { by, at }: deleted templates. A delete wins over an edit made at the same time on another
     * member (whose `set` would otherwise bring the template back): a tombstoned id is gone for every member,
     * whatever `templates` still holds for it. An edit made after the delete cannot happen: the template is gone.
     */
    templateTombstones: doc.getMap<unknown>('templateTombstones'),
    history: doc.getArray<TeamHistoryEntry>('history'),
    /** member id → display name: whom "Assign to…" offers. */
    members: doc.getMap<unknown>('members'),
  };
}

export const conversationKeyOf = (platform: Platform, threadId: string) => `${platform}:${threadId}`;
export const contactKeyOf = (platform: Platform, platformId: string) => `${platform}:${platformId}`;
export const tagLinkKey = (conversationKey: string, nameKey: string) => `${conversationKey}\n${nameKey}`;
export const splitTagLink = (key: string) => {
  const cut = key.lastIndexOf('\n');
  return { conversationKey: key.slice(0, cut), nameKey: key.slice(cut + 1) };
};

/** The tag name keys of one conversation in the doc. */
export function tagsInDoc(maps: TeamMaps, conversationKey: string): Set<string> {
  const prefix = `${conversationKey}\n`;
  const found = new Set<string>();
  for (const key of maps.conversationTags.keys()) {
    if (key.startsWith(prefix)) found.add(key.slice(prefix.length));
  }
  return found;
}

/**
 * Applies my edit of a note (`before` → `after`, one splice: common prefix and suffix kept) to its
 * Y.Text, so that a colleague's concurrent edit elsewhere in the note survives next to mine. When the
 * doc already holds a colleague's change the row has not seen, the splice is placed by its context;
 * text that cannot be found is never deleted.
 */
export function spliceText(text: Y.Text, before: string, after: string): void {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const removed = before.slice(start, before.length - end);
  const inserted = after.slice(start, after.length - end);
  const current = text.toString();
  let at = Math.min(start, current.length);
  if (!current.startsWith(before.slice(0, start)) && current.endsWith(before.slice(before.length - end))) {
    at = Math.max(0, current.length - end - removed.length);
  }
  if (removed && current.slice(at, at + removed.length) === removed) text.delete(at, removed.length);
  if (inserted) text.insert(at, inserted);
}
