import { z } from 'zod';
import { TemplateInputSchema } from '../db/operations';
import { ConversationStatusSchema, type Template, TemplateSchema } from '../db/schema';
import { PlatformSchema } from '../platforms/types';

/**
 * Team mode's types. Everything that comes out of the team's Y.Doc is untrusted (another member's
 * browser, or the server, wrote it): it is parsed with these schemas before it reaches Dexie.
 */

const Time = z.number().int().nonnegative();
const Name = z.string().trim().min(1).max(100);

/** `<team id>.<secret>`: the server start command makes them; the team id names the team's document. */
export const TeamTokenSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}\.[A-Za-z0-9_-]{20,200}$/, 'a team token as the server printed it');
export const teamOfToken = (token: string): string => token.slice(0, token.indexOf('.'));

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** `ws://` to this machine is for development and the e2e build only. */
export const allowLoopbackWs = () => import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'development';

/** wss:// anywhere; ws:// only to this machine and only when `allowLoopbackWs` (development and e2e builds). */
export const serverUrlSchema = (allowLoopbackWs: boolean) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((text) => {
      try {
        const url = new URL(text);
        if (url.protocol === 'wss:') return true;
        return allowLoopbackWs && url.protocol === 'ws:' && LOOPBACK_HOSTS.includes(url.hostname);
      } catch {
        return false;
      }
    }, 'server-url');

export const TeamJoinSchema = z.strictObject({
  serverUrl: z.string().trim().min(1).max(2000),
  token: TeamTokenSchema,
  displayName: Name,
});
export type TeamJoin = z.infer<typeof TeamJoinSchema>;

export const TeamConfigSchema = z.strictObject({
  serverUrl: z.string().max(2000),
  teamId: z.string().max(63),
  token: TeamTokenSchema,
  displayName: Name,
  /** Stable per browser: tells my own presence and history entries apart from a namesake's. */
  memberId: z.string().min(1).max(100),
  joinedAt: Time,
});
export type TeamConfig = z.infer<typeof TeamConfigSchema>;

export const TeamConnectionSchema = z.enum(['connecting', 'connected', 'offline', 'refused']);

export const PresenceSchema = z.strictObject({
  memberId: z.string().min(1).max(100),
  name: Name,
  /** `platform:threadId` of the conversation open in that member's panel. */
  conversationKey: z.string().min(1).max(600),
  activity: z.enum(['viewing', 'replying']),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const TeamStatusSchema = z.strictObject({
  config: TeamConfigSchema.omit({ token: true }).nullable(),
  connection: TeamConnectionSchema.nullable(),
  /** Why the server refused or the connection failed: a code the UI words in the user's language. */
  problem: z.enum(['bad-token', 'other-team', 'unreachable']).nullable(),
  lastSyncAt: Time.nullable(),
  /** Other members' presence (awareness), without mine. */
  presence: z.array(PresenceSchema),
  /** Display names of the team's members (mine included): whom a conversation can be assigned to. */
  members: z.array(Name).max(500),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export type TeamStateRow = { key: 'config'; value: TeamConfig } | { key: 'status'; value: Omit<TeamStatus, 'config'> };

/** One persisted Y.Doc update (merged into one row now and then). */
export type TeamUpdateRow = { seq?: number; update: Uint8Array };

/** Last-writer-wins fields keep who changed them and when: the conversation's history shows it. */
export const TeamHistoryEntrySchema = z.strictObject({
  id: z.string().min(1).max(100),
  conversationKey: z.string().min(1).max(600),
  field: z.enum(['status', 'assignee']),
  /** The new value; '' for "unassigned". */
  value: z.string().max(300),
  by: Name,
  at: Time,
});
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntrySchema>;

// ---- what the Y.Doc holds (JSON values in its top-level maps) ----------------------------------

export const SyncedContactSchema = z.strictObject({
  platform: PlatformSchema,
  platformId: z.string().min(1).max(500),
  displayName: z.string().min(1).max(300),
  handle: z.string().max(300).optional(),
  profileUrl: z.string().max(2000).optional(),
});
export type SyncedContact = z.infer<typeof SyncedContactSchema>;

export const SyncedConversationSchema = z.strictObject({
  platform: PlatformSchema,
  threadId: z.string().min(1).max(500),
  contactKey: z.string().min(1).max(600),
});

export const SyncedStatusSchema = z.strictObject({ value: ConversationStatusSchema, by: Name, at: Time });
export const SyncedAssigneeSchema = z.strictObject({ value: z.string().max(300), by: Name, at: Time });

export const SyncedTagSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
});

/**
 * A template of the team's library: what a member can edit in it (the template form's fields), and when.
 * Not how often this browser used it (usage count, last use) nor where a pack delivered it from: personal.
 */
export const SyncedTemplateSchema = TemplateInputSchema.extend(
  TemplateSchema.pick({ createdAt: true, updatedAt: true, editedBy: true }).shape,
);
export type SyncedTemplate = z.infer<typeof SyncedTemplateSchema>;

/** The synced part of a template row, without undefined fields (the doc stores JSON). */
export function syncedTemplate(template: Template): SyncedTemplate {
  return JSON.parse(JSON.stringify(z.object(SyncedTemplateSchema.shape).parse(template)));
}
