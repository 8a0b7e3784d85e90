import { afterEach, describe, expect, it, vi } from 'vitest';
import { toRpcError } from '@/utils/messaging/errors';
import { MAX_PACK_BYTES, MAX_PACK_TEMPLATES } from '@/utils/packs/format';
import { PackRefusedError, parsePack, utf8Bytes, validatePack } from '@/utils/packs/parse';
import { packInput, packText } from './helpers';

/** Parses and returns the refusal (failing the test when the pack is accepted). */
function refusal(text: string): PackRefusedError {
  try {
    parsePack(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PackRefusedError);
    expect(toRpcError(error).code).toBe('invalid');
    expect((error as Error).message).toMatch(/^This pack cannot be imported: .+\. Nothing was changed\.$/s);
    return error as PackRefusedError;
  }
  throw new Error('the pack was accepted');
}

const withTemplate = (patch: Record<string, unknown>, index = 0) => {
  const pack = packInput() as any;
  pack.templates[index] = { ...pack.templates[index], ...patch };
  return packText(pack);
};

afterEach(() => vi.restoreAllMocks());

describe('parsePack accepts', () => {
  it('a valid pack, with defaults filled in and titles trimmed', () => {
    const pack = parsePack(packText(packInput({}, [{ id: 'a', title: '  Hello  ', body: 'Hi' }])));
    expect(pack.templates[0]).toEqual({ id: 'a', title: 'Hello', body: 'Hi', folder: '', tags: [], platforms: [] });
    expect(pack).toMatchObject({ schemaVersion: 1, id: 'acme.service', version: '1.0.0' });
  });

  it('an optional $schema reference for editors, pre-release and build versions, region language tags', () => {
    for (const version of ['0.0.1', '1.2.3-beta.1', '2.0.0+build.7', '10.20.30']) {
      expect(
        parsePack(packText(packInput({ version, language: 'de-AT', $schema: '../dmpack.schema.json' }))).version,
      ).toBe(version);
    }
  });

  it('an empty templates list (a pack whose author withdrew everything)', () => {
    expect(parsePack(packText(packInput({}, []))).templates).toEqual([]);
  });

  it('HTML in a body as plain text, unchanged', () => {
    const body = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    expect(parsePack(withTemplate({ body })).templates[0]?.body).toBe(body);
  });
});

