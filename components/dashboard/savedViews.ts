import { z } from 'zod';
import { ConversationStatusSchema } from '@/utils/db/schema';
import { PlatformSchema } from '@/utils/platforms/types';
import { TRIAGE_STATES } from './triage';

/**
 * Saved views of the triage inbox ("Sales overdue", "VIP"): the filters under a name. A preference of
 * this dashboard, kept in its own (extension-origin) localStorage, not part of the data.
 */
export const TriageFiltersSchema = z.strictObject({
  query: z.string().max(200),
  platform: PlatformSchema.or(z.literal('')),
  status: ConversationStatusSchema.or(z.literal('')),
  tag: z.string().max(100),
  states: z.array(z.enum(TRIAGE_STATES)).max(TRIAGE_STATES.length),
  groupBy: z.enum(['none', 'platform', 'tag']),
});
export type TriageFilters = z.infer<typeof TriageFiltersSchema>;

const SavedViewSchema = z.strictObject({ name: z.string().trim().min(1).max(60), filters: TriageFiltersSchema });
export type SavedView = z.infer<typeof SavedViewSchema>;

export const ALL_FILTERS: TriageFilters = { query: '', platform: '', status: '', tag: '', states: [], groupBy: 'none' };
/** Built in: the queue's most asked-for cut. */
export const OVERDUE_FILTERS: TriageFilters = { ...ALL_FILTERS, states: ['breached', 'overdue'] };

const STORAGE_KEY = 'dms.triage.savedViews';

/** Stored views; a damaged entry is dropped rather than breaking the dashboard. */
export function loadSavedViews(storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]'));
    if (!parsed.success) return [];
    return parsed.data.flatMap((entry) => {
      const view = SavedViewSchema.safeParse(entry);
      return view.success ? [view.data] : [];
    });
  } catch {
    return [];
  }
}

export function storeSavedViews(views: SavedView[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(views));
}
