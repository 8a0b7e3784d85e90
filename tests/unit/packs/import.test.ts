import { describe, expect, it } from 'vitest';
import type { SidekickDatabase } from '@/utils/db/database';
import { createTemplate, updateTemplate } from '@/utils/db/operations';
import { contentHash, contentOfTemplate } from '@/utils/packs/content';
import { PackError } from '@/utils/packs/errors';
import { defaultPackId, exportPack, packFileName, serializePack } from '@/utils/packs/export';
import type { PackFileInput, PackSource } from '@/utils/packs/format';
import {
  type ApplyOptions,
  applyImport,
  forkTemplate,
  type ImportPlan,
  needsReview,
  planImport,
  type Resolutions,
  unsubscribe,
} from '@/utils/packs/import';
import { PackRefusedError, parsePack } from '@/utils/packs/parse';
import { answeredError } from '../answered';
import { recordRequests } from '../db/helpers';
import { freshDatabase, library, packInput, packText, snapshot } from './helpers';

const FILE: PackSource = { kind: 'file', name: 'acme.dmpack.json' };
const URL_SOURCE: PackSource = { kind: 'url', url: 'https://packs.example.com/acme.dmpack.json' };

const plan = (db: SidekickDatabase, input: PackFileInput, source: PackSource = FILE) =>
  planImport(db, parsePack(packText(input)), source);

async function install(
  db: SidekickDatabase,
  input: PackFileInput,
  source: PackSource = FILE,
  resolutions: Resolutions = {},
  options: ApplyOptions = {},
) {
  return applyImport(db, await plan(db, input, source), resolutions, options);
}

const byPackTemplateId = async (db: SidekickDatabase, packTemplateId: string, packId = 'acme.service') =>
  db.templates
    .where('packId')
    .equals(packId)
    .filter((t) => t.packTemplateId === packTemplateId)
    .first();

