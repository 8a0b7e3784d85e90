import { z } from 'zod';
import { FORBIDDEN_KEYS } from '../db/schema';
import { PlatformSchema } from '../platforms/types';

/**
 * The `*.dmpack.json` format: a team's shared templates, versioned. A pack is untrusted input, so
 * every object is strict, every string and array has a maximum, and ids have a narrow alphabet.
 * `public/dmpack.schema.json` is generated from these schemas (tests/unit/packs/json-schema.test.ts).
 * The limits match the stored template model (`TemplateSchema`), so whatever a pack holds can be stored.
 */

export const PACK_SCHEMA_VERSION = 1;
/** Refused before parsing. Measured in UTF-8 bytes, as the file on disk. */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;
export const MAX_PACK_TEMPLATES = 5_000;
export const MAX_BODY_CHARS = 20_000;

const notReserved = (value: string) => !(FORBIDDEN_KEYS as readonly string[]).includes(value);

/** Pack and template ids: letters, digits and `._:-`, starting with a letter or digit (UUIDs fit). */
export const PackIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
    'letters, digits, ".", "_", ":" and "-" only, starting with a letter or digit',
  )
  .refine(notReserved, 'a reserved name');
export const PackTemplateIdSchema = PackIdSchema;

/**
 * Semantic version (semver.org, no leading zeros), with a pre-release *or* build suffix: the stored
 * `PackSchema` keeps versions like `1.2.0`, `1.2.0-beta.1` or `1.2.0+build.5`, not both suffixes at once.
 */
export const SemverSchema = z
  .string()
  .max(64)
  .regex(
    /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*|\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/,
    'a semantic version like 1.2.0',
  );

/** A BCP 47 language tag such as `en`, `de` or `de-AT`. */
export const LanguageSchema = z
  .string()
  .max(20)
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'a language tag like en, de or de-AT');

export const PackTemplateSchema = z
  .strictObject({
    id: PackTemplateIdSchema.describe('Stable across versions of the pack: updates are matched by this id.'),
    title: z.string().trim().min(1).max(200),
    body: z
      .string()
      .min(1)
      .max(MAX_BODY_CHARS)
      .describe(
        'Plain text (never rendered as HTML) with variables such as {{firstName|there}} or {{field:orderNumber}}.',
      ),
    shortcut: z.string().min(1).max(40).optional(),
    folder: z.string().max(100).default(''),
    tags: z.array(z.string().min(1).max(60)).max(50).default([]),
    platforms: z
      .array(PlatformSchema)
      .max(4)
      .default([])
      .describe('Platforms the template suits; empty or absent means all.'),
    language: LanguageSchema.optional().describe("Overrides the pack's language for this template."),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.platforms.forEach((platform, index) => {
      if (seen.has(platform)) {
        ctx.addIssue({ code: 'custom', path: ['platforms', index], message: `"${platform}" is listed twice` });
      }
      seen.add(platform);
    });
  });
export type PackTemplate = z.infer<typeof PackTemplateSchema>;

export const PackFileSchema = z
  .strictObject({
    $schema: z.string().max(2000).optional().describe('Optional, for editors: the URL or path of this JSON Schema.'),
    schemaVersion: z.literal(PACK_SCHEMA_VERSION),
    id: PackIdSchema.describe('Stable across versions: an update replaces the installed pack with the same id.'),
    name: z.string().trim().min(1).max(200),
    version: SemverSchema,
    author: z.string().trim().min(1).max(300),
    description: z.string().max(2000).optional(),
    language: LanguageSchema.optional(),
    templates: z.array(PackTemplateSchema).max(MAX_PACK_TEMPLATES),
  })
  .superRefine((pack, ctx) => {
    const first = new Map<string, number>();
    pack.templates.forEach((template, index) => {
      const earlier = first.get(template.id);
      if (earlier === undefined) first.set(template.id, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['templates', index, 'id'],
          message: `"${template.id}" is used twice (also templates.${earlier}.id)`,
        });
      }
    });
  })
  .meta({
    title: 'DM Sidekick template pack',
    description: 'A *.dmpack.json file: shared reply templates for DM Sidekick, versioned for updates.',
  });
export type PackFile = z.infer<typeof PackFileSchema>;
/** What a pack author writes (defaults not applied yet). */
export type PackFileInput = z.input<typeof PackFileSchema>;

/** Where an installed pack came from (the same shape as `Pack['source']`). */
export const PackSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), name: z.string().min(1).max(300) }),
  z.strictObject({
    kind: z.literal('url'),
    url: z
      .string()
      .max(2000)
      .regex(/^https?:\/\//i, 'an http(s) URL'),
  }),
]);
export type PackSource = z.infer<typeof PackSourceSchema>;

/** `public/packs/index.json`: the sample packs the dashboard offers for one-click install. */
export const SamplePackIndexSchema = z.strictObject({
  packs: z
    .array(
      z.strictObject({
        id: PackIdSchema,
        file: z.string().regex(/^[a-z0-9][a-z0-9.-]*\.dmpack\.json$/, 'a file name like name.en.dmpack.json'),
        name: z.string().min(1).max(200),
        language: LanguageSchema,
        description: z.string().max(500).optional(),
      }),
    )
    .max(100),
});
export type SamplePackIndex = z.infer<typeof SamplePackIndexSchema>;
