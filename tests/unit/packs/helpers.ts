import type { SidekickDatabase } from '@/utils/db/database';
import type { PackFileInput } from '@/utils/packs/format';

export { freshDatabase } from '../db/helpers';

type TemplateInput = PackFileInput['templates'][number];

/** A valid pack as an author writes it; templates by id, overridable. */
export function packInput(
  overrides: Partial<Omit<PackFileInput, 'templates'>> = {},
  templates: TemplateInput[] = [
    { id: 'hello', title: 'Hello', body: 'Hi {{firstName|there}}, thanks for reaching out!', shortcut: '/hi' },
    { id: 'order', title: 'Order number', body: 'Could you send me your order number?', folder: 'Service' },
    { id: 'bye', title: 'Goodbye', body: 'Have a great day!\n\n{{signature|Best regards}}', tags: ['closing'] },
  ],
): PackFileInput {
  return {
    schemaVersion: 1,
    id: 'acme.service',
    name: 'Acme service',
    version: '1.0.0',
    author: 'Acme Support',
    language: 'en',
    templates,
    ...overrides,
  };
}

export const packText = (pack: unknown) => JSON.stringify(pack);

/** Every row of the two tables a pack import writes, for "nothing changed" checks. */
export async function snapshot(db: SidekickDatabase) {
  return {
    packs: await db.packs.orderBy('id').toArray(),
    templates: await db.templates.orderBy('id').toArray(),
  };
}

/** The content fields of the library's templates, sorted, without ids or times. */
export async function library(db: SidekickDatabase) {
  const rows = await db.templates.toArray();
  return rows
    .map(({ title, body, shortcut, folder, tags, platforms, language }) => ({
      title,
      body,
      shortcut,
      folder,
      tags,
      platforms,
      language,
    }))
    .sort((a, b) => (a.title + a.body < b.title + b.body ? -1 : 1));
}
