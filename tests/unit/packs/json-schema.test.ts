import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_JSON_SCHEMA_PATH, packJsonSchema } from '@/utils/packs/json-schema';

// The generator of public/dmpack.schema.json. It fails when the committed file is stale; to regenerate:
//   UPDATE_PACK_SCHEMA=1 npx vitest run tests/unit/packs/json-schema.test.ts && npx biome format --write public/dmpack.schema.json
const file = join(process.cwd(), PACK_JSON_SCHEMA_PATH);

describe('public/dmpack.schema.json', () => {
  it('is the JSON Schema generated from the zod pack format', () => {
    const generated = packJsonSchema();
    if (process.env.UPDATE_PACK_SCHEMA) writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(generated);
  });

  it('describes strict objects with limits on every string and array', () => {
    const schema = packJsonSchema() as any;
    const template = schema.properties.templates.items;
    expect(schema.additionalProperties).toBe(false);
    expect(template.additionalProperties).toBe(false);
    expect(schema.properties.templates.maxItems).toBe(5000);
    expect(template.properties.body.maxLength).toBe(20_000);
    const unbounded: string[] = [];
    const visit = (node: any, path: string) => {
      if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined) unbounded.push(path);
      if (node.type === 'array' && node.maxItems === undefined) unbounded.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${path}.${key}`);
      if (node.items) visit(node.items, `${path}[]`);
    };
    visit(schema, '');
    expect(unbounded).toEqual([]);
  });
});
