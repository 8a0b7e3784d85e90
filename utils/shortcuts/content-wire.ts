import * as z from 'zod/mini';
import { INSERT_FAILURES } from '../platforms/insert-failures';
import { EXPANSION_REFUSALS, TRIGGERS } from './match';
import type { ShortcutExpansion, ShortcutList } from './wire';

export { SHORTCUT_SETTINGS_KEY } from './settings-key';

/**
 * The answers of `shortcuts.list` / `shortcuts.expand` as the content script checks them (mirrors wire.ts),
 * through their JSON Schemas (utils/messaging/content-checks.ts): content scripts bundle no zod.
 */
const RpcAnswer = <T extends z.ZodMiniType>(value: T) =>
  z.union([
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
  ]);

export const ShortcutListAnswerSchema = RpcAnswer(
  z.strictObject({
    enabled: z.boolean(),
    trigger: z.enum(TRIGGERS),
    suggestionsLabel: z.string(),
    shortcuts: z.array(
      z.strictObject({
        templateId: z.string().check(z.minLength(1), z.maxLength(100)),
        shortcut: z.string().check(z.minLength(1), z.maxLength(40)),
        title: z.string().check(z.maxLength(200)),
      }),
    ),
  }),
);

export const ShortcutExpansionAnswerSchema = RpcAnswer(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('text'), text: z.string().check(z.minLength(1), z.maxLength(20_000)) }),
    z.strictObject({ kind: z.literal('ask-in-panel') }),
    z.strictObject({ kind: z.literal('unavailable'), reason: z.enum(EXPANSION_REFUSALS) }),
  ]),
);

/**
 * The background tells the panel of `tabId` about a shortcut typed in its composer: open the "Fill in
 * before inserting" form for its template, or say that its text was not taken, and why.
 */
export const PanelShortcutCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    kind: z.literal('dms.panel-command'),
    command: z.literal('fill-template'),
    tabId: z.number(),
    templateId: z.string().check(z.minLength(1), z.maxLength(100)),
  }),
  z.strictObject({
    kind: z.literal('dms.panel-command'),
    command: z.literal('shortcut-failed'),
    tabId: z.number(),
    typed: z.string().check(z.minLength(1), z.maxLength(50)),
    reason: z.enum(INSERT_FAILURES),
  }),
]);
export type PanelShortcutCommand = z.infer<typeof PanelShortcutCommandSchema>;

// The two definitions of each answer must describe the same shape: a drift fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Answered<S extends z.ZodMiniType> =
  z.infer<S> extends infer A ? (A extends { ok: true; value: infer V } ? V : never) : never;
const listInSync: Same<Answered<typeof ShortcutListAnswerSchema>, ShortcutList> = true;
const expansionInSync: Same<Answered<typeof ShortcutExpansionAnswerSchema>, ShortcutExpansion> = true;
void [listInSync, expansionInSync];
