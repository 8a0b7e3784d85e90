import type { BusinessHours, SlaPolicy } from '../db/schema';
import type { Language } from '../i18n/strings';
import { addDays, isoDate, type LocalDate, localDateTime, minutesOfDay, weekdayOf, zonedEpoch } from './zoned';

/**
 * The SLA clock: how long someone has waited, when the target and breach times fall, and what state
 * the wait is in. Pure: the current time is passed in. With business hours the clock only runs inside
 * them (in their own time zone, daylight saving included); without, it runs around the clock.
 */

const MINUTE_MS = 60_000;

export type SlaState =
  /** Less than DUE_SOON_SHARE of the target time used. */
  | 'within'
  /** At least DUE_SOON_SHARE of the target used, target not reached. */
  | 'due-soon'
  /** Target reached, breach not reached. */
  | 'overdue-target'
  /** Breach time reached. */
  | 'breached';

/** "Due soon" from 75 % of the target time (business time) on: 90 min into a 2 h target. */
export const DUE_SOON_SHARE = 0.75;

export type SlaClock = {
  /** Business time waited so far (all time when there are no business hours). */
  elapsedMs: number;
  /** Absolute times (epoch ms), counted through business hours. */
  dueSoonAt: number;
  targetAt: number;
  breachAt: number;
  /** Reached at exactly the deadline: `now >= targetAt` is overdue. */
  state: SlaState;
  /** The clock stands still right now (outside business hours). */
  paused: boolean;
};

export type SlaClockInput = {
  policy: Pick<SlaPolicy, 'targetMinutes' | 'breachMinutes'>;
  businessHours?: BusinessHours | undefined;
  waitingSince: number;
  now: number;
};

/** Past the target (breached included): what the badge and the "overdue" filter count. */
export const isOverdue = (state: SlaState): boolean => state === 'overdue-target' || state === 'breached';

export function slaClock({ policy, businessHours, waitingSince, now }: SlaClockInput): SlaClock {
  const targetMs = policy.targetMinutes * MINUTE_MS;
  // A breach earlier than the target makes no sense: the target is the floor.
  const breachMs = Math.max(policy.breachMinutes, policy.targetMinutes) * MINUTE_MS;
  const dueSoonAt = addBusinessTime(waitingSince, Math.round(targetMs * DUE_SOON_SHARE), businessHours);
  const targetAt = addBusinessTime(waitingSince, targetMs, businessHours);
  const breachAt = addBusinessTime(waitingSince, breachMs, businessHours);
  const state: SlaState =
    now >= breachAt ? 'breached' : now >= targetAt ? 'overdue-target' : now >= dueSoonAt ? 'due-soon' : 'within';
  return {
    elapsedMs: businessElapsedMs(waitingSince, now, businessHours),
    dueSoonAt,
    targetAt,
    breachAt,
    state,
    paused: businessHours !== undefined && !isWithinBusinessHours(now, businessHours),
  };
}

// ---- business time -----------------------------------------------------------------------------

/** Longest calendar walk (days) before giving up on business hours and counting wall-clock time. */
const MAX_DAYS = 40 * 366;

type Day = { start: number; window: readonly [number, number] | null };
const dayCache = new Map<string, Day>();

/** A local day's start and its business window (absolute ms), cached: the clock runs every minute. */
function dayOf(date: LocalDate, hours: BusinessHours): Day {
  const key = `${hours.timeZone}|${hours.days.join(',')}|${hours.from}|${hours.to}|${isoDate(date)}`;
  let day = dayCache.get(key);
  if (!day) {
    const open = hours.days.includes(weekdayOf(date));
    day = {
      start: zonedEpoch(date, 0, hours.timeZone),
      window: open
        ? [
            zonedEpoch(date, minutesOfDay(hours.from), hours.timeZone),
            zonedEpoch(date, minutesOfDay(hours.to), hours.timeZone),
          ]
        : null,
    };
    if (dayCache.size >= 5000) dayCache.clear();
    dayCache.set(key, day);
  }
  return day;
}

