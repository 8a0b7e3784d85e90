import { z } from 'zod';
import { INSERT_FAILURES } from '../platforms/insert-failures';
import { PlatformSchema } from '../platforms/types';
import { EXPANSION_REFUSALS, TRIGGERS } from './match';

/**
 * What crosses to a content script for shortcuts (the RPC entries in messaging/protocol.ts). The list
 * carries shortcuts and titles, never a body: the host page's renderer is not trusted with the library.
 * utils/shortcuts/content-wire.ts defines the answers as the content side checks them (through their JSON Schemas).
 */
export const ShortcutEntrySchema = z.strictObject({
  templateId: z.string().min(1).max(100),
  shortcut: z.string().min(1).max(40),
  title: z.string().max(200),
});

export const ShortcutListSchema = z.strictObject({
  /** false: shortcuts are off (entirely or on this platform); the list is then empty. */
  enabled: z.boolean(),
  trigger: z.enum(TRIGGERS),
  /** The suggestion list's accessible name, in the user's language. */
  suggestionsLabel: z.string().max(100),
  shortcuts: z.array(ShortcutEntrySchema).max(5_000),
});
export type ShortcutList = z.infer<typeof ShortcutListSchema>;

export const ShortcutExpandInputSchema = z.strictObject({
  platform: PlatformSchema,
  threadId: z.string().min(1).max(500),
  templateId: z.string().min(1).max(100),
});

/**
 * A shortcut whose text the composer did not take: the sender's panel says so (the page shows no words of
 * ours), naming it as typed (trigger included), as the composer still shows it.
 */
export const ShortcutFailureSchema = ShortcutExpandInputSchema.extend({
  typed: z.string().min(1).max(50),
  reason: z.enum(INSERT_FAILURES),
});

export const ShortcutExpansionSchema = z.discriminatedUnion('kind', [
  /** The template filled for this conversation: nothing raw left in it. */
  z.strictObject({ kind: z.literal('text'), text: z.string().min(1).max(20_000) }),
  /**
   * The panel asks first (its "Fill in before inserting" form for missing values, or the confirmation for a
   * person who objected to contact): it was told to, for this template.
   */
  z.strictObject({ kind: z.literal('ask-in-panel') }),
  /** Nothing to insert: the text stays as typed. A reason code, for the console (nothing is shown in the page). */
  z.strictObject({ kind: z.literal('unavailable'), reason: z.enum(EXPANSION_REFUSALS) }),
]);
export type ShortcutExpansion = z.infer<typeof ShortcutExpansionSchema>;
