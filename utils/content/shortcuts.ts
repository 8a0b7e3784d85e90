import { browser } from 'wxt/browser';
import { CONTENT_CHECKS } from '../messaging/content-checks';
import { request } from '../messaging/content-client';
import type { WireCheck } from '../messaging/wire-check';
import { EDITOR_IGNORED, insertChecked } from '../platforms/editors/insert';
import {
  activeComposer,
  collapseToEnd,
  composerHolding,
  focusedComposer,
  replacingRange,
  selectBeforeCaret,
  selects,
  standsAtCaret,
  textBeforeCaret,
} from '../platforms/editors/trigger';
import type { InsertResult, PlatformAdapter } from '../platforms/types';
import {
  completeMatch,
  prefixMatches,
  type ShortcutEntry,
  type TypedToken,
  tokenBeforeCaret,
} from '../shortcuts/match';
import { SHORTCUT_SETTINGS_KEY } from '../shortcuts/settings-key';
import type { SidekickContext } from './private-context';
import { ShortcutPopover } from './shortcut-popover';

type ShortcutList =
  typeof CONTENT_CHECKS.ShortcutListAnswer extends WireCheck<infer A>
    ? A extends { ok: true; value: infer V }
      ? V
      : never
    : never;

/** Keys that end a shortcut: Space, Tab and Enter, without modifiers (Shift+Enter is a new line, never ours). */
const endsShortcut = (event: KeyboardEvent) =>
  (event.key === ' ' || event.key === 'Tab' || event.key === 'Enter') &&
  !event.shiftKey &&
  !event.ctrlKey &&
  !event.altKey &&
  !event.metaKey;

/** Tries at writing an expansion over its shortcut (see `replace`). */
const REPLACE_ATTEMPTS = 2;

const stop = (event: Event) => {
  event.preventDefault();
  event.stopImmediatePropagation();
};

export interface ShortcutHooks {
  /** The shown conversation's thread id (the page watcher's latest snapshot). */
  threadId(): string | null;
}

/**
 * Shortcuts typed in the native composer (issue #17). Knows the platform's shortcuts and titles (never
 * a body); an expansion asks the background for that one filled text and writes it through the
 * adapter's engine over the typed shortcut. Listens on the adapter's composer only, in the capture
 * phase, and acts only when a complete shortcut stands right before the caret.
 */
