/**
 * Shortcuts typed in the composer (issue #17), pure logic: which typed token before the caret is a
 * shortcut, or the beginning of some. No DOM here (the caret and the editor are utils/platforms/editors/trigger.ts).
 */

/** The trigger characters a person can choose in Settings; `;` by default. */
export const TRIGGERS = [';', '/', '\\', '::'] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const DEFAULT_TRIGGER: Trigger = ';';

/** A shortcut is letters, digits, `-` and `_` (any script: `;grüße` and `;спасибо` work too). */
const NAME = /^[\p{L}\p{N}_-]+$/u;
const NAME_TAIL = /[\p{L}\p{N}_-]*$/u;
/** What may stand right before the trigger: nothing, or whitespace. `e-mail;thanks` is part of a word. */
const BOUNDARY = /^$|\s$/u;

/** What the content script knows of a template: never its body. */
/** Why a typed shortcut expands to nothing: its template is gone (or not for this platform), it names an unknown variable, or the tab shows another conversation. */
export const EXPANSION_REFUSALS = ['template-gone', 'unknown-variable', 'conversation-changed'] as const;

export type ShortcutEntry = { templateId: string; shortcut: string; title: string };

/**
 * A template's shortcut as typed after the trigger: the stored value without a leading trigger some
 * packs include (`/thanks`, `;thanks`), or undefined when it is not a valid shortcut name.
 */
export function shortcutName(stored: string | undefined): string | undefined {
  if (!stored) return undefined;
  const trimmed = stored.trim();
  const trigger = TRIGGERS.find((t) => trimmed.startsWith(t) && trimmed.length > t.length);
  const name = trigger ? trimmed.slice(trigger.length) : trimmed;
  return NAME.test(name) ? name : undefined;
}

/** The token being typed right before the caret: the trigger and what follows it. */
export type TypedToken = {
  /** What follows the trigger (may be empty right after typing the trigger). */
  name: string;
  /** Characters before the caret the token takes (trigger included): the range an expansion replaces. */
  length: number;
};

/** The trigger token that ends `beforeCaret`, if any: `hi ;tha` → { name: 'tha', length: 4 }. */
export function tokenBeforeCaret(beforeCaret: string, trigger: Trigger): TypedToken | undefined {
  const name = NAME_TAIL.exec(beforeCaret)?.[0] ?? '';
  const head = beforeCaret.slice(0, beforeCaret.length - name.length);
  if (!head.endsWith(trigger)) return undefined;
  const before = head.slice(0, head.length - trigger.length);
  // `::` also ends `a::b`, and `;;` is no trigger followed by a name: the character before must be a boundary.
  if (!BOUNDARY.test(before.slice(-1))) return undefined;
  return { name, length: trigger.length + name.length };
}

const fold = (name: string) => name.toLocaleLowerCase();

/** The shortcut `token` spells completely (case-insensitive), if any. */
export function completeMatch(
  token: TypedToken | undefined,
  entries: readonly ShortcutEntry[],
): ShortcutEntry | undefined {
  if (!token?.name) return undefined;
  const typed = fold(token.name);
  return entries.find((entry) => fold(entry.shortcut) === typed);
}

/** Shortcuts that begin with what was typed after the trigger (exact match first, then shortest), at most `limit`. */
export function prefixMatches(
  token: TypedToken | undefined,
  entries: readonly ShortcutEntry[],
  limit = 8,
): ShortcutEntry[] {
  if (!token) return [];
  const typed = fold(token.name);
  return entries
    .filter((entry) => fold(entry.shortcut).startsWith(typed))
    .sort((a, b) => a.shortcut.length - b.shortcut.length || a.shortcut.localeCompare(b.shortcut))
    .slice(0, limit);
}
