import { z } from 'zod';
import { PlatformSchema } from '../platforms/types';

// The metrics' shape, apart from their computation (metrics.ts, which needs Dexie): the pages that check
// the answer of `metrics.sla` (utils/messaging/protocol.ts) load only this.

export const GroupMetricsSchema = z.strictObject({
  /** Answered waits whose customer message came in during the period. */
  responses: z.number(),
  /** Median response time (the mean of the two middle values for an even count, rounded to ms). */
  medianMs: z.number().nullable(),
  /** 90th percentile, nearest-rank: the smallest time that at least 90 % of responses meet. */
  p90Ms: z.number().nullable(),
  /** Responses within the SLA target. */
  withinTarget: z.number(),
  /** withinTarget / responses (0…1); null without responses. */
  withinTargetShare: z.number().nullable(),
  /** Now: conversations with status open or waiting. */
  open: z.number(),
  /** Now: of the open ones, those with a customer waiting for an answer. */
  waiting: z.number(),
  /** Now: of the waiting ones, those past their SLA target (breached ones included). */
  overdue: z.number(),
  /** Of the responses, those timed from the page's own message times; the others from first sight. */
  fromPage: z.number(),
});
export type GroupMetrics = z.infer<typeof GroupMetricsSchema>;

const DailyPointSchema = z.strictObject({
  /** Local calendar day, "2026-03-02". */
  day: z.string(),
  responses: z.number(),
  medianMs: z.number().nullable(),
});
export type DailyPoint = z.infer<typeof DailyPointSchema>;

/** The metrics the dashboard shows (and `metrics.sla` answers with): defined once, the type inferred. */
export const SlaMetricsSchema = z.strictObject({
  from: z.number(),
  to: z.number(),
  overall: GroupMetricsSchema,
  byPlatform: z.record(PlatformSchema, GroupMetricsSchema),
  /** By tag id, every existing tag. A conversation with two tags counts under both. */
  byTag: z.record(z.string(), GroupMetricsSchema),
  /** Every local day of the period, oldest first (days without responses included). */
  daily: z.array(DailyPointSchema),
});
export type SlaMetrics = z.infer<typeof SlaMetricsSchema>;