/** The refusal of `work`, after checking it is a typed one and the database did not change. */
async function refusedWithoutWrite(db: SidekickDatabase, work: () => Promise<unknown>): Promise<PackError> {
  const before = await snapshot(db);
  const error = await work().then(
    () => {
      throw new Error('it was accepted');
    },
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(PackError);
  expect(await snapshot(db)).toEqual(before);
  return error as PackError;
}

/** Version 2 of the default pack: `hello` changed, `order` changed, `bye` gone, `new` added. */
const v2 = () =>
  packInput({ version: '1.1.0' }, [
    { id: 'hello', title: 'Hello', body: 'Hi {{firstName|there}}, thank you for reaching out!', shortcut: '/hi' },
    { id: 'order', title: 'Order number', body: 'Could you send me your order number, please?', folder: 'Service' },
    { id: 'new', title: 'New one', body: 'Something new.' },
  ]);

describe('export', () => {
  it('round trip: export → file → import gives identical templates', async () => {
    const source = freshDatabase();
    await createTemplate(source, {
      title: 'Hello',
      body: 'Hi {{firstName|there}}!',
      shortcut: '/hi',
      folder: 'Service',
    });
    await createTemplate(source, {
      title: 'Grüße',
      body: 'Viele Grüße 🙂\n\n{{signature|Ihr Team}}',
      tags: ['de', 'closing'],
      platforms: ['instagram', 'linkedin'],
      language: 'de',
    });
    await createTemplate(source, { title: 'HTML stays text', body: '<b>bold</b> & <script>alert(1)</script>' });
    const pack = await exportPack(
      source,
      { name: 'Team replies', version: '1.0.0', author: 'Acme', language: 'en' },
      { kind: 'all' },
    );
    const text = serializePack(pack);

    const target = freshDatabase();
    await applyImport(
      target,
      await planImport(target, parsePack(text), { kind: 'file', name: packFileName(pack) }),
      {},
    );
    expect(await library(target)).toEqual((await library(source)).map((t) => ({ ...t, language: t.language ?? 'en' })));
    expect(parsePack(text)).toEqual(pack);
  });

  it('keeps stable ids: own templates by their id, pack templates by their id in the pack', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    const own = await createTemplate(db, { title: 'Mine', body: 'My own words.' });
    const pack = await exportPack(
      db,
      { id: 'acme.service', name: 'Acme service', version: '1.1.0', author: 'Acme Support' },
      { kind: 'all' },
    );
    expect(pack.templates.map((t) => t.id).sort()).toEqual(['bye', 'hello', 'order', own.id].sort());

    // Re-exporting gives the same pack, and importing it as an update changes nothing but adds "Mine".
    expect(
      await exportPack(
        db,
        { id: 'acme.service', name: 'Acme service', version: '1.1.0', author: 'Acme Support' },
        { kind: 'all' },
      ),
    ).toEqual(pack);
    const other = freshDatabase();
    await install(other, packInput());
    const update = await planImport(other, pack, FILE);
    expect(update.added.map((e) => e.packTemplateId)).toEqual([own.id]);
    expect(update.unchanged).toHaveLength(3);
  });

  it('exports a folder or chosen ids, with a default id from author and name', async () => {
    const db = freshDatabase();
    const a = await createTemplate(db, { title: 'A', body: 'a', folder: 'Sales' });
    await createTemplate(db, { title: 'B', body: 'b', folder: 'Service' });
    const c = await createTemplate(db, { title: 'C', body: 'c', folder: 'Sales' });
    const meta = { name: 'Sales Grüße', version: '2.0.0', author: 'Änne & Co.' };
    const folder = await exportPack(db, meta, { kind: 'folder', folder: 'Sales' });
    expect(folder.id).toBe('anne-co.sales-grusse');
    expect(folder.templates.map((t) => t.title)).toEqual(['A', 'C']);
    const chosen = await exportPack(db, meta, { kind: 'ids', ids: [c.id] });
    expect(chosen.templates.map((t) => t.id)).toEqual([c.id]);
    expect(defaultPackId('', '日本')).toBe('pack');
    expect(packFileName(folder)).toBe('anne-co.sales-grusse-2.0.0.dmpack.json');
    void a;
  });

  it('refuses an empty selection, unknown ids and malformed details', async () => {
    const db = freshDatabase();
    await createTemplate(db, { title: 'A', body: 'a' });
    const meta = { name: 'P', version: '1.0.0', author: 'Me' };
    await expect(exportPack(db, meta, { kind: 'folder', folder: 'Nope' })).rejects.toThrow(/Nothing to export/);
    await expect(answeredError(exportPack(db, meta, { kind: 'ids', ids: ['missing'] }))).resolves.toMatchObject({
      code: 'not-found',
    });
    await expect(exportPack(db, { ...meta, version: 'v1' }, { kind: 'all' })).rejects.toThrow(
      /version: a semantic version/,
    );
    await createTemplate(db, { title: 'Odd language', body: 'b', language: 'english (UK)' });
    await expect(exportPack(db, meta, { kind: 'all' })).rejects.toThrow(
      /cannot be exported: "Odd language" language: a language tag like en/,
    );
  });
});

