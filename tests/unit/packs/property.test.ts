import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SidekickDatabase } from '@/utils/db/database';
import { updateTemplate } from '@/utils/db/operations';
import { TemplateSchema } from '@/utils/db/schema';
import { DomainError } from '@/utils/errors';
import type { PackFile } from '@/utils/packs/format';
import { applyImport, type ConflictResolution, planImport } from '@/utils/packs/import';
import { PackRefusedError, parsePack } from '@/utils/packs/parse';
import { freshDatabase, packInput, packText, snapshot } from './helpers';

// Untrusted input in, and only two outcomes out: a checked pack, or a typed refusal that wrote nothing.

/** parsePack's result, or its refusal; anything else thrown fails the property. */
function tryParse(text: string): PackFile | PackRefusedError {
  try {
    return parsePack(text);
  } catch (error) {
    if (error instanceof PackRefusedError) return error;
    throw error;
  }
}

const RESERVED = ['__proto__', 'constructor', 'prototype'];
const keyArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...RESERVED, 'id', 'title', 'body', 'tags'));
const valueArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('instagram', 'x', 'facebook', 'linkedin', '1.2.0', '0.9.0', '2.0.0-rc.1', '', '<b>x</b>', 'hello'),
  fc.integer(),
);

type Mutation = { kind: 'set' | 'delete' | 'add'; at: number; key: string; value: unknown };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'delete', 'add'),
  at: fc.nat(),
  key: keyArb,
  value: valueArb,
});

