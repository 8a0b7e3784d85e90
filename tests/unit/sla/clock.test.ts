import { describe, expect, it } from 'vitest';
import type { BusinessHours, Settings, Tag } from '@/utils/db/schema';
import { DEFAULT_SETTINGS } from '@/utils/db/schema';
import { pickLanguage } from '@/utils/i18n/strings';
import { addBusinessTime, businessElapsedMs, formatDuration, formatWaiting, slaClock } from '@/utils/sla/clock';
import { resolvePolicy } from '@/utils/sla/policy';
import { localDateTime, offsetAt, zonedEpoch } from '@/utils/sla/zoned';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const customerService = { targetMinutes: 120, breachMinutes: 240 };
/** Berlin office: Monday to Friday, 09:00–18:00. */
const office: BusinessHours = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };

describe('zoned time (Intl offsets)', () => {
  it('reads Berlin offsets either side of both 2026 changes', () => {
    expect(offsetAt(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(offsetAt(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetAt(at('2026-10-25T00:59:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetAt(at('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(localDateTime(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toMatchObject({
      hour: 3,
      minute: 30,
      weekday: 0,
    });
  });

  it('maps wall-clock times to instants, skipped and repeated hours included', () => {
    const sunday = { year: 2026, month: 3, day: 29 };
    expect(zonedEpoch(sunday, 90, 'Europe/Berlin')).toBe(at('2026-03-29T00:30:00Z')); // 01:30 CET
    expect(zonedEpoch(sunday, 150, 'Europe/Berlin')).toBe(at('2026-03-29T01:30:00Z')); // 02:30 does not exist → 03:30 CEST
    expect(zonedEpoch(sunday, 210, 'Europe/Berlin')).toBe(at('2026-03-29T01:30:00Z')); // 03:30 CEST
    const autumn = { year: 2026, month: 10, day: 25 };
    expect(zonedEpoch(autumn, 150, 'Europe/Berlin')).toBe(at('2026-10-25T01:30:00Z')); // 02:30 twice → the later (CET)
    expect(zonedEpoch(autumn, 24 * 60, 'Europe/Berlin')).toBe(at('2026-10-25T23:00:00Z'));
    // A zone west of UTC: New York's 02:30 on 8 March 2026 does not exist either → 03:30 EDT.
    expect(zonedEpoch({ year: 2026, month: 3, day: 8 }, 150, 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
  });
});

describe('SLA clock around the clock', () => {
  const since = at('2026-03-02T08:00:00Z');

  it('moves through within → due soon (75 %) → overdue → breached at the exact deadlines', () => {
    const clock = (minutes: number) =>
      slaClock({ policy: customerService, waitingSince: since, now: since + minutes * MIN });
    expect(clock(60)).toEqual({
      elapsedMs: 60 * MIN,
      dueSoonAt: since + 90 * MIN,
      targetAt: since + 120 * MIN,
      breachAt: since + 240 * MIN,
      state: 'within',
      paused: false,
    });
    expect(clock(89).state).toBe('within');
    expect(clock(90).state).toBe('due-soon');
    expect(clock(119).state).toBe('due-soon');
    expect(clock(120).state).toBe('overdue-target');
    expect(clock(239).state).toBe('overdue-target');
    expect(clock(240).state).toBe('breached');
    expect(clock(-5)).toMatchObject({ elapsedMs: 0, state: 'within' });
  });

  it('goes straight to breached when target and breach coincide, and never breaches before the target', () => {
    const general = { targetMinutes: 24 * 60, breachMinutes: 24 * 60 };
    expect(slaClock({ policy: general, waitingSince: since, now: since + 24 * HOUR }).state).toBe('breached');
    const odd = slaClock({
      policy: { targetMinutes: 60, breachMinutes: 30 },
      waitingSince: since,
      now: since + 45 * MIN,
    });
    expect(odd).toMatchObject({ targetAt: since + HOUR, breachAt: since + HOUR, state: 'due-soon' });
  });
});

describe('SLA clock in business hours', () => {
  it('pauses over a weekend', () => {
    const friday1700 = at('2026-03-06T16:00:00Z'); // Fri 17:00 CET
    const clock = (now: number) =>
      slaClock({ policy: customerService, businessHours: office, waitingSince: friday1700, now });
    const saturday = clock(at('2026-03-07T12:00:00Z'));
    expect(saturday).toMatchObject({ elapsedMs: HOUR, state: 'within', paused: true });
    expect(saturday.dueSoonAt).toBe(at('2026-03-09T08:30:00Z')); // Mon 09:30 CET
    expect(saturday.targetAt).toBe(at('2026-03-09T09:00:00Z')); // Mon 10:00 CET
    expect(saturday.breachAt).toBe(at('2026-03-09T11:00:00Z')); // Mon 12:00 CET
    expect(clock(at('2026-03-09T08:45:00Z'))).toMatchObject({ elapsedMs: 105 * MIN, state: 'due-soon', paused: false });
    expect(clock(at('2026-03-09T11:00:00Z'))).toMatchObject({ elapsedMs: 4 * HOUR, state: 'breached' });
  });

  it('counts nothing before opening time and starts at 09:00 for a message that came at night', () => {
    const mondayNight = at('2026-03-09T02:00:00Z'); // Mon 03:00 CET
    expect(addBusinessTime(mondayNight, 2 * HOUR, office)).toBe(at('2026-03-09T10:00:00Z')); // Mon 11:00 CET
    expect(businessElapsedMs(mondayNight, at('2026-03-09T07:59:00Z'), office)).toBe(0); // 08:59 CET
    expect(businessElapsedMs(mondayNight, at('2026-03-09T08:30:00Z'), office)).toBe(30 * MIN); // 09:30 CET
  });

  it('crosses a weekend with the spring-forward change (last Sunday of March)', () => {
    const friday1700 = at('2026-03-27T16:00:00Z'); // Fri 17:00 CET (UTC+1)
    const clock = slaClock({
      policy: customerService,
      businessHours: office,
      waitingSince: friday1700,
      now: at('2026-03-30T08:00:00Z'),
    });
    // Monday is summer time (UTC+2): 10:00 CEST is 08:00 UTC, not 09:00.
    expect(clock).toMatchObject({
      targetAt: at('2026-03-30T08:00:00Z'),
      breachAt: at('2026-03-30T10:00:00Z'),
      elapsedMs: 2 * HOUR,
      state: 'overdue-target',
    });
  });

  it('crosses a weekend with the fall-back change (last Sunday of October)', () => {
    const friday1700 = at('2026-10-23T15:00:00Z'); // Fri 17:00 CEST (UTC+2)
    const clock = slaClock({
      policy: customerService,
      businessHours: office,
      waitingSince: friday1700,
      now: at('2026-10-26T08:59:00Z'),
    });
    // Monday is winter time (UTC+1): 10:00 CET is 09:00 UTC.
    expect(clock).toMatchObject({
      targetAt: at('2026-10-26T09:00:00Z'),
      breachAt: at('2026-10-26T11:00:00Z'),
      elapsedMs: 119 * MIN,
      state: 'due-soon',
    });
  });

  it('runs 08:00–20:00 every day through the night of each change', () => {
    const everyDay: BusinessHours = {
      timeZone: 'Europe/Berlin',
      days: [0, 1, 2, 3, 4, 5, 6],
      from: '08:00',
      to: '20:00',
    };
    const policy = { targetMinutes: 240, breachMinutes: 480 };
    // Sat 19:00 CET + 1 h on Saturday + 3 h on Sunday → Sun 11:00 CEST: 15 h later, not 16.
    const spring = slaClock({ policy, businessHours: everyDay, waitingSince: at('2026-03-28T18:00:00Z'), now: 0 });
    expect(spring.targetAt).toBe(at('2026-03-29T09:00:00Z'));
    expect(spring.breachAt).toBe(at('2026-03-29T13:00:00Z'));
    // Sat 19:00 CEST → Sun 11:00 CET: 17 h later.
    const autumn = slaClock({ policy, businessHours: everyDay, waitingSince: at('2026-10-24T17:00:00Z'), now: 0 });
    expect(autumn.targetAt).toBe(at('2026-10-25T10:00:00Z'));
    expect(businessElapsedMs(at('2026-10-24T17:00:00Z'), at('2026-10-25T10:00:00Z'), everyDay)).toBe(4 * HOUR);
  });

  it('counts real hours on a 23-hour and a 25-hour day when the hours span the whole day', () => {
    const allDay: BusinessHours = {
      timeZone: 'Europe/Berlin',
      days: [0, 1, 2, 3, 4, 5, 6],
      from: '00:00',
      to: '24:00',
    };
    const springSince = at('2026-03-28T22:00:00Z'); // Sat 23:00 CET
    expect(addBusinessTime(springSince, 4 * HOUR, allDay)).toBe(springSince + 4 * HOUR); // 04:00 CEST
    expect(businessElapsedMs(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), allDay)).toBe(23 * HOUR);
    const autumnSince = at('2026-10-24T21:00:00Z'); // Sat 23:00 CEST
    expect(addBusinessTime(autumnSince, 4 * HOUR, allDay)).toBe(autumnSince + 4 * HOUR); // 02:00 CET
    expect(businessElapsedMs(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), allDay)).toBe(25 * HOUR);
  });
});

describe('"waiting 2 h 13 min"', () => {
  it('formats in English and German', () => {
    const ms = 2 * HOUR + 13 * MIN + 59_000;
    expect(formatWaiting(ms, 'en')).toBe('waiting 2 h 13 min');
    expect(formatWaiting(ms, 'de')).toBe('wartet seit 2 Std. 13 Min.');
    expect(formatWaiting(59_000, 'en')).toBe('waiting < 1 min');
    expect(formatWaiting(59_000, 'de')).toBe('wartet seit < 1 Min.');
    // Timed from first sight, not from the page's clock: the wait is at least that long.
    expect(formatWaiting(ms, 'en', { atLeast: true })).toBe('waiting at least 2 h 13 min');
    expect(formatWaiting(ms, 'de', { atLeast: true })).toBe('wartet seit mindestens 2 Std. 13 Min.');
    expect(formatWaiting(59_000, 'en', { atLeast: true })).toBe('waiting < 1 min');
    expect(formatDuration(45 * MIN, 'en')).toBe('45 min');
    expect(formatDuration(2 * HOUR, 'de')).toBe('2 Std.');
    expect(formatDuration(27 * HOUR + 20 * MIN, 'en')).toBe('1 d 3 h');
    expect(formatDuration(72 * HOUR + 5 * MIN, 'de')).toBe('3 Tg.');
  });

  it('follows the browser for "auto"', () => {
    expect(pickLanguage('auto', 'de-AT')).toBe('de');
    expect(pickLanguage('auto', 'fr-FR')).toBe('en');
    expect(pickLanguage('en', 'de-DE')).toBe('en');
  });
});

describe('resolvePolicy', () => {
  const tag = (id: string, slaPolicyId?: string): Tag => ({
    id,
    name: id,
    nameKey: id,
    color: '#4f46e5',
    createdAt: 1,
    ...(slaPolicyId && { slaPolicyId }),
  });
  const tags = new Map(
    [tag('plain'), tag('lead', 'sales'), tag('vip', 'general'), tag('stale', 'deleted-policy')].map((t) => [t.id, t]),
  );
  const settings: Settings = { ...DEFAULT_SETTINGS, platformSlaPolicies: { facebook: 'facebook-very-responsive' } };
  const conversation = { platform: 'facebook' as const, tags: [] as string[] };

  it('prefers the conversation, then its first tag with a policy, then the platform, then the default', () => {
    expect(resolvePolicy({ ...conversation, slaPolicyId: 'general', tags: ['lead'] }, tags, settings)).toMatchObject({
      policy: { id: 'general' },
      source: 'conversation',
    });
    expect(resolvePolicy({ ...conversation, tags: ['plain', 'stale', 'lead', 'vip'] }, tags, settings)).toEqual({
      policy: DEFAULT_SETTINGS.slaPolicies[1],
      source: 'tag',
      tagId: 'lead',
    });
    expect(resolvePolicy({ ...conversation, slaPolicyId: 'deleted-policy' }, tags, settings)).toMatchObject({
      policy: { id: 'facebook-very-responsive', targetMinutes: 15 },
      source: 'platform',
    });
    expect(resolvePolicy({ ...conversation, platform: 'x' }, tags, settings)).toMatchObject({
      policy: { id: 'customer-service' },
      source: 'default',
    });
    expect(resolvePolicy({ ...conversation, platform: 'x' }, tags, DEFAULT_SETTINGS).policy.id).toBe(
      'customer-service',
    );
  });
});
