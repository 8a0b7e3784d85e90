import { z } from 'zod';
import type { SidekickDatabase } from '../db/database';
import { newId, type Pack, PackSchema, type Template, TemplateSchema } from '../db/schema';
import { because, type ErrorDetail } from '../errors';
import {
  canonicalContent,
  compareSemver,
  contentHash,
  contentOfPackTemplate,
  contentOfTemplate,
  isUserEdited,
  type TemplateContent,
} from './content';
import { PackError } from './errors';
import { type PackFile, PackFileSchema, type PackSource, PackSourceSchema, PackTemplateIdSchema } from './format';
import { describeIssues, validatePack } from './parse';

/**
 * Installing and updating packs. `planImport` reads and writes nothing; `applyImport` computes the plan
 * again inside one transaction over `packs` and `templates`, refuses if it no longer matches what the
 * person previewed, and then writes everything or nothing.
 *
 * Rules for a template of the pack (matched by pack id + the template's stable id):
 * - not installed → added;
 * - installed content equals the new content → unchanged;
 * - the pack did not change it since it was delivered → unchanged (the person's edits stay);
 * - the person did not edit it since it was delivered → updated;
 * - both changed → a conflict: "keep mine", "take theirs" or "keep both", never overwritten silently.
 * Installed templates the new version no longer has are "removed upstream": edited ones are kept as the
 * person's own; untouched ones are removed (or kept as own with `removeUntouched: false`).
 */

const Id = z.string().min(1).max(100);
const Time = z.number().int().nonnegative();

export const TemplateContentSchema = z.strictObject({
  title: TemplateSchema.shape.title,
  body: TemplateSchema.shape.body,
  shortcut: TemplateSchema.shape.shortcut,
  folder: z.string().max(100),
  tags: z.array(z.string().max(60)).max(50),
  platforms: TemplateSchema.shape.platforms.unwrap(),
  language: TemplateSchema.shape.language,
});

const PlanEntry = z.strictObject({ packTemplateId: PackTemplateIdSchema, title: z.string().max(200) });
const InstalledEntry = PlanEntry.extend({ templateId: Id });

export const ImportPlanSchema = z.strictObject({
  pack: PackFileSchema,
  source: PackSourceSchema,
  /** HTTP validators of the download (subscriptions), stored with the pack when applied. */
  validators: z.strictObject({ etag: z.string().max(1000).optional(), lastModified: z.string().max(100).optional() }),
  /** The installed pack with the same id, if any. */
  installed: z
    .strictObject({
      name: z.string().max(200),
      version: z.string().max(200),
      source: PackSchema.shape.source,
      installedAt: Time,
      updatedAt: Time,
    })
    .nullable(),
  /** The pack is an older version than the installed one: ask before applying (`allowOlder`). */
  olderVersion: z.boolean(),
  sameVersion: z.boolean(),
  /** Installed from somewhere else (another URL, or a file and now a URL): worth showing. */
  sourceChanged: z.boolean(),
  /** Templates installed or updated by this import are read-only (subscriptions) or editable (files). */
  installsLocked: z.boolean(),
  added: z.array(PlanEntry),
  updated: z.array(InstalledEntry),
  unchanged: z.array(InstalledEntry.extend({ userEdited: z.boolean() })),
  conflicts: z.array(InstalledEntry.extend({ mine: TemplateContentSchema, theirs: TemplateContentSchema })),
  removedUpstream: z.array(InstalledEntry.extend({ packTemplateId: Id, userEdited: z.boolean() })),
  /** Shortcuts the import would give a pack template that another template already uses (informational). */
  shortcutClashes: z.array(
    z.strictObject({ packTemplateId: PackTemplateIdSchema, shortcut: z.string(), templateId: Id }),
  ),
});
export type ImportPlan = z.infer<typeof ImportPlanSchema>;
const PlanWithoutPackSchema = ImportPlanSchema.omit({ pack: true });

export const ConflictResolutionSchema = z.enum(['keep-mine', 'take-theirs', 'keep-both']);
export type ConflictResolution = z.infer<typeof ConflictResolutionSchema>;
/** One choice per conflict, by the template's id in the pack. */
export const ResolutionsSchema = z.record(PackTemplateIdSchema, ConflictResolutionSchema);
export type Resolutions = z.infer<typeof ResolutionsSchema>;