const localDateOf = (epochMs: number, timeZone: string): LocalDate => {
  const { year, month, day } = localDateTime(epochMs, timeZone);
  return { year, month, day };
};

export function isWithinBusinessHours(epochMs: number, hours: BusinessHours | undefined): boolean {
  if (!hours) return true;
  const window = dayOf(localDateOf(epochMs, hours.timeZone), hours).window;
  return window !== null && epochMs >= window[0] && epochMs < window[1];
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessElapsedMs(from: number, to: number, hours: BusinessHours | undefined): number {
  if (to <= from) return 0;
  if (!hours) return to - from;
  let total = 0;
  let date = localDateOf(from, hours.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const day = dayOf(date, hours);
    if (day.start >= to) return total;
    if (day.window) total += Math.max(0, Math.min(day.window[1], to) - Math.max(day.window[0], from));
    date = addDays(date, 1);
  }
  return total;
}

/** The instant when `durationMs` of business time has passed since `from`. */
export function addBusinessTime(from: number, durationMs: number, hours: BusinessHours | undefined): number {
  if (!hours || durationMs <= 0) return from + Math.max(0, durationMs);
  let remaining = durationMs;
  let date = localDateOf(from, hours.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const { window } = dayOf(date, hours);
    if (window && window[1] > from) {
      const start = Math.max(window[0], from);
      const available = window[1] - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
    }
    date = addDays(date, 1);
  }
  return from + durationMs;
}

// ---- "waiting 2 h 13 min" ----------------------------------------------------------------------

/** The UI's languages (utils/i18n picks one from the settings). */
export type SlaLanguage = Language;

type SlaStrings = {
  waiting: string;
  /** The wait is timed from when the message was first seen: it has lasted at least that long. */
  waitingAtLeast: string;
  day: string;
  hour: string;
  minute: string;
  underAMinute: string;
  paused: string;
  states: Record<SlaState, string>;
};

/** Every user-visible string of the SLA clock. `{duration}` is replaced. */
export const SLA_STRINGS: Record<SlaLanguage, SlaStrings> = {
  en: {
    waiting: 'waiting {duration}',
    waitingAtLeast: 'waiting at least {duration}',
    day: 'd',
    hour: 'h',
    minute: 'min',
    underAMinute: '< 1 min',
    paused: 'paused outside business hours',
    states: { within: 'on time', 'due-soon': 'due soon', 'overdue-target': 'overdue', breached: 'SLA breached' },
  },
  de: {
    waiting: 'wartet seit {duration}',
    waitingAtLeast: 'wartet seit mindestens {duration}',
    day: 'Tg.',
    hour: 'Std.',
    minute: 'Min.',
    underAMinute: '< 1 Min.',
    paused: 'pausiert außerhalb der Geschäftszeiten',
    states: {
      within: 'im Zeitplan',
      'due-soon': 'bald fällig',
      'overdue-target': 'überfällig',
      breached: 'SLA verletzt',
    },
  },
};

/**
 * Whole units, rounded down, two at most: "< 1 min", "13 min", "2 h 13 min", "2 h", "1 d 3 h", "3 d".
 */
export function formatDuration(ms: number, language: SlaLanguage): string {
  const t = SLA_STRINGS[language];
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  if (minutes < 1) return t.underAMinute;
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts =
    days > 0
      ? [`${days} ${t.day}`, hours > 0 ? `${hours} ${t.hour}` : '']
      : [hours > 0 ? `${hours} ${t.hour}` : '', rest > 0 ? `${rest} ${t.minute}` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * "waiting 2 h 13 min" / "wartet seit 2 Std. 13 Min."; `atLeast` (timed from first sight, not from the
 * page's clock): "waiting at least 2 h 13 min", except under a minute, where it would say nothing.
 */
export function formatWaiting(ms: number, language: SlaLanguage, { atLeast = false } = {}): string {
  const strings = SLA_STRINGS[language];
  const template = atLeast && ms >= MINUTE_MS ? strings.waitingAtLeast : strings.waiting;
  return template.replace('{duration}', formatDuration(ms, language));
}
