/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl.DateTimeFormat: the offset at an
 * instant is read from the formatter, so daylight-saving changes come from the browser's own tz data.
 * Pure functions; formatters are cached per zone (building one is the expensive part).
 */

/** A calendar date; month 1–12. */
export type LocalDate = { year: number; month: number; day: number };
/** A wall-clock time in some zone; weekday 0 = Sunday … 6 = Saturday. */
export type LocalDateTime = LocalDate & { hour: number; minute: number; second: number; weekday: number };

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock date and time at `epochMs` in `timeZone`. */
export function localDateTime(epochMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    // Some engines still print midnight as "24" despite h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: weekdayOf({ year, month, day }),
  };
}

/** Local time minus UTC at `epochMs`, in ms (Berlin: +1 h in winter, +2 h in summer). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const local = localDateTime(whole, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - whole;
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a spring-forward change
 * (02:30 on the last Sunday of March in Berlin) maps to the same distance after the gap (03:30); a
 * time that happens twice in autumn maps to the later occurrence.
 */
export function zonedEpoch(date: LocalDate, minutesOfDay: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + minutesOfDay * MINUTE_MS;
  // Offsets lie within −12 h … +14 h, and a zone changes its offset at most once in a day.
  const before = offsetAt(asUtc - 14 * 60 * MINUTE_MS, timeZone);
  const after = offsetAt(asUtc + 14 * 60 * MINUTE_MS, timeZone);
  const early = asUtc - before;
  const late = asUtc - after;
  const earlyValid = offsetAt(early, timeZone) === before;
  const lateValid = offsetAt(late, timeZone) === after;
  if (earlyValid !== lateValid) return earlyValid ? early : late;
  // Both valid: the time happens twice (or the offset did not change); neither: it fell into a gap.
  return Math.max(early, late);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "2026-03-29" */
export function isoDate(date: LocalDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** "09:30" → 570; "24:00" → 1440. */
export function minutesOfDay(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}
