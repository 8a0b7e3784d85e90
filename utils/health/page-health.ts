import { browser } from 'wxt/browser';
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../platforms/sites';
import {
  DriftReportSchema,
  type PagePart,
  PagePartSchema,
  type PageSnapshot,
  PageStateSchema,
  PartHealthSchema,
} from '../platforms/types';

/**
 * Local drift diagnostics: per platform, when its pages were last read without trouble and the latest
 * time they were not (which parts, the adapter's censored drift reports, the extension's version). Kept
 * in storage.local, written by the background only, read by the dashboard's "Page health" view; never
 * sent anywhere. Bounded: one degradation per platform (at most six drift reports of ≤ 20,000 characters).
 */
export const PAGE_HEALTH_KEY = 'pageHealth';

export const PartReadingSchema = z.strictObject({ part: PagePartSchema, health: PartHealthSchema });
export type PartReading = z.infer<typeof PartReadingSchema>;

export const DegradationSchema = z.strictObject({
  at: z.number(),
  version: z.string().max(50),
  /** drift: the adapter reported it; stayed-loading: the panel gave up waiting for the page to settle. */
  cause: z.enum(['drift', 'stayed-loading']),
  state: PageStateSchema,
  parts: z.array(PartReadingSchema).max(PagePartSchema.options.length),
  drift: z.array(DriftReportSchema).max(6),
});
export type Degradation = z.infer<typeof DegradationSchema>;

export const PlatformHealthSchema = z.strictObject({
  lastOkAt: z.number().optional(),
  lastDegraded: DegradationSchema.optional(),
});
export type PlatformHealth = z.infer<typeof PlatformHealthSchema>;

export const PageHealthSchema = z.partialRecord(z.enum(PLATFORMS), PlatformHealthSchema);
export type PageHealth = z.infer<typeof PageHealthSchema>;

/** A page read fine this recently is not written again: reports come with every new message. */
const OK_REFRESH_MS = 60_000;

/** The parts of a snapshot that were not read for certain, in the order of PagePartSchema. */
export function partsNotFound(snapshot: PageSnapshot): PartReading[] {
  const byPart = new Map<PagePart, PartReading['health']>();
  for (const report of snapshot.drift ?? []) byPart.set(report.part, report.health);
  for (const part of ['participant', 'messages', 'composer'] as const) {
    if (snapshot.health[part] !== 'found') byPart.set(part, snapshot.health[part]);
  }
  return PagePartSchema.options.flatMap((part) => {
    const health = byPart.get(part);
    return health && health !== 'found' ? [{ part, health }] : [];
  });
}

/** The stored page health; anything unreadable in it counts as nothing recorded yet. */
export async function readPageHealth(): Promise<PageHealth> {
  const stored = await browser.storage.local.get(PAGE_HEALTH_KEY);
  const parsed = PageHealthSchema.safeParse(stored[PAGE_HEALTH_KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

/** The worker's own copy, read once per start: it is the only writer. */
let cached: Promise<PageHealth> | undefined;

async function update(platform: Platform, change: (health: PlatformHealth) => PlatformHealth | null) {
  cached ??= readPageHealth();
  const all = await cached;
  const next = change(all[platform] ?? {});
  if (!next) return;
  all[platform] = next;
  await browser.storage.local.set({ [PAGE_HEALTH_KEY]: all });
}

const readsCleanly = (snapshot: PageSnapshot) =>
  snapshot.state === 'thread' && snapshot.threadId !== null && partsNotFound(snapshot).length === 0;

/**
 * A report's news for Page health: a drift report degrades its platform, a clean thread is "seen OK".
 * Drift while the page is still loading is normal for a moment (a thread switch catching up); it counts
 * once the panel gives up waiting (recordDegradation with 'stayed-loading').
 */
export function recordReport(snapshot: PageSnapshot, now: number, version: string): Promise<void> {
  if (snapshot.drift?.length && snapshot.state !== 'loading') return recordDegradation(snapshot, 'drift', now, version);
  if (!readsCleanly(snapshot)) return Promise.resolve();
  return update(snapshot.platform, (health) => {
    const degradedSince = (health.lastDegraded?.at ?? 0) > (health.lastOkAt ?? 0);
    if (!degradedSince && health.lastOkAt !== undefined && now - health.lastOkAt < OK_REFRESH_MS) return null;
    return { ...health, lastOkAt: now };
  });
}

/** The platform's page could not be read: `snapshot` is what the content script saw. */
export function recordDegradation(
  snapshot: PageSnapshot,
  cause: Degradation['cause'],
  now: number,
  version: string,
): Promise<void> {
  const degradation: Degradation = {
    at: now,
    version: version.slice(0, 50),
    cause,
    state: snapshot.state,
    parts: partsNotFound(snapshot),
    drift: snapshot.drift ?? [],
  };
  return update(snapshot.platform, (health) => ({ ...health, lastDegraded: degradation }));
}

/** Whether the platform's latest news is a degradation (a clean read since clears it). */
export const isDegraded = (health: PlatformHealth): health is PlatformHealth & { lastDegraded: Degradation } =>
  health.lastDegraded !== undefined && health.lastDegraded.at > (health.lastOkAt ?? Number.NEGATIVE_INFINITY);
