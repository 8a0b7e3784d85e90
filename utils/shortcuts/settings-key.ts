/**
 * Shortcut settings live in extension storage (`storage.local`, which the host sites cannot read), not
 * in the database: the dashboard writes them (shape: settings.ts), the background reads them for the
 * content scripts, which only watch the key. Here, not in settings.ts or content-wire.ts, so content
 * scripts carry no zod.
 */
export const SHORTCUT_SETTINGS_KEY = 'shortcuts.settings';
