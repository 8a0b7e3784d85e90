import { z } from 'zod';
import { PLATFORMS } from '../platforms/sites';
import { DEFAULT_TRIGGER, TRIGGERS } from './match';

export { SHORTCUT_SETTINGS_KEY } from './content-wire';

export const ShortcutSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  trigger: z.enum(TRIGGERS),
  /** Per platform; a platform missing here is on. */
  platforms: z.partialRecord(z.enum(PLATFORMS), z.boolean()),
});
export type ShortcutSettings = z.infer<typeof ShortcutSettingsSchema>;

export const DEFAULT_SHORTCUT_SETTINGS: ShortcutSettings = { enabled: true, trigger: DEFAULT_TRIGGER, platforms: {} };

/** Stored settings, or the defaults when nothing (or something unreadable) is stored: never a broken state. */
export function readShortcutSettings(stored: unknown): ShortcutSettings {
  const parsed = ShortcutSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SHORTCUT_SETTINGS;
}
