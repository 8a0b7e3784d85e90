import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { z } from 'zod';
import type { Tag } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import type { SlaMetricsSchema } from '@/utils/messaging/protocol';
import { PLATFORM_LABELS, PLATFORMS } from '@/utils/platforms/sites';
import { formatDuration } from '@/utils/sla/clock';
import { useI18n } from './i18n';

type Metrics = z.infer<typeof SlaMetricsSchema>;
type Group = Metrics['overall'];
const DAY_MS = 24 * 60 * 60 * 1000;
const PERIODS = [7, 30, 90] as const;

/** Response-time figures for a period: median and p90 first response, share within SLA, per platform and tag. */
export function MetricsTab({ tags }: { tags: Tag[] }) {
  const { language } = useI18n();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const to = Date.now();
    call('metrics.compute', { from: to - days * DAY_MS, to }).then(
      (value) => {
        setMetrics(value);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [days]);

  const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms, language));
  const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);
  const row = (label: string, group: Group) => (
    <tr key={label} className="border-t border-zinc-200 dark:border-zinc-700">
      <th scope="row" className="py-1 pr-4 text-left font-medium">
        {label}
      </th>
      <td>{group.responses}</td>
      <td>{duration(group.medianMs)}</td>
      <td>{duration(group.p90Ms)}</td>
      <td>{share(group.withinTargetShare)}</td>
      <td>{group.open}</td>
      <td>{group.overdue}</td>
    </tr>
  );

  return (
    <section aria-label="Metrics" className="flex flex-col gap-3">
      <label className="flex items-center gap-2">
        Period
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}
          className="rounded border border-zinc-400 bg-transparent p-1"
        >
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              last {d} days
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{error}</p>}
      {metrics && (
        <>
          <table className="w-full text-sm" aria-label="Response times">
            <thead>
              <tr className="text-left">
                <th scope="col" />
                <th scope="col">Responses</th>
                <th scope="col">Median first response</th>
                <th scope="col">90th percentile</th>
                <th scope="col">Within SLA</th>
                <th scope="col">Open</th>
                <th scope="col">Overdue</th>
              </tr>
            </thead>
            <tbody>
              {row('All', metrics.overall)}
              {PLATFORMS.map((p) => row(PLATFORM_LABELS[p], metrics.byPlatform[p] as Group))}
              {tags.flatMap((tag) => {
                const group = metrics.byTag[tag.id];
                return group ? [row(`#${tag.name}`, group)] : [];
              })}
            </tbody>
          </table>
          <TrendChart daily={metrics.daily} />
        </>
      )}
    </section>
  );
}

/** Daily median first response (minutes) and number of responses. */
function TrendChart({ daily }: { daily: Metrics['daily'] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const x = daily.map((d) => Date.parse(`${d.day}T12:00:00`) / 1000);
    const plot = new uPlot(
      {
        title: 'Daily trend',
        width: Math.max(320, box.current.clientWidth),
        height: 240,
        series: [
          {},
          { label: 'Median first response (min)', stroke: '#4338ca', width: 2 },
          { label: 'Responses', stroke: '#059669', scale: 'count' },
        ],
        axes: [{}, { label: 'minutes' }, { side: 1, scale: 'count', grid: { show: false } }],
      },
      [x, daily.map((d) => (d.medianMs === null ? null : d.medianMs / 60_000)), daily.map((d) => d.responses)],
      box.current,
    );
    return () => plot.destroy();
  }, [daily]);
  return <figure ref={box} aria-label="Daily trend of first response times" />;
}