/** Every object and array inside a value (the places a mutation can touch). */
function containers(value: unknown, out: (Record<string, unknown> | unknown[])[] = []) {
  if (typeof value === 'object' && value !== null) {
    out.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

function mutate(base: unknown, mutations: Mutation[]): unknown {
  const value = structuredClone(base);
  for (const mutation of mutations) {
    const places = containers(value);
    const target = places[mutation.at % places.length] as Record<string, unknown>;
    const keys = Object.keys(target);
    const existing = keys.length ? (keys[mutation.at % keys.length] as string) : mutation.key;
    // defineProperty: a "__proto__" key becomes an own key, as JSON.parse would make it.
    const put = (key: string) => {
      if (Array.isArray(target) && key === 'length') return; // an array's length is not a key of the file
      Object.defineProperty(target, key, {
        value: mutation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    };
    if (mutation.kind === 'set') put(existing);
    else if (mutation.kind === 'delete') delete target[existing];
    else put(mutation.key);
  }
  return value;
}

/** Text-level damage: cut, duplicate or replace a slice of the file. */
const textEditArb = fc.record({ at: fc.nat(), length: fc.nat({ max: 20 }), insert: fc.string({ maxLength: 10 }) });
function damage(text: string, edits: { at: number; length: number; insert: string }[]): string {
  let out = text;
  for (const edit of edits) {
    const at = edit.at % (out.length + 1);
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.length);
  }
  return out;
}

/** A library with v1 of the base pack installed, one template edited and one own template. */
async function seededDatabase(): Promise<SidekickDatabase> {
  const db = freshDatabase();
  await applyImport(
    db,
    await planImport(db, parsePack(packText(packInput())), { kind: 'file', name: 'a.dmpack.json' }),
    {},
  );
  const order = await db.templates
    .where('packId')
    .equals('acme.service')
    .filter((t) => t.packTemplateId === 'order')
    .first();
  await updateTemplate(db, order!.id, { body: 'My own wording.' });
  await db.templates.add(
    TemplateSchema.parse({ id: 'own-1', title: 'Own', body: 'Own body', createdAt: 1, updatedAt: 1 }),
  );
  return db;
}

/** Plan and apply with arbitrary choices: succeeds with a consistent library, or refuses with no write. */
async function planAndApply(db: SidekickDatabase, pack: PackFile, choices: ConflictResolution[], flags: boolean[]) {
  const before = await snapshot(db);
  const plan = await planImport(db, pack, { kind: 'file', name: 'b.dmpack.json' });
  expect(await snapshot(db)).toEqual(before);
  const resolutions: Record<string, ConflictResolution> = {};
  plan.conflicts.forEach((conflict, i) => {
    if (flags[i % flags.length] !== false)
      resolutions[conflict.packTemplateId] = choices[i % choices.length] ?? 'keep-mine';
  });
  try {
    await applyImport(db, plan, resolutions, { allowOlder: flags[0], removeUntouched: flags[1] });
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(await snapshot(db)).toEqual(before);
    return;
  }
  const templates = await db.templates.toArray();
  for (const template of templates) expect(TemplateSchema.safeParse(template).success).toBe(true);
  const links = templates.filter((t) => t.packId).map((t) => `${t.packId}/${t.packTemplateId}`);
  expect(new Set(links).size).toBe(links.length);
  expect((await db.packs.get(pack.id))?.version).toBe(pack.version);
  // The person's edit survives unless they chose "take theirs" for it; their own template always does.
  const hadEdit = before.templates.some((t) => t.body === 'My own wording.');
  const tookTheirs = plan.conflicts.some(
    (c) => c.mine.body === 'My own wording.' && resolutions[c.packTemplateId] === 'take-theirs',
  );
  if (hadEdit && !tookTheirs) expect(templates.some((t) => t.body === 'My own wording.')).toBe(true);
  expect(templates.some((t) => t.id === 'own-1')).toBe(true);
}

const choicesArb = fc.array(fc.constantFrom<ConflictResolution>('keep-mine', 'take-theirs', 'keep-both'), {
  minLength: 1,
  maxLength: 5,
});
const flagsArb = fc.array(fc.boolean(), { minLength: 2, maxLength: 5 });

describe('property: untrusted packs', () => {
  it('random text and random JSON: a pack or a typed refusal, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          tryParse(text);
        },
      ),
      { numRuns: 500 },
    );
  }, 30_000);

  it('random mutations of a valid pack: parse never throws untyped; refusals name a field', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const result = tryParse(JSON.stringify(mutate(packInput(), mutations)) ?? '');
        if (result instanceof PackRefusedError) {
          expect(result.field).not.toBe('');
          expect(result.message).toMatch(/Nothing was changed\.$/);
        }
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('random mutations and damaged text through parse + plan + apply: consistent, or refused without a write', async () => {
    const db = await seededDatabase();
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationArb, { maxLength: 3 }),
        fc.array(textEditArb, { maxLength: 2 }),
        choicesArb,
        flagsArb,
        async (mutations, edits, choices, flags) => {
          const text = damage(JSON.stringify(mutate(packInput({ version: '1.1.0' }), mutations)) ?? '', edits);
          const before = await snapshot(db);
          const result = tryParse(text);
          if (result instanceof PackRefusedError) {
            expect(await snapshot(db)).toEqual(before);
            return;
          }
          await planAndApply(db, result, choices, flags);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('valid packs of random templates through plan + apply, repeatedly on one library', async () => {
    const templateArb = fc.record(
      {
        id: fc.constantFrom('hello', 'order', 'bye', 'n1', 'n2', 'n3'),
        title: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        body: fc.string({ minLength: 1, maxLength: 60 }),
        shortcut: fc.constantFrom('/hi', '/o', '/x'),
        folder: fc.constantFrom('', 'Service', 'Sales'),
        platforms: fc.subarray(['instagram', 'x', 'facebook', 'linkedin'] as const),
      },
      { requiredKeys: ['id', 'title', 'body'] },
    );
    const packArb = fc.record({
      version: fc.constantFrom('0.9.0', '1.0.0', '1.1.0', '2.0.0'),
      templates: fc.uniqueArray(templateArb, { selector: (t) => t.id, maxLength: 6 }),
    });
    const editArb = fc.option(fc.record({ index: fc.nat(), body: fc.string({ minLength: 1, maxLength: 20 }) }));
    const db = await seededDatabase();
    await fc.assert(
      fc.asyncProperty(packArb, editArb, choicesArb, flagsArb, async ({ version, templates }, edit, choices, flags) => {
        // The person edits one of the pack's templates between imports, so conflicts keep arising.
        const linked = await db.templates.where('packId').equals('acme.service').sortBy('id');
        const target = edit && linked[edit.index % linked.length];
        if (edit && target) await updateTemplate(db, target.id, { body: edit.body });
        const result = tryParse(packText(packInput({ version }, templates)));
        expect(result).not.toBeInstanceOf(PackRefusedError);
        await planAndApply(db, result as PackFile, choices, flags);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
