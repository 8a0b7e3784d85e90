import type { Contact, Conversation, Tag } from '../db/schema';
import { PLATFORM_LABELS } from '../platforms/sites';
import { splitName } from '../templates/render';

/**
 * CSV export of conversations and contacts for spreadsheets and CRM imports. UTF-8 with a byte order
 * mark (Excel otherwise reads "Köln" as "KÃ¶ln"), RFC 4180 quoting and CRLF line ends, and a guard
 * against formula injection. Rows are keyed by the contact's profile URL. Message text is never part
 * of it: the data model does not hold any, and notes stay out too (they are about the person, not for
 * a CRM import).
 */

export const CSV_BOM = '\uFEFF';

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised when it would start a formula, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`);
  return CSV_BOM + lines.join('');
}

/** One conversation with its contact, the facts a CRM import can use. */
export type CsvRecord = { conversation: Conversation; contact: Contact };

/** The facts a column can show. */
type Field =
  | 'profileUrl'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'handle'
  | 'platform'
  | 'tags'
  | 'status'
  | 'lastContact'
  | 'owner'
  | 'waitingSince'
  | 'firstSeen'
  | 'doNotContact'
  | 'consent';

/** Column header → fact, per target. The CRM maps use each CRM's own import field names. */
export const CSV_FORMATS = {
  generic: [
    ['Profile URL', 'profileUrl'],
    ['Name', 'name'],
    ['Handle', 'handle'],
    ['Platform', 'platform'],
    ['Tags', 'tags'],
    ['Status', 'status'],
    ['Last contact', 'lastContact'],
    ['Waiting since', 'waitingSince'],
    ['Owner', 'owner'],
    ['First seen', 'firstSeen'],
    ['Do not contact', 'doNotContact'],
    ['Marketing consent', 'consent'],
  ],
  hubspot: [
    ['First Name', 'firstName'],
    ['Last Name', 'lastName'],
    ['Website URL', 'profileUrl'],
    ['Original Source Drill-Down 1', 'platform'],
    ['Lead Status', 'status'],
    ['Last Contacted', 'lastContact'],
    ['Contact owner', 'owner'],
    ['Tags', 'tags'],
  ],
  salesforce: [
    ['First Name', 'firstName'],
    ['Last Name', 'lastName'],
    ['Website', 'profileUrl'],
    ['Lead Source', 'platform'],
    ['Lead Status', 'status'],
    ['Last Activity', 'lastContact'],
    ['Lead Owner', 'owner'],
    ['Description', 'tags'],
  ],
  pipedrive: [
    ['Name', 'name'],
    ['Profile URL', 'profileUrl'],
    ['Source', 'platform'],
    ['Labels', 'tags'],
    ['Status', 'status'],
    ['Last activity date', 'lastContact'],
    ['Owner', 'owner'],
  ],
} as const satisfies Record<string, readonly (readonly [string, Field])[]>;
export type CsvFormat = keyof typeof CSV_FORMATS;

const isoTime = (time: number | undefined) => (time === undefined ? '' : new Date(time).toISOString());

/** The profile URL, or a stable stand-in where the page showed none, so that every row has its key. */
export const profileKey = (contact: Contact) => contact.profileUrl ?? `${contact.platform}:${contact.platformId}`;

function fieldValue(field: Field, { conversation, contact }: CsvRecord, tagNames: Map<string, string>): string {
  const { firstName, lastName } = splitName(contact.displayName);
  const lastContact = Math.max(conversation.lastInboundAt ?? 0, conversation.lastOutboundAt ?? 0);
  const values: Record<Field, () => string> = {
    profileUrl: () => profileKey(contact),
    name: () => contact.displayName,
    firstName: () => firstName,
    lastName: () => lastName,
    handle: () => contact.handle ?? '',
    platform: () => PLATFORM_LABELS[contact.platform],
    tags: () =>
      conversation.tags
        .map((id) => tagNames.get(id))
        .filter(Boolean)
        .join('; '),
    status: () => conversation.status,
    lastContact: () => isoTime(lastContact || undefined),
    owner: () => conversation.assignee ?? '',
    waitingSince: () => isoTime(conversation.waitingSince),
    firstSeen: () => isoTime(contact.createdAt),
    doNotContact: () => (contact.doNotContact ? 'yes' : 'no'),
    consent: () => (contact.consent ? `${contact.consent.status} ${isoTime(contact.consent.at)}` : ''),
  };
  return values[field]();
}

/** The conversations as one CSV file in `format`, one row per conversation. */
export function conversationsCsv(records: readonly CsvRecord[], tags: readonly Tag[], format: CsvFormat): string {
  const tagNames = new Map(tags.map((tag) => [tag.id, tag.name]));
  const columns = CSV_FORMATS[format];
  return toCsv(
    columns.map(([header]) => header),
    records.map((record) => columns.map(([, field]) => fieldValue(field, record, tagNames))),
  );
}

/** One row per person's identity (contact): its most recently active conversation stands for it. */
export function contactsCsv(records: readonly CsvRecord[], tags: readonly Tag[], format: CsvFormat): string {
  const activity = ({ conversation }: CsvRecord) =>
    Math.max(conversation.lastInboundAt ?? 0, conversation.lastOutboundAt ?? 0, conversation.updatedAt);
  const latest = new Map<string, CsvRecord>();
  for (const record of records) {
    const current = latest.get(record.contact.id);
    if (!current || activity(record) > activity(current)) latest.set(record.contact.id, record);
  }
  return conversationsCsv([...latest.values()], tags, format);
}
