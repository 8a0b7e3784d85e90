/** A React-controlled <textarea> (X Chat). */
import { compact, type EditorEngine, type InsertMethod } from './insert';

const asTextarea = (editor: HTMLElement) => editor as HTMLTextAreaElement;

/** As typing would: execCommand keeps the page's undo stack and fires real input events. */
const insertAsTyping: InsertMethod = (editor, text) => {
  editor.ownerDocument.execCommand?.('insertText', false, text);
};

/**
 * Only when typing changed nothing (jsdom, some engines): the native value setter plus an input event,
 * which React's value tracker sees as a change (assigning `.value` in the page's world would update the
 * tracker and be ignored).
 */
const insertThroughValueSetter: InsertMethod = (editor, text) => {
  const box = asTextarea(editor);
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? start;
  const value = box.value.slice(0, start) + text + box.value.slice(end);
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, value);
  box.setSelectionRange(start + text.length, start + text.length);
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
};

export const reactTextareaEngine: EditorEngine = {
  name: 'react-textarea',
  text: (editor) => asTextarea(editor).value,
  prepare(editor) {
    const box = asTextarea(editor);
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    box.focus({ preventScroll: true });
    box.setSelectionRange(start, end);
    return { start: compact(box.value.slice(0, start)).length, end: compact(box.value.slice(0, end)).length };
  },
  methods: [insertAsTyping, insertThroughValueSetter],
};
