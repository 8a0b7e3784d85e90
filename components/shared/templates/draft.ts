import type { Template } from '@/utils/db/schema';

/** The template editor's fields while they are being written. */
export type Draft = { id?: string; title: string; body: string; shortcut: string; folder: string };

export const EMPTY_DRAFT: Draft = { title: '', body: '', shortcut: '', folder: '' };

/** The editor's fields for `template`: its own (edit) or a copy's (duplicate, no id and no shortcut). */
export const draftOf = (template: Template, copySuffix?: string): Draft =>
  copySuffix === undefined
    ? {
        id: template.id,
        title: template.title,
        body: template.body,
        shortcut: template.shortcut ?? '',
        folder: template.folder,
      }
    : { title: `${template.title} ${copySuffix}`, body: template.body, shortcut: '', folder: template.folder };

/**
 * The draft as last written, kept by the page rather than by the editor's component: the panel's sections
 * unmount while a thread switch loads, and the form must come back with what was typed.
 */
let kept: Draft | null = null;
export const keptDraft = (): Draft | null => kept;
export function keepDraft(draft: Draft | null): void {
  kept = draft;
}
