import type * as z from 'zod/mini';
import type { ShortcutExpansionAnswerSchema, ShortcutListAnswerSchema } from '../shortcuts/content-wire';
import type {
  ClaimAnswerSchema,
  InboxAnswerSchema,
  PageCommandSchema,
  RegisterAnswerSchema,
  ReportAnswerSchema,
} from './page-commands';
import { type WireShape, wireCheck } from './wire-check';
import shapes from './wire-shapes.json' with { type: 'json' };

/**
 * The checks the zod-free scripts (the content scripts, the panel's first script) apply to what the
 * background sends them: the zod schemas' JSON Schemas (wire-shapes.json, derived from them and tested
 * against them), so that no zod is bundled into them. Types are the schemas' own (type-only imports).
 */
const check = <S extends z.ZodMiniType>(name: keyof typeof shapes) =>
  wireCheck<z.infer<S>>(shapes[name] as unknown as WireShape, name);

export const CONTENT_CHECKS = {
  PageCommand: check<typeof PageCommandSchema>('PageCommand'),
  ReportAnswer: check<typeof ReportAnswerSchema>('ReportAnswer'),
  RegisterAnswer: check<typeof RegisterAnswerSchema>('RegisterAnswer'),
  InboxAnswer: check<typeof InboxAnswerSchema>('InboxAnswer'),
  ShortcutListAnswer: check<typeof ShortcutListAnswerSchema>('ShortcutListAnswer'),
  ShortcutExpansionAnswer: check<typeof ShortcutExpansionAnswerSchema>('ShortcutExpansionAnswer'),
};

/** The panel's first script's one check (entrypoints/panel/first-paint.ts). */
export const CLAIM_ANSWER = check<typeof ClaimAnswerSchema>('ClaimAnswer');
