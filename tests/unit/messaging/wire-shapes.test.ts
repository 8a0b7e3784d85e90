import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CLAIM_ANSWER, CONTENT_CHECKS } from '@/utils/messaging/content-checks';
import {
  ClaimAnswerSchema,
  InboxAnswerSchema,
  PageCommandSchema,
  RegisterAnswerSchema,
  ReportAnswerSchema,
} from '@/utils/messaging/page-commands';
import { PanelClaimSchema } from '@/utils/messaging/protocol';
import { fits, type WireShape } from '@/utils/messaging/wire-check';
import { ShortcutExpansionAnswerSchema, ShortcutListAnswerSchema } from '@/utils/shortcuts/content-wire';

// What the content scripts check the background's messages with (utils/messaging/wire-check.ts) is derived
// from the zod schemas, the one definition of each shape: wire-shapes.json must be their JSON Schema, and
// the checker must accept exactly what zod accepts. `UPDATE_WIRE_SHAPES=1 npx vitest run wire-shapes`
// rewrites the file after a schema changed (then `npx biome check --write utils/messaging/wire-shapes.json`).

const SCHEMAS = {
  PageCommand: PageCommandSchema,
  ReportAnswer: ReportAnswerSchema,
  RegisterAnswer: RegisterAnswerSchema,
  InboxAnswer: InboxAnswerSchema,
  ShortcutListAnswer: ShortcutListAnswerSchema,
  ShortcutExpansionAnswer: ShortcutExpansionAnswerSchema,
  ClaimAnswer: ClaimAnswerSchema,
} satisfies Record<keyof typeof CONTENT_CHECKS | 'ClaimAnswer', z.ZodMiniType>;

const FILE = new URL('../../../utils/messaging/wire-shapes.json', import.meta.url);
const derived = Object.fromEntries(
  Object.entries(SCHEMAS).map(([name, schema]) => {
    const { $schema: _, ...shape } = z.toJSONSchema(schema) as Record<string, unknown>;
    return [name, shape];
  }),
) as unknown as Record<keyof typeof SCHEMAS, WireShape>;
if (process.env.UPDATE_WIRE_SHAPES) writeFileSync(FILE, `${JSON.stringify(derived, null, 2)}\n`);
const stored = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, WireShape>;

/** The keywords wire-check.ts understands. */
const KNOWN = new Set(['type', 'const', 'enum', 'minLength', 'maxLength', 'properties', 'required']);
KNOWN.add('additionalProperties').add('items').add('anyOf').add('oneOf');
const TYPES = new Set(['string', 'number', 'boolean', 'array', 'object']);
function keywords(shape: WireShape): string[] {
  const own = Object.keys(shape).filter((key) => !KNOWN.has(key));
  if (shape.type !== undefined && !TYPES.has(shape.type)) own.push(`type: ${shape.type}`);
  const nested = [
    ...Object.values(shape.properties ?? {}),
    ...(shape.items ? [shape.items] : []),
    ...(shape.anyOf ?? []),
    ...(shape.oneOf ?? []),
  ];
  return [...own, ...nested.flatMap(keywords)];
}

/** Values of the shape and values just off it: a key missing or extra, a string one too long, a wrong type. */
function near(shape: WireShape): fc.Arbitrary<unknown> {
  const off = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constant(Number.POSITIVE_INFINITY),
    fc.constant(Number.NaN),
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
  );
  const options = shape.anyOf ?? shape.oneOf;
  if (options) return fc.oneof(...options.map(near));
  if (shape.enum) return fc.oneof(fc.constantFrom(...shape.enum), off);
  if ('const' in shape)
    return fc.oneof({ weight: 4, arbitrary: fc.constant(shape.const) }, { weight: 1, arbitrary: off });
  switch (shape.type) {
    case 'string': {
      const lengths = [shape.minLength ?? 0, shape.maxLength ?? 5].flatMap((n) => [n - 1, n, n + 1]);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...lengths.filter((n) => n >= 0)).map((n) => 'é'.repeat(n)) },
        { weight: 1, arbitrary: fc.constant('😀') },
        { weight: 1, arbitrary: off },
      );
    }
    case 'number':
      return fc.oneof({ weight: 4, arbitrary: fc.double() }, { weight: 1, arbitrary: off });
    case 'array':
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(shape.items ? near(shape.items) : fc.anything(), { maxLength: 3 }) },
        { weight: 1, arbitrary: off },
      );
    case 'object': {
      const properties = Object.entries(shape.properties ?? {});
      const record = fc
        .tuple(...properties.map(([, property]) => near(property)))
        .map((values) => Object.fromEntries(properties.map(([key], index) => [key, values[index]])));
      const edited = fc.tuple(record, fc.nat(properties.length), fc.boolean()).map(([value, drop, extra]) => {
        const copy: Record<string, unknown> = { ...value };
        const dropped = properties[drop]?.[0];
        if (dropped !== undefined) delete copy[dropped];
        if (extra) copy.extra = 1;
        return copy;
      });
      return fc.oneof(
        { weight: 6, arbitrary: record },
        { weight: 2, arbitrary: edited },
        { weight: 1, arbitrary: off },
      );
    }
  }
  return off;
}

