import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Contact, Conversation, Tag } from '@/utils/db/schema';
import { CSV_BOM, CSV_FORMATS, contactsCsv, conversationsCsv, csvCell, toCsv } from '@/utils/export/csv';

const parse = (text: string) => {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const result = Papa.parse<string[]>(text.slice(CSV_BOM.length), { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
};

const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  platform: 'instagram',
  platformId: 'joerg',
  displayName: 'Jörg Müller-Lüdenscheidt',
  handle: 'joerg',
  profileUrl: 'https://www.instagram.com/joerg/',
  customFields: {},
  createdAt: Date.UTC(2026, 0, 5),
  updatedAt: Date.UTC(2026, 0, 5),
  ...overrides,
});
const conversation = (overrides: Partial<Conversation> = {}): Conversation => ({
  id: 'v1',
  platform: 'instagram',
  threadId: 't1',
  contactId: 'c1',
  status: 'waiting',
  tags: ['tag-1'],
  assignee: 'Tom',
  lastInboundAt: Date.UTC(2026, 1, 1, 8),
  lastOutboundAt: Date.UTC(2026, 1, 1, 9, 30),
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
});
const tags: Tag[] = [{ id: 'tag-1', name: 'Größe "M", bitte', nameKey: 'x', color: '#4f46e5', createdAt: 1 }];

describe('CSV export', () => {
  it('round-trips umlauts, quotes, commas and line breaks through a real CSV parser', () => {
    const cells = ['Köln, Düsseldorf', 'she said "hi"', 'line one\nline two\r\nline three', 'plain', ''];
    const text = toCsv(['a', 'b', 'c', 'd', 'e'], [cells]);
    expect(parse(text)).toEqual([['a', 'b', 'c', 'd', 'e'], cells]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises cells a spreadsheet would run as a formula (= + - @)', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1'];
    const [, row] = parse(toCsv(['a', 'b', 'c', 'd', 'e'], [hostile]));
    expect(row).toEqual(hostile.map((cell) => `'${cell}`));
    expect(csvCell('Anna')).toBe('Anna');
  });

  it('exports conversations keyed by profile URL in each CRM column map, never message text', () => {
    const records = [
      { conversation: conversation(), contact: contact() },
      {
        conversation: conversation({
          id: 'v2',
          contactId: 'c2',
          tags: [],
          assignee: undefined,
          lastOutboundAt: undefined,
        }),
        contact: contact({
          id: 'c2',
          displayName: '=HYPERLINK("http://evil")',
          profileUrl: undefined,
          platformId: 'evil',
        }),
      },
    ];
    for (const format of Object.keys(CSV_FORMATS) as (keyof typeof CSV_FORMATS)[]) {
      const [header, first, second] = parse(conversationsCsv(records, tags, format));
      expect(header).toEqual(CSV_FORMATS[format].map(([name]) => name));
      const column = (row: string[] | undefined, field: string) =>
        row?.[CSV_FORMATS[format].findIndex(([, f]) => f === field)];
      expect(column(first, 'profileUrl')).toBe('https://www.instagram.com/joerg/');
      expect(column(second, 'profileUrl')).toBe('instagram:evil');
      expect(column(first, 'tags')).toBe('Größe "M", bitte');
      expect(column(first, 'lastContact')).toBe('2026-02-01T09:30:00.000Z');
      expect(column(first, 'owner')).toBe('Tom');
      expect(column(first, 'status')).toBe('waiting');
      expect(column(first, 'platform')).toBe('Instagram');
    }
    const [, hubspot] = parse(conversationsCsv(records, tags, 'hubspot'));
    expect(hubspot?.slice(0, 2)).toEqual(['Jörg', 'Müller-Lüdenscheidt']);
    const [, , pipedrive] = parse(conversationsCsv(records, tags, 'pipedrive'));
    expect(pipedrive?.[0]).toBe('\'=HYPERLINK("http://evil")');
  });

  it('gives one row per contact, its latest conversation standing for it', () => {
    const records = [
      {
        conversation: conversation({ id: 'old', status: 'done', lastInboundAt: 1, lastOutboundAt: 2 }),
        contact: contact(),
      },
      { conversation: conversation({ id: 'new', status: 'open' }), contact: contact() },
    ];
    const rows = parse(contactsCsv(records, tags, 'generic'));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[5]).toBe('open');
  });
});
