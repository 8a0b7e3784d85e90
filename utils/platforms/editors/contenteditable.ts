/**
 * A plain contenteditable editor (LinkedIn's message box, not Quill), and the caret handling every
 * contenteditable engine shares (Lexical's too).
 */
import type { Caret, EditorEngine, InsertMethod } from './insert';
import { compact } from './insert';

/** Chromium keeps a shadow tree's selection on its root; document.getSelection() shows only the host. */
function selectionFor(node: Node): Selection | null {
  const root = node.getRootNode() as (ShadowRoot & { getSelection?: () => Selection | null }) | Document;
  if (root instanceof ShadowRoot && typeof root.getSelection === 'function') return root.getSelection();
  return node.ownerDocument?.getSelection() ?? null;
}

/**
 * Focuses a contenteditable without losing the person's caret. A caret that is no longer inside (focus
 * moved to our panel, or the page cleared the selection) goes to the end of the draft: focus() alone
 * would put it at the start. Returns the caret as compact offsets.
 */
export function focusAtCaret(editor: HTMLElement): Caret {
  const selection = selectionFor(editor);
  if (!selection) throw new Error('The page has no selection to insert at.');
  const inside =
    selection.rangeCount > 0 && editor.contains(selection.anchorNode) && editor.contains(selection.focusNode);
  editor.focus({ preventScroll: true });
  if (!inside) {
    const doc = editor.ownerDocument;
    const end = doc.createRange();
    const walker = doc.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    let lastText: Node | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) lastText = node;
    if (lastText) end.setStart(lastText, lastText.textContent?.length ?? 0);
    else end.selectNodeContents(editor.lastElementChild ?? editor);
    end.collapse(true);
    selection.removeAllRanges();
    selection.addRange(end);
  }
  const range = selection.getRangeAt(0);
  const head = editor.ownerDocument.createRange();
  head.selectNodeContents(editor);
  head.setEnd(range.startContainer, range.startOffset);
  const start = compact(head.toString()).length;
  return { start, end: start + compact(range.toString()).length };
}

export const editorText = (editor: HTMLElement): string => editor.textContent ?? '';

/**
 * Types at the caret with execCommand, line by line with insertParagraph between lines: Chromium would
 * split on newlines itself, Firefox turns them into <br> (Briskine, 2026). LinkedIn's own paste handler
 * leaves the caret at the start (Briskine commit 01fd6fdf), so not a paste.
 */
export const insertLineByLine: InsertMethod = (editor, text) => {
  const doc = editor.ownerDocument;
  text.split('\n').forEach((line, index) => {
    if (index > 0) doc.execCommand('insertParagraph');
    if (line) doc.execCommand('insertText', false, line);
  });
};

export const contenteditableEngine: EditorEngine = {
  name: 'contenteditable',
  text: editorText,
  prepare: focusAtCaret,
  methods: [insertLineByLine],
};

/** Puts the caret back into a composer: a textarea remembers its own; a contenteditable needs help. */
export function focusComposerElement(composer: HTMLElement): boolean {
  try {
    if (composer instanceof HTMLTextAreaElement) composer.focus({ preventScroll: true });
    else focusAtCaret(composer);
    return true;
  } catch {
    return false;
  }
}