describe('the content scripts’ wire shapes', () => {
  it('are the JSON Schemas of the zod schemas (UPDATE_WIRE_SHAPES=1 rewrites them)', () => {
    expect(stored).toEqual(derived);
  });

  it('use only the keywords the checker understands', () => {
    for (const shape of Object.values(stored)) expect(keywords(shape)).toEqual([]);
  });

  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: the checker accepts exactly what zod accepts`, () => {
      const shape = stored[name] as WireShape;
      let accepted = 0;
      fc.assert(
        fc.property(near(shape), (value) => {
          const ok = fits(shape, value);
          if (ok) accepted++;
          expect(ok).toBe(schema.safeParse(value).success);
        }),
        { numRuns: 2000 },
      );
      // The values were not all refused: the property compared acceptances too.
      expect(accepted).toBeGreaterThan(50);
    });
  }
});

describe('the panel’s claim answer', () => {
  it('is the protocol’s PanelClaimSchema (the panel app’s) wrapped as an answer', () => {
    const value = (stored.ClaimAnswer as WireShape).anyOf?.[0]?.properties?.value as WireShape;
    fc.assert(
      fc.property(near(value), (claim) => {
        expect(ClaimAnswerSchema.safeParse({ ok: true, value: claim }).success).toBe(
          PanelClaimSchema.safeParse(claim).success,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('parse throws on a heading without its name or with another platform', () => {
    const heading = { platform: 'instagram', name: 'Anna Berger' };
    expect(CLAIM_ANSWER.parse({ ok: true, value: { heading } })).toEqual({ ok: true, value: { heading } });
    for (const malformed of [
      { ok: true, value: { heading: { platform: 'instagram' } } },
      { ok: true, value: { heading: { ...heading, platform: 'tiktok' } } },
      { ok: true, value: null },
    ])
      expect(() => CLAIM_ANSWER.parse(malformed)).toThrow('malformed ClaimAnswer');
  });
});

describe('the content scripts refuse malformed messages', () => {
  const insert = { kind: 'dms.page-command', command: 'insert', text: 'Hi', threadId: 't1' };

  it('a page command: wrong kind, unknown command, extra key, empty or too long text, missing thread', () => {
    expect(CONTENT_CHECKS.PageCommand.check(insert)).toEqual(insert);
    for (const malformed of [
      { ...insert, kind: 'dms.panel-command' },
      { ...insert, command: 'send' },
      { ...insert, extra: true },
      { ...insert, text: '' },
      { ...insert, text: 'x'.repeat(20_001) },
      { kind: 'dms.page-command', command: 'insert', text: 'Hi' },
      { kind: 'dms.page-command', command: 'sub-frame-surface', present: 'yes' },
      null,
      'insert',
      [insert],
    ])
      expect(CONTENT_CHECKS.PageCommand.check(malformed)).toBeUndefined();
  });

  it('an answer to a report: parse throws, it never passes it on', () => {
    const accepted = { ok: true, value: { subFrameSurface: false } };
    expect(CONTENT_CHECKS.ReportAnswer.parse(accepted)).toEqual(accepted);
    for (const malformed of [
      { ok: true, value: { subFrameSurface: 'no' } },
      { ok: true, value: {} },
      { ok: false, error: { code: 'invalid' } },
      { ok: true, value: { subFrameSurface: false }, error: { code: 'x', message: 'y' } },
      undefined,
    ])
      expect(() => CONTENT_CHECKS.ReportAnswer.parse(malformed)).toThrow(TypeError);
    expect(() => CONTENT_CHECKS.InboxAnswer.parse({ ok: true, value: { merged: Number.NaN, indistinct: 0 } })).toThrow(
      'malformed InboxAnswer',
    );
  });
});
