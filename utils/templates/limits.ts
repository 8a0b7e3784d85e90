import type { ComposerKind } from '../platforms/types';

/**
 * Message length limits per composer, as data with their sources (checked 2025–2026); update here
 * when a platform changes them. The panel warns before inserting a longer text.
 */
export const COMPOSER_LIMITS: Record<ComposerKind, { limit: number; source: string }> = {
  instagram: { limit: 1_000, source: 'Instagram DM character limit, widely reported (help-center answers, 2025)' },
  messenger: { limit: 2_000, source: 'Messenger Platform send API text limit: developers.facebook.com (2025)' },
  'x-chat': { limit: 10_000, source: 'X direct messages: 10,000 characters, help.x.com "About Direct Messages"' },
  'x-legacy': { limit: 10_000, source: 'X direct messages: 10,000 characters, help.x.com "About Direct Messages"' },
  'linkedin-message': { limit: 8_000, source: 'LinkedIn messaging: 8,000 characters (linkedin.com/help, 2025)' },
  'linkedin-inmail': {
    limit: 2_000,
    source: 'LinkedIn InMail: 2,000 characters body, 200 subject (linkedin.com/help)',
  },
  'linkedin-connection-note': {
    limit: 300,
    source: 'LinkedIn invitation note: 300 characters with Premium, 200 without (linkedin.com/help, 2025)',
  },
};

/** User-perceived characters (an emoji counts once); the platforms do not document how they count emoji. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count++;
  return count;
}
