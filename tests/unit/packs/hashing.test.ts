import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyImport, planImport } from '@/utils/packs/import';
import { parsePack } from '@/utils/packs/parse';
import { freshDatabase, packInput, packText } from './helpers';

/** The texts hashed (utils/hash.ts), in order: how often a plan or an apply works out a content hash. */
const hashed: string[] = [];
vi.mock('@/utils/hash', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/utils/hash')>();
  return {
    ...original,
    cyrb53Lanes: (text: string) => {
      hashed.push(text);
      return original.cyrb53Lanes(text);
    },
  };
});
afterEach(() => {
  hashed.length = 0;
});

const FILE = { kind: 'file', name: 'acme.dmpack.json' } as const;
const version = (v: string, body: (id: string) => string) => {
  const input = packInput({ version: v });
  return parsePack(packText({ ...input, templates: input.templates.map((t) => ({ ...t, body: body(t.id) })) }));
};

/** Hashes while planning and while applying `pack` onto what `db` has installed. */
async function hashesOf(db: Awaited<ReturnType<typeof freshDatabase>>, pack: ReturnType<typeof parsePack>) {
  hashed.length = 0;
  const plan = await planImport(db, pack, FILE);
  const planning = hashed.splice(0);
  await applyImport(db, plan, {});
  return { planning, applying: hashed.splice(0) };
}

describe('content hashes of a pack import', () => {
  it('plans an unchanged re-import without hashing, and hashes no content twice in one apply', async () => {
    const db = await freshDatabase();
    const first = await hashesOf(
      db,
      version('1.0.0', (id) => `First ${id}`),
    );
    expect(first.applying).toHaveLength(3);

    const again = await hashesOf(
      db,
      version('1.0.0', (id) => `First ${id}`),
    );
    expect(again.planning).toEqual([]);
    expect(new Set(again.applying).size).toBe(again.applying.length);

    // Every template changed upstream, none by the person: the new content and the installed one, once each.
    const update = await hashesOf(
      db,
      version('2.0.0', (id) => `Second ${id}`),
    );
    expect(update.applying).toHaveLength(6);
    expect(new Set(update.applying).size).toBe(update.applying.length);
  });
});
