import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { errorText } from '@/components/shared/errorText';
import { formatDiagnostic } from '@/utils/health/diagnostic';
import { isDegraded, PAGE_HEALTH_KEY, type PageHealth, readPageHealth } from '@/utils/health/page-health';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '@/utils/platforms/sites';
import { useI18n } from '../shared/i18n';
import { PageSection } from '../shared/PageSection';

/** The background's Page health record (storage.local), kept current while the view is open. */
function usePageHealth(): PageHealth | null {
  const [health, setHealth] = useState<PageHealth | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      void readPageHealth().then((value) => {
        if (current) setHealth(value);
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && PAGE_HEALTH_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    load();
    return () => {
      current = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return health;
}

/** Per platform: last seen OK or degraded (which parts, since when), and "Copy diagnostic". */
export function PageHealthView() {
  const { t, language } = useI18n();
  const health = usePageHealth();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const when = (at: number) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const list = (items: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);

  const copy = async (platform: Platform) => {
    const entry = health?.[platform];
    if (!entry || !isDegraded(entry)) return;
    try {
      await navigator.clipboard.writeText(formatDiagnostic(language, platform, entry));
      setStatus({ kind: 'ok', text: t('health.copied', { platform: PLATFORM_LABELS[platform] }) });
    } catch (error) {
      setStatus({ kind: 'error', text: t('health.copyFailed', { message: errorText(t, error) }) });
    }
  };

  return (
    <PageSection
      id="health-heading"
      title={t('health.heading')}
      intro={t('health.intro')}
      className="flex flex-col gap-3"
    >
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-700 dark:text-red-400' : ''}
        >
          {status.text}
        </p>
      )}
      {health && (
        <ul aria-labelledby="health-heading" className="flex flex-col gap-2">
          {PLATFORMS.map((platform) => {
            const entry = health[platform] ?? {};
            const degraded = isDegraded(entry) ? entry.lastDegraded : null;
            const parts = degraded?.parts.map(
              ({ part, health: read }) => `${t(`part.${part}`)} (${t(`health.${read}`)})`,
            );
            return (
              <li
                key={platform}
                aria-labelledby={`health-${platform}`}
                className={`flex flex-col gap-1 rounded border p-3 ${degraded ? 'border-amber-500' : 'border-zinc-300 dark:border-zinc-600'}`}
              >
                <h3 id={`health-${platform}`} className="font-medium">
                  {PLATFORM_LABELS[platform]}
                </h3>
                {degraded ? (
                  <>
                    <p>
                      {t('health.degraded', {
                        when: when(degraded.at),
                        parts: parts?.length ? list(parts) : t(`part.thread`),
                      })}
                    </p>
                    {degraded.cause === 'stayed-loading' && <p>{t('health.stayedLoading')}</p>}
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {entry.lastOkAt === undefined
                        ? t('health.lastOkNever')
                        : t('health.lastOk', { when: when(entry.lastOkAt) })}
                    </p>
                    <button
                      type="button"
                      aria-label={t('health.copyFor', { platform: PLATFORM_LABELS[platform] })}
                      onClick={() => void copy(platform)}
                      className="self-start rounded bg-indigo-700 px-3 py-1 text-white"
                    >
                      {t('health.copy')}
                    </button>
                  </>
                ) : (
                  <p>
                    {entry.lastOkAt === undefined ? t('health.never') : t('health.ok', { when: when(entry.lastOkAt) })}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </PageSection>
  );
}
