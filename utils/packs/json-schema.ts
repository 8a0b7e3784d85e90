import { z } from 'zod';
import { PackFileSchema } from './format';

/** Where the published schema lives (WXT copies `public/` into the build). */
export const PACK_JSON_SCHEMA_PATH = 'public/dmpack.schema.json';

/**
 * The JSON Schema of `*.dmpack.json`, generated from the zod schema (as written by pack authors: fields
 * with defaults are optional). Checks the schema cannot express (duplicate ids) stay in `parsePack`.
 * tests/unit/packs/json-schema.test.ts fails when the committed file differs from this and rewrites it
 * with UPDATE_PACK_SCHEMA=1.
 */
export function packJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PackFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
