import * as Y from 'yjs';
import type { SidekickDatabase } from '@/utils/db/database';
import { recordConversation } from '@/utils/db/operations';
import { TeamMirror } from '@/utils/sync/mirror';
import { conversationKeyOf } from '@/utils/sync/team-doc';
import { freshDatabase, threadSnapshot } from '../db/helpers';

/** One team member in a unit test: its own database, its own doc, its mirror. */
export type Member = { name: string; db: SidekickDatabase; doc: Y.Doc; mirror: TeamMirror };

export async function member(name: string, db = freshDatabase()): Promise<Member> {
  const doc = new Y.Doc();
  const mirror = new TeamMirror(db, doc, () => ({ name, memberId: name }));
  await mirror.start();
  return { name, db, doc, mirror };
}

/** Which of two concurrent writes a Y.Map keeps depends on the docs' client ids: such tests run both orders. */
export const CLIENT_ID_ORDERS = [
  [1, 2],
  [2, 1],
] as const;

/** Anna and Ben, their docs with the given client ids. */
export async function annaAndBen(annaId: number, benId: number): Promise<[Member, Member]> {
  const [anna, ben] = [await member('Anna'), await member('Ben')];
  anna.doc.clientID = annaId;
  ben.doc.clientID = benId;
  return [anna, ben];
}

/** What the server would relay: both docs exchange what the other lacks, until nothing is left. */
export async function exchange(...members: Member[]): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await Promise.all(members.map((m) => m.mirror.settled()));
    let sent = false;
    for (const from of members) {
      for (const to of members) {
        if (from === to) continue;
        const missing = Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc));
        if (Y.encodeStateVector(from.doc).length && missing.length > 2) {
          const before = Y.encodeStateVector(to.doc);
          Y.applyUpdate(to.doc, missing, 'remote');
          if (!sameBytes(before, Y.encodeStateVector(to.doc))) sent = true;
        }
      }
    }
    await Promise.all(members.map((m) => m.mirror.settled()));
    if (!sent) return;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

export const snapshotOf = (threadId: string) =>
  threadSnapshot({
    threadId,
    url: `https://www.instagram.com/direct/t/${threadId}/`,
    participant: { name: `Customer ${threadId}`, handle: `customer.${threadId}` },
  });

export async function openConversation(m: Member, threadId: string): Promise<string> {
  const id = await recordConversation(m.db, snapshotOf(threadId));
  if (!id) throw new Error('no conversation recorded');
  return id;
}

/** The shared tables by keys every member agrees on (each browser has its own ids). */
export async function sharedTables(db: SidekickDatabase) {
  const [contacts, conversations, tags, notes, templates] = await Promise.all([
    db.contacts.toArray(),
    db.conversations.toArray(),
    db.tags.toArray(),
    db.notes.toArray(),
    db.templates.toArray(),
  ]);
  const contactKey = new Map(contacts.map((c) => [c.id, `${c.platform}:${c.platformId}`]));
  const tagName = new Map(tags.map((t) => [t.id, t.nameKey]));
  return {
    contacts: contacts.map((c) => `${c.platform}:${c.platformId}=${c.displayName}`).sort(),
    conversations: Object.fromEntries(
      conversations.map((c) => [
        conversationKeyOf(c.platform, c.threadId),
        {
          contact: contactKey.get(c.contactId),
          status: c.status,
          assignee: c.assignee ?? null,
          tags: c.tags.map((id) => tagName.get(id)).sort(),
        },
      ]),
    ),
    tags: tags.map((t) => t.nameKey).sort(),
    notes: Object.fromEntries(notes.map((n) => [n.id, { text: n.text, contact: contactKey.get(n.contactId) }])),
    templates: Object.fromEntries(
      templates.map(({ id, title, body, shortcut, folder, tags, platforms, updatedAt }) => [
        id,
        { title, body, shortcut: shortcut ?? null, folder, tags, platforms, updatedAt },
      ]),
    ),
  };
}
