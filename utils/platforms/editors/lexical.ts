/** Lexical (Instagram, Messenger): measured to take a synthetic beforeinput exactly; paste as the fallback. */
import { editorText, focusAtCaret } from './contenteditable';
import type { EditorEngine, InsertMethod } from './insert';

/**
 * A synthetic `beforeinput` of type insertReplacementText carrying the text in a DataTransfer: Lexical
 * inserts it as raw text at its selection (LexicalEvents.ts → CONTROLLED_TEXT_INSERTION_COMMAND →
 * insertRawText), keeping line breaks. The data goes onto the event's own dataTransfer because Firefox
 * hands listeners an empty one otherwise (Briskine editor-beforeinput.js).
 */
export const insertByBeforeInput: InsertMethod = (editor, text) => {
  const event = new InputEvent('beforeinput', {
    inputType: 'insertReplacementText',
    dataTransfer: new DataTransfer(),
    bubbles: true,
    cancelable: true,
  });
  event.dataTransfer?.setData('text/plain', text);
  editor.dispatchEvent(event);
};

/** A synthetic paste carrying plain text: Draft.js, ProseMirror and Lexical handle it themselves. */
export const insertByPaste: InsertMethod = (editor, text) => {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
};

export const lexicalEngine: EditorEngine = {
  name: 'lexical',
  text: editorText,
  prepare: focusAtCaret,
  // Paste only if a build stops honouring the beforeinput (it is never tried after a change).
  methods: [insertByBeforeInput, insertByPaste],
};