describe('parsePack refuses, naming the field and the reason', () => {
  it.each([
    ['not JSON', '{"schemaVersion": 1,', '(root)', /not valid JSON/],
    ['an array', '[]', '(root)', /a pack is a JSON object, not an array/],
    ['null', 'null', '(root)', /not null/],
    ['a string', '"pack"', '(root)', /not a string/],
    ['no schemaVersion', packText({ ...packInput(), schemaVersion: undefined }), 'schemaVersion', /missing/],
    ['an unknown schemaVersion', packText(packInput({ schemaVersion: 2 as 1 })), 'schemaVersion', /2 is not supported/],
    [
      'a schemaVersion string',
      packText(packInput({ schemaVersion: '1' as unknown as 1 })),
      'schemaVersion',
      /"1" is not supported/,
    ],
  ])('%s', (_, text, field, reason) => {
    const error = refusal(text);
    expect(error.field).toBe(field);
    expect(error.problem).toMatch(reason);
  });

  it.each([
    ['a number title', withTemplate({ title: 42 }), 'templates.0.title', /expected string, received number/],
    ['a blank title', withTemplate({ title: '   ' }), 'templates.0.title', /Too small/],
    ['an object body', withTemplate({ body: { text: 'hi' } }), 'templates.0.body', /expected string, received object/],
    ['an empty body', withTemplate({ body: '' }), 'templates.0.body', /Too small/],
    ['tags as a string', withTemplate({ tags: 'vip' }), 'templates.0.tags', /expected array, received string/],
    ['a number tag', withTemplate({ tags: ['ok', 7] }), 'templates.0.tags.1', /expected string/],
    ['an unknown platform', withTemplate({ platforms: ['myspace'] }, 1), 'templates.1.platforms.0', /Invalid option/],
    ['a platform twice', withTemplate({ platforms: ['x', 'x'] }), 'templates.0.platforms.1', /listed twice/],
    ['an unknown template field', withTemplate({ html: '<b>' }, 2), 'templates.2.html', /unknown field/],
    ['an unknown pack field', packText({ ...packInput(), homepage: 'https://x' }), 'homepage', /unknown field/],
    ['a bad version', packText(packInput({ version: '1.0' })), 'version', /semantic version/],
    ['a leading-zero version', packText(packInput({ version: '01.0.0' })), 'version', /semantic version/],
    ['a bad pack id', packText(packInput({ id: 'acme service' })), 'id', /letters, digits/],
    ['a reserved template id', withTemplate({ id: 'constructor' }), 'templates.0.id', /reserved/],
    [
      'a duplicate template id',
      withTemplate({ id: 'hello' }, 2),
      'templates.2.id',
      /"hello" is used twice \(also templates\.0\.id\)/,
    ],
    [
      'a missing author',
      packText({ ...packInput(), author: undefined }),
      'author',
      /expected string, received undefined/,
    ],
    ['templates not an array', packText({ ...packInput(), templates: {} }), 'templates', /expected array/],
    ['a template that is a string', packText({ ...packInput(), templates: ['hi'] }), 'templates.0', /expected object/],
    ['a too long shortcut', withTemplate({ shortcut: 'x'.repeat(41) }), 'templates.0.shortcut', /<=40/],
    ['a too long title', withTemplate({ title: 't'.repeat(201) }), 'templates.0.title', /<=200/],
    [
      'too many tags',
      withTemplate({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }),
      'templates.0.tags',
      /<=50/,
    ],
  ])('%s', (_, text, field, reason) => {
    const error = refusal(text);
    expect(error.field).toBe(field);
    expect(error.problem).toMatch(reason);
    expect(error.message).toContain(`${field}: `);
  });

  it('a body over 20,000 characters, as templates.N.body', () => {
    const error = refusal(withTemplate({ body: 'x'.repeat(20_001) }, 1));
    expect(error.message).toContain('templates.1.body: Too big: expected string to have <=20000 characters');
    expect(parsePack(withTemplate({ body: 'x'.repeat(20_000) }, 1)).templates[1]?.body).toHaveLength(20_000);
  });

  it(`more than ${MAX_PACK_TEMPLATES} templates`, () => {
    const templates = Array.from({ length: MAX_PACK_TEMPLATES + 1 }, (_, i) => ({
      id: `t${i}`,
      title: 'T',
      body: 'B',
    }));
    const error = refusal(packText(packInput({}, templates)));
    expect(error.field).toBe('templates');
    expect(error.problem).toBe('5,001 templates, more than the 5,000 a pack may hold');
  });

  it('more than 5 MB, before parsing (ASCII)', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const text = packText(packInput()) + ' '.repeat(MAX_PACK_BYTES);
    const error = refusal(text);
    expect(error.field).toBe('(root)');
    expect(error.problem).toMatch(/larger than 5\.0 MB/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('more than 5 MB of UTF-8 although fewer than 5 million characters', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const body = '€'.repeat(1_800_000); // 3 bytes each: 5.4 MB
    const text = packText({ ...packInput(), description: body });
    expect(text.length).toBeLessThan(MAX_PACK_BYTES);
    expect(refusal(text).problem).toMatch(/larger than 5\.0 MB/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('counts UTF-8 bytes like the file on disk', () => {
    for (const text of ['', 'abc', 'ü', '€', '😀', 'a😀ü€', '\ud800', '\udc00x']) {
      expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it.each([
    ['at the top', '{"__proto__": {"polluted": true}, "schemaVersion": 1}', '__proto__'],
    [
      'in a template',
      withTemplate({}).replace('"id":"hello"', '"__proto__":{"x":1},"id":"hello"'),
      'templates.0.__proto__',
    ],
    [
      'constructor in a template',
      withTemplate({}).replace('"id":"order"', '"constructor":{"x":1},"id":"order"'),
      'templates.1.constructor',
    ],
    [
      'prototype nested deeply',
      withTemplate({ tags: [{ a: [{ prototype: 1 }] }] }),
      'templates.0.tags.0.a.0.prototype',
    ],
  ])('a reserved key %s', (_, text, field) => {
    const error = refusal(text);
    expect(error.field).toBe(field);
    expect(error.problem).toMatch(/is never allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deep nesting without a stack overflow', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(refusal(withTemplate({}).replace('"title":"Hello"', `"title":${deep}`)).field).toBe('templates.0.title');
    expect(refusal(deep).field).toBe('(root)');
  }, 30_000);

  it('lists up to five problems', () => {
    const pack = packInput() as any;
    for (const template of pack.templates) template.body = 1;
    const error = refusal(packText(pack));
    expect(error.problems).toHaveLength(3);
    expect(error.message).toContain('templates.0.body: ');
    expect(error.message).toContain('templates.2.body: ');
  });

  it('passes a pack it checked, unchanged, without checking it again; a changed one is checked', () => {
    const pack = parsePack(packText(packInput()));
    expect(validatePack(pack)).toBe(pack);
    const copy = structuredClone(pack);
    expect(validatePack(copy)).not.toBe(copy);
    expect(validatePack(copy)).toEqual(pack);
    (pack.templates[0] as { body: string }).body = 'x'.repeat(20_001);
    expect(() => validatePack(pack)).toThrow(/templates\.0\.body: Too big/);
  });

  it('refuses a non-string and a parsed value that is not a pack', () => {
    expect(() => parsePack(42 as unknown as string)).toThrow(PackRefusedError);
    expect(() => validatePack(undefined)).toThrow(/\(root\): a pack is a JSON object, not undefined/);
  });
});
