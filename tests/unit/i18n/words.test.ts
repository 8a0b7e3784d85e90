import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { ErrorReasonSchema } from '@/utils/errors';
import { type MessageKey, translate } from '@/utils/i18n/strings';
import { InsertResultSchema } from '@/utils/platforms/types';
import { ROOT, sourceFiles } from '../architecture/imports';

// Every word a person reads comes from utils/i18n/strings.ts, in English and German. This file checks
// the table itself and scans the UI (components/, the content scripts) for words written elsewhere.

const TABLE = readFileSync(join(ROOT, 'utils/i18n/strings.ts'), 'utf8');

/** The keys of one language's table, read from the source (the types would hide an extra key). */
function keysOf(language: 'en' | 'de'): string[] {
  const start = TABLE.indexOf(language === 'en' ? 'const en = {' : 'const de: Record<MessageKey, string> = {');
  const body = TABLE.slice(start, TABLE.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}'([^']+)':|^ {2}([A-Za-z]\w*):/gm)].map((match) => match[1] ?? match[2] ?? '');
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the strings table', () => {
  const en = keysOf('en');
  const de = keysOf('de');

  it('reads both tables (the reader sees what it must)', () => {
    expect(en.length).toBeGreaterThan(300);
    expect(en).toContain('panel.waiting');
  });

  it('has every key in both languages, once, with text and the same {values}', () => {
    expect(de.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !de.includes(key))).toEqual([]);
    expect(en.filter((key, i) => en.indexOf(key) !== i)).toEqual([]);
    for (const key of en as MessageKey[]) {
      const [english, german] = [translate('en', key), translate('de', key)];
      expect(english.trim(), key).not.toBe('');
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(english));
    }
  });

  it('words every reason code the UI receives', () => {
    const reasons = [
      ...ErrorReasonSchema.options.map((reason) => `error.${reason}`),
      ...InsertResultSchema.options[1].shape.reason.options.map((reason) => `insert.${reason}`),
    ];
    expect(reasons.filter((key) => !en.includes(key))).toEqual([]);
  });
});

/** Not words to translate: the product's name, the languages' own names, example addresses. */
const NOT_WORDS = [/^DM Sidekick$/, /^(English|Deutsch)$/, /^[a-z]+:\/\/\S+$/];
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
const USER_FACING_PROPERTIES = new Set(['title', 'textContent', 'innerText', 'placeholder', 'ariaLabel']);

const isWords = (text: string) => /\p{L}{2,}/u.test(text) && !NOT_WORDS.some((pattern) => pattern.test(text.trim()));

/**
 * A string handed to a function (`setError('…')`, `toast("…")`, `new Error('…')`) is words when it reads as a
 * sentence: it has a space and a letter, and it starts with a capital letter or ends with punctuation
 * (. ! ? … :) — or it is one capitalised word ending a sentence ("Saved."). Identifiers, i18n keys, test
 * ids, class lists ("px-2 text-sm"), selectors and URLs do not.
 */
const isSentence = (text: string) => {
  const trimmed = text.trim();
  const capital = /^\p{Lu}/u.test(trimmed);
  const sentence = / /.test(trimmed) && (capital || /[.!?…:]$/.test(trimmed));
  // One capitalised word that ends a sentence ("Saved.") is words too.
  return (sentence || (capital && /[.!?…]$/.test(trimmed))) && isWords(trimmed);
};
/**
 * Calls whose string arguments are not shown to a person: logs, the words' own lookup, selectors, events,
 * CSS, URLs and attributes (user-facing attributes are checked above by name).
 */
const NOT_SHOWN_CALLS = new Set([
  'console',
  'warn',
  'log',
  'debug',
  'info',
  'error',
  't',
  'translate',
  'querySelector',
  'querySelectorAll',
  'closest',
  'matches',
  'getElementById',
  'setProperty',
  'getURL',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'createElement',
  'setAttribute',
  'getAttribute',
  'toggleAttribute',
  'hasAttribute',
  'removeAttribute',
  'add',
  'remove',
  'toggle',
  'contains',
  'getPropertyValue',
  'matchMedia',
  'fetch',
  'URL',
  'RegExp',
  'attachShadow',
]);
const calleeNames = (callee: unknown): string[] => {
  if (!isNode(callee)) return [];
  if (callee.type === 'Identifier') return [String(callee.name)];
  if (callee.type === 'MemberExpression') return [...calleeNames(callee.object), nameOf(callee.property)];
  if (callee.type === 'CallExpression') return calleeNames(callee.callee);
  return [];
};

