/**
 * Draft.js (legacy X DMs). Its paste handler inserts at the caret it keeps in its model, also while
 * blurred, so no focus first (Draft clears the DOM selection on blur, and focusing would put the caret at
 * the start). execCommand would duplicate text in an empty Draft editor (facebookarchive/draft-js#36).
 */
import { editorText } from './contenteditable';
import type { EditorEngine } from './insert';
import { insertByPaste } from './lexical';

export const draftEngine: EditorEngine = {
  name: 'draft',
  text: editorText,
  prepare: () => null,
  methods: [insertByPaste],
};
