import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  createTag,
  createTemplate,
  deleteNote,
  deleteTag,
  deleteTemplate,
  markTemplateUsed,
  updateConversation,
  updateNote,
  updateTemplate,
} from '@/utils/db/operations';
import { LOCAL_ORIGIN } from '@/utils/sync/mirror';
import { teamMaps } from '@/utils/sync/team-doc';
import { annaAndBen, CLIENT_ID_ORDERS, exchange, type Member, member, openConversation, sharedTables } from './members';

async function tagIdOf(m: Member, name: string): Promise<string> {
  const existing = await m.db.tags.where('nameKey').equals(name.toLocaleLowerCase()).first();
  return existing?.id ?? (await createTag(m.db, { name })).id;
}

async function addTag(m: Member, threadId: string, name: string) {
  const id = await openConversation(m, threadId);
  const tagId = await tagIdOf(m, name);
  const conversation = await m.db.conversations.get(id);
  await updateConversation(m.db, id, { tags: [...new Set([...(conversation?.tags ?? []), tagId])] });
}

async function contactIdOf(m: Member, threadId: string) {
  const id = await openConversation(m, threadId);
  return (await m.db.conversations.get(id))?.contactId ?? '';
}

describe('team mirror: Dexie rows ⇄ Y.Doc', () => {
  it('carries a note, a tag, a status and an assignment to the other member', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const id = await openConversation(anna, '1');
    await addTag(anna, '1', 'VIP');
    await updateConversation(anna.db, id, { status: 'done', assignee: 'Ben' });
    const note = await addNote(anna.db, { contactId: await contactIdOf(anna, '1'), text: 'Prefers email' });
    await exchange(anna, ben);

    const received = await sharedTables(ben.db);
    expect(received.conversations['instagram:1']).toEqual({
      contact: 'instagram:customer.1',
      status: 'done',
      assignee: 'Ben',
      tags: ['vip'],
    });
    expect(received.notes[note.id]).toEqual({ text: 'Prefers email', contact: 'instagram:customer.1' });
    expect(received).toEqual(await sharedTables(anna.db));
    // Who changed status and assignee, and when: in both members' history.
    const history = await ben.db.teamHistory.toArray();
    expect(
      history.map(({ field, value, by }) => ({ field, value, by })).sort((a, b) => a.field.localeCompare(b.field)),
    ).toEqual([
      { field: 'assignee', value: 'Ben', by: 'Anna' },
      { field: 'status', value: 'done', by: 'Anna' },
    ]);
    expect(await anna.db.teamHistory.count()).toBe(2);
  });

  it('a note or template deleted right after it was made never comes back, not even for a moment', async () => {
    const anna = await member('Anna');
    await openConversation(anna, '1');
    const contactId = await contactIdOf(anna, '1');
    await anna.mirror.settled();
    // Each creation's push pulls the doc's copy of the row into Dexie; the delete committed before that
    // push ran, and its own push (the tombstone) is still queued.
    const created: string[] = [];
    const seen = (_key: unknown, row: { id: string }) => {
      created.push(row.id);
    };
    anna.db.templates.hook('creating', seen);
    anna.db.notes.hook('creating', seen);
    const template = await createTemplate(anna.db, { title: 'Soon gone', body: 'x' });
    await deleteTemplate(anna.db, template.id);
    const note = await addNote(anna.db, { contactId, text: 'Soon gone' });
    await deleteNote(anna.db, note.id);
    await anna.mirror.settled();
    expect(created).toEqual([template.id, note.id]);
    expect(await anna.db.templates.get(template.id)).toBeUndefined();
    expect(await anna.db.notes.get(note.id)).toBeUndefined();
  });

  it('does not echo a remote change back into the doc', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const id = await openConversation(anna, '1');
    await updateConversation(anna.db, id, { status: 'done' });
    await exchange(anna, ben);
    let echoed = 0;
    ben.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL_ORIGIN) echoed++;
    });
    await updateConversation(anna.db, id, { status: 'waiting', assignee: 'Anna' });
    await exchange(anna, ben);
    expect((await sharedTables(ben.db)).conversations['instagram:1']?.status).toBe('waiting');
    expect(echoed).toBe(0);
  });

  it('keeps both authors’ words when one note is edited at the same time', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const note = await addNote(anna.db, { contactId: await contactIdOf(anna, '1'), text: 'Order 123 late' });
    await exchange(anna, ben);
    await updateNote(anna.db, note.id, 'URGENT Order 123 late');
    await updateNote(ben.db, note.id, 'Order 123 late, refund offered');
    await exchange(anna, ben);
    expect((await anna.db.notes.get(note.id))?.text).toBe('URGENT Order 123 late, refund offered');
    expect((await ben.db.notes.get(note.id))?.text).toBe('URGENT Order 123 late, refund offered');
  });

  it('merges tags added by two members at the same time as a set', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    await openConversation(anna, '1');
    await exchange(anna, ben);
    await addTag(anna, '1', 'VIP');
    await addTag(ben, '1', 'Refund');
    await exchange(anna, ben);
    expect((await sharedTables(anna.db)).conversations['instagram:1']?.tags).toEqual(['refund', 'vip']);
    expect(await sharedTables(ben.db)).toEqual(await sharedTables(anna.db));
  });

  it('carries the template library: a new template, an edit and a deletion reach the other member', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const refund = await createTemplate(anna.db, {
      title: 'Refund',
      body: 'Hi {{firstName}}, your refund is on its way.',
      shortcut: 'refund',
      folder: 'Billing',
      tags: ['money'],
      platforms: ['instagram'],
    });
    const hello = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });
    await exchange(anna, ben);
    expect(await ben.db.templates.get(refund.id)).toMatchObject({
      title: 'Refund',
      body: 'Hi {{firstName}}, your refund is on its way.',
      shortcut: 'refund',
      folder: 'Billing',
      tags: ['money'],
      platforms: ['instagram'],
      locked: false,
    });

    await updateTemplate(ben.db, refund.id, { body: 'Your refund was sent today.', shortcut: undefined });
    await deleteTemplate(ben.db, hello.id);
    await exchange(anna, ben);
    const edited = await anna.db.templates.get(refund.id);
    expect(edited?.body).toBe('Your refund was sent today.');
    expect(edited?.shortcut).toBeUndefined();
    expect(await anna.db.templates.get(hello.id)).toBeUndefined();
    expect(await sharedTables(ben.db)).toEqual(await sharedTables(anna.db));
  });

  it('says who last edited a shared template: the editor’s name in the team; a use is no edit', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const template = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });
    await exchange(anna, ben);
    expect((await ben.db.templates.get(template.id))?.editedBy).toBe('Anna');
    expect((await anna.db.templates.get(template.id))?.editedBy).toBe('Anna');
    await updateTemplate(ben.db, template.id, { body: 'Hello there!' });
    await exchange(anna, ben);
    expect((await anna.db.templates.get(template.id))?.editedBy).toBe('Ben');
    await markTemplateUsed(anna.db, template.id);
    await exchange(anna, ben);
    expect((await anna.db.templates.get(template.id))?.editedBy).toBe('Ben');
    expect((await ben.db.templates.get(template.id))?.editedBy).toBe('Ben');
  });

  it('keeps usage personal and leaves a subscribed pack’s templates out of the team’s library', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const mine = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });
    await exchange(anna, ben);
    await markTemplateUsed(ben.db, mine.id);
    await markTemplateUsed(ben.db, mine.id);
    await updateTemplate(anna.db, mine.id, { title: 'Hello there' });
    const packs = (await anna.db.templates.get(mine.id)) ?? mine;
    await anna.db.templates.add({ ...packs, id: 'pack-template', packId: 'pack-1', locked: true });
    await exchange(anna, ben);
    expect(await ben.db.templates.get(mine.id)).toMatchObject({ title: 'Hello there', usageCount: 2 });
    expect((await anna.db.templates.get(mine.id))?.usageCount).toBe(0);
    expect(await ben.db.templates.get('pack-template')).toBeUndefined();
    expect([...teamMaps(anna.doc).templates.keys()]).toEqual([mine.id]);
  });

  it.each(CLIENT_ID_ORDERS)(
    'two members rewriting one template at the same time end with one of the two versions, whole (client ids %i, %i)',
    async (annaId, benId) => {
      const [anna, ben] = await annaAndBen(annaId, benId);
      const template = await createTemplate(anna.db, {
        title: 'Order',
        body: 'Your order {{field:order}} ships today.',
      });
      await exchange(anna, ben);
      await updateTemplate(anna.db, template.id, { body: 'Your order {{field:order}} ships tomorrow.' });
      await updateTemplate(ben.db, template.id, { body: 'Order {{field:order}}: shipped today.' });
      await exchange(anna, ben);
      const body = (await anna.db.templates.get(template.id))?.body;
      expect(['Your order {{field:order}} ships tomorrow.', 'Order {{field:order}}: shipped today.']).toContain(body);
      expect((await ben.db.templates.get(template.id))?.body).toBe(body);
    },
  );

  it.each(CLIENT_ID_ORDERS)(
    'a template deleted by one member while another edits it is gone for both (client ids %i, %i)',
    async (annaId, benId) => {
      const [anna, ben] = await annaAndBen(annaId, benId);
      const template = await createTemplate(anna.db, { title: 'Sizes', body: 'Size M is back.' });
      await exchange(anna, ben);
      await deleteTemplate(anna.db, template.id);
      await updateTemplate(ben.db, template.id, { body: 'Size M and L are back.' });
      await exchange(anna, ben);
      expect(await anna.db.templates.get(template.id)).toBeUndefined();
      expect(await ben.db.templates.get(template.id)).toBeUndefined();
      expect(await sharedTables(ben.db)).toEqual(await sharedTables(anna.db));
    },
  );

  it('a delete made while no mirror runs reaches the team when it wakes (template, note, tag)', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const template = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });
    const note = await addNote(anna.db, { contactId: await contactIdOf(anna, '1'), text: 'Prefers email' });
    await addTag(anna, '1', 'VIP');
    await exchange(anna, ben);
    expect(await ben.db.templates.get(template.id)).toBeDefined();
    anna.mirror.stop();
    // The worker stopped: these deletes commit while no mirror hooks the tables.
    await deleteTemplate(anna.db, template.id);
    await deleteNote(anna.db, note.id);
    await deleteTag(anna.db, await tagIdOf(anna, 'vip'));

    const woken = await member('Anna', anna.db);
    await exchange(woken, ben);
    expect(await ben.db.templates.get(template.id)).toBeUndefined();
    expect(await ben.db.notes.get(note.id)).toBeUndefined();
    expect((await sharedTables(ben.db)).tags).toEqual([]);
    expect(await sharedTables(ben.db)).toEqual(await sharedTables(woken.db));
  });

  it('loses nothing when the worker stops: the doc comes back from IndexedDB, unsent writes are pushed', async () => {
    const anna = await member('Anna');
    const id = await openConversation(anna, '1');
    await updateConversation(anna.db, id, { status: 'done' });
    await anna.mirror.settled();
    anna.mirror.stop();
    // Written while no mirror runs: the worker stopped between the commit and the doc update.
    await updateConversation(anna.db, id, { assignee: 'Anna' });
    const template = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });

    const restarted = await member('Anna', anna.db);
    const maps = teamMaps(restarted.doc);
    expect(maps.status.get('instagram:1')).toMatchObject({ value: 'done', by: 'Anna' });
    expect(maps.assignee.get('instagram:1')).toMatchObject({ value: 'Anna' });
    const ben = await member('Ben');
    await exchange(restarted, ben);
    expect((await sharedTables(ben.db)).conversations['instagram:1']).toMatchObject({
      status: 'done',
      assignee: 'Anna',
    });
    expect((await ben.db.templates.get(template.id))?.body).toBe('Hello!');
  });

  it('leaving a team without a copy removes the team’s templates and keeps a subscribed pack’s', async () => {
    const anna = await member('Anna');
    const ben = await member('Ben');
    const shared = await createTemplate(anna.db, { title: 'Hello', body: 'Hello!' });
    await exchange(anna, ben);
    await ben.db.templates.add({ ...shared, id: 'pack-template', packId: 'pack-1', locked: true });
    await ben.mirror.forgetTeamData();
    expect((await ben.db.templates.toArray()).map((t) => t.id)).toEqual(['pack-template']);
  });

  it('ignores malformed remote data and keeps the local row', async () => {
    const anna = await member('Anna');
    const id = await openConversation(anna, '1');
    await updateConversation(anna.db, id, { status: 'done' });
    await anna.mirror.settled();
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(anna.doc));
    teamMaps(evil).status.set('instagram:1', { value: 'deleted-everything', by: 'x'.repeat(5000), at: -1 });
    Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(anna.doc)), 'remote');
    await anna.mirror.settled();
    expect((await anna.db.conversations.get(id))?.status).toBe('done');
  });

  it.each(CLIENT_ID_ORDERS)(
    'a tag deleted by one member while another puts it on a conversation stays on it for both (client ids %i, %i)',
    async (annaId, benId) => {
      const [anna, ben] = await annaAndBen(annaId, benId);
      await openConversation(anna, '2');
      await addTag(anna, '2', 'Refund');
      await deleteTag(anna.db, await tagIdOf(anna, 'refund'));
      await openConversation(ben, '1');
      await addTag(ben, '1', 'Refund');
      await exchange(anna, ben);
      const [ours, theirs] = await Promise.all([sharedTables(anna.db), sharedTables(ben.db)]);
      expect(theirs).toEqual(ours);
      expect(ours.conversations['instagram:1']?.tags).toEqual(['refund']);
    },
  );

  it('converges: any sequence of local and remote operations leaves both members with the same tables', async () => {
    const thread = fc.constantFrom('1', '2', '3');
    const who = fc.constantFrom(0, 1);
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('open' as const), who, thread }),
      fc.record({
        kind: fc.constant('status' as const),
        who,
        thread,
        status: fc.constantFrom('open', 'waiting', 'done'),
      }),
      fc.record({ kind: fc.constant('assign' as const), who, thread, to: fc.constantFrom('Anna', 'Ben', undefined) }),
      fc.record({ kind: fc.constant('tag' as const), who, thread, name: fc.constantFrom('VIP', 'vip', 'Refund') }),
      fc.record({ kind: fc.constant('untag' as const), who, thread }),
      fc.record({ kind: fc.constant('deleteTag' as const), who, name: fc.constantFrom('vip', 'refund') }),
      fc.record({ kind: fc.constant('note' as const), who, thread, text: fc.string({ minLength: 1, maxLength: 8 }) }),
      fc.record({
        kind: fc.constant('edit' as const),
        who,
        pick: fc.nat(),
        text: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('forget' as const), who, pick: fc.nat() }),
      fc.record({
        kind: fc.constant('template' as const),
        who,
        body: fc.string({ minLength: 1, maxLength: 8 }),
        shortcut: fc.constantFrom('thanks', 'refund', undefined),
      }),
      fc.record({
        kind: fc.constant('rewrite' as const),
        who,
        pick: fc.nat(),
        body: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('use' as const), who, pick: fc.nat() }),
      fc.record({ kind: fc.constant('dropTemplate' as const), who, pick: fc.nat() }),
      // The member's worker stops (its mirror with it) and wakes: what it wrote meanwhile must still reach the team.
      fc.record({ kind: fc.constant('restart' as const), who }),
      fc.record({ kind: fc.constant('stop' as const), who }),
      fc.record({ kind: fc.constant('sync' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 30 }), async (operations) => {
        const members = [await member('Anna'), await member('Ben')];
        const stopped = new Set<Member>();
        const wake = async (who: number) => {
          const m = members[who] as Member;
          if (!stopped.has(m)) return m;
          stopped.delete(m);
          const woken = await member(m.name, m.db);
          members[who] = woken;
          return woken;
        };
        // A template deleted by a member never comes back (delete wins over an edit that crossed it).
        const deleted = new Set<string>();
        for (const op of operations) {
          if (op.kind === 'sync') {
            for (const who of [0, 1]) await wake(who);
            await exchange(...members);
            continue;
          }
          if (op.kind === 'stop' || op.kind === 'restart') {
            const m = members[op.who] as Member;
            if (!stopped.has(m)) {
              await m.mirror.settled();
              m.mirror.stop();
              stopped.add(m);
            }
            if (op.kind === 'restart') await wake(op.who);
            continue;
          }
          const m = members[op.who] as Member;
          if (op.kind === 'deleteTag') {
            const tag = await m.db.tags.where('nameKey').equals(op.name).first();
            if (tag) await deleteTag(m.db, tag.id);
            continue;
          }
          if (op.kind === 'edit' || op.kind === 'forget') {
            const notes = await m.db.notes.orderBy('id').toArray();
            const note = notes[op.pick % Math.max(1, notes.length)];
            if (!note) continue;
            if (op.kind === 'edit' && op.text.trim()) await updateNote(m.db, note.id, op.text);
            if (op.kind === 'forget') await deleteNote(m.db, note.id);
            continue;
          }
          if (op.kind === 'template') {
            await createTemplate(m.db, { title: op.body.trim() || 'Untitled', body: op.body, shortcut: op.shortcut });
            continue;
          }
          if (op.kind === 'rewrite' || op.kind === 'use' || op.kind === 'dropTemplate') {
            const templates = await m.db.templates.orderBy('id').toArray();
            const template = templates[op.pick % Math.max(1, templates.length)];
            if (!template) continue;
            if (op.kind === 'rewrite') await updateTemplate(m.db, template.id, { body: op.body });
            if (op.kind === 'use') await markTemplateUsed(m.db, template.id);
            if (op.kind === 'dropTemplate') {
              await deleteTemplate(m.db, template.id);
              deleted.add(template.id);
            }
            continue;
          }
          const id = await openConversation(m, op.thread);
          const conversation = await m.db.conversations.get(id);
          if (op.kind === 'status') await updateConversation(m.db, id, { status: op.status });
          if (op.kind === 'assign') await updateConversation(m.db, id, { assignee: op.to });
          if (op.kind === 'tag') await addTag(m, op.thread, op.name);
          if (op.kind === 'untag') await updateConversation(m.db, id, { tags: conversation?.tags.slice(1) ?? [] });
          if (op.kind === 'note' && op.text.trim()) {
            await addNote(m.db, { contactId: conversation?.contactId ?? '', text: op.text });
          }
        }
        for (const who of [0, 1]) await wake(who);
        await exchange(...members);
        const [anna, ben] = await Promise.all(members.map((m) => sharedTables(m.db)));
        expect(ben).toEqual(anna);
        expect(Object.keys(anna?.templates ?? {}).filter((id) => deleted.has(id))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
