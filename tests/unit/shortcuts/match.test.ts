import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeMatch,
  prefixMatches,
  type ShortcutEntry,
  shortcutName,
  TRIGGERS,
  tokenBeforeCaret,
} from '@/utils/shortcuts/match';

const entry = (shortcut: string, templateId = shortcut): ShortcutEntry => ({ templateId, shortcut, title: shortcut });
const LIBRARY = [entry('thanks'), entry('thx'), entry('refund'), entry('grüße'), entry('order-status')];
const expanded = (beforeCaret: string, trigger: (typeof TRIGGERS)[number] = ';') =>
  completeMatch(tokenBeforeCaret(beforeCaret, trigger), LIBRARY)?.shortcut;

describe('a shortcut typed before the caret', () => {
  it('is found at the start of the text, after a space and after a line break', () => {
    expect(expanded(';thanks')).toBe('thanks');
    expect(expanded('Hi Anna ;thanks')).toBe('thanks');
    expect(expanded('Hi Anna\n;refund')).toBe('refund');
    expect(expanded('Hi\u00a0;thx')).toBe('thx');
  });

  it('matches case-insensitively, in any script, with - and _', () => {
    expect(expanded(';THANKS')).toBe('thanks');
    expect(expanded(';Grüße')).toBe('grüße');
    expect(expanded(';order-status')).toBe('order-status');
  });

  it('is left alone inside a word, when unknown, when only a prefix, or with the wrong trigger', () => {
    expect(expanded('e-mail;thanks')).toBeUndefined();
    expect(expanded('a;thanks')).toBeUndefined();
    expect(expanded(';unknown')).toBeUndefined();
    expect(expanded(';than')).toBeUndefined();
    expect(expanded(';')).toBeUndefined();
    expect(expanded('/thanks')).toBeUndefined();
    expect(expanded(';;thanks')).toBeUndefined();
  });

  it('works with every trigger, and `::` or `/` inside words and URLs do not count', () => {
    for (const trigger of TRIGGERS) expect(expanded(`ok ${trigger}thanks`, trigger)).toBe('thanks');
    expect(expanded('a::thanks', '::')).toBeUndefined();
    expect(expanded(':::thanks', '::')).toBeUndefined();
    expect(expanded('see https://x.com/thanks', '/')).toBeUndefined();
    expect(expanded('C:\\thanks', '\\')).toBeUndefined();
  });

  it('tells the length the replacement takes: trigger and name', () => {
    expect(tokenBeforeCaret('Hi ;tha', ';')).toEqual({ name: 'tha', length: 4 });
    expect(tokenBeforeCaret('Hi ::', '::')).toEqual({ name: '', length: 2 });
  });
});

describe('properties', () => {
  const name = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
  const word = fc.stringMatching(/^[A-Za-zäöü0-9@.-]{1,10}$/);

  it('a known shortcut after whitespace (or at the start) always expands to itself', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('', ' ', '\n', '\t'),
        name,
        fc.constantFrom(...TRIGGERS),
        (text, gap, n, trigger) => {
          const head = gap === '' ? '' : `${text}${gap}`;
          const found = completeMatch(tokenBeforeCaret(`${head}${trigger}${n}`, trigger), [entry(n)]);
          expect(found?.shortcut).toBe(n);
        },
      ),
    );
  });

  it('a shortcut glued to a word before it never expands (e-mail;thanks)', () => {
    fc.assert(
      fc.property(word, name, fc.constantFrom(...TRIGGERS), (before, n, trigger) => {
        fc.pre(!before.endsWith(trigger.slice(0, 1)));
        expect(completeMatch(tokenBeforeCaret(`${before}${trigger}${n}`, trigger), [entry(n)])).toBeUndefined();
      }),
    );
  });

  it('a name that is no shortcut never expands (;unknown stays)', () => {
    fc.assert(
      fc.property(name, name, (typed, known) => {
        fc.pre(typed.toLowerCase() !== known.toLowerCase());
        expect(completeMatch(tokenBeforeCaret(`;${typed}`, ';'), [entry(known)])).toBeUndefined();
      }),
    );
  });

  it('the replaced length is exactly what was typed from the trigger on', () => {
    fc.assert(
      fc.property(fc.string(), name, fc.constantFrom(...TRIGGERS), (text, n, trigger) => {
        const typed = `${text} ${trigger}${n}`;
        const token = tokenBeforeCaret(typed, trigger);
        expect(typed.slice(typed.length - (token?.length ?? 0))).toBe(`${trigger}${n}`);
      }),
    );
  });
});

describe('suggestions and stored shortcuts', () => {
  it('offers the shortcuts that begin with what was typed, shortest first', () => {
    const typed = (text: string) => prefixMatches(tokenBeforeCaret(text, ';'), LIBRARY).map((e) => e.shortcut);
    expect(typed(';th')).toEqual(['thx', 'thanks']);
    expect(typed(';')).toHaveLength(LIBRARY.length);
    expect(typed('e-mail;th')).toEqual([]);
    expect(typed(';zz')).toEqual([]);
  });

  it('reads stored shortcuts with or without a trigger, and refuses names that cannot be typed', () => {
    expect(shortcutName('thanks')).toBe('thanks');
    expect(shortcutName('/thanks')).toBe('thanks');
    expect(shortcutName('::thanks')).toBe('thanks');
    expect(shortcutName(' ;thx ')).toBe('thx');
    expect(shortcutName('two words')).toBeUndefined();
    expect(shortcutName('{{x}}')).toBeUndefined();
    expect(shortcutName('')).toBeUndefined();
    expect(shortcutName(undefined)).toBeUndefined();
  });
});
