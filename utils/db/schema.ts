import { z } from 'zod';
import { PlatformSchema } from '../platforms/types';

/**
 * The data model. These zod schemas are the one source of the stored types: Dexie tables are typed
 * from them, the background validates every write with them, and backups are checked against them.
 * Strings carry maximum lengths so untrusted input (restores, packs) cannot balloon the database.
 */

const Id = z.string().min(1).max(100);
/** Epoch milliseconds. */
const Time = z.number().int().nonnegative();
const ShortText = z.string().max(300);

/** Keys that would reach Object.prototype when spread or assigned (JSON.parse keeps them as own keys). */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const SafeKey = z
  .string()
  .min(1)
  .max(100)
  .refine((key) => !(FORBIDDEN_KEYS as readonly string[]).includes(key), { message: 'reserved key name' });

/**
 * Data rights (issue #20): the person's documented consent to marketing messages (German UWG § 7 asks
 * for prior consent, documented), given or withdrawn, when, how and where it came from.
 */
export const ConsentSchema = z.strictObject({
  status: z.enum(['given', 'withdrawn']),
  /** When the person gave or withdrew it (epoch ms). */
  at: Time,
  /** How: in this chat, a web form, in writing, by phone, other. */
  method: z.enum(['chat', 'form', 'written', 'phone', 'other']),
  /** Free text: the campaign, the form's URL, the message's date. */
  source: z.string().max(500).default(''),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const ContactSchema = z.strictObject({
  id: Id,
  platform: PlatformSchema,
  /** Handle or profile id as the platform shows it; the display name when the page shows nothing else. */
  platformId: z.string().min(1).max(500),
  displayName: z.string().min(1).max(300),
  handle: ShortText.optional(),
  profileUrl: z.string().max(2000).optional(),
  /** Identities that share a personId are one person on several platforms. */
  personId: Id.optional(),
  /** e.g. company, order number, "consent to marketing: 2026-03-02". */
  customFields: z.record(SafeKey, z.string().max(2000)).default({}),
  /** Data rights (issue #20): the person objected (GDPR Art. 21); the panel warns before every insert. */
  doNotContact: z.boolean().optional(),
  /** Data rights (issue #20): consent to marketing messages; absent = none recorded. */
  consent: ConsentSchema.optional(),
  createdAt: Time,
  updatedAt: Time,
});
export type Contact = z.infer<typeof ContactSchema>;

export const ConversationStatusSchema = z.enum(['open', 'waiting', 'done', 'snoozed']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

export const ConversationSchema = z.strictObject({
  id: Id,
  platform: PlatformSchema,
  /** The platform's own id for the thread (unique together with platform). */
  threadId: z.string().min(1).max(500),
  contactId: Id,
  status: ConversationStatusSchema,
  /** Tag ids. */
  tags: z.array(Id).max(100).default([]),
  assignee: ShortText.optional(),
  /** The customer's oldest message not yet answered ("waiting since"); absent when nothing waits. */
  waitingSince: Time.optional(),
  lastInboundAt: Time.optional(),
  lastOutboundAt: Time.optional(),
  firstResponseMs: z.number().int().nonnegative().optional(),
  slaPolicyId: Id.optional(),
  /** When the SLA's breach time falls for what is waiting (indexed: "most overdue first"). */
  nextDeadline: Time.optional(),
  snoozedUntil: Time.optional(),
  /**
   * SLA tracking (utils/sla/tracking.ts): digests of the newest message keys already seen, oldest first
   * (bounded), so that a repeated or re-virtualized report is not counted again. Never message text.
   */
  seenKeys: z.array(z.string().max(20)).max(100).optional(),
  /** When a breach of the current wait was last notified (utils/sla/alarms.ts): once per breach. */
  breachNotifiedAt: Time.optional(),
  createdAt: Time,
  updatedAt: Time,
  // ---- page clock (issue #14) ----
  /**
   * Where `waitingSince` came from (utils/time/message-times.ts); absent: observed (older data). `list`: an
   * inbox list row's label (issue #16), the latest instant it allows (`waitingSincePrecision` says how coarse).
   */
  waitingSinceSource: z.enum(['page', 'observed', 'list']).optional(),
  // ---- inbox capture (issue #16), no index: read with the conversation ----
  /** How precise a `list` time is: "3h" is relative (at least that old), "Mon" a day, "9:41 AM" the minute. */
  waitingSincePrecision: z.enum(['minute', 'day', 'relative']).optional(),
  /** Known only from an inbox list: its thread was never read (cleared by the first thread report). */
  listOnly: z.literal(true).optional(),
  /** The list row this conversation was linked to where rows have no link (utils/inbox/merge.ts rowKey). */
  inboxKey: z.string().max(100).optional(),
  /** The list showed it unread when last seen (reading is not answering: shown besides). */
  unread: z.boolean().optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const TagSchema = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(60),
  /** Lower-cased name: tag names are unique regardless of case. */
  nameKey: z.string().min(1).max(60),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour like #4f46e5'),
  slaPolicyId: Id.optional(),
  createdAt: Time,
});
export type Tag = z.infer<typeof TagSchema>;

export const NoteSchema = z.strictObject({
  id: Id,
  contactId: Id,
  /** Plain text, the user's own words. */
  text: z.string().trim().min(1).max(10_000),
  createdAt: Time,
  editedAt: Time.optional(),
});
export type Note = z.infer<typeof NoteSchema>;

export const TemplateSchema = z.strictObject({
  id: Id,
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(20_000),
  shortcut: z.string().max(40).optional(),
  folder: z.string().max(100).default(''),
  tags: z.array(z.string().max(60)).max(50).default([]),
  /** Platforms it suits; empty means all. */
  platforms: z.array(PlatformSchema).max(4).default([]),
  language: z.string().max(20).optional(),
  /** The pack it came from, and its id inside that pack (stable across pack versions). */
  packId: Id.optional(),
  packTemplateId: Id.optional(),
  /**
   * Fingerprint of the content the pack delivered (utils/packs/content.ts): when the current content no
   * longer matches it, the user edited the template and a pack update never silently overwrites it.
   */
  packContentHash: z.string().max(100).optional(),
  /** Subscribed templates are read-only until forked. */
  locked: z.boolean().default(false),
  usageCount: z.number().int().nonnegative().default(0),
  lastUsedAt: Time.optional(),
  createdAt: Time,
  updatedAt: Time,
  /** Team mode: the display name of the member who last edited it (at `updatedAt`); set by the team's doc. */
  editedBy: z.string().trim().min(1).max(100).optional(),
});
export type Template = z.infer<typeof TemplateSchema>;

export const PackSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version like 1.2.0'),
  author: ShortText.optional(),
  description: z.string().max(2000).optional(),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('file'), name: z.string().max(300) }),
    z.strictObject({ kind: z.literal('url'), url: z.string().url().max(2000) }),
  ]),
  /** HTTP validators of the last applied download of a subscribed pack, for conditional update checks. */
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(100).optional(),
  installedAt: Time,
  updatedAt: Time,
});
export type Pack = z.infer<typeof PackSchema>;

