import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { PLATFORM_LABELS, PLATFORMS } from '@/utils/platforms/sites';
import { TRIGGERS } from '@/utils/shortcuts/match';
import {
  readShortcutSettings,
  type ShortcutSettings as Settings,
  SHORTCUT_SETTINGS_KEY,
} from '@/utils/shortcuts/settings';
import { useI18n } from '../shared/i18n';

/**
 * Settings of shortcuts typed in the composer (issue #17): on or off entirely and per platform, and the
 * trigger character. Saved at once into extension storage; open pages pick them up on the next change.
 */
export function ShortcutSettings() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState<'ok' | 'error' | null>(null);

  useEffect(() => {
    void browser.storage.local
      .get(SHORTCUT_SETTINGS_KEY)
      .then((stored) => setSettings(readShortcutSettings(stored[SHORTCUT_SETTINGS_KEY])));
  }, []);
  if (!settings) return null;

  const save = (next: Settings) => {
    setSettings(next);
    browser.storage.local.set({ [SHORTCUT_SETTINGS_KEY]: next }).then(
      () => setSaved('ok'),
      () => setSaved('error'),
    );
  };

  return (
    <fieldset className="flex max-w-2xl flex-col gap-2 rounded border border-zinc-300 p-3 dark:border-zinc-600">
      <legend className="px-1 font-medium">{t('shortcuts.heading')}</legend>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t('shortcuts.explain', { example: `${settings.trigger}thanks` })}
      </p>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => save({ ...settings, enabled: e.target.checked })}
        />
        {t('shortcuts.enabled')}
      </label>
      <label className="flex items-center gap-2">
        {t('shortcuts.trigger')}
        <select
          value={settings.trigger}
          disabled={!settings.enabled}
          onChange={(e) => save({ ...settings, trigger: e.target.value as Settings['trigger'] })}
          className="rounded border border-zinc-400 bg-transparent p-1 dark:border-zinc-500"
        >
          {TRIGGERS.map((trigger) => (
            <option key={trigger} value={trigger}>
              {trigger}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-wrap gap-3">
        {PLATFORMS.map((platform) => (
          <label key={platform} className="flex items-center gap-1">
            <input
              type="checkbox"
              disabled={!settings.enabled}
              checked={settings.platforms[platform] !== false}
              onChange={(e) =>
                save({ ...settings, platforms: { ...settings.platforms, [platform]: e.target.checked } })
              }
            />
            {t('shortcuts.onPlatform', { platform: PLATFORM_LABELS[platform] })}
          </label>
        ))}
      </div>
      {saved && (
        <p role={saved === 'ok' ? 'status' : 'alert'} className={saved === 'error' ? 'text-red-700' : ''}>
          {t(saved === 'ok' ? 'shortcuts.saved' : 'shortcuts.saveFailed')}
        </p>
      )}
    </fieldset>
  );
}
