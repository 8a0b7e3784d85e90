import { useEffect, useState } from 'react';
import type { MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { RpcError } from '@/utils/messaging/errors';
import type { Job, JobKind } from '@/utils/messaging/jobs/schema';
import { useI18n } from '../shared/i18n';

/** How often a page asks how far a running job is. */
const POLL_MS = 250;

/**
 * A kind's latest job, as the background reports it: found on mount (a dashboard reopened while a restore
 * runs, or after it ended), followed while it runs. `follow` takes a job this page just started.
 */
export function useJob(kind: JobKind): { job: Job | null; follow: (job: Job) => void; lookupError: unknown } {
  const [job, setJob] = useState<Job | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [followed, setFollowed] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `followed` restarts polling for a job just started
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const latest = await call('jobs.latest', { kind });
        if (stopped) return;
        setJob(latest);
        setLookupError(null);
        if (latest?.state === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (!stopped) setLookupError(error);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [kind, followed]);

  return {
    job,
    lookupError,
    follow: (started) => {
      setJob(started);
      setFollowed((n) => n + 1);
    },
  };
}

/** A failed job's error as the RpcError its call would have thrown (errorText names its reason). */
export const jobError = (job: Job): RpcError | undefined =>
  job.error && new RpcError(job.error.code, job.error.message, job.error.detail);

/** A running job's share of its steps done, in whole percent; undefined while its input is still checked. */
const jobPercent = ({ progress: { done, total } }: Job): number | undefined => percentOf(done, total);

/**
 * A running job's progress bar, nothing once it ended. Indeterminate while its input is checked (`checking`),
 * then its share done (`running`, with {percent}); the same in words below it.
 */
export function JobProgress({
  job,
  label,
  checking,
  running,
}: {
  job: Job | null;
  label: MessageKey;
  checking: MessageKey;
  running: MessageKey;
}) {
  if (job?.state !== 'running') return null;
  return <ProgressBar percent={jobPercent(job)} label={label} checking={checking} running={running} />;
}

/** A share done in whole percent, or undefined (an indeterminate bar) while there is no total yet. */
export const percentOf = (done: number, total: number): number | undefined =>
  total > 0 ? Math.floor((done / total) * 100) : undefined;

/** A progress bar with its text below it: `checking` while indeterminate, else `running` with {percent}. */
export function ProgressBar({
  percent,
  label,
  checking,
  running,
}: {
  percent: number | undefined;
  label: MessageKey;
  checking: MessageKey;
  running: MessageKey;
}) {
  const { t } = useI18n();
  const text = percent === undefined ? t(checking) : t(running, { percent });
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label={t(label)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-2 w-full max-w-md overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700"
      >
        <div
          className={`h-full bg-indigo-600 ${percent === undefined ? 'w-1/3 animate-pulse' : ''}`}
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p>{text}</p>
    </div>
  );
}
