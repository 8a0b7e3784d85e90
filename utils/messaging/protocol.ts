import { z } from 'zod';
import { MAX_UPLOAD_PARTS, UPLOAD_PART_CHARS } from '../db/backup-upload';
import {
  ContactPatchSchema,
  ConversationPatchSchema,
  NoteInputSchema,
  SettingsPatchSchema,
  TagInputSchema,
  TagPatchSchema,
  TemplateInputSchema,
  TemplatePatchSchema,
} from '../db/operations';
import {
  ContactSchema,
  ConversationSchema,
  NoteSchema,
  PackSchema,
  SettingsSchema,
  TagSchema,
  TemplateSchema,
} from '../db/schema';
import { ContactViewSchema, ConversationRowSchema, ConversationViewSchema } from '../db/views';
import { PersonExportSchema } from '../export/person';
import { ExportMetaSchema, ExportSelectionSchema } from '../packs/export';
import { PackFileSchema } from '../packs/format';
import {
  ApplyOptionsSchema,
  ImportPlanSchema,
  ImportResultSchema,
  ResolutionsSchema,
  UnsubscribeResultSchema,
} from '../packs/import';
import { InboxReportSchema, InsertResultSchema, PageSnapshotSchema, PlatformSchema } from '../platforms/types';
import {
  ShortcutExpandInputSchema,
  ShortcutExpansionSchema,
  ShortcutFailureSchema,
  ShortcutListSchema,
} from '../shortcuts/wire';
import { SlaMetricsSchema } from '../sla/metrics-wire';
import { TeamHistoryEntrySchema, TeamJoinSchema, TeamStatusSchema } from '../sync/schema';
import { RpcErrorWireSchema } from './errors';
import { JobKindSchema, JobSchema } from './jobs/schema';

/**
 * Who may make a call. Content scripts run inside the host page's renderer, which a compromised page
 * could drive, so they may only report what they see. Extension pages (panel, dashboard, popup) may do
 * everything.
 */
export type Caller = 'content' | 'extension';

type RpcDefinition = { input: z.ZodType; output: z.ZodType; callers: readonly Caller[] };
const rpc = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, callers: readonly Caller[]) => ({
  input,
  output,
  callers,
});
const EXTENSION: readonly Caller[] = ['extension'];
const Id = z.string().min(1).max(100);
const byId = z.strictObject({ id: Id });
const updateOf = <P extends z.ZodType>(patch: P) => z.strictObject({ id: Id, patch });

const ApplyInputSchema = z.strictObject({
  plan: ImportPlanSchema,
  resolutions: ResolutionsSchema,
  options: ApplyOptionsSchema.optional(),
});

/** The words of the host page's controls around the panel frame, in the person's language (utils/content/panel-frame.ts). */
export const PanelFrameLabelsSchema = z.strictObject({
  resize: z.string().max(200),
  resizeHint: z.string().max(200),
  open: z.string().max(200),
});
export type PanelFrameLabels = z.infer<typeof PanelFrameLabelsSchema>;

/**
 * The claim's answer: the conversation's person when the panel will show one, for the panel's first
 * script (entrypoints/panel/first-paint.ts) to paint into the skeleton before the app has loaded.
 */
export const PanelClaimSchema = z.strictObject({
  heading: z.strictObject({ platform: PlatformSchema, name: z.string().max(300) }).optional(),
});
export type PanelClaim = z.infer<typeof PanelClaimSchema>;

/** The panel handshake's key (crypto.randomUUID in the content script). */
const PanelKeySchema = z.string().min(32).max(64);

