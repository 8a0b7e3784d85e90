import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { errorText } from '@/components/shared/errorText';
import 'uplot/dist/uPlot.min.css';
import type { Tag } from '@/utils/db/schema';
import { type Language, translate } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { PLATFORM_LABELS, PLATFORMS } from '@/utils/platforms/sites';
import { formatDuration } from '@/utils/sla/clock';
import type { SlaMetrics } from '@/utils/sla/metrics-wire';
import { useI18n } from '../shared/i18n';

type Group = SlaMetrics['overall'];
const DAY_MS = 24 * 60 * 60 * 1000;
const PERIODS = [7, 30, 90] as const;

/** Response-time figures for a period: median and p90 first response, share within SLA, per platform and tag. */
export function MetricsTab({ tags }: { tags: Tag[] }) {
  const { t, language } = useI18n();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [metrics, setMetrics] = useState<SlaMetrics | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const to = Date.now();
    call('metrics.compute', { from: to - days * DAY_MS, to }).then((value) => {
      setMetrics(value);
      setError(null);
    }, setError);
  }, [days]);

  const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms, language));
  const count = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const share = (value: number | null) => (value === null ? '—' : percent.format(value));
  const row = (label: string, group: Group) => (
    <tr key={label} className="border-t border-zinc-200 dark:border-zinc-700">
      <th scope="row" className="py-1 pr-4 text-left font-medium">
        {label}
      </th>
      <td>{count.format(group.responses)}</td>
      <td>{duration(group.medianMs)}</td>
      <td>{duration(group.p90Ms)}</td>
      <td>{share(group.withinTargetShare)}</td>
      <td>{count.format(group.open)}</td>
      <td>{count.format(group.overdue)}</td>
    </tr>
  );

  return (
    <section aria-label={t('metrics.region')} className="flex flex-col gap-3">
      <label className="flex items-center gap-2">
        {t('metrics.period')}
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}
          className="rounded border border-zinc-400 bg-transparent p-1"
        >
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('metrics.lastDays', { days: d })}
            </option>
          ))}
        </select>
      </label>
      {error !== null && <p role="alert">{errorText(t, error)}</p>}
      {metrics && (
        <>
          <table className="w-full text-sm" aria-label={t('metrics.table')}>
            <thead>
              <tr className="text-left">
                <th scope="col" />
                <th scope="col">{t('metrics.responses')}</th>
                <th scope="col">{t('metrics.median')}</th>
                <th scope="col">{t('metrics.p90')}</th>
                <th scope="col">{t('metrics.withinSla')}</th>
                <th scope="col">{t('metrics.open')}</th>
                <th scope="col">{t('metrics.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {row(t('metrics.all'), metrics.overall)}
              {PLATFORMS.map((p) => row(PLATFORM_LABELS[p], metrics.byPlatform[p] as Group))}
              {tags.flatMap((tag) => {
                const group = metrics.byTag[tag.id];
                return group ? [row(`#${tag.name}`, group)] : [];
              })}
            </tbody>
          </table>
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="metrics-sources">
            {t('metrics.sources', {
              page: count.format(metrics.overall.fromPage),
              total: count.format(metrics.overall.responses),
              observed: count.format(metrics.overall.responses - metrics.overall.fromPage),
            })}
          </p>
          <TrendChart daily={metrics.daily} language={language} />
        </>
      )}
    </section>
  );
}

/** Daily median first response (minutes) and number of responses. */
function TrendChart({ daily, language }: { daily: SlaMetrics['daily']; language: Language }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
    const names = dateNames(language);
    const x = daily.map((d) => Date.parse(`${d.day}T12:00:00`) / 1000);
    const plot = new uPlot(
      {
        title: t('metrics.trendTitle'),
        fmtDate: (template) => uPlot.fmtDate(template, names),
        width: Math.max(320, box.current.clientWidth),
        height: 240,
        series: [
          {},
          { label: t('metrics.trendMedian'), stroke: '#4338ca', width: 2 },
          { label: t('metrics.responses'), stroke: '#059669', scale: 'count' },
        ],
        axes: [{}, { label: t('metrics.trendMinutes') }, { side: 1, scale: 'count', grid: { show: false } }],
      },
      [x, daily.map((d) => (d.medianMs === null ? null : d.medianMs / 60_000)), daily.map((d) => d.responses)],
      box.current,
    );
    return () => plot.destroy();
  }, [daily, language]);
  return <figure ref={box} aria-label={translate(language, 'metrics.trendLabel')} />;
}

/** Month and weekday names for the chart's date axis, in the UI language. */
function dateNames(language: Language): uPlot.DateNames {
  const names = (options: Intl.DateTimeFormatOptions, dates: Date[]) => {
    const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    return dates.map((date) => format.format(date));
  };
  const months = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2024, month, 1)));
  // 2024-01-07 was a Sunday: index 0 is Sunday, as uPlot expects.
  const weekdays = Array.from({ length: 7 }, (_, day) => new Date(Date.UTC(2024, 0, 7 + day)));
  return {
    MMMM: names({ month: 'long' }, months),
    MMM: names({ month: 'short' }, months),
    WWWW: names({ weekday: 'long' }, weekdays),
    WWW: names({ weekday: 'short' }, weekdays),
  };
}