describe('planImport and applyImport', () => {
  it('a pack that is not installed adds everything (file: unlocked) and records the pack', async () => {
    const db = freshDatabase();
    const preview = await plan(db, packInput());
    expect(preview).toMatchObject({ installed: null, olderVersion: false, installsLocked: false });
    expect(preview.added.map((e) => e.packTemplateId)).toEqual(['hello', 'order', 'bye']);
    expect(await snapshot(db)).toEqual({ packs: [], templates: [] });
    expect(needsReview(preview)).toBe(true);

    const result = await applyImport(db, preview, {}, { now: 1000 });
    expect(result).toMatchObject({ packId: 'acme.service', version: '1.0.0', added: 3 });
    expect(await db.packs.get('acme.service')).toEqual({
      id: 'acme.service',
      name: 'Acme service',
      version: '1.0.0',
      author: 'Acme Support',
      source: FILE,
      installedAt: 1000,
      updatedAt: 1000,
    });
    const hello = await byPackTemplateId(db, 'hello');
    expect(hello).toMatchObject({ title: 'Hello', shortcut: '/hi', language: 'en', locked: false, usageCount: 0 });
    expect(hello?.packContentHash).toBe(contentHash(contentOfTemplate(hello!)));
  });

  it('a subscription installs locked templates and stores the HTTP validators', async () => {
    const db = freshDatabase();
    const preview = await planImport(db, parsePack(packText(packInput())), URL_SOURCE, {
      etag: '"v1"',
      lastModified: 'Tue, 02 Jun 2026 10:00:00 GMT',
    });
    await applyImport(db, preview, {});
    expect((await db.templates.toArray()).every((t) => t.locked)).toBe(true);
    expect(await db.packs.get('acme.service')).toMatchObject({
      source: URL_SOURCE,
      etag: '"v1"',
      lastModified: 'Tue, 02 Jun 2026 10:00:00 GMT',
    });
  });

  it('stores HTML as the plain string it is', async () => {
    const db = freshDatabase();
    const body = '<img src=x onerror="alert(1)">Hi {{firstName|there}}</img>';
    await install(db, packInput({}, [{ id: 'x', title: '<b>Title</b>', body }]));
    expect(await byPackTemplateId(db, 'x')).toMatchObject({ title: '<b>Title</b>', body });
  });

  it('classifies an update: new, changed, user-edited → conflict, removed upstream, unchanged', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    const order = (await byPackTemplateId(db, 'order'))!;
    await updateTemplate(db, order.id, { body: 'Please send me your order number (it starts with #).' });

    const preview = await plan(db, v2());
    expect(preview.installed?.version).toBe('1.0.0');
    expect(preview.added.map((e) => e.packTemplateId)).toEqual(['new']);
    expect(preview.updated.map((e) => e.packTemplateId)).toEqual(['hello']);
    expect(preview.conflicts).toEqual([
      {
        packTemplateId: 'order',
        templateId: order.id,
        title: 'Order number',
        mine: expect.objectContaining({ body: 'Please send me your order number (it starts with #).' }),
        theirs: expect.objectContaining({ body: 'Could you send me your order number, please?' }),
      },
    ]);
    expect(preview.removedUpstream).toEqual([
      { packTemplateId: 'bye', templateId: expect.any(String), title: 'Goodbye', userEdited: false },
    ]);
    expect(preview.unchanged).toEqual([]);
    expect(preview.olderVersion).toBe(false);
    expect(needsReview(preview)).toBe(true);
  });

  it('updates untouched templates in place, keeping their id and usage', async () => {
    const db = freshDatabase();
    await install(db, packInput(), FILE, {}, { now: 1 });
    const hello = (await byPackTemplateId(db, 'hello'))!;
    await db.templates.update(hello.id, { usageCount: 7, lastUsedAt: 5 });
    await install(db, v2(), FILE, {}, { now: 2 });
    expect(await db.templates.get(hello.id)).toMatchObject({
      body: 'Hi {{firstName|there}}, thank you for reaching out!',
      usageCount: 7,
      lastUsedAt: 5,
      createdAt: 1,
      updatedAt: 2,
    });
    expect(await db.packs.get('acme.service')).toMatchObject({ version: '1.1.0', installedAt: 1, updatedAt: 2 });
    expect(await byPackTemplateId(db, 'new')).toBeDefined();
  });

  it('removed upstream: untouched ones are removed (or kept as own), edited ones are kept as own', async () => {
    for (const removeUntouched of [true, false]) {
      const db = freshDatabase();
      await install(db, packInput());
      const hello = (await byPackTemplateId(db, 'hello'))!;
      const bye = (await byPackTemplateId(db, 'bye'))!;
      await updateTemplate(db, hello.id, { title: 'Hello (ours)' });
      const gone = packInput({ version: '2.0.0' }, [
        { id: 'order', title: 'Order number', body: 'Could you send me your order number?', folder: 'Service' },
      ]);
      const preview = await plan(db, gone);
      expect(preview.removedUpstream.map((e) => [e.packTemplateId, e.userEdited]).sort()).toEqual([
        ['bye', false],
        ['hello', true],
      ]);
      const result = await applyImport(db, preview, {}, { removeUntouched });
      const keptHello = await db.templates.get(hello.id);
      expect(keptHello).toMatchObject({ title: 'Hello (ours)', locked: false });
      expect(keptHello?.packId).toBeUndefined();
      expect(keptHello?.packTemplateId).toBeUndefined();
      if (removeUntouched) {
        expect(await db.templates.get(bye.id)).toBeUndefined();
        expect(result).toMatchObject({ removed: 1, keptAsOwn: 1 });
      } else {
        expect((await db.templates.get(bye.id))?.packId).toBeUndefined();
        expect(result).toMatchObject({ removed: 0, keptAsOwn: 2 });
      }
      // Kept templates are no longer the pack's: the next import does not list them again.
      expect((await plan(db, gone)).removedUpstream).toEqual([]);
    }
  });

  describe('each resolution of a conflict', () => {
    async function conflicted() {
      const db = freshDatabase();
      await install(db, packInput());
      const order = (await byPackTemplateId(db, 'order'))!;
      await db.templates.update(order.id, { usageCount: 3 });
      await updateTemplate(db, order.id, { body: 'Mine: order number please.' });
      return { db, order };
    }

    it('"keep mine" keeps the edit; the next update asks again only if the pack changes it again', async () => {
      const { db, order } = await conflicted();
      const result = await install(db, v2(), FILE, { order: 'keep-mine' });
      expect(result.keptMine).toBe(1);
      expect(await db.templates.get(order.id)).toMatchObject({
        body: 'Mine: order number please.',
        packId: 'acme.service',
      });

      const same = await plan(db, { ...v2(), version: '1.2.0' });
      expect(same.conflicts).toEqual([]);
      expect(same.unchanged).toContainEqual(expect.objectContaining({ packTemplateId: 'order', userEdited: true }));
      await applyImport(db, same, {});
      expect((await db.templates.get(order.id))?.body).toBe('Mine: order number please.');

      const changedAgain = packInput({ version: '1.3.0' }, [
        { id: 'order', title: 'Order number', body: 'Order number?' },
      ]);
      expect((await plan(db, changedAgain)).conflicts.map((c) => c.packTemplateId)).toEqual(['order']);
    });

    it('"take theirs" replaces the content, keeping id and usage', async () => {
      const { db, order } = await conflicted();
      expect((await install(db, v2(), FILE, { order: 'take-theirs' })).tookTheirs).toBe(1);
      const taken = await db.templates.get(order.id);
      expect(taken).toMatchObject({ body: 'Could you send me your order number, please?', usageCount: 3 });
      expect((await plan(db, v2())).unchanged.map((e) => e.packTemplateId)).toContain('order');
    });

    it('"keep both" keeps mine as my own template and adds theirs', async () => {
      const { db, order } = await conflicted();
      expect((await install(db, v2(), FILE, { order: 'keep-both' })).keptBoth).toBe(1);
      const mine = await db.templates.get(order.id);
      expect(mine).toMatchObject({ body: 'Mine: order number please.', usageCount: 3, locked: false });
      expect(mine?.packId).toBeUndefined();
      const theirs = await byPackTemplateId(db, 'order');
      expect(theirs).toMatchObject({ body: 'Could you send me your order number, please?', usageCount: 0 });
      expect(theirs?.id).not.toBe(order.id);
    });

    it('refuses without a choice for every conflict, or with a choice for something else, and writes nothing', async () => {
      const { db } = await conflicted();
      const preview = await plan(db, v2());
      const missing = await refusedWithoutWrite(db, () => applyImport(db, preview, {}));
      expect(missing.message).toMatch(/choose "keep mine", "take theirs" or "keep both" for "Order number"/);
      const stray = await refusedWithoutWrite(db, () =>
        applyImport(db, preview, { order: 'keep-mine', hello: 'keep-mine' }),
      );
      expect(stray.message).toMatch(/resolutions\.hello: not a conflict/);
      const bad = await refusedWithoutWrite(db, () => applyImport(db, preview, { order: 'merge' as 'keep-mine' }));
      expect(bad.message).toMatch(/resolutions\.order: Invalid option/);
    });
  });

  it('detects an older version; applying it needs allowOlder', async () => {
    const db = freshDatabase();
    await install(db, packInput({ version: '1.2.0' }));
    for (const older of ['1.1.9', '1.2.0-rc.1', '0.9.0']) {
      expect((await plan(db, packInput({ version: older }))).olderVersion).toBe(true);
    }
    const same = await plan(db, packInput({ version: '1.2.0+build.3' }));
    expect(same).toMatchObject({ olderVersion: false, sameVersion: true });
    expect((await plan(db, packInput({ version: '1.10.0' }))).olderVersion).toBe(false);

    const preview = await plan(db, packInput({ version: '1.1.0' }));
    const error = await refusedWithoutWrite(db, () => applyImport(db, preview, {}));
    expect(error.message).toMatch(/version 1\.1\.0 is older than the installed 1\.2\.0/);
    await applyImport(db, preview, {}, { allowOlder: true });
    expect((await db.packs.get('acme.service'))?.version).toBe('1.1.0');
  });

  it('refuses a plan that is stale because the library changed since the preview', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    const preview = await plan(db, v2());
    const hello = (await byPackTemplateId(db, 'hello'))!;
    await updateTemplate(db, hello.id, { body: 'Edited after the preview.' });
    const error = await refusedWithoutWrite(db, () => applyImport(db, preview, {}));
    expect(error.message).toMatch(/changed since this preview/);
  });

  it('adds new templates and reads the installed ones once (no put of a new row, no read by id)', async () => {
    const db = freshDatabase();
    const requests = recordRequests(db);
    await install(db, packInput());
    await plan(db, v2()).then((update) => applyImport(db, update, {}));
    expect(requests.filter((r) => r.startsWith('templates ') && !r.endsWith('query'))).toEqual([
      'templates delete',
      'templates add',
      'templates delete',
      'templates add',
      'templates put',
    ]);
  });

  it('refuses a tampered plan, naming the field', async () => {
    const db = freshDatabase();
    const preview = await plan(db, packInput());
    const tampered = structuredClone(preview) as any;
    tampered.pack.templates[1].body = 'x'.repeat(20_001);
    const error = await refusedWithoutWrite(db, () => applyImport(db, tampered, {}));
    expect(error).toBeInstanceOf(PackRefusedError);
    expect(error.message).toContain('templates.1.body: Too big');

    const extra = { ...preview, sneaky: true } as unknown as ImportPlan;
    expect((await refusedWithoutWrite(db, () => applyImport(db, extra, {}))).message).toMatch(/sneaky: unknown field/);
    const proto = JSON.parse(JSON.stringify(preview).replace('"id":"hello"', '"__proto__":{"x":1},"id":"hello"'));
    expect((await refusedWithoutWrite(db, () => applyImport(db, proto, {}))).message).toMatch(
      /templates\.0\.__proto__/,
    );
  });

  it('is all or nothing: a failure while writing leaves the library and packs as they were', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    await createTemplate(db, { title: 'Own', body: 'own' });
    const preview = await plan(db, v2());
    let created = 0;
    db.templates.hook('creating', () => {
      if (++created === 1) throw new Error('disk on fire');
    });
    const before = await snapshot(db);
    await expect(applyImport(db, preview, {})).rejects.toThrow(/disk on fire/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('treats a pack template without a stored fingerprint as edited unless it equals the new content', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    await db.templates.toCollection().modify((t) => {
      delete t.packContentHash;
    });
    const preview = await plan(db, v2());
    expect(preview.conflicts.map((c) => c.packTemplateId).sort()).toEqual(['hello', 'order']);
    expect((await plan(db, packInput({ version: '1.0.1' }))).unchanged.map((e) => e.userEdited)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('reports a changed source and shortcut clashes', async () => {
    const db = freshDatabase();
    const own = await createTemplate(db, { title: 'My hello', body: 'Hey!', shortcut: '/hi' });
    const first = await planImport(db, parsePack(packText(packInput())), URL_SOURCE);
    expect(first.shortcutClashes).toEqual([{ packTemplateId: 'hello', shortcut: '/hi', templateId: own.id }]);
    await applyImport(db, first, {});
    const elsewhere = await planImport(db, parsePack(packText(v2())), {
      kind: 'url',
      url: 'https://evil.example/acme.dmpack.json',
    });
    expect(elsewhere.sourceChanged).toBe(true);
    expect(needsReview(elsewhere)).toBe(true);
  });

  it('subscribing to a pack installed from a file locks its untouched templates, not edited ones', async () => {
    const db = freshDatabase();
    await install(db, packInput());
    const hello = (await byPackTemplateId(db, 'hello'))!;
    await updateTemplate(db, hello.id, { title: 'Hello!' });
    const preview = await plan(db, packInput({ version: '1.0.1' }), URL_SOURCE);
    expect(preview.conflicts).toEqual([]);
    expect(preview.unchanged.find((e) => e.packTemplateId === 'hello')?.userEdited).toBe(true);
    await applyImport(db, preview, {});
    expect((await db.templates.get(hello.id))?.locked).toBe(false);
    expect((await byPackTemplateId(db, 'order'))?.locked).toBe(true);
  });

  it(`imports a pack of 5,000 templates`, async () => {
    const db = freshDatabase();
    const templates = Array.from({ length: 5_000 }, (_, i) => ({
      id: `t-${i}`,
      title: `Template ${i}`,
      body: `Hi {{firstName|there}}, this is reply number ${i}. `.repeat(8),
      folder: `Folder ${i % 20}`,
      tags: ['bulk'],
    }));
    const text = packText(packInput({}, templates));
    const result = await applyImport(db, await planImport(db, parsePack(text), FILE), {});
    expect(result.added).toBe(5_000);
    expect(await db.templates.count()).toBe(5_000);
    const again = await planImport(db, parsePack(text), FILE);
    expect(again.unchanged).toHaveLength(5_000);
  }, 60_000);
});

describe('forkTemplate and unsubscribe', () => {
  it("a locked template cannot be edited; its fork is the person's own and survives updates", async () => {
    const db = freshDatabase();
    await install(db, packInput(), URL_SOURCE);
    const hello = (await byPackTemplateId(db, 'hello'))!;
    await expect(answeredError(updateTemplate(db, hello.id, { body: 'x' }))).resolves.toMatchObject({
      code: 'forbidden',
    });
    const fork = await forkTemplate(db, hello.id, 99);
    expect(fork).toMatchObject({ title: 'Hello', body: hello.body, locked: false, usageCount: 0, createdAt: 99 });
    expect(fork.packId).toBeUndefined();
    expect(fork.packTemplateId).toBeUndefined();
    expect(fork.packContentHash).toBeUndefined();
    await updateTemplate(db, fork.id, { body: 'My version' });
    await install(db, v2(), URL_SOURCE);
    expect((await db.templates.get(fork.id))?.body).toBe('My version');
    await expect(answeredError(forkTemplate(db, 'nope'))).resolves.toMatchObject({ code: 'not-found' });
  });

  it('unsubscribe keeps the templates as own, or removes them except the ones the person edited', async () => {
    for (const keepTemplates of [true, false]) {
      const db = freshDatabase();
      await install(db, packInput());
      const hello = (await byPackTemplateId(db, 'hello'))!;
      await updateTemplate(db, hello.id, { body: 'Edited' });
      const result = await unsubscribe(db, 'acme.service', { keepTemplates });
      expect(await db.packs.count()).toBe(0);
      expect(result).toEqual(keepTemplates ? { removed: 0, kept: 3 } : { removed: 2, kept: 1 });
      const left = await db.templates.toArray();
      expect(left.every((t) => t.packId === undefined && !t.locked)).toBe(true);
      expect(left.map((t) => t.id)).toContain(hello.id);
    }
    await expect(
      answeredError(unsubscribe(freshDatabase(), 'acme.service', { keepTemplates: true })),
    ).resolves.toMatchObject({
      code: 'not-found',
    });
  });
});
