import { describe, expect, it } from 'vitest';
import { createTemplate } from '@/utils/db/operations';
import { expandShortcut, shortcutList } from '@/utils/shortcuts/library';
import { DEFAULT_SHORTCUT_SETTINGS, readShortcutSettings } from '@/utils/shortcuts/settings';
import { ShortcutListSchema } from '@/utils/shortcuts/wire';
import { trackPageReport } from '@/utils/sla/tracking';
import { freshDatabase, threadSnapshot } from '../db/helpers';

const BODY = 'Hi {{firstName}}, thanks! 🙂 Grüße';

async function library() {
  const db = freshDatabase();
  const thanks = await createTemplate(db, { title: 'Thanks', body: BODY, shortcut: 'thanks' });
  const order = await createTemplate(db, { title: 'Order', body: 'Order {{field:order}}', shortcut: '/order' });
  const typo = await createTemplate(db, { title: 'Typo', body: 'Hi {{frstName}}', shortcut: 'typo' });
  await createTemplate(db, { title: 'X only', body: 'for X', shortcut: 'xonly', platforms: ['x'] });
  await createTemplate(db, { title: 'Duplicate', body: 'second', shortcut: 'THANKS' });
  await createTemplate(db, { title: 'No shortcut', body: 'none' });
  return { db, thanks, order, typo };
}

describe('what a content script learns', () => {
  it('shortcuts and titles of the templates for its platform, each shortcut once, never a body', async () => {
    const { db } = await library();
    const list = await shortcutList(db, 'instagram', DEFAULT_SHORTCUT_SETTINGS);
    expect(
      ShortcutListSchema.parse(list)
        .shortcuts.map((entry) => entry.shortcut.toLowerCase())
        .sort(),
    ).toEqual(['order', 'thanks', 'typo']);
    expect(JSON.stringify(list)).not.toMatch(/Grüße|\{\{/);
  });

  it('nothing when shortcuts are off entirely or on that platform; stored junk means the defaults', async () => {
    const { db } = await library();
    expect((await shortcutList(db, 'instagram', { ...DEFAULT_SHORTCUT_SETTINGS, enabled: false })).shortcuts).toEqual(
      [],
    );
    const offHere = { ...DEFAULT_SHORTCUT_SETTINGS, platforms: { instagram: false } };
    expect(await shortcutList(db, 'instagram', offHere)).toMatchObject({ enabled: false, shortcuts: [] });
    expect((await shortcutList(db, 'x', offHere)).shortcuts).toHaveLength(4);
    expect(readShortcutSettings({ enabled: 'yes', trigger: '#' })).toEqual(DEFAULT_SHORTCUT_SETTINGS);
    expect(readShortcutSettings({ enabled: true, trigger: '::', platforms: {} }).trigger).toBe('::');
  });
});

describe('one expansion', () => {
  it('is the template filled for this conversation', async () => {
    const { db, thanks } = await library();
    await trackPageReport(db, threadSnapshot(), Date.now());
    expect(await expandShortcut(db, { platform: 'instagram', threadId: '111', templateId: thanks.id })).toEqual({
      kind: 'text',
      text: 'Hi Anna, thanks! 🙂 Grüße',
    });
  });

  it('goes through the panel for a person who objected to contact (its confirmation), even when complete', async () => {
    const { db, thanks } = await library();
    await trackPageReport(db, threadSnapshot(), Date.now());
    await db.contacts.toCollection().modify({ doNotContact: true });
    expect(await expandShortcut(db, { platform: 'instagram', threadId: '111', templateId: thanks.id })).toEqual({
      kind: 'ask-in-panel',
    });
  });

  it('never carries a raw {{…}}: missing values ask for the form, unknown variables and other platforms refuse', async () => {
    const { db, thanks, order, typo } = await library();
    const expand = (templateId: string, platform: 'instagram' | 'x' = 'instagram') =>
      expandShortcut(db, { platform, threadId: '111', templateId });
    // An unknown conversation: the person's name is not known either.
    expect(await expand(thanks.id)).toEqual({ kind: 'ask-in-panel' });
    expect(await expand(order.id)).toEqual({ kind: 'ask-in-panel' });
    expect(await expand(typo.id)).toEqual({ kind: 'unavailable', reason: 'unknown-variable' });
    expect(await expand('gone')).toEqual({ kind: 'unavailable', reason: 'template-gone' });
    const xOnly = (await db.templates.toArray()).find((template) => template.shortcut === 'xonly');
    expect(await expand(xOnly?.id ?? '')).toEqual({ kind: 'unavailable', reason: 'template-gone' });
    expect(await expand(xOnly?.id ?? '', 'x')).toEqual({ kind: 'text', text: 'for X' });
  });
});
