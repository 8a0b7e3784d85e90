import { type Language, translate } from '../i18n/strings';
import { PLATFORM_LABELS, type Platform } from '../platforms/sites';
import type { Degradation, PlatformHealth } from './page-health';

/**
 * "Copy diagnostic": a platform's latest degradation as Markdown a person can paste into a bug report.
 * Everything in it is ours (version, dates, part names, signal names) or was censored by the content
 * script before it was stored (the skeletons: tag names, roles, whitelisted attributes; no text, names
 * or ids). Dates are ISO 8601 (UTC), the same in every language.
 */
export function formatDiagnostic(
  language: Language,
  platform: Platform,
  health: PlatformHealth & { lastDegraded: Degradation },
): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const degradation = health.lastDegraded;
  const parts = degradation.parts.map(({ part, health: read }) => `${part} (${read})`).join(', ');
  const lines = [
    `## ${t('diagnostic.title')}`,
    '',
    `- ${t('diagnostic.version')}: ${degradation.version}`,
    `- ${t('diagnostic.platform')}: ${PLATFORM_LABELS[platform]} (${platform})`,
    `- ${t('diagnostic.date')}: ${new Date(degradation.at).toISOString()}`,
    `- ${t('diagnostic.cause')}: ${t(`diagnostic.cause.${degradation.cause}`)}`,
    `- ${t('diagnostic.state')}: ${degradation.state}`,
    `- ${t('diagnostic.parts')}: ${parts || t('diagnostic.none')}`,
    `- ${t('diagnostic.lastOk')}: ${health.lastOkAt === undefined ? t('diagnostic.none') : new Date(health.lastOkAt).toISOString()}`,
  ];
  for (const report of degradation.drift) {
    lines.push(
      '',
      `### ${report.part} (${report.health})`,
      '',
      `${t('diagnostic.failedSignals')}: ${report.failedSignals.join(', ') || t('diagnostic.none')}`,
    );
    if (report.skeleton) lines.push('', `${t('diagnostic.skeleton')}:`, '', '```html', report.skeleton, '```');
  }
  return `${lines.join('\n')}\n`;
}
