import { z } from 'zod';

/**
 * Commands the background sends to a tab's content script (browser.tabs.sendMessage). The content
 * script validates each one; the host page cannot reach this channel.
 */
export const PageCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    kind: z.literal('dms.page-command'),
    command: z.literal('insert'),
    text: z.string().min(1).max(20_000),
    /** The conversation the panel shows; nothing is inserted when the page has moved on. */
    threadId: z.string().min(1).max(500),
  }),
  z.strictObject({ kind: z.literal('dms.page-command'), command: z.literal('focus-composer') }),
]);
export type PageCommand = z.infer<typeof PageCommandSchema>;