export const ApplyOptionsSchema = z.strictObject({
  /** Templates removed upstream that the person never edited: remove them (default) or keep them as own. */
  removeUntouched: z.boolean().default(true),
  /** Required to install an older version than the installed one (the UI asks first). */
  allowOlder: z.boolean().default(false),
});
export type ApplyOptions = z.input<typeof ApplyOptionsSchema> & {
  /** For tests: the time recorded as installedAt / updatedAt. */
  now?: number;
};

export const ImportResultSchema = z.strictObject({
  packId: Id,
  version: z.string(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  keptMine: z.number().int(),
  tookTheirs: z.number().int(),
  keptBoth: z.number().int(),
  removed: z.number().int(),
  /** Removed upstream but kept (edited, or `removeUntouched: false`), now the person's own templates. */
  keptAsOwn: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// ---- plan ----------------------------------------------------------------------------------------

/** A preview of importing `pack` from `source`: reads the library, writes nothing. */
export async function planImport(
  db: SidekickDatabase,
  pack: PackFile,
  source: PackSource,
  validators: ImportPlan['validators'] = {},
): Promise<ImportPlan> {
  const checkedSource = PackSourceSchema.safeParse(source);
  if (!checkedSource.success) {
    throw new PackError(
      'pack-refused',
      `The pack's source is not usable: ${describeIssues(checkedSource.error).join('; ')}.`,
      because('pack-invalid', { problems: describeIssues(checkedSource.error).join('; ') }),
    );
  }
  return db.transaction('r', db.packs, db.templates, async () => {
    const { plan } = await computePlan(db, pack, checkedSource.data, validators);
    return plan;
  });
}

/** True when a person should look at the plan before it is applied (an automatic update may apply the rest). */
export function needsReview(plan: ImportPlan): boolean {
  return plan.olderVersion || plan.sourceChanged || plan.conflicts.length > 0 || plan.installed === null;
}

/** What each template of a pack delivers, and its content hash, worked out at most once per plan. */
type PackContents = { content: (packTemplateId: string) => TemplateContent; hash: (packTemplateId: string) => string };

function packContents(pack: PackFile): PackContents {
  const contents = new Map(pack.templates.map((template) => [template.id, contentOfPackTemplate(template, pack)]));
  const hashes = new Map<string, string>();
  const content = (packTemplateId: string) => contents.get(packTemplateId) as TemplateContent;
  return {
    content,
    hash: (packTemplateId) => {
      let hash = hashes.get(packTemplateId);
      if (hash === undefined) {
        hash = contentHash(content(packTemplateId));
        hashes.set(packTemplateId, hash);
      }
      return hash;
    },
  };
}

/**
 * The plan, the pack's installed templates it read (by id) and the pack's contents it hashed: applying
 * uses them instead of reading and hashing them again.
 */
async function computePlan(
  db: SidekickDatabase,
  pack: PackFile,
  source: PackSource,
  validators: ImportPlan['validators'],
): Promise<{ plan: ImportPlan; installedTemplates: Map<string, Template>; theirs: PackContents }> {
  const installed = (await db.packs.get(pack.id)) ?? null;
  const existing = await db.templates.where('packId').equals(pack.id).toArray();
  existing.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const byPackTemplateId = new Map<string, Template>();
  const strays: Template[] = [];
  for (const template of existing) {
    const key = template.packTemplateId;
    if (key !== undefined && !byPackTemplateId.has(key)) byPackTemplateId.set(key, template);
    else strays.push(template); // a duplicate link (e.g. from a merged backup): treated as no longer in the pack
  }

  const plan: ImportPlan = {
    pack,
    source,
    validators: {
      ...(validators.etag ? { etag: validators.etag } : {}),
      ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
    },
    installed: installed && {
      name: installed.name,
      version: installed.version,
      source: installed.source,
      installedAt: installed.installedAt,
      updatedAt: installed.updatedAt,
    },
    olderVersion: installed !== null && compareSemver(pack.version, installed.version) < 0,
    sameVersion: installed !== null && compareSemver(pack.version, installed.version) === 0,
    sourceChanged: installed !== null && sourceKey(installed.source) !== sourceKey(source),
    installsLocked: source.kind === 'url',
    added: [],
    updated: [],
    unchanged: [],
    conflicts: [],
    removedUpstream: [],
    shortcutClashes: [],
  };

  const incomingIds = new Set<string>();
  const arrivingShortcuts: { packTemplateId: string; shortcut: string }[] = [];
  const contents = packContents(pack);
  for (const template of pack.templates) {
    incomingIds.add(template.id);
    const theirs = contents.content(template.id);
    const mine = byPackTemplateId.get(template.id);
    const entry = { packTemplateId: template.id, title: theirs.title };
    if (!mine) {
      plan.added.push(entry);
      if (theirs.shortcut) arrivingShortcuts.push({ packTemplateId: template.id, shortcut: theirs.shortcut });
      continue;
    }
    const current = contentOfTemplate(mine);
    const installedEntry = { ...entry, templateId: mine.id };
    // Hashed only when the contents differ: an unchanged template needs neither hash.
    if (canonicalContent(current) === canonicalContent(theirs)) {
      plan.unchanged.push({ ...installedEntry, userEdited: false });
    } else if (mine.packContentHash !== undefined && mine.packContentHash === contents.hash(template.id)) {
      plan.unchanged.push({ ...installedEntry, userEdited: true });
    } else if (!isUserEdited(mine)) {
      plan.updated.push(installedEntry);
      if (theirs.shortcut && theirs.shortcut !== current.shortcut) {
        arrivingShortcuts.push({ packTemplateId: template.id, shortcut: theirs.shortcut });
      }
    } else {
      plan.conflicts.push({ ...installedEntry, mine: current, theirs });
    }
  }
  const gone = [...byPackTemplateId].filter(([key]) => !incomingIds.has(key)).map(([, template]) => template);
  for (const template of [...gone, ...strays]) {
    plan.removedUpstream.push({
      packTemplateId: template.packTemplateId ?? template.id,
      title: template.title,
      templateId: template.id,
      userEdited: isUserEdited(template),
    });
  }

  if (arrivingShortcuts.length) {
    const owners = new Map<string, string>();
    await db.templates.each((template) => {
      if (template.shortcut && template.packId !== pack.id) owners.set(template.shortcut, template.id);
    });
    for (const arriving of arrivingShortcuts) {
      const owner = owners.get(arriving.shortcut);
      if (owner)
        plan.shortcutClashes.push({
          packTemplateId: arriving.packTemplateId,
          shortcut: arriving.shortcut,
          templateId: owner,
        });
    }
  }
  return {
    plan,
    installedTemplates: new Map(existing.map((template) => [template.id, template])),
    theirs: contents,
  };
}

const sourceKey = (source: Pack['source']) => (source.kind === 'url' ? `url:${source.url}` : 'file');

/** What must stay the same between the preview and the apply for the person's choices to still mean the same. */
function planFingerprint(plan: ImportPlan): string {
  return JSON.stringify([
    plan.installed?.version ?? null,
    plan.installed?.updatedAt ?? null,
    plan.added.map((e) => e.packTemplateId),
    plan.updated.map((e) => [e.packTemplateId, e.templateId]),
    plan.unchanged.map((e) => [e.packTemplateId, e.templateId, e.userEdited]),
    plan.conflicts.map((e) => [e.packTemplateId, e.templateId, contentHash(e.mine)]),
    plan.removedUpstream.map((e) => [e.packTemplateId, e.templateId, e.userEdited]),
  ]);
}

// ---- apply ---------------------------------------------------------------------------------------

/**
 * Applies a previewed plan with the person's choices, in one transaction over packs and templates. Refuses
 * (and writes nothing) when the plan is malformed, a conflict has no choice, the pack is older than the
 * installed one without `allowOlder`, or the library changed since the preview.
 */
export async function applyImport(
  db: SidekickDatabase,
  plan: ImportPlan,
  resolutions: Resolutions,
  options: ApplyOptions = {},
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportResult> {
  const { now = Date.now(), ...rest } = options;
  const checkedOptions = ApplyOptionsSchema.safeParse(rest);
  if (!checkedOptions.success)
    throw invalid(`the options are malformed: ${describeIssues(checkedOptions.error).join('; ')}`);
  const { removeUntouched, allowOlder } = checkedOptions.data;
  const pack = validatePack(plan?.pack);
  // The pack was just checked completely: the rest of the plan is checked without checking it again.
  const { pack: _checked, ...planWithoutPack } = plan ?? ({} as ImportPlan);
  const checkedRest = PlanWithoutPackSchema.safeParse(planWithoutPack);
  if (!checkedRest.success) throw invalid(`the preview is malformed: ${describeIssues(checkedRest.error).join('; ')}`);
  const checkedPlan = { data: { ...checkedRest.data, pack } };
  const checkedResolutions = ResolutionsSchema.safeParse(resolutions);
  if (!checkedResolutions.success) {
    throw invalid(
      `the choices are malformed: ${describeIssues(checkedResolutions.error)
        .map((line) => `resolutions.${line}`)
        .join('; ')}`,
    );
  }
  const choices = new Map(Object.entries(checkedResolutions.data));
  const { source, validators } = checkedPlan.data;

  return db.transaction('rw', db.packs, db.templates, async () => {
    const { plan: fresh, installedTemplates, theirs: contents } = await computePlan(db, pack, source, validators);
    if (planFingerprint(fresh) !== planFingerprint(checkedPlan.data)) {
      throw invalid(
        'the templates or the installed pack changed since this preview: preview the import again',
        because('pack-stale-preview'),
      );
    }
    if (fresh.olderVersion && !allowOlder) {
      throw invalid(
        `version ${pack.version} is older than the installed ${fresh.installed?.version}: confirm to install the older version`,
        because('pack-older', { version: pack.version, installed: fresh.installed?.version ?? '' }),
      );
    }
    const conflictIds = new Set(fresh.conflicts.map((c) => c.packTemplateId));
    const unresolved = fresh.conflicts.filter((c) => !choices.has(c.packTemplateId));
    if (unresolved.length) {
      throw invalid(
        `choose "keep mine", "take theirs" or "keep both" for ${unresolved
          .map((c) => `"${c.title}"`)
          .slice(0, 5)
          .join(', ')}${unresolved.length > 5 ? ` and ${unresolved.length - 5} more` : ''}`,
        because('pack-unresolved', {
          titles: unresolved
            .slice(0, 5)
            .map((c) => `"${c.title}"`)
            .join(', '),
          more: Math.max(0, unresolved.length - 5),
        }),
      );
    }
    const stray = [...choices.keys()].find((id) => !conflictIds.has(id));
    if (stray !== undefined) throw invalid(`resolutions.${stray}: not a conflict of this import`);

    const locked = source.kind === 'url';
    // Every template the plan names as installed was read by computePlan, in this transaction.
    const at = (id: string) => installedTemplates.get(id) as Template;

    /** New rows (new ids): added, so IndexedDB looks for no old row to replace. */
    const adds: Template[] = [];
    const puts: Template[] = [];
    const deletes: string[] = [];
    const result: ImportResult = {
      packId: pack.id,
      version: pack.version,
      added: 0,
      updated: 0,
      unchanged: 0,
      keptMine: 0,
      tookTheirs: 0,
      keptBoth: 0,
      removed: 0,
      keptAsOwn: 0,
    };
    const install = (packTemplateId: string, base?: Template): Template => {
      const theirs = contents.content(packTemplateId);
      const { shortcut: _s, language: _l, ...kept } = base ?? ({} as Partial<Template>);
      return {
        ...kept,
        id: base?.id ?? newId(),
        ...theirs,
        packId: pack.id,
        packTemplateId,
        packContentHash: contents.hash(packTemplateId),
        locked,
        usageCount: base?.usageCount ?? 0,
        createdAt: base?.createdAt ?? now,
        updatedAt: now,
      };
    };

    for (const entry of fresh.added) {
      adds.push(install(entry.packTemplateId));
      result.added++;
    }
    for (const entry of fresh.updated) {
      puts.push(install(entry.packTemplateId, at(entry.templateId)));
      result.updated++;
    }
    for (const entry of fresh.unchanged) {
      const template = at(entry.templateId);
      const packContentHash = contents.hash(entry.packTemplateId);
      // The edits stay; the record of what the pack delivered and the lock follow the new version.
      const nextLocked = entry.userEdited ? template.locked : locked;
      if (template.packContentHash !== packContentHash || template.locked !== nextLocked) {
        puts.push({ ...template, packContentHash, locked: nextLocked });
      }
      result.unchanged++;
    }
    for (const entry of fresh.conflicts) {
      const template = at(entry.templateId);
      const choice = choices.get(entry.packTemplateId);
      if (choice === 'keep-mine') {
        // Remembering what the pack delivered means the next update only asks again if the pack changes it again.
        puts.push({ ...template, packContentHash: contents.hash(entry.packTemplateId) });
        result.keptMine++;
      } else if (choice === 'take-theirs') {
        puts.push(install(entry.packTemplateId, template));
        result.tookTheirs++;
      } else {
        puts.push(asOwn(template));
        adds.push(install(entry.packTemplateId));
        result.keptBoth++;
      }
    }
    for (const entry of fresh.removedUpstream) {
      const template = at(entry.templateId);
      if (entry.userEdited || !removeUntouched) {
        puts.push(asOwn(template));
        result.keptAsOwn++;
      } else {
        deletes.push(template.id);
        result.removed++;
      }
    }

    const record = {
      id: pack.id,
      name: pack.name,
      version: pack.version,
      author: pack.author,
      ...(pack.description ? { description: pack.description } : {}),
      source,
      ...(source.kind === 'url' ? validators : {}),
      installedAt: fresh.installed?.installedAt ?? now,
      updatedAt: now,
    };
    const checkedRecord = PackSchema.safeParse(record);
    if (!checkedRecord.success)
      throw invalid(`the pack record is not storable: ${describeIssues(checkedRecord.error).join('; ')}`);
    const storable = (rows: Template[]) =>
      rows.map((row) => {
        const checked = TemplateSchema.safeParse(row);
        if (checked.success) return checked.data;
        const problem = describeIssues(checked.error).join('; ');
        throw invalid(
          `the template "${row.title}" is not storable: ${problem}`,
          because('pack-template-invalid', { title: row.title, problem }),
        );
      });
    const writes = [
      { rows: storable(adds), write: (chunk: Template[]) => db.templates.bulkAdd(chunk) },
      { rows: storable(puts), write: (chunk: Template[]) => db.templates.bulkPut(chunk) },
    ];
    // Progress between chunks (a large pack imports as a background job, utils/messaging/jobs/jobs.ts).
    const total = deletes.length + adds.length + puts.length + 1;
    let done = deletes.length;
    await db.templates.bulkDelete(deletes);
    onProgress(done, total);
    for (const { rows, write } of writes) {
      for (let start = 0; start < rows.length; start += APPLY_CHUNK_TEMPLATES) {
        const chunk = rows.slice(start, start + APPLY_CHUNK_TEMPLATES);
        await write(chunk);
        done += chunk.length;
        onProgress(done, total);
      }
    }
    await db.packs.put(checkedRecord.data);
    onProgress(total, total);
    return result;
  });
}

/** The person's own copy: no pack link, editable. Keeps its id, usage and times. */
function asOwn(template: Template): Template {
  const { packId: _p, packTemplateId: _t, packContentHash: _h, ...own } = template;
  return { ...own, locked: false };
}

/** Templates per write while applying: a 5,000-template pack reports its progress ten times. */
const APPLY_CHUNK_TEMPLATES = 500;

/** A refusal of the import; the UI words the detail, by default the (technical) problem itself. */
const invalid = (reason: string, detail: ErrorDetail = because('pack-invalid', { problems: reason })) =>
  new PackError('pack-refused', `This pack cannot be imported: ${reason}. Nothing was changed.`, detail);

// ---- fork and unsubscribe ------------------------------------------------------------------------

/** Copies a (typically locked) pack template into the person's own library: editable, no pack link. */
export async function forkTemplate(db: SidekickDatabase, id: string, now = Date.now()): Promise<Template> {
  return db.transaction('rw', db.templates, async () => {
    const template = await db.templates.get(id);
    if (!template) throw new PackError('template-gone', 'That template no longer exists.', because('template-gone'));
    const { lastUsedAt: _u, ...rest } = asOwn(template);
    const copy = TemplateSchema.parse({ ...rest, id: newId(), usageCount: 0, createdAt: now, updatedAt: now });
    await db.templates.add(copy);
    return copy;
  });
}

export const UnsubscribeResultSchema = z.strictObject({
  removed: z.number().int(),
  /** Kept as the person's own templates (all with `keepTemplates`, otherwise the ones they edited). */
  kept: z.number().int(),
});
export type UnsubscribeResult = z.infer<typeof UnsubscribeResultSchema>;

/**
 * Removes an installed pack (subscribed or imported from a file). Its templates become the person's own
 * with `keepTemplates`; otherwise they are deleted, except those the person edited, which are kept as own.
 */
export async function unsubscribe(
  db: SidekickDatabase,
  packId: string,
  { keepTemplates }: { keepTemplates: boolean },
): Promise<UnsubscribeResult> {
  return db.transaction('rw', db.packs, db.templates, async () => {
    const pack = await db.packs.get(packId);
    const templates = await db.templates.where('packId').equals(packId).toArray();
    if (!pack && !templates.length) {
      throw new PackError('not-installed', 'That pack is not installed.', because('pack-not-installed'));
    }
    const keep = templates.filter((template) => keepTemplates || isUserEdited(template));
    const keepIds = new Set(keep.map((template) => template.id));
    const remove = templates.filter((template) => !keepIds.has(template.id)).map((template) => template.id);
    await db.templates.bulkDelete(remove);
    await db.templates.bulkPut(keep.map(asOwn));
    await db.packs.delete(packId);
    return { removed: remove.length, kept: keep.length };
  });
}

export type { TemplateContent };
