import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeLabel } from '@/utils/time/labels';

/** The label languages of the platform layer. */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'tr', 'pl'] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const startOfMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;
const startOfDay = (t: number) => {
  const date = new Date(t);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
};
const sameDay = (a: number, b: number) => startOfDay(a) === startOfDay(b);
const isLeapDay = (t: number) => new Date(t).getMonth() === 1 && new Date(t).getDate() === 29;
const format = (language: string, options: Intl.DateTimeFormatOptions, t: number) =>
  new Intl.DateTimeFormat(language, options).format(t);
const dayWord = (language: string, offset: 0 | -1) =>
  new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(offset, 'day');
const clock = (language: string, t: number) => format(language, { timeStyle: 'short' }, t);

type Rendered = { label: string; expected: number };

/**
 * What a site shows for a message sent at `t`, seen at `now`, in each style it uses for that age
 * (a clock time within the day, "Yesterday" or a weekday within the week, a date without the year
 * within the year, a full date otherwise), with the instant the label pins.
 */
function siteLabels(language: string, t: number, now: number): Rendered[] {
  const minute = startOfMinute(t);
  const day = startOfDay(t);
  const age = now - t;
  const labels: Rendered[] = [
    { label: format(language, { dateStyle: 'short', timeStyle: 'short' }, t), expected: minute },
    { label: format(language, { dateStyle: 'medium' }, t), expected: day },
  ];
  // A clock time alone means the last 24 hours (less the clock skew a label may be ahead by).
  if (age < DAY - 6 * MINUTE) labels.push({ label: clock(language, t), expected: minute });
  if (sameDay(t, now)) labels.push({ label: `${dayWord(language, 0)} ${clock(language, t)}`, expected: minute });
  if (sameDay(t, now - DAY) && startOfDay(now) - day <= DAY) {
    labels.push({ label: `${dayWord(language, -1)} ${clock(language, t)}`, expected: minute });
    labels.push({ label: dayWord(language, -1), expected: day });
  }
  const daysBack = Math.round((startOfDay(now) - day) / DAY);
  if (daysBack >= 1 && daysBack <= 6) {
    labels.push({
      label: format(language, { weekday: 'short', hour: 'numeric', minute: '2-digit' }, t),
      expected: minute,
    });
    labels.push({ label: format(language, { weekday: 'long' }, t), expected: day });
  }
  if (new Date(t).getFullYear() === new Date(now).getFullYear()) {
    labels.push({ label: format(language, { month: 'short', day: 'numeric' }, t), expected: day });
    labels.push({ label: format(language, { month: 'long', day: 'numeric' }, t), expected: day });
    labels.push({
      label: format(language, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, t),
      expected: minute,
    });
  }
  return labels;
}

const NOW = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) });
const AGE = fc.integer({ min: 0, max: 400 * DAY });