type Node = { type: string; start: number; [field: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
const stringOf = (node: unknown): string | undefined => {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    return ((node.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? '') as string;
  }
  if (node.type === 'JSXExpressionContainer') return stringOf(node.expression);
  return undefined;
};
const nameOf = (node: unknown): string =>
  isNode(node) ? String(node.name ?? (node.type === 'Literal' ? node.value : '')) : '';

/** Literal user-facing strings of one file: JSX text, user-facing attributes, and DOM labels set in code. */
function literalWords(file: string, text: string): string[] {
  const { program, errors } = parseSync(file, text, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' });
  expect(errors, file).toEqual([]);
  const found: string[] = [];
  const note = (value: string | undefined, node: Node) => {
    if (value === undefined || !isWords(value)) return;
    const line = text.slice(0, node.start).split('\n').length;
    found.push(`${file}:${line} ${value.trim()}`);
  };
  const visit = (node: Node, parent?: Node) => {
    if (node.type === 'JSXText') note(node.value as string, node);
    if (node.type === 'JSXAttribute' && USER_FACING_ATTRIBUTES.has(nameOf(node.name))) note(stringOf(node.value), node);
    // setError('Something failed'), toast("…"), new Error('…') — unless the call shows nothing to a person,
    // or it is an error made with a reason code (`new RpcError(code, message, because(…))`): its message is
    // the developer's, and the UI words the code (components/shared/errorText.ts).
    const coded =
      node.type === 'NewExpression' &&
      /Error$/.test(calleeNames(node.callee).at(-1) ?? '') &&
      (node.arguments as Node[]).length >= 3;
    if (
      (node.type === 'CallExpression' || node.type === 'NewExpression') &&
      !coded &&
      !calleeNames(node.callee).some((name) => NOT_SHOWN_CALLS.has(name))
    ) {
      for (const argument of node.arguments as Node[]) {
        const value = stringOf(argument);
        if (value !== undefined && isSentence(value)) note(value, argument);
      }
    }
    if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const [name, value] = node.arguments as Node[];
      // element.setAttribute('aria-label', '…')
      if (nameOf(callee.property) === 'setAttribute' && USER_FACING_ATTRIBUTES.has(stringOf(name) ?? '')) {
        note(stringOf(value), node);
      }
      // Object.assign(element, { title: '…' })
      if (nameOf(callee.object) === 'Object' && nameOf(callee.property) === 'assign') {
        for (const argument of node.arguments as Node[]) {
          if (argument.type !== 'ObjectExpression') continue;
          for (const property of argument.properties as Node[]) {
            if (USER_FACING_PROPERTIES.has(nameOf(property.key))) note(stringOf(property.value), property);
          }
        }
      }
    }
    // element.title = '…'
    if (node.type === 'AssignmentExpression' && isNode(node.left) && node.left.type === 'MemberExpression') {
      if (USER_FACING_PROPERTIES.has(nameOf(node.left.property))) note(stringOf(node.right), node);
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value])
        if (isNode(child) && child !== parent) visit(child, node);
    }
  };
  visit(program as unknown as Node);
  return found;
}

describe('no literal words in the UI', () => {
  it('finds JSX text, labels and DOM labels (the scanner sees what it must)', () => {
    const tsx = `const A = () => <button title="Save it" aria-label={'Close'} placeholder="https://x.example/p">\n  Send now\n  {t('x')} DM Sidekick</button>;`;
    expect(literalWords('a.tsx', tsx).map((hit) => hit.split(' ').slice(1).join(' '))).toEqual([
      'Save it',
      'Close',
      'Send now',
    ]);
    const dom = `el.setAttribute('aria-label', 'Open it'); el.title = 'Resize'; Object.assign(el, { title: 'Drag' }); el.setAttribute('role', 'separator');`;
    expect(literalWords('b.ts', dom).map((hit) => hit.split(' ').slice(1).join(' '))).toEqual([
      'Open it',
      'Resize',
      'Drag',
    ]);
  });

  it('finds sentences passed to functions, not logs, keys, classes or selectors (the scanner sees what it must)', () => {
    const calls = [
      "setError('Something failed');",
      'toast("Saved.");',
      "throw new Error('The tag could not be saved');",
      "report('error', 'could not save it.');",
      "console.warn('DM Sidekick: could not report the page:', error.message);",
      "t('tags.nameTaken', { name });",
      "cn('px-2 py-1 text-sm');",
      'el.querySelector(\'div[role="main"] > ul\');',
      "setMode('waiting');",
      "open('https://example.com/a b');",
      "throw new RpcError('not-found', 'No conversation is open.', because('no-open-conversation'));",
    ].join('\n');
    expect(literalWords('c.ts', calls).map((hit) => hit.split(' ').slice(1).join(' '))).toEqual([
      'Something failed',
      'Saved.',
      'The tag could not be saved',
      'could not save it.',
    ]);
  });

  it('components/, utils/content/ and the content scripts take their words from utils/i18n/', () => {
    const files = [
      ...sourceFiles('components'),
      ...sourceFiles('utils/content'),
      // The background too: its refusals reach the panel and the dashboard.
      ...sourceFiles('entrypoints'),
    ];
    const found = files.flatMap((file) => literalWords(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
