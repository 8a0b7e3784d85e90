// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { type EditorEngine, type InsertMethod, insertChecked, readBack } from '../../../utils/platforms/editors/insert';
import type { PageSnapshot } from '../../../utils/platforms/types';

const THREAD = 'thread-1';
const snapshot = { threadId: THREAD, state: 'thread', health: { composer: 'ok' } } as unknown as PageSnapshot;

function composerWith(text: string): HTMLElement {
  const composer = document.createElement('div');
  composer.contentEditable = 'true';
  composer.textContent = text;
  document.body.append(composer);
  return composer;
}

/** An engine that appends at the end, through `method` (which stands for the editor's own way of taking text). */
const engineWith = (method: InsertMethod): EditorEngine => ({
  name: 'contenteditable',
  text: (editor) => editor.textContent ?? '',
  prepare: () => null,
  methods: [method],
});

const later = (ms: number, step: () => void) => setTimeout(step, ms);

afterEach(() => {
  document.body.replaceChildren();
});

describe('the read-back after an insert', () => {
  it('passes over a read between two steps of the editor (the old text gone, the new one not yet in)', async () => {
    const composer = composerWith('Hi ');
    const twoSteps = engineWith((editor, text) => {
      editor.textContent = '';
      later(40, () => {
        editor.textContent = `Hi ${text}`;
      });
    });
    expect(await insertChecked({ snapshot, composer }, THREAD, twoSteps, 'Anna')).toEqual({ ok: true });
  });

  it('still reports an editor that takes the text and then puts its own state back (a controlled field)', async () => {
    const composer = composerWith('Hi ');
    const reverting = engineWith((editor, text) => {
      editor.textContent = `Hi ${text}`;
      later(5, () => {
        editor.textContent = 'Hi ';
      });
    });
    expect(await insertChecked({ snapshot, composer }, THREAD, reverting, 'Anna')).toMatchObject({
      ok: false,
      reason: 'verify-failed',
    });
  });

  it('still reports a second copy that follows the first', async () => {
    const composer = composerWith('');
    const twice = engineWith((editor, text) => {
      editor.textContent = text;
      later(5, () => {
        editor.textContent = `${text}${text}`;
      });
    });
    expect(await insertChecked({ snapshot, composer }, THREAD, twice, 'Thanks!')).toMatchObject({
      reason: 'verify-failed',
    });
  });

  it('does not take a key the page dispatched for the person typing on', async () => {
    const composer = composerWith('');
    const pageTypesOn = engineWith((editor, text) => {
      editor.textContent = text;
      later(5, () => {
        editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', bubbles: true }));
        editor.textContent = `${text}P`;
      });
    });
    expect(await insertChecked({ snapshot, composer }, THREAD, pageTypesOn, 'Thanks!')).toMatchObject({
      reason: 'verify-failed',
    });
  });

  it('leaves to the person what they type or undo right after the text landed', async () => {
    for (const personActs of [true, false]) {
      let text = 'Thanks!'; // the editor took ";thanks" → "Thanks!" at once
      let acted = false;
      const landed = readBack(
        () => text,
        ';thanks',
        'Thanks!',
        { start: 0, end: 7 },
        () => acted,
      );
      later(5, () => {
        acted = personActs;
        text = ';thanks'; // Ctrl+Z, or the editor putting its own state back
      });
      expect(await landed).toBe(personActs ? 'landed' : 'mismatch');
    }
  });

  it('says when the editor never changed, so the next insert method may try', async () => {
    expect(
      await readBack(
        () => 'Hi',
        'Hi',
        'Anna',
        null,
        () => false,
      ),
    ).toBe('unchanged');
  });
});
