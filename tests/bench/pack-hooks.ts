// Bench-only (like storage-hooks.ts): measures a pack import in the browser's real IndexedDB, in a
// database of its own ("dm-sidekick-pack-bench", deleted afterwards), so the user's data is never touched.
import { SidekickDatabase } from '@/utils/db/database';
import { applyImport, planImport } from '@/utils/packs/import';
import { parsePack } from '@/utils/packs/parse';
import { indexedDbAddsMs } from './storage-hooks';

/** A valid pack text of `count` templates of about 400 characters each (5,000 → ≈ 2.6 MB). */
export function benchPackText(count: number, version = '1.0.0'): string {
  const templates = Array.from({ length: count }, (_, i) => ({
    id: `t-${i}`,
    title: `Template ${i}`,
    body: `Hi {{firstName|there}}, this is reply number ${i} (version ${version}). `.repeat(6),
    folder: `Folder ${i % 20}`,
    tags: ['bench'],
  }));
  return JSON.stringify({ schemaVersion: 1, id: 'bench.pack', name: 'Bench', version, author: 'Bench', templates });
}

/**
 * Milliseconds for each step of installing a `count`-template pack into an empty library, then of
 * updating it to a version in which every template changed; and the floor under the install's writes:
 * the rows it stored, added again with IndexedDB's own API in one transaction (`floorMs`).
 */
async function importMs(count = 5_000) {
  const db = new SidekickDatabase('dm-sidekick-pack-bench');
  try {
    await Promise.all(db.tables.map((table) => table.clear()));
    const source = { kind: 'file', name: 'bench.dmpack.json' } as const;
    const figures: Record<string, number> = {};
    let start = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      figures[name] = now - start;
      start = now;
    };
    const first = parsePack(benchPackText(count));
    lap('parseMs');
    const plan = await planImport(db, first, source);
    lap('planMs');
    await applyImport(db, plan, {});
    lap('applyMs');
    const installed = await db.templates.toArray();
    const installedPacks = await db.packs.toArray();
    const update = await planImport(db, parsePack(benchPackText(count, '1.1.0')), source);
    lap('updatePlanMs');
    await applyImport(db, update, {});
    lap('updateApplyMs');
    figures.floorMs = await indexedDbAddsMs({ templates: installed, packs: installedPacks });
    return figures;
  } finally {
    db.close();
    await db.delete();
  }
}

export const packBench = { importMs };