/** Every request/response call to the background: name → input schema, output schema, allowed callers. */
export const RPC = {
  /** A content script's view of its page changed. The answer tells a top frame whether one of its
   * sub-frames (LinkedIn's interop iframe) shows a conversation surface (see ReportAnswerSchema). */
  'page.report': rpc(PageSnapshotSchema, z.strictObject({ subFrameSurface: z.boolean() }), ['content']),
  /** A content script's conversation list changed (issue #16): its rendered rows, merged into conversations. */
  'inbox.report': rpc(InboxReportSchema, z.strictObject({ merged: z.number(), indistinct: z.number() }), ['content']),
  /** The panel asks its tab's content script to fill the composer (never to send). */
  'composer.insert': rpc(
    z.strictObject({ text: z.string().min(1).max(20_000), threadId: z.string().min(1).max(500) }),
    InsertResultSchema,
    EXTENSION,
  ),
  /** The panel's own collapse button: the content script shrinks it to a slim tab. */
  'panel.collapse': rpc(z.null(), z.boolean(), EXTENSION),
  /** Escape in the panel: the caret goes back to the native composer. */
  'composer.focus': rpc(z.null(), z.boolean(), EXTENSION),
  'contacts.update': rpc(updateOf(ContactPatchSchema), ContactSchema, EXTENSION),
  /** "Forget this person": the contact and everything attached to it. */
  'contacts.delete': rpc(byId, z.null(), EXTENSION),
  'conversations.update': rpc(updateOf(ConversationPatchSchema), ConversationSchema, EXTENSION),
  /** "Remind me": the conversation leaves the open list until then, and comes back with a notification. */
  'conversations.snooze': rpc(
    z.strictObject({
      id: Id,
      until: z.union([z.enum(['in-1-hour', 'tomorrow-9', 'in-3-days']), z.strictObject({ local: z.string().max(20) })]),
    }),
    ConversationSchema,
    EXTENSION,
  ),
  'tags.create': rpc(TagInputSchema, TagSchema, EXTENSION),
  'tags.update': rpc(updateOf(TagPatchSchema), TagSchema, EXTENSION),
  'tags.delete': rpc(byId, z.null(), EXTENSION),
  'notes.add': rpc(NoteInputSchema, NoteSchema, EXTENSION),
  'notes.update': rpc(z.strictObject({ id: Id, text: NoteSchema.shape.text }), NoteSchema, EXTENSION),
  'notes.delete': rpc(byId, z.null(), EXTENSION),
  'templates.create': rpc(TemplateInputSchema, TemplateSchema, EXTENSION),
  'templates.update': rpc(updateOf(TemplatePatchSchema), TemplateSchema, EXTENSION),
  'templates.delete': rpc(byId, z.null(), EXTENSION),
  /** Undo of a delete: the template comes back as it was, usage and all. */
  'templates.restore': rpc(TemplateSchema, TemplateSchema, EXTENSION),
  'templates.markUsed': rpc(byId, z.null(), EXTENSION),
  'settings.update': rpc(SettingsPatchSchema, SettingsSchema, EXTENSION),
  /** A pack file's text, checked completely in the background; nothing is written before `packs.apply`. */
  'packs.previewFile': rpc(
    z.strictObject({ text: z.string(), fileName: z.string().max(300) }),
    ImportPlanSchema,
    EXTENSION,
  ),
  /** Subscribing: the page has asked for the URL's host permission (on the click) before calling this. */
  'packs.previewUrl': rpc(z.strictObject({ url: z.string().max(2000) }), ImportPlanSchema, EXTENSION),
  /** Applies a small pack in the call (the first run's samples); the dashboard imports files with `packs.import`. */
  'packs.apply': rpc(ApplyInputSchema, ImportResultSchema, EXTENSION),
  /** Starts applying a previewed pack as a background job (answered at once, follow it with `jobs.latest`). */
  'packs.import': rpc(ApplyInputSchema, JobSchema, EXTENSION),
  'packs.checkUpdate': rpc(
    byId,
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('not-modified') }),
      z.strictObject({ kind: z.literal('fetched'), plan: ImportPlanSchema }),
    ]),
    EXTENSION,
  ),
  'packs.export': rpc(
    z.strictObject({ meta: ExportMetaSchema, selection: ExportSelectionSchema }),
    PackFileSchema,
    EXTENSION,
  ),
  'packs.unsubscribe': rpc(z.strictObject({ id: Id, keepTemplates: z.boolean() }), UnsubscribeResultSchema, EXTENSION),
  /** A subscribed (read-only) template copied into the user's own library. */
  'templates.fork': rpc(byId, TemplateSchema, EXTENSION),
  'metrics.compute': rpc(
    z.strictObject({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
    SlaMetricsSchema,
    EXTENSION,
  ),
  // ---- data rights (issue #20) ----
  /** "Export everything about this person" (GDPR Art. 15): the contact and every linked identity. */
  'contacts.export': rpc(byId, PersonExportSchema, EXTENSION),
  // ---- end of issue #20 ----
  /** One part of a backup file's text (utils/db/backup-upload.ts); the same part again replaces it. */
  'backup.upload': rpc(
    z.strictObject({
      uploadId: z.uuid(),
      index: z
        .number()
        .int()
        .min(0)
        .max(MAX_UPLOAD_PARTS - 1),
      count: z.number().int().min(1).max(MAX_UPLOAD_PARTS),
      part: z.string().max(UPLOAD_PART_CHARS),
    }),
    z.null(),
    EXTENSION,
  ),
  /**
   * Starts restoring the uploaded file as a background job (answered at once, follow it with `jobs.latest`);
   * the job checks the file completely before anything is written.
   */
  'backup.restore': rpc(
    z.strictObject({ uploadId: z.uuid(), mode: z.enum(['merge', 'replace']) }),
    JobSchema,
    EXTENSION,
  ),
  /** A kind's latest job (running, or how it ended), for any page: a reopened dashboard finds it. */
  'jobs.latest': rpc(z.strictObject({ kind: JobKindSchema }), JobSchema.nullable(), EXTENSION),
  // ---- page health (issue #13: visible degradation) ----
  /** The panel gave up waiting for its tab's page to settle: the background notes it for Page health. */
  'page.stalled': rpc(z.null(), z.null(), EXTENSION),
  // ---- team mode (utils/sync/) ----
  'team.join': rpc(TeamJoinSchema, TeamStatusSchema, EXTENSION),
  /** Keeps the team's conversations, notes and tags as my own, or deletes them from this browser. */
  'team.leave': rpc(z.strictObject({ keepLocalCopy: z.boolean() }), z.null(), EXTENSION),
  /** The panel of the caller's tab shows this conversation (null: none); renewed while it stays open. */
  'team.presence': rpc(
    z.strictObject({ platform: PlatformSchema, threadId: z.string().min(1).max(500) }).nullable(),
    z.null(),
    EXTENSION,
  ),
  /** The content script saw typing in its page's composer (never what was typed). */
  'team.typing': rpc(z.null(), z.null(), ['content']),
  // ---- panel handshake (issue #15 point 2, utils/messaging/panel-keys.ts) ----
  /** A tab's top frame made a new key for the panel it creates. */
  'panel.register': rpc(z.strictObject({ key: PanelKeySchema }), PanelFrameLabelsSchema, ['content']),
  /** A panel frame shows the key it was given; only then does it see the tab's data. */
  'panel.claim': rpc(z.strictObject({ key: PanelKeySchema }), PanelClaimSchema, EXTENSION),
  // ---- shortcuts typed in the composer (issue #17) ----
  /** A content script learns its platform's shortcuts and titles, never a template body. */
  'shortcuts.list': rpc(z.strictObject({ platform: PlatformSchema }), ShortcutListSchema, ['content']),
  /** The filled text for one expansion in the sender's conversation; missing values open the panel's form. */
  'shortcuts.expand': rpc(ShortcutExpandInputSchema, ShortcutExpansionSchema, ['content']),
  /** An expansion the composer did not take: the sender's panel says so, in the person's language. */
  'shortcuts.failed': rpc(ShortcutFailureSchema, z.null(), ['content']),
} satisfies Record<string, RpcDefinition>;

export type RpcName = keyof typeof RPC;
export type RpcInput<N extends RpcName> = z.input<(typeof RPC)[N]['input']>;
export type RpcOutput<N extends RpcName> = z.output<(typeof RPC)[N]['output']>;

export const RpcRequestSchema = z.strictObject({
  kind: z.literal('dms.rpc'),
  name: z.string().max(100),
  input: z.unknown(),
  /** Client-generated, the same on every retry of one call: the background applies it at most once. */
  requestId: z.string().min(1).max(100).optional(),
});

export const RpcResponseSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: RpcErrorWireSchema,
  }),
]);
export type RpcResponse = z.infer<typeof RpcResponseSchema>;

