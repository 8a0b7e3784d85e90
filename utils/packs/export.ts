import { z } from 'zod';
import type { SidekickDatabase } from '../db/database';
import type { Template } from '../db/schema';
import { because } from '../errors';
import { PackError } from './errors';
import {
  LanguageSchema,
  MAX_PACK_TEMPLATES,
  PACK_SCHEMA_VERSION,
  type PackFile,
  PackFileSchema,
  PackIdSchema,
  type PackTemplate,
  SemverSchema,
} from './format';
import { describeIssues, issueList } from './parse';

export const ExportMetaSchema = z.strictObject({
  /** Keep it the same for every version of the pack; by default derived from author and name. */
  id: PackIdSchema.optional(),
  name: PackFileSchema.shape.name,
  version: SemverSchema,
  author: PackFileSchema.shape.author,
  description: z.string().max(2000).optional(),
  language: LanguageSchema.optional(),
});
export type ExportMeta = z.infer<typeof ExportMetaSchema>;

export const ExportSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  /** Exactly this folder (folders are flat names). */
  z.strictObject({ kind: z.literal('folder'), folder: z.string().max(100) }),
  z.strictObject({ kind: z.literal('ids'), ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_PACK_TEMPLATES) }),
]);
export type ExportSelection = z.infer<typeof ExportSelectionSchema>;

/**
 * The selected templates as a pack. Template ids are stable across exports: a template that came from
 * a pack keeps its id in that pack, a person's own template uses its own id. Read-only.
 */
export async function exportPack(
  db: SidekickDatabase,
  meta: z.input<typeof ExportMetaSchema>,
  selection: ExportSelection,
): Promise<PackFile> {
  const checkedMeta = ExportMetaSchema.safeParse(meta);
  if (!checkedMeta.success) {
    throw new PackError(
      'export-refused',
      `This pack cannot be exported: ${describeIssues(checkedMeta.error).join('; ')}.`,
      because('export-invalid', { problems: describeIssues(checkedMeta.error).join('; ') }),
    );
  }
  const { id = defaultPackId(checkedMeta.data.author, checkedMeta.data.name), ...info } = checkedMeta.data;
  const templates = await selectTemplates(db, selection);
  if (!templates.length) {
    throw new PackError(
      'export-refused',
      'Nothing to export: the selection holds no templates.',
      because('export-empty'),
    );
  }
  if (templates.length > MAX_PACK_TEMPLATES) {
    throw new PackError(
      'export-refused',
      `${templates.length.toLocaleString('en')} templates are more than the ${MAX_PACK_TEMPLATES.toLocaleString('en')} a pack may hold: export a folder or a selection.`,
      because('export-too-many-templates', { count: templates.length, limit: MAX_PACK_TEMPLATES }),
    );
  }

  // Templates of this very pack first, so they keep their ids when another id collides.
  const ordered = [...templates].sort(
    (a, b) => Number(a.packId !== id) - Number(b.packId !== id) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
  const used = new Set<string>();
  const byTemplateId = new Map<string, PackTemplate>();
  for (const template of ordered) {
    const stableId = uniqueId(stableIdOf(template), used);
    used.add(stableId);
    byTemplateId.set(template.id, toPackTemplate(template, stableId, info.language));
  }

  const pack = {
    schemaVersion: PACK_SCHEMA_VERSION,
    id,
    name: info.name,
    version: info.version,
    author: info.author,
    ...(info.description ? { description: info.description } : {}),
    ...(info.language ? { language: info.language } : {}),
    // The library's order (folder, then title) reads well in the file and in diffs between versions.
    templates: [...templates]
      .sort((a, b) => a.folder.localeCompare(b.folder) || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1))
      .map((template) => byTemplateId.get(template.id) as PackTemplate),
  };
  const checked = PackFileSchema.safeParse(pack);
  if (!checked.success) {
    // Named by the template's title: the person does not know its position in the file.
    const problems = issueList(checked.error).map(({ field, reason }) => {
      const [, index, rest] = /^templates\.(\d+)\.?(.*)$/.exec(field) ?? [];
      const title = index === undefined ? undefined : pack.templates[Number(index)]?.title;
      return title === undefined ? `${field}: ${reason}` : `"${title}" ${rest || 'template'}: ${reason}`;
    });
    throw new PackError(
      'export-refused',
      `This pack cannot be exported: ${problems.join('; ')}.`,
      because('export-invalid', { problems: problems.join('; ') }),
    );
  }
  return checked.data;
}

async function selectTemplates(db: SidekickDatabase, selection: ExportSelection): Promise<Template[]> {
  if (selection.kind === 'all') return db.templates.toArray();
  if (selection.kind === 'folder') return db.templates.where('folder').equals(selection.folder).toArray();
  const ids = [...new Set(selection.ids)];
  const found = await db.templates.bulkGet(ids);
  const missing = ids.filter((_, i) => !found[i]);
  if (missing.length) {
    throw new PackError(
      'template-gone',
      `${missing.length === 1 ? 'A template' : `${missing.length} templates`} of the selection no longer exist: ${missing.slice(0, 5).join(', ')}.`,
      because('export-templates-gone', { count: missing.length }),
    );
  }
  return found as Template[];
}

const stableIdOf = (template: Template): string => {
  const id = template.packTemplateId ?? template.id;
  if (PackIdSchema.safeParse(id).success) return id;
  // Ids from elsewhere (an edited backup) are made to fit the format's alphabet, deterministically.
  const cleaned = id.replace(/[^A-Za-z0-9._:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return PackIdSchema.safeParse(cleaned).success ? cleaned : `t-${cleaned}`.slice(0, 100);
};

function uniqueId(id: string, used: Set<string>): string {
  if (!used.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 100 - String(n).length - 1)}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

function toPackTemplate(template: Template, id: string, packLanguage: string | undefined): PackTemplate {
  const tags = template.tags.filter((tag) => tag.trim() !== '');
  return {
    id,
    title: template.title,
    body: template.body,
    ...(template.shortcut ? { shortcut: template.shortcut } : {}),
    folder: template.folder,
    tags,
    platforms: [...new Set(template.platforms)],
    ...(template.language && template.language !== packLanguage ? { language: template.language } : {}),
  };
}

/** `acme-support.customer-service`: readable, and the same for every version the same author exports. */
export function defaultPackId(author: string, name: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48);
  return [slug(author), slug(name)].filter(Boolean).join('.') || 'pack';
}

/** The file a pack is saved as: `acme-support.customer-service-1.2.0.dmpack.json`. */
export function packFileName(pack: Pick<PackFile, 'id' | 'version'>): string {
  return `${pack.id}-${pack.version}.dmpack.json`.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** The file's text: compact defaults left out, two-space indentation, a final newline. */
export function serializePack(pack: PackFile): string {
  const templates = pack.templates.map(({ folder, tags, platforms, ...rest }) => ({
    ...rest,
    ...(folder ? { folder } : {}),
    ...(tags.length ? { tags } : {}),
    ...(platforms.length ? { platforms } : {}),
  }));
  return `${JSON.stringify({ ...pack, templates }, null, 2)}\n`;
}
