import type { Language } from './strings';

/**
 * One date and time format everywhere, from the user's language through Intl: absolute times where a
 * record is read ("2 Mar 2026, 10:00"), relative times where a person scans a list ("3 hours ago").
 */
export function formatDateTime(language: Language, time: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(time);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60_000],
  ['hour', 60 * 60_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days", "now" — rounded down to the largest whole unit. */
export function formatRelative(language: Language, time: number, now: number): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const delta = time - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit);
  }
  return format.format(0, 'minute');
}