/** When a customer's message was first seen and when it was answered: metadata only, never text. */
export const ResponseEventSchema = z.strictObject({
  id: Id,
  conversationId: Id,
  inboundAt: Time,
  answeredAt: Time.optional(),
  // ---- page clock (issue #14) ----
  /** Where `inboundAt` came from: the page's time label, or when it was first seen; absent: observed. */
  inboundSource: z.enum(['page', 'observed']).optional(),
});
export type ResponseEvent = z.infer<typeof ResponseEventSchema>;
/** page: a message's time label pinned it to the minute; observed: first seen (the wait is at least that). */
export type TimeSource = NonNullable<ResponseEvent['inboundSource']>;

export const SlaPolicySchema = z.strictObject({
  id: Id,
  name: z.string().min(1).max(100),
  targetMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 30),
  breachMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 30),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

const ClockTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time like 09:00');

const isTimeZone = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** When the SLA clock runs: the same hours on each listed day, in one time zone (no overnight spans). */
export const BusinessHoursSchema = z
  .strictObject({
    /** IANA time zone the hours are meant in, e.g. Europe/Berlin. */
    timeZone: z.string().min(1).max(100).refine(isTimeZone, 'an IANA time zone like Europe/Berlin'),
    /** Days of the week, 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    /** Local start and end, "HH:MM" (end may be "24:00"). */
    from: ClockTime,
    to: ClockTime,
  })
  .refine((hours) => hours.from < hours.to, { message: 'the end must come after the start', path: ['to'] });
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

export const SettingsSchema = z.strictObject({
  myName: z.string().max(200).default(''),
  signature: z.string().max(2000).default(''),
  slaPolicies: z.array(SlaPolicySchema).max(50),
  defaultSlaPolicyId: Id,
  notifications: z.boolean().default(false),
  /** 'auto' follows the browser's language. */
  language: z.enum(['auto', 'en', 'de']).default('auto'),
  /** SLA policy per platform, used when neither the conversation nor one of its tags names one. */
  platformSlaPolicies: z.partialRecord(PlatformSchema, Id).optional(),
  /** The SLA clock runs only inside these hours; absent: around the clock. */
  businessHours: BusinessHoursSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  myName: '',
  signature: '',
  slaPolicies: [
    { id: 'customer-service', name: 'Customer service', targetMinutes: 120, breachMinutes: 240 },
    { id: 'sales', name: 'Sales', targetMinutes: 24 * 60, breachMinutes: 48 * 60 },
    { id: 'general', name: 'General', targetMinutes: 24 * 60, breachMinutes: 24 * 60 },
    // Facebook shows "Very responsive to messages" for a 15-minute response time.
    { id: 'facebook-very-responsive', name: 'Facebook very responsive', targetMinutes: 15, breachMinutes: 15 },
  ],
  defaultSlaPolicyId: 'customer-service',
  notifications: false,
  language: 'auto',
  platformSlaPolicies: {},
  // businessHours: absent, the SLA clock runs around the clock until the user sets hours.
};

export const newId = (): string => crypto.randomUUID();

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The update form of an object schema: every field optional and without its default, so a field the
 * patch leaves out keeps its stored value (zod's own `.partial()` would fill in the defaults: a
 * patch of the status alone would empty the tags).
 */
export function patchOf<Shape extends z.ZodRawShape>(object: z.ZodObject<Shape>) {
  const fields = Object.entries(object.shape).map(([key, field]) => [
    key,
    (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
  ]);
  return z.strictObject(Object.fromEntries(fields) as { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> });
}
