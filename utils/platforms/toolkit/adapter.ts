/**
 * An adapter around one `locate`: what a site reads of its active conversation surface (the snapshot and
 * the composer element) gives the guarded read, the insert with its preflight and the focus. A site adds
 * only what it watches and which editor engine its composer runs.
 */
import { focusComposerElement } from '../editors/contenteditable';
import { type EditorEngine, type InsertTarget, insertChecked } from '../editors/insert';
import type { Platform } from '../sites';
import type { PlatformAdapter } from '../types';
import { guarded } from './read';
import { emptySnapshot } from './snapshot';

export interface SurfaceReader {
  platform: Platform;
  observationRoot: PlatformAdapter['observationRoot'];
  /** Reads the page at `url`: the active surface's snapshot and its composer (null unless unmistakable). */
  locate(doc: Document, url: URL): InsertTarget;
  /** The editor engine the composer runs. */
  engineOf(composer: HTMLElement | null): EditorEngine;
}

export function adapterAround({ platform, observationRoot, locate, engineOf }: SurfaceReader): PlatformAdapter {
  const locateNow = (doc: Document): InsertTarget | null =>
    guarded(null, () => locate(doc, new URL(doc.location.href)));
  return {
    platform,
    observationRoot,
    read: (doc, url) => guarded(emptySnapshot(platform, url, 'loading'), () => locate(doc, url).snapshot),
    insertText(doc, text, expectedThreadId) {
      const target = locateNow(doc);
      return insertChecked(target, expectedThreadId, engineOf(target?.composer ?? null), text);
    },
    focusComposer(doc) {
      const composer = locateNow(doc)?.composer;
      return !!composer && focusComposerElement(composer);
    },
  };
}
