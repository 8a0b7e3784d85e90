import { z } from 'zod';
import { RpcErrorWireSchema } from '../errors';

/** The long operations that run as background jobs (issue #15 point 4); one of each kind at a time. */
export const JobKindSchema = z.enum(['backup.restore', 'packs.import']);
export type JobKind = z.infer<typeof JobKindSchema>;

export const JobSchema = z.strictObject({
  id: z.string(),
  kind: JobKindSchema,
  state: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  /** Rows written of the rows to write; total 0 while the input is still being checked. */
  progress: z.strictObject({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** What was written (success only): counts per table or kind of change, and names (a pack's id, version). */
  result: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  error: RpcErrorWireSchema.optional(),
});
export type Job = z.infer<typeof JobSchema>;