// Hundreds of Intl round trips per test: a second here, far longer on a loaded CI machine; not a measure.
describe('parseTimeLabel', { timeout: 60_000 }, () => {
  it.each(LANGUAGES)('reads back every label the site renders in %s, to the minute or the day', (language) => {
    fc.assert(
      fc.property(NOW, AGE, (now, age) => {
        const t = now - age;
        for (const { label, expected } of siteLabels(language, t, now)) {
          const parsed = parseTimeLabel(label, { language, now });
          expect({ label, at: parsed.kind === 'known' ? parsed.at : parsed.kind }).toEqual({ label, at: expected });
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(LANGUAGES)(
    'reads a label without a day, week or year in %s as its most recent moment, never ahead',
    (language) => {
      // However old the message, a clock time means the last day, a weekday the last week, a date without a
      // year the last year: the parsed instant shows the same label, is not ahead of now, and lies within that.
      const granularities = [
        [{ hour: 'numeric', minute: '2-digit' }, DAY + HOUR, DAY + HOUR], // a DST day has 25 hours
        [{ weekday: 'short', hour: 'numeric', minute: '2-digit' }, 7 * DAY + HOUR, 7 * DAY + HOUR],
        // The last 29 February may be four years back.
        [{ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, 366 * DAY, 4 * 366 * DAY],
      ] as const;
      fc.assert(
        fc.property(NOW, AGE, fc.constantFrom(...granularities), (now, age, [options, window, leapDayWindow]) => {
          const label = format(language, options, now - age);
          const parsed = parseTimeLabel(label, { language, now });
          if (parsed.kind !== 'known') throw new Error(`unknown: ${label}`);
          expect(parsed.at).toBeLessThanOrEqual(now);
          expect(now - parsed.at).toBeLessThan(isLeapDay(parsed.at) ? leapDayWindow : window);
          if (parsed.at !== now) expect(format(language, options, parsed.at)).toBe(label);
          else {
            // Only a label a few minutes ahead (the site's clock) means now.
            const aheadByMinutes = [0, 1, 2, 3, 4, 5].map((k) => format(language, options, now + k * MINUTE));
            expect(aheadByMinutes).toContain(label);
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(LANGUAGES)('reads relative list times in %s as an upper bound: at least that old', (language) => {
    const units = [
      ['minute', MINUTE],
      ['hour', HOUR],
      ['day', DAY],
      ['week', 7 * DAY],
    ] as const;
    fc.assert(
      fc.property(
        NOW,
        fc.integer({ min: 1, max: 59 }),
        fc.constantFrom(...units),
        fc.constantFrom('narrow', 'short') as fc.Arbitrary<'narrow' | 'short'>,
        (now, count, [unit, ms], unitDisplay) => {
          const label = new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay }).format(count);
          expect(parseTimeLabel(label, { language, now })).toEqual({
            kind: 'known',
            at: now - count * ms,
            precision: 'relative',
          });
        },
      ),
    );
  });

  it('reads the labels of the four sites, in the page language', () => {
    const now = new Date(2026, 2, 5, 10, 0).getTime(); // Thursday, 5 March 2026, 10:00
    const at = (label: string, language: string) => {
      const parsed = parseTimeLabel(label, { language, now });
      return parsed.kind === 'known' ? [new Date(parsed.at).toLocaleString('sv'), parsed.precision] : 'unknown';
    };
    expect(at('9:12 AM', 'en')).toEqual(['2026-03-05 09:12:00', 'minute']);
    expect(at('14:03', 'de')).toEqual(['2026-03-04 14:03:00', 'minute']); // would be ahead today: yesterday
    expect(at('9.12', 'fi')).toEqual(['2026-03-05 09:12:00', 'minute']);
    expect(at('Mon 6:14 PM', 'en')).toEqual(['2026-03-02 18:14:00', 'minute']);
    expect(at('Do., 18:14', 'de')).toEqual(['2026-02-26 18:14:00', 'minute']); // today's would be ahead: a week back
    expect(at('8/24/25, 3:36 PM', 'en')).toEqual(['2025-08-24 15:36:00', 'minute']);
    expect(at('24.08.25, 15:36', 'de')).toEqual(['2025-08-24 15:36:00', 'minute']);
    // The page's language decides the order of day and month.
    expect(at('3/2/26', 'en')).toEqual(['2026-03-02 00:00:00', 'day']);
    expect(at('3/2/26', 'fr')).toEqual(['2026-02-03 00:00:00', 'day']);
    expect(at('Mar 2', 'en')).toEqual(['2026-03-02 00:00:00', 'day']);
    expect(at('Mar 9', 'en')).toEqual(['2025-03-09 00:00:00', 'day']); // ahead this year: last year's
    expect(at('2. März', 'de')).toEqual(['2026-03-02 00:00:00', 'day']);
    expect(at('Yesterday 4:02 PM', 'en')).toEqual(['2026-03-04 16:02:00', 'minute']);
    expect(at('Gestern', 'de')).toEqual(['2026-03-04 00:00:00', 'day']);
    expect(at('Today 8:15 AM', 'en')).toEqual(['2026-03-05 08:15:00', 'minute']); // LinkedIn: heading + group time
    expect(at('3h', 'en')).toEqual(['2026-03-05 07:00:00', 'relative']);
    expect(at('5 Min.', 'de')).toEqual(['2026-03-05 09:55:00', 'relative']);
    expect(at('\u200f14:03\u200f', 'de')).toEqual(['2026-03-04 14:03:00', 'minute']); // bidi marks of RTL pages
  });

  it('says unknown for what it cannot read completely, and never throws', () => {
    const now = Date.UTC(2026, 2, 5, 10);
    for (const label of [
      '',
      ' ',
      'x'.repeat(10_000),
      '25:99',
      '12:60',
      '13:05 PM',
      'Today 23:50',
      '30/02/2026',
      'Blursday 6:14 PM',
      '3 parsecs',
      '\u202e\u200f',
      '12.08.2099',
      'Mon Tue',
      '9:12 AM 9:13 AM 1 2 3',
    ]) {
      expect(parseTimeLabel(label, { language: 'en', now })).toEqual({ kind: 'unknown' });
    }
    expect(parseTimeLabel('9:12', { language: 'no-such-language-tag-at-all', now })).toEqual({ kind: 'unknown' });
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.constantFrom(...LANGUAGES), (label, language) => {
        const parsed = parseTimeLabel(label, { language, now });
        if (parsed.kind === 'known') expect(parsed.at).toBeLessThanOrEqual(now);
      }),
    );
  });
});
