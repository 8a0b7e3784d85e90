/**
 * Writing into a composer: the one preflight every insert passes and the one read-back policy, for
 * every editor engine (editors/<engine>.ts). Sites and engines are separate axes (Briskine/briskine
 * src/content/editors/editor-*.js, composed by src/content/plugins/*.js): an adapter names the engine its
 * composer runs and hands the element over. Never sends.
 */
import type { InsertResult, PageSnapshot } from '../types';

/** One way of asking an editor to insert text at its caret (editors honour different ones). */
export type InsertMethod = (editor: HTMLElement, text: string) => void;

/** A caret as offsets into the editor's compact text (see `compact`). */
export type Caret = { start: number; end: number };

export interface EditorEngine {
  readonly name: 'lexical' | 'draft' | 'react-textarea' | 'contenteditable';
  /** The editor's text as the page shows it. */
  text(editor: HTMLElement): string;
  /**
   * Gets the editor ready to take text at the person's caret (or at the end when the caret is elsewhere)
   * and returns that caret; null when the engine keeps its caret in its own model (then anywhere counts).
   */
  prepare(editor: HTMLElement): Caret | null;
  /** Tried in order until one changes the editor; one that changed anything is never followed by another. */
  methods: readonly InsertMethod[];
}

/**
 * Editors render line breaks differently (<br>, <p>, "\n") and keep edge spaces as no-break spaces, so
 * the read-back compares text without whitespace: it still catches a lost line, a second copy and a
 * cleared draft.
 */
export const compact = (text: string): string => text.replace(/[\s\u200b\ufeff]+/g, '');

/**
 * The read-back policy: `after` is `before` with exactly `inserted` at the caret (replacing its
 * selection), all compact; with no caret known, at some one place.
 */
export function landedOnce(before: string, after: string, inserted: string, caret: Caret | null): boolean {
  if (caret) return after === before.slice(0, caret.start) + inserted + before.slice(caret.end);
  if (after.length !== before.length + inserted.length) return false;
  for (let at = 0; at <= before.length; at++) {
    if (after.startsWith(before.slice(0, at)) && after.startsWith(inserted, at) && after.endsWith(before.slice(at))) {
      return true;
    }
  }
  return false;
}

/** How long an editor may take to apply an insertion before it counts as ignored. */
const APPLY_TIMEOUT_MS = 250;
const POLL_MS = 25;
const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/**
 * Whether the person has pressed a key in `composer` since this was called (a trusted keydown: the page
 * cannot make one, and our own insert methods make none). `stop` removes the listener.
 */
function watchPerson(composer: HTMLElement): { acted: () => boolean; stop: () => void } {
  let acted = false;
  const doc = composer.ownerDocument;
  const onKey = (event: KeyboardEvent) => {
    // The first of the composed path: a composer inside a shadow root (X Chat) is retargeted to its host.
    const target = event.composedPath()[0];
    if (event.isTrusted && target instanceof Node && composer.contains(target)) acted = true;
  };
  doc.addEventListener('keydown', onKey, true);
  return { acted: () => acted, stop: () => doc.removeEventListener('keydown', onKey, true) };
}

/**
 * Reads the editor back until it shows `inserted` landed once (`landedOnce`), then once more a moment
 * later: the text must still stand so (an editor that reverts it, a second copy) unless the person pressed
 * a key meanwhile. Right after the text lands they may type on or undo (a shortcut expands mid-typing, and
 * a loaded machine's next poll comes late): what they do then is theirs, not a failed insert. A read
 * between two steps of the editor (the selection deleted, the text not yet in) is passed over.
 * 'unchanged' when the editor never changed.
 */
export async function readBack(
  read: () => string,
  before: string,
  inserted: string,
  caret: Caret | null,
  personActed: () => boolean,
): Promise<'landed' | 'mismatch' | 'unchanged'> {
  let changed = false;
  for (let waited = 0; waited <= APPLY_TIMEOUT_MS; waited += POLL_MS) {
    const now = read();
    if (now !== before) {
      changed = true;
      if (landedOnce(before, now, inserted, caret)) {
        await pause();
        return landedOnce(before, read(), inserted, caret) || personActed() ? 'landed' : 'mismatch';
      }
    }
    await pause();
  }
  return changed ? 'mismatch' : 'unchanged';
}

// Reason codes only: the panel words them in the person's language (insert.<reason>).
const REFUSED = {
  changed: { ok: false, reason: 'conversation-changed' },
  ambiguous: { ok: false, reason: 'composer-ambiguous' },
  missing: { ok: false, reason: 'composer-missing' },
  mismatch: { ok: false, reason: 'verify-failed', detail: 'the message box did not take the text exactly' },
  ignored: { ok: false, reason: 'verify-failed', detail: 'the message box ignored the text' },
} as const satisfies Record<string, InsertResult>;

export const CONVERSATION_CHANGED: InsertResult = REFUSED.changed;
/** Every method left the editor as it was: nothing landed, so another try cannot make a second copy. */
export const EDITOR_IGNORED: InsertResult = REFUSED.ignored;

/** What an adapter read when an insert arrived: the surface's snapshot and its composer element. */
export interface InsertTarget {
  snapshot: PageSnapshot;
  composer: HTMLElement | null;
  /** Other thread ids the surface answers to (a URL the site rewrote in place); the snapshot's own always. */
  answersTo?: (threadId: string) => boolean;
}

/**
 * The preflight (still the conversation the panel asked for, a thread and not a gate or a request,
 * exactly one composer), then the insertion exactly once, verified by reading the editor back.
 * Never throws.
 */
export async function insertChecked(
  target: InsertTarget | null,
  expectedThreadId: string,
  engine: EditorEngine,
  text: string,
): Promise<InsertResult> {
  if (!target) return REFUSED.changed;
  const { snapshot, composer } = target;
  if (snapshot.threadId !== expectedThreadId && !target.answersTo?.(expectedThreadId)) return REFUSED.changed;
  if (snapshot.state !== 'thread') {
    return { ok: false, reason: 'not-a-thread', detail: snapshot.state };
  }
  if (snapshot.health.composer === 'ambiguous') return REFUSED.ambiguous;
  if (!composer || snapshot.health.composer === 'missing') return REFUSED.missing;
  try {
    const read = () => compact(engine.text(composer));
    const caret = engine.prepare(composer);
    const before = read();
    const person = watchPerson(composer);
    try {
      for (const insert of engine.methods) {
        insert(composer, text);
        const outcome = await readBack(read, before, compact(text), caret, person.acted);
        if (outcome !== 'unchanged') return outcome === 'landed' ? { ok: true } : REFUSED.mismatch;
      }
    } finally {
      person.stop();
    }
    return REFUSED.ignored;
  } catch (error) {
    return { ok: false, reason: 'verify-failed', detail: String((error as Error)?.message ?? error).slice(0, 500) };
  }
}
