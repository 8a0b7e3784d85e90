// zod/mini: the background and the panel parse with these schemas. Content scripts check the same shapes
// without zod, through their JSON Schemas (content-checks.ts, wire-shapes.json): zod/mini is ≈ 6 KB gz a page.
import * as z from 'zod/mini';
import { PLATFORMS } from '../platforms/sites';

/**
 * Commands the background sends to a tab's content script (browser.tabs.sendMessage). The content
 * script validates each one; the host page cannot reach this channel.
 */
export const PageCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    kind: z.literal('dms.page-command'),
    command: z.literal('insert'),
    text: z.string().check(z.minLength(1), z.maxLength(20_000)),
    /** The conversation the panel shows; nothing is inserted when the page has moved on. */
    threadId: z.string().check(z.minLength(1), z.maxLength(500)),
  }),
  z.strictObject({ kind: z.literal('dms.page-command'), command: z.literal('focus-composer') }),
  /** Open the panel if collapsed and move keyboard focus into it (the keyboard command). */
  z.strictObject({ kind: z.literal('dms.page-command'), command: z.literal('reveal-panel') }),
  z.strictObject({ kind: z.literal('dms.page-command'), command: z.literal('collapse-panel') }),
  /** To the top frame: a sub-frame (LinkedIn's interop iframe) shows a conversation surface, or no longer. */
  z.strictObject({
    kind: z.literal('dms.page-command'),
    command: z.literal('sub-frame-surface'),
    present: z.boolean(),
  }),
]);
export type PageCommand = z.infer<typeof PageCommandSchema>;

/** The background's answer to a content script's report (see RpcResponseSchema for the full form). */
export const ReportAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.strictObject({ subFrameSurface: z.boolean() }) }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);

/** The background's answer to a top frame's `panel.register` (the panel handshake). */
export const RegisterAnswerSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    // The host page's labels of the panel frame (PanelFrameLabelsSchema in protocol.ts).
    value: z.strictObject({ resize: z.string(), resizeHint: z.string(), open: z.string() }),
  }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);

/** The background's answer to the panel's `panel.claim`, checked by its first script (PanelClaimSchema in protocol.ts). */
export const ClaimAnswerSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    value: z.strictObject({
      heading: z.optional(
        z.strictObject({
          platform: z.enum(PLATFORMS),
          name: z.string().check(z.maxLength(300)),
        }),
      ),
    }),
  }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);

/** The background's answer to an `inbox.report` (issue #16): how many rows it merged. */
export const InboxAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.strictObject({ merged: z.number(), indistinct: z.number() }) }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);

/** Sent by the background to extension pages: the panel of `tabId` focuses its template search. */
export const PanelCommandSchema = z.strictObject({
  kind: z.literal('dms.panel-command'),
  command: z.literal('focus-search'),
  tabId: z.number(),
});
