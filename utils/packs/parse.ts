import type { z } from 'zod';
import { FORBIDDEN_KEYS } from '../db/schema';
import { because, type ErrorDetail } from '../errors';
import { PackError } from './errors';
import { MAX_PACK_BYTES, MAX_PACK_TEMPLATES, PACK_SCHEMA_VERSION, type PackFile, PackFileSchema } from './format';

/**
 * Reading an untrusted pack. Every refusal is a `PackRefusedError` (a `PackError` with reason `pack-refused`)
 * whose message names the field and the reason, e.g. `templates.3.body: Too big: …`. Nothing here
 * writes; the import functions call these checks again before they write anything.
 */
export class PackRefusedError extends PackError {
  constructor(
    /** Dotted path of the first problem (`templates.3.body`), `(root)` for the whole file. */
    readonly field: string,
    readonly problem: string,
    /** Every problem found (at most five), `field: problem` each. */
    readonly problems: string[] = [`${field}: ${problem}`],
    /** What the UI words; by default the problems themselves (technical: field paths and the format's words). */
    detail: ErrorDetail = because('pack-invalid', { problems: problems.join('; ') }),
  ) {
    super('pack-refused', `This pack cannot be imported: ${problems.join('; ')}. Nothing was changed.`, detail);
  }
}

const refuse = (field: string, reason: string, detail?: ErrorDetail): never => {
  throw new PackRefusedError(field, reason, undefined, detail);
};

/** UTF-8 size of a string, counting only until it exceeds `limit` (a string's size on disk). */
export function utf8Bytes(text: string, limit = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Checks a `.dmpack.json` file's text completely: size before parsing, then JSON, keys, version, every field. */
export function parsePack(text: string): PackFile {
  if (typeof text !== 'string') refuse('(root)', 'a pack is the text of a .dmpack.json file', because('pack-not-pack'));
  // A UTF-16 unit is at least one UTF-8 byte, so a string longer than the limit is too big without counting.
  const bytes = text.length > MAX_PACK_BYTES ? text.length : utf8Bytes(text, MAX_PACK_BYTES);
  if (bytes > MAX_PACK_BYTES) {
    refuse(
      '(root)',
      `the file is larger than ${megabytes(MAX_PACK_BYTES)} (at least ${megabytes(bytes)})`,
      because('pack-too-large', { limitMb: MAX_PACK_BYTES / 1024 / 1024 }),
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    refuse('(root)', `not valid JSON (${String((error as Error).message).slice(0, 200)})`, because('pack-not-pack'));
  }
  return validatePack(raw);
}

/**
 * The packs this realm checked, each with its JSON as it was then: applying a plan that planImport made
 * from a pack just checked (a subscription's update, the bench) would otherwise walk zod over every template
 * again. Only the same object with the same content passes; a copy (a page's plan) or a change is checked.
 */
const checkedPacks = new WeakMap<object, string>();

function isUnchangedCheckedPack(raw: unknown): boolean {
  const checked = typeof raw === 'object' && raw !== null ? checkedPacks.get(raw) : undefined;
  if (checked === undefined) return false;
  try {
    return JSON.stringify(raw) === checked;
  } catch {
    return false; // changed beyond JSON (a cycle, nesting too deep): the full check names the problem
  }
}

/**
 * Checks an already parsed value (e.g. a plan's pack coming back from a page): reserved keys anywhere,
 * the schema version, the number of templates, then every field against the format.
 */
export function validatePack(raw: unknown): PackFile {
  if (isUnchangedCheckedPack(raw)) return raw as PackFile;
  const reserved = findReservedKey(raw);
  if (reserved) {
    refuse(
      reserved.path,
      `the key "${reserved.key}" is never allowed`,
      because('pack-forbidden-key', { key: reserved.key }),
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    refuse('(root)', `a pack is a JSON object, not ${kindOf(raw)}`, because('pack-not-pack'));
  }
  const head = raw as Record<string, unknown>;
  if (!Object.hasOwn(head, 'schemaVersion')) {
    refuse('schemaVersion', 'missing: this is not a DM Sidekick pack (.dmpack.json)', because('pack-not-pack'));
  }
  if (head.schemaVersion !== PACK_SCHEMA_VERSION) {
    refuse(
      'schemaVersion',
      `${JSON.stringify(head.schemaVersion)?.slice(0, 40)} is not supported (this version of DM Sidekick reads ${PACK_SCHEMA_VERSION}; a newer one may read it)`,
      because('pack-version', {
        version: String(JSON.stringify(head.schemaVersion)).slice(0, 40),
        supported: PACK_SCHEMA_VERSION,
      }),
    );
  }
  if (Array.isArray(head.templates) && head.templates.length > MAX_PACK_TEMPLATES) {
    refuse(
      'templates',
      `${head.templates.length.toLocaleString('en')} templates, more than the ${MAX_PACK_TEMPLATES.toLocaleString('en')} a pack may hold`,
      because('pack-too-many-templates', { count: head.templates.length, limit: MAX_PACK_TEMPLATES }),
    );
  }
  const parsed = PackFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issueList(parsed.error);
    const { field, reason } = issues[0] ?? { field: '(root)', reason: 'invalid' };
    throw new PackRefusedError(
      field,
      reason,
      issues.map((issue) => `${issue.field}: ${issue.reason}`),
    );
  }
  checkedPacks.set(parsed.data, JSON.stringify(parsed.data));
  return parsed.data;
}

/** Each zod issue as a field and a reason; an unknown key is named in the field. At most five. */
export function issueList(error: z.ZodError): { field: string; reason: string }[] {
  const list: { field: string; reason: string }[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) list.push({ field: formatPath([...path, key]), reason: 'unknown field' });
    } else {
      list.push({ field: formatPath(path), reason: issue.message });
    }
  }
  return list.slice(0, 5);
}

/** Each zod issue as `field: reason` (at most five). */
export const describeIssues = (error: z.ZodError): string[] =>
  issueList(error).map(({ field, reason }) => `${field}: ${reason}`);

/** `templates.3.body`; a key that is not a plain name is quoted (`templates.0."a.b"`), the empty path is `(root)`. */
export function formatPath(path: readonly string[]): string {
  if (!path.length) return '(root)';
  return path.map((key) => (/^[A-Za-z0-9_$-]+$/.test(key) ? key : JSON.stringify(key))).join('.');
}

/** The first own key named `__proto__`, `constructor` or `prototype` anywhere in the value, with its path. */
function findReservedKey(root: unknown): { path: string; key: string } | undefined {
  // Iterative, with paths as parent links: a 5 MB file can nest millions of levels deep.
  type Step = { value: unknown; key: string; parent: Step | undefined };
  const pathOf = (step: Step | undefined): string[] => {
    const keys: string[] = [];
    for (let at = step; at; at = at.parent) keys.push(at.key);
    return keys.reverse();
  };
  const stack: Step[] = [];
  const visit = (value: unknown, self: Step | undefined): { path: string; key: string } | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: self });
      return undefined;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) {
        return { path: formatPath([...pathOf(self), key]), key };
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: self });
    }
    return undefined;
  };
  const found = visit(root, undefined);
  if (found) return found;
  for (let step = stack.pop(); step; step = stack.pop()) {
    const hit = visit(step.value, step);
    if (hit) return hit;
  }
  return undefined;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