export function startShortcuts(ctx: SidekickContext, adapter: PlatformAdapter, hooks: ShortcutHooks) {
  let list: ShortcutList | null = null;
  let composer: HTMLElement | null = null;
  /**
   * The shortcut an expansion is on its way for: Enter must not send it meanwhile. Only while it still
   * stands before the caret: once the person cleared it and typed on, their Enter is theirs again (a slow
   * read-back under load must not swallow the next message's Send).
   */
  let expanding: string | null = null;
  /** A template waiting for the panel's form: the typed shortcut it replaces once filled. */
  let waiting: { typed: string } | null = null;
  let popover: ShortcutPopover | undefined;
  /** Escape closed the suggestions: they stay closed until the shortcut being typed is finished or left. */
  let dismissed = false;

  const refresh = () =>
    request('shortcuts.list', { platform: adapter.platform })
      .then((raw) => {
        const answer = CONTENT_CHECKS.ShortcutListAnswer.parse(raw);
        if (answer.ok) list = answer.value;
      })
      .catch((error: Error) => {
        if (!ctx.isInvalid) console.warn('DM Sidekick: could not load shortcuts:', error.message);
      });

  /**
   * Writes `text` over `typed` before the caret: the engine's own insertion, exactly once, read back.
   * null when `typed` no longer stands before the caret (the person typed on): nothing is written.
   */
  async function replace(typed: string, text: string, threadId: string): Promise<InsertResult | null> {
    for (let attempt = 1; ; attempt++) {
      const access = adapter.composerAccess?.(document) ?? null;
      const target = activeComposer(access);
      const range = target ? await selectBeforeCaret(target, typed) : null;
      if (!access || !target || !range) return null;
      // A busy page's editor can put its own selection back while it catches up with the typing (Lexical,
      // measured under CPU throttling): the text would land after the shortcut, not over it. Nothing is
      // handed over then; insertChecked runs synchronously from this check to the editor's event.
      const result = selects(target, typed)
        ? await insertChecked(access.target, threadId, replacingRange(access.engine, range), text)
        : EDITOR_IGNORED;
      // It can also drop an insertion handed to it mid-render (seen with Draft.js under load). Nothing
      // changed then either, so one more try cannot make a second copy.
      if (result !== EDITOR_IGNORED || attempt === REPLACE_ATTEMPTS) return result;
      collapseToEnd(target);
    }
  }

  async function expand(entry: ShortcutEntry, typed: string) {
    const threadId = hooks.threadId();
    if (!threadId) return;
    expanding = typed;
    try {
      const input = { platform: adapter.platform, threadId, templateId: entry.templateId };
      const answer = CONTENT_CHECKS.ShortcutExpansionAnswer.parse(await request('shortcuts.expand', input));
      if (!answer.ok) throw new Error(answer.error.message);
      const expansion = answer.value;
      if (expansion.kind === 'text') {
        const result = await replace(typed, expansion.text, threadId);
        if (!result) console.warn('DM Sidekick: the shortcut was not expanded: moved on');
        else if (!result.ok) {
          console.warn('DM Sidekick: the shortcut was not expanded:', result.reason, result.detail ?? '');
          // The person sees the typed shortcut still there: the panel tells them why.
          await request('shortcuts.failed', { ...input, typed, reason: result.reason });
        }
      } else if (expansion.kind === 'ask-in-panel') {
        // The background has opened the panel's form (keyboard focus went there); its insert replaces `typed`.
        waiting = { typed };
      } else console.warn('DM Sidekick: the shortcut was not expanded:', expansion.reason);
    } catch (error) {
      if (!ctx.isInvalid) console.warn('DM Sidekick: the shortcut was not expanded:', (error as Error).message);
    } finally {
      expanding = null;
    }
  }

  /** The token being typed before the caret, and the text it takes there. */
  function typedToken(): { token: TypedToken; typed: string } | undefined {
    const before = composer && list ? textBeforeCaret(composer) : null;
    const token = before === null || !list ? undefined : tokenBeforeCaret(before, list.trigger);
    return token && before !== null ? { token, typed: before.slice(before.length - token.length) } : undefined;
  }

  /** ↑ ↓ choose, Enter (or Tab) picks, Escape dismisses and leaves the text as typed. */
  function onSuggestionKey(event: KeyboardEvent): boolean {
    if (!popover?.isOpen || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') popover.move(event.key === 'ArrowDown' ? 1 : -1);
    else if (event.key === 'Escape') {
      dismissed = true;
      popover.hide();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const picked = popover.selected;
      const current = typedToken();
      popover.hide();
      if (picked && current) void expand(picked, current.typed);
    } else return false;
    stop(event);
    return true;
  }

  /** The Enter guard and the expansion keys: synchronous, from the composer's text and the known list. */
  function onKeyDown(event: KeyboardEvent) {
    if (!list?.enabled || event.isComposing || !composer) return;
    if (expanding !== null && event.key === 'Enter' && !event.shiftKey && standsAtCaret(composer, expanding)) {
      return stop(event);
    }
    if (onSuggestionKey(event) || !endsShortcut(event)) return;
    const current = typedToken();
    const entry = completeMatch(current?.token, list.shortcuts);
    if (!entry || !current) return;
    stop(event);
    popover?.hide();
    void expand(entry, current.typed);
  }

  /** What the open suggestions were computed for: keys that change nothing (↑ ↓) keep the choice. */
  let suggestedFor: string | undefined;

  /**
   * After each edit: the suggestions for what is being typed, if any. On keyup as well as input: Lexical
   * applies typed characters itself and cancels the native input event.
   */
  function onEdited() {
    if (!list?.enabled || !composer) return;
    // An expansion on its way replaces what is typed: nothing to suggest for it.
    if (expanding !== null) return popover?.hide();
    const current = typedToken();
    if (!current) dismissed = false;
    if (popover?.isOpen && current?.typed === suggestedFor) return;
    const matches = dismissed ? [] : prefixMatches(current?.token, list.shortcuts);
    suggestedFor = current?.typed;
    if (matches.length === 0) {
      popover?.hide();
      return;
    }
    popover ??= new ShortcutPopover(list.suggestionsLabel);
    popover.show(matches, list.trigger, composer);
  }
  const onFocusOut = () => popover?.hide();

  function detach() {
    composer?.removeEventListener('keydown', onKeyDown, true);
    composer?.removeEventListener('input', onEdited);
    composer?.removeEventListener('keyup', onEdited);
    composer?.removeEventListener('focusout', onFocusOut);
    popover?.hide();
  }

  function attach(element: HTMLElement) {
    detach();
    composer = element;
    composer.addEventListener('keydown', onKeyDown, true);
    composer.addEventListener('input', onEdited);
    composer.addEventListener('keyup', onEdited);
    composer.addEventListener('focusout', onFocusOut);
  }

  /** Focus entering the adapter's composer (re)attaches the listener there and refreshes the list. */
  function onFocusIn(event: FocusEvent) {
    const focused = event.composedPath()[0];
    if (!(focused instanceof Node)) return;
    if (composer?.contains(focused)) {
      void refresh();
      return;
    }
    const found = composerHolding(adapter.composerAccess?.(document), focused);
    if (!found) return;
    attach(found);
    void refresh();
  }

  document.addEventListener('focusin', onFocusIn, true);
  const composerAtStart = focusedComposer(adapter, document);
  if (composerAtStart) attach(composerAtStart);
  const onStorage = (changes: Record<string, unknown>) => {
    if (SHORTCUT_SETTINGS_KEY in changes) void refresh();
  };
  browser.storage.onChanged.addListener(onStorage);
  void refresh();
  ctx.onInvalidated(() => {
    document.removeEventListener('focusin', onFocusIn, true);
    detach();
    browser.storage.onChanged.removeListener(onStorage);
  });

  return {
    /**
     * The panel's filled insert while a shortcut waited for its values: it replaces the typed shortcut
     * (undefined when none waits: the adapter inserts at the caret as usual).
     */
    insertForWaiting(text: string, threadId: string): Promise<InsertResult> | undefined {
      if (!waiting) return undefined;
      const { typed } = waiting;
      waiting = null;
      return replace(typed, text, threadId).then((result) => {
        if (!result) return adapter.insertText(document, text, threadId);
        if (result.ok) adapter.focusComposer(document);
        return result;
      });
    },
  };
}