// ---- live subscriptions ------------------------------------------------------------------------

/** What the in-page panel shows: its tab's page as the adapter sees it, and that conversation's data. */
export const PanelContextSchema = z.strictObject({
  page: PageSnapshotSchema.nullable(),
  view: ConversationViewSchema.nullable(),
  /** Since when (epoch ms) the page has been 'loading', when it is: the panel waits a fixed time after it. */
  loadingSince: z.number().optional(),
});
export type PanelContext = z.infer<typeof PanelContextSchema>;

type LiveDefinition = { params: z.ZodType; result: z.ZodType; callers: readonly Caller[] };
const live = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R, callers: readonly Caller[]) => ({
  params,
  result,
  callers,
});

/** Queries a page can subscribe to; the background pushes a fresh result whenever the data changes. */
export const LIVE = {
  /** Scoped to the subscriber's own tab. */
  'panel.context': live(z.null(), PanelContextSchema, EXTENSION),
  'conversation.view': live(
    z.strictObject({ platform: PlatformSchema, threadId: z.string().min(1).max(500) }),
    ConversationViewSchema.nullable(),
    EXTENSION,
  ),
  'conversations.list': live(z.null(), z.array(ConversationRowSchema), EXTENSION),
  'contact.view': live(
    z.strictObject({ contactId: z.string().min(1).max(100) }),
    ContactViewSchema.nullable(),
    EXTENSION,
  ),
  'tags.all': live(z.null(), z.array(TagSchema), EXTENSION),
  'templates.all': live(z.null(), z.array(TemplateSchema), EXTENSION),
  'packs.all': live(z.null(), z.array(PackSchema), EXTENSION),
  settings: live(z.null(), SettingsSchema, EXTENSION),
  // ---- team mode (utils/sync/) ----
  'team.status': live(z.null(), TeamStatusSchema, EXTENSION),
  /** Who changed the conversation's status and assignee, and when (oldest first). */
  'team.history': live(
    z.strictObject({ platform: PlatformSchema, threadId: z.string().min(1).max(500) }),
    z.array(TeamHistoryEntrySchema),
    EXTENSION,
  ),
} satisfies Record<string, LiveDefinition>;

export type LiveName = keyof typeof LIVE;
export type LiveParams<N extends LiveName> = z.input<(typeof LIVE)[N]['params']>;
export type LiveResult<N extends LiveName> = z.output<(typeof LIVE)[N]['result']>;

export const LIVE_PORT = 'dms.live';

export const LiveClientMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('subscribe'),
    id: z.number().int(),
    name: z.string().max(100),
    params: z.unknown(),
  }),
  z.strictObject({ kind: z.literal('unsubscribe'), id: z.number().int() }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessageSchema>;

export const LiveServerMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.strictObject({
    kind: z.literal('error'),
    id: z.number().int(),
    error: RpcErrorWireSchema,
  }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessageSchema>;
