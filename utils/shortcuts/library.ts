import type { SidekickDatabase } from '../db/database';
import { readSettings } from '../db/operations';
import { conversationView } from '../db/queries';
import type { Template } from '../db/schema';
import { pickLanguage, translate } from '../i18n/strings';
import type { Platform } from '../platforms/sites';
import { renderTemplate } from '../templates/render';
import { variableValues } from '../templates/values';
import { shortcutName } from './match';
import type { ShortcutSettings } from './settings';
import type { ShortcutExpansion, ShortcutList } from './wire';

const suits = (template: Template, platform: Platform) =>
  template.platforms.length === 0 || template.platforms.includes(platform);

/**
 * The background's side of shortcuts: what a content script may know (shortcuts and titles of the
 * templates that suit its platform, the first of each shortcut) and, for one expansion, the filled text.
 */
export async function shortcutList(
  db: SidekickDatabase,
  platform: Platform,
  settings: ShortcutSettings,
): Promise<ShortcutList> {
  const on = settings.enabled && settings.platforms[platform] !== false;
  const suggestionsLabel = translate(pickLanguage((await readSettings(db)).language), 'shortcuts.suggestions');
  if (!on) return { enabled: false, trigger: settings.trigger, suggestionsLabel, shortcuts: [] };
  const seen = new Set<string>();
  const shortcuts: ShortcutList['shortcuts'] = [];
  // The oldest template keeps a shortcut that several share (ties by id): the same one on every page.
  const templates = (await db.templates.toArray()).sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
  for (const template of templates) {
    const shortcut = shortcutName(template.shortcut);
    if (!shortcut || !suits(template, platform) || seen.has(shortcut.toLocaleLowerCase())) continue;
    seen.add(shortcut.toLocaleLowerCase());
    shortcuts.push({ templateId: template.id, shortcut, title: template.title });
  }
  return { enabled: true, trigger: settings.trigger, suggestionsLabel, shortcuts };
}

/**
 * The template filled for this conversation, exactly as the panel would fill it; never with a raw
 * `{{…}}`: missing values mean the panel's form (`ask-in-panel`), unknown variables refuse.
 */
export async function expandShortcut(
  db: SidekickDatabase,
  input: { platform: Platform; threadId: string; templateId: string },
): Promise<ShortcutExpansion> {
  const template = await db.templates.get(input.templateId);
  if (!template || !shortcutName(template.shortcut) || !suits(template, input.platform)) {
    return { kind: 'unavailable', reason: 'template-gone' };
  }
  const [view, settings] = await Promise.all([conversationView(db, input.platform, input.threadId), readSettings(db)]);
  const values = variableValues(view, input.platform, settings, pickLanguage(settings.language));
  const rendered = renderTemplate(template.body, values);
  if (rendered.unknown.length) {
    return { kind: 'unavailable', reason: 'unknown-variable' };
  }
  // The panel asks first: for missing values, and to confirm writing to a person who objected to contact.
  const objected = view && [view.contact, ...view.identities].some((contact) => contact.doNotContact);
  if (rendered.missing.length || objected) return { kind: 'ask-in-panel' };
  return { kind: 'text', text: rendered.text };
}
