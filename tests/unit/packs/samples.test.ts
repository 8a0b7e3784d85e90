import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SamplePackIndexSchema } from '@/utils/packs/format';
import { applyImport, planImport } from '@/utils/packs/import';
import { parsePack } from '@/utils/packs/parse';
import { COMPOSER_LIMITS } from '@/utils/templates/limits';
import { renderTemplate } from '@/utils/templates/render';
import { freshDatabase } from './helpers';

const dir = join(process.cwd(), 'public/packs');
const files = readdirSync(dir).filter((file) => file.endsWith('.dmpack.json'));
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

describe('sample packs (public/packs)', () => {
  it('come in English and German', () => {
    const topics = new Set(files.map((file) => file.replace(/\.(en|de)\.dmpack\.json$/, '')));
    expect([...topics].sort()).toEqual([
      'customer-service',
      'influencer-outreach',
      'negative-review-recovery',
      'sales-outreach',
    ]);
    for (const topic of topics) {
      expect(files).toContain(`${topic}.en.dmpack.json`);
      expect(files).toContain(`${topic}.de.dmpack.json`);
    }
  });

  it.each(files)('%s passes parsePack, in its language, with known variables and no raw placeholders', (file) => {
    const pack = parsePack(read(file));
    expect(pack.language).toBe(file.split('.').at(-3));
    expect(pack.templates.length).toBeGreaterThanOrEqual(4);
    for (const template of pack.templates) {
      const rendered = renderTemplate(template.body, {});
      expect(rendered.unknown, `${file} ${template.id}`).toEqual([]);
      // Only variables in double braces: no [brackets] or stray braces a person could send by mistake.
      expect(template.body.replace(/\{\{[^{}]*\}\}/g, '')).not.toMatch(/[[\]{}<>]/);
      // Fits Instagram's 1,000 characters even with long values filled in.
      expect(template.body.length).toBeLessThan(COMPOSER_LIMITS.instagram.limit - 200);
    }
  });

  it('index.json lists every sample pack with its id, name and language', () => {
    const index = SamplePackIndexSchema.parse(JSON.parse(read('../packs/index.json')));
    expect(index.packs.map((entry) => entry.file).sort()).toEqual([...files].sort());
    for (const entry of index.packs) {
      const pack = parsePack(read(entry.file));
      expect(entry).toMatchObject({ id: pack.id, name: pack.name, language: pack.language });
    }
  });

  it('install side by side, with no shortcut used twice', async () => {
    const db = freshDatabase();
    for (const file of files) {
      await applyImport(db, await planImport(db, parsePack(read(file)), { kind: 'file', name: file }), {});
    }
    const templates = await db.templates.toArray();
    const shortcuts = templates.map((template) => template.shortcut).filter(Boolean);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    expect(await db.packs.count()).toBe(files.length);
  });
});
