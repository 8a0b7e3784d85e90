import type { Template } from '../db/schema';
import { cyrb53Lanes } from '../hash';
import type { PackFile, PackTemplate } from './format';

/**
 * The part of a template a pack delivers and a person may edit. Usage counts, ids and times are not
 * content: using a template never makes it "edited".
 */
export type TemplateContent = Pick<Template, 'title' | 'body' | 'folder' | 'tags' | 'platforms'> & {
  shortcut?: string;
  language?: string;
};

export function contentOfTemplate(template: Template): TemplateContent {
  return withoutEmpty({
    title: template.title,
    body: template.body,
    shortcut: template.shortcut,
    folder: template.folder,
    tags: template.tags,
    platforms: template.platforms,
    language: template.language,
  });
}

/** What installing `template` of `pack` stores (the template's language wins over the pack's). */
export function contentOfPackTemplate(template: PackTemplate, pack: Pick<PackFile, 'language'>): TemplateContent {
  return withoutEmpty({
    title: template.title,
    body: template.body,
    shortcut: template.shortcut,
    folder: template.folder,
    tags: template.tags,
    platforms: template.platforms,
    language: template.language ?? pack.language,
  });
}

function withoutEmpty(content: TemplateContent): TemplateContent {
  const { shortcut, language, ...rest } = content;
  return { ...rest, ...(shortcut ? { shortcut } : {}), ...(language ? { language } : {}) };
}

/** One string per content: equal strings ⇔ equal content (no key order or absent-vs-empty ambiguity). */
export function canonicalContent(content: TemplateContent): string {
  return JSON.stringify([
    content.title,
    content.body,
    content.shortcut ?? '',
    content.folder,
    content.tags,
    content.platforms,
    content.language ?? '',
  ]);
}

/**
 * A 64-bit fingerprint of the content (cyrb53's two 32-bit lanes, synchronous so it can run inside a
 * Dexie transaction, which an awaited `crypto.subtle` call would end). It detects edits, not attacks:
 * a pack author cannot know what a person will type, so cannot aim a collision at it.
 */
export function contentHash(content: TemplateContent): string {
  const text = canonicalContent(content);
  const [h1, h2] = cyrb53Lanes(text);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `c1:${hex(h2)}${hex(h1)}:${text.length}`;
}

/** True when the person changed the template since the pack delivered it (or we cannot tell). */
export function isUserEdited(template: Template): boolean {
  return (
    template.packContentHash === undefined || contentHash(contentOfTemplate(template)) !== template.packContentHash
  );
}

// ---- semantic versions ---------------------------------------------------------------------------

const LAX_SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/;

/**
 * Orders two versions by semver precedence (build metadata ignored): negative when a < b. Tolerates the
 * stored model's laxer versions (leading zeros); an unreadable version sorts before every readable one.
 */
export function compareSemver(a: string, b: string): number {
  const pa = LAX_SEMVER.exec(a);
  const pb = LAX_SEMVER.exec(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0);
  for (let i = 1; i <= 3; i++) {
    const order = compareNumeric(pa[i] ?? '0', pb[i] ?? '0');
    if (order) return order;
  }
  const preA = pa[4];
  const preB = pb[4];
  if (preA === undefined || preB === undefined) return (preA === undefined ? 1 : 0) - (preB === undefined ? 1 : 0);
  const partsA = preA.split('.');
  const partsB = preB.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const numericX = /^\d+$/.test(x);
    const numericY = /^\d+$/.test(y);
    let order: number;
    if (numericX && numericY) order = compareNumeric(x, y);
    else if (numericX || numericY) order = numericX ? -1 : 1;
    else order = x < y ? -1 : x > y ? 1 : 0;
    if (order) return order;
  }
  return 0;
}

/** Digit strings of any length, compared without Number's precision limit. */
function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
