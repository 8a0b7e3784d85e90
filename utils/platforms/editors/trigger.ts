/**
 * Shortcuts typed in the composer (issue #17), the DOM side: the text right before the caret, selecting
 * a typed shortcut so the editor engine's own insertion replaces it, and the read-back of that
 * replacement. The matching itself is pure (utils/shortcuts/match.ts).
 */
import { isRead } from '../reading';
import { deepActiveElement } from '../toolkit/read';
import type { PlatformAdapter } from '../types';
import { focusAtCaret, selectionFor } from './contenteditable';
import { type Caret, compact, type EditorEngine, type InsertTarget } from './insert';

/** What an adapter's insertText writes to, and with which engine. */
export interface ComposerAccess {
  target: InsertTarget;
  engine: EditorEngine;
}

export const withEngine = (target: InsertTarget | null, engine: EditorEngine): ComposerAccess | null =>
  target ? { target, engine } : null;

/** The composer shortcuts may act in: only while a conversation is shown and exactly one composer is found. */
export function activeComposer(access: ComposerAccess | null | undefined): HTMLElement | null {
  const { snapshot, composer } = access?.target ?? {};
  return snapshot?.state === 'thread' && isRead(snapshot.health.composer) && composer ? composer : null;
}

/**
 * The active composer when `node` (a focus or input target) lies inside it, else null: what listens in the
 * composer only (shortcuts, team mode's typing watch) attaches to, never another field of the page.
 */
export function composerHolding(access: ComposerAccess | null | undefined, node: Node): HTMLElement | null {
  const composer = activeComposer(access);
  return composer?.contains(node) ? composer : null;
}

/**
 * The adapter's composer when focus is in it already: a script that starts after the page focused it (a
 * reload into the page's own autofocus) gets no focusin for it. The page is read only when a text field
 * has focus: at a script's start, mostly nothing has.
 */
export function focusedComposer(adapter: Pick<PlatformAdapter, 'composerAccess'>, doc: Document): HTMLElement | null {
  const focused = deepActiveElement(doc);
  const typing =
    focused instanceof HTMLTextAreaElement || (focused instanceof HTMLElement && focused.isContentEditable);
  return typing ? composerHolding(adapter.composerAccess?.(doc), focused) : null;
}

const isTextarea = (element: HTMLElement): element is HTMLTextAreaElement => element instanceof HTMLTextAreaElement;

/** The collapsed caret inside a contenteditable `composer`, or null. */
function caretIn(composer: HTMLElement): Range | null {
  const selection = selectionFor(composer);
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const caret = selection.getRangeAt(0);
  return composer.contains(caret.startContainer) ? caret : null;
}

/** The caret's line: the nearest paragraph-like element inside the composer (editors keep one per line). */
function lineOf(node: Node, composer: HTMLElement): Element {
  const element = node instanceof Element ? node : node.parentElement;
  const line = element?.closest('p, li, div');
  return line && composer.contains(line) ? line : composer;
}

/**
 * What stands on the caret's line before a collapsed caret in `composer`; null when the caret is
 * elsewhere or a range is selected (then no shortcut is pending). Cheap enough for every keydown.
 */
export function textBeforeCaret(composer: HTMLElement): string | null {
  if (isTextarea(composer)) {
    const { selectionStart: start, selectionEnd: end, value } = composer;
    if (start !== end) return null;
    return value.slice(value.lastIndexOf('\n', start - 1) + 1, start);
  }
  const caret = caretIn(composer);
  if (!caret) return null;
  const head = composer.ownerDocument.createRange();
  head.setStart(lineOf(caret.startContainer, composer), 0);
  head.setEnd(caret.startContainer, caret.startOffset);
  return head.toString();
}

/**
 * Whether `typed` still stands at the caret: right before it, or selected (while it is being replaced).
 * False once the person cleared it or typed on.
 */
export function standsAtCaret(composer: HTMLElement, typed: string): boolean {
  return !!textBeforeCaret(composer)?.endsWith(typed) || selects(composer, typed);
}

/** Whether the selection in `composer` is exactly `typed` (a shortcut selected for its replacement). */
export function selects(composer: HTMLElement, typed: string): boolean {
  if (isTextarea(composer)) return composer.value.slice(composer.selectionStart, composer.selectionEnd) === typed;
  const selection = selectionFor(composer);
  return (
    !!selection && selection.rangeCount > 0 && composer.contains(selection.anchorNode) && selection.toString() === typed
  );
}

/** The text node and offset `offset` characters into `line` (in Range.toString order). */
function pointAt(line: Node, offset: number): [Text, number] | null {
  const walker = line.ownerDocument?.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  let passed = 0;
  for (let node = walker?.nextNode() as Text | null; node; node = walker?.nextNode() as Text | null) {
    if (offset < passed + node.data.length) return [node, offset - passed];
    passed += node.data.length;
  }
  return null;
}

/** Resolves once the page has seen a selection change (editors keep their own selection in sync from it). */
function selectionSeen(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', done);
      resolve();
    };
    doc.addEventListener('selectionchange', done);
    // An identical selection fires no event: do not wait for one forever.
    setTimeout(done, 100);
  });
}

/**
 * Selects `typed` right before the caret (after the panel took the focus: at the end of the draft), so
 * the engine's insertion replaces it, and waits until the editor has seen that selection (Lexical and
 * Draft.js read their own copy of it). Returns the selection as compact offsets for the read-back; null
 * when the text before the caret is not `typed` (the person typed on): then nothing is selected.
 */
export async function selectBeforeCaret(composer: HTMLElement, typed: string): Promise<Caret | null> {
  if (isTextarea(composer)) {
    const caret = composer.selectionEnd;
    const start = caret - typed.length;
    if (start < 0 || composer.value.slice(start, caret) !== typed) return null;
    composer.focus({ preventScroll: true });
    composer.setSelectionRange(start, caret);
    const startCompact = compact(composer.value.slice(0, start)).length;
    return { start: startCompact, end: startCompact + compact(typed).length };
  }
  if (!caretIn(composer)) focusAtCaret(composer);
  const caret = caretIn(composer);
  const before = textBeforeCaret(composer);
  if (!caret || before === null || !before.endsWith(typed)) return null;
  const line = lineOf(caret.startContainer, composer);
  const start = pointAt(line, before.length - typed.length);
  const selection = selectionFor(composer);
  if (!start || !selection) return null;
  const seen = selectionSeen(composer.ownerDocument);
  selection.setBaseAndExtent(start[0], start[1], caret.startContainer, caret.startOffset);
  await seen;
  const head = composer.ownerDocument.createRange();
  head.setStart(composer, 0);
  head.setEnd(start[0], start[1]);
  const startCompact = compact(head.toString()).length;
  return { start: startCompact, end: startCompact + compact(typed).length };
}

/** Collapses a selection inside `composer` to its end: the caret after what a failed try had selected. */
export function collapseToEnd(composer: HTMLElement): void {
  if (isTextarea(composer)) {
    composer.setSelectionRange(composer.selectionEnd, composer.selectionEnd);
    return;
  }
  const selection = selectionFor(composer);
  if (selection && selection.rangeCount > 0 && composer.contains(selection.focusNode)) selection.collapseToEnd();
}

/**
 * The same engine, told which range it replaces: its own insert methods (so the editor's history and
 * state take the text), read back against that range, whatever the engine knows of its caret.
 */
export const replacingRange = (engine: EditorEngine, range: Caret): EditorEngine => ({
  ...engine,
  prepare(editor) {
    engine.prepare(editor);
    return range;
  },
});
