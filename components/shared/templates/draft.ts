import { browser } from 'wxt/browser';
import type { Template } from '@/utils/db/schema';
import { type Draft, DraftSchema, draftStorageKey } from '@/utils/templates/draft';

export type { Draft };

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
 * The draft as last written: kept by the page rather than by the editor's component (the panel's sections
 * unmount while a thread switch loads), and in storage.session under this tab (the panel's frame is made
 * again after a navigation away from the messages and back, and after a reload), so that a half-written
 * template comes back after either until the browser closes.
 */
let kept: Draft | null = null;
let storageKey: Promise<string | undefined> | undefined;
const ownStorageKey = () =>
  (storageKey ??= browser.tabs
    .getCurrent()
    .then((tab) => (tab?.id === undefined ? undefined : draftStorageKey(tab.id)))
    .catch(() => undefined));

export const keptDraft = (): Draft | null => kept;

export function keepDraft(draft: Draft | null): void {
  kept = draft;
  void ownStorageKey()
    .then((key) => {
      if (!key) return;
      return draft ? browser.storage.session.set({ [key]: draft }) : browser.storage.session.remove(key);
    })
    .catch(() => undefined);
}

/** This tab's stored draft, for an editor opened with none in the page (its frame was made again). */
export async function storedDraft(): Promise<Draft | null> {
  try {
    const key = await ownStorageKey();
    if (!key) return null;
    const parsed = DraftSchema.safeParse((await browser.storage.session.get(key))[key]);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
