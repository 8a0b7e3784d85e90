import { z } from 'zod';

/** The template editor's fields while they are being written (components/shared/templates/). */
export const DraftSchema = z.strictObject({
  id: z.string().optional(),
  title: z.string(),
  body: z.string(),
  shortcut: z.string(),
  folder: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

/**
 * Where a tab's draft is kept in storage.session (the browser's memory, gone when it closes): the page
 * that writes it reads it back after its frame is made again; the background drops it with its tab.
 */
export const draftStorageKey = (tabId: number) => `template-draft:${tabId}`;
