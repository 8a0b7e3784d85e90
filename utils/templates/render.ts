/**
 * Template variables: {{firstName}}, {{lastName}}, {{fullName}}, {{handle}}, {{platform}}, {{myName}},
 * {{signature}}, {{today}}, {{field:<custom field>}}, each with an optional fallback: {{firstName|there}}.
 * A variable with no value and no fallback is reported as missing: the text is never inserted with a
 * raw {{…}} left in it.
 */

export const VARIABLE_NAMES = [
  'firstName',
  'lastName',
  'fullName',
  'handle',
  'platform',
  'myName',
  'signature',
  'today',
] as const;

export type VariableValues = Partial<Record<(typeof VARIABLE_NAMES)[number], string>> & {
  /** Contact custom fields, for {{field:<name>}}. */
  fields?: Record<string, string>;
};

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; text: string; source: 'value' | 'fallback' | 'missing' | 'unknown' };

export type Rendered = {
  /** The filled text; a missing variable leaves its raw {{…}} here, so never insert it while `missing` is non-empty. */
  text: string;
  segments: Segment[];
  /** Variable names that need a value before inserting (in order of appearance, each once). */
  missing: string[];
  /** Names that are no variable at all ({{frstName}}): shown as errors, also block inserting. */
  unknown: string[];
};

const VARIABLE = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

const isKnown = (name: string) =>
  (VARIABLE_NAMES as readonly string[]).includes(name) || /^field:[^{}|]{1,100}$/.test(name);

function variableValue(name: string, values: VariableValues): string | undefined {
  const value = name.startsWith('field:')
    ? values.fields?.[name.slice('field:'.length).trim()]
    : values[name as keyof Omit<VariableValues, 'fields'>];
  return value?.trim() ? value : undefined;
}

export function renderTemplate(body: string, values: VariableValues): Rendered {
  const segments: Segment[] = [];
  const missing = new Set<string>();
  const unknown = new Set<string>();
  let last = 0;
  for (const match of body.matchAll(VARIABLE)) {
    const [raw, rawName = '', fallback] = match;
    const name = rawName.trim();
    if (match.index > last) segments.push({ kind: 'text', text: body.slice(last, match.index) });
    last = match.index + raw.length;
    if (!isKnown(name)) {
      unknown.add(name);
      segments.push({ kind: 'variable', name, text: raw, source: 'unknown' });
      continue;
    }
    const value = variableValue(name, values);
    if (value !== undefined) segments.push({ kind: 'variable', name, text: value, source: 'value' });
    else if (fallback !== undefined) segments.push({ kind: 'variable', name, text: fallback, source: 'fallback' });
    else {
      missing.add(name);
      segments.push({ kind: 'variable', name, text: raw, source: 'missing' });
    }
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) });
  return {
    text: segments.map((segment) => segment.text).join(''),
    segments,
    missing: [...missing],
    unknown: [...unknown],
  };
}

/** First and last name from what the page shows ("Anna Maria Berger" → Anna / Berger). */
export function splitName(displayName: string): { firstName: string; lastName: string } {
  const parts = displayName.trim().split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? '', lastName: parts.length > 1 ? (parts.at(-1) ?? '') : '' };
}
