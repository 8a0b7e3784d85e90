import { type DragEvent, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Pack } from '@/utils/db/schema';
import type { MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import type { Job } from '@/utils/messaging/jobs/schema';
import { MAX_PACK_BYTES, type SamplePackIndex, SamplePackIndexSchema } from '@/utils/packs/format';
import type { ConflictResolution, ImportPlan } from '@/utils/packs/import';
import { permissionOrigin } from '@/utils/packs/subscription';
import { readTextFile } from '@/utils/text-file';
import { errorText } from '../shared/errorText';
import { useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';
import { JobProgress, jobError, useJob } from './JobProgress';

const button = 'rounded border border-zinc-400 px-2 py-0.5 disabled:opacity-50';
const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';

/** Own messages are a key and its values (they follow the language); refusals from the background are text. */
type Message = { key: MessageKey; values?: Record<string, string | number> };
type Status = ({ kind: 'ok' | 'error' } & Message) | { kind: 'error'; key?: undefined; text: string };

/**
 * Team template packs: import a file (picker or drop), install a sample, subscribe to an https URL,
 * review what an import would change (conflicts: keep mine / take theirs / keep both), export.
 */
export function PacksSection() {
  const { t } = useI18n();
  const packs = useLive('packs.all', null);
  const [samples, setSamples] = useState<SamplePackIndex['packs']>([]);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);
  const { job, follow } = useJob('packs.import');
  // How the latest import ended becomes the section's message (also in a dashboard opened after it ended).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per job outcome, not on every poll or language change
  useEffect(() => {
    if (job?.state === 'succeeded') setStatus({ kind: 'ok', ...importedMessage(job) });
    if (job?.state === 'failed') setStatus({ kind: 'error', text: errorText(t, jobError(job)) });
  }, [job?.id, job?.state]);

  useEffect(() => {
    fetch(browser.runtime.getURL('/packs/index.json'))
      .then((response) => response.json())
      .then((index) => setSamples(SamplePackIndexSchema.parse(index).packs))
      .catch((error: Error) =>
        setStatus({ kind: 'error', key: 'packs.samplesUnavailable', values: { error: error.message } }),
      );
  }, []);

  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      // The refusal names the field and the reason; nothing was written.
      setStatus({ kind: 'error', text: errorText(t, error) });
    }
  };
  const previewText = (text: string, fileName: string) =>
    attempt(async () => {
      setPlan(await call('packs.previewFile', { text, fileName }));
      setStatus(null);
    });
  // Read here, checked for size and UTF-8 before anything is sent.
  const previewFile = (file: File | undefined) =>
    file && attempt(async () => previewText(await readTextFile(file, MAX_PACK_BYTES), file.name));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void previewFile(event.dataTransfer.files[0]);
  };

  const subscribe = () =>
    attempt(async () => {
      // The host permission for this origin is requested now, on the click, never up front.
      const origin = permissionOrigin(url, { allowLoopbackHttp: import.meta.env.MODE === 'e2e' });
      const granted =
        (await browser.permissions.contains({ origins: [origin] })) ||
        (await browser.permissions.request({ origins: [origin] }));
      if (!granted) throw new Error(t('packs.permissionNeeded', { origin }));
      setPlan(await call('packs.previewUrl', { url }));
      setStatus(null);
    });

  return (
    <section aria-label={t('packs.region')} className="flex flex-col gap-4">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the file picker inside is the keyboard path */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="pack-drop-zone"
        className={`flex flex-col items-center gap-2 rounded border-2 border-dashed p-6 ${dragging ? 'border-indigo-600 bg-indigo-50 dark:bg-indigo-950' : 'border-zinc-400'}`}
      >
        <p>{t('packs.drop')}</p>
        <label className="cursor-pointer rounded bg-indigo-700 px-3 py-1 text-white">
          {t('packs.choose')}
          <input
            type="file"
            accept=".json,application/json"
            className="sr-only"
            onChange={(e) => {
              void previewFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="url"
          aria-label={t('packs.url')}
          placeholder="https://example.com/team.dmpack.json"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          className={`${field} min-w-72 flex-1`}
        />
        <button type="button" className={button} disabled={!url} onClick={() => void subscribe()}>
          {t('packs.subscribe')}
        </button>
      </div>
      <JobProgress job={job} label="packs.progress" checking="packs.checking" running="packs.importing" />
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-700' : ''}
        >
          {status.key ? t(status.key, status.values) : status.text}
        </p>
      )}
      {plan && (
        <ImportPreview
          plan={plan}
          onStarted={(job) => {
            setPlan(null);
            setStatus(null);
            follow(job);
          }}
          onError={(text) => setStatus({ kind: 'error', text })}
          onCancel={() => setPlan(null)}
        />
      )}
      <section aria-label={t('packs.samples')}>
        <h3 className="font-semibold">{t('packs.samples')}</h3>
        <ul className="flex flex-wrap gap-2">
          {samples.map((sample) => (
            <li key={sample.id}>
              <button
                type="button"
                className={button}
                onClick={() =>
                  void attempt(async () => {
                    const packUrl = (browser.runtime.getURL as (path: string) => string)(`/packs/${sample.file}`);
                    const text = await (await fetch(packUrl)).text();
                    await previewText(text, sample.file);
                  })
                }
              >
                {sample.name} ({sample.language})
              </button>
            </li>
          ))}
        </ul>
      </section>
      <InstalledPacks packs={packs.status === 'ready' ? packs.value : []} onPlan={setPlan} onStatus={setStatus} />
      <ExportForm onStatus={setStatus} />
    </section>
  );
}

/** An import job's counts in words: what was added, updated, resolved and removed. */
function importedMessage({ result = {} }: Job): Message {
  const count = (key: string) => Number(result[key] ?? 0);
  return {
    key: 'packs.applied',
    values: {
      name: String(result.name ?? ''),
      version: String(result.version ?? ''),
      added: count('added'),
      updated: count('updated'),
      resolved: count('keptMine') + count('tookTheirs') + count('keptBoth'),
      removed: count('removed'),
    },
  };
}

function ImportPreview({
  plan,
  onStarted,
  onError,
  onCancel,
}: {
  plan: ImportPlan;
  onStarted: (job: Job) => void;
  onError: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [resolutions, setResolutions] = useState<Record<string, ConflictResolution>>({});
  const [allowOlder, setAllowOlder] = useState(false);
  const [removeUntouched, setRemoveUntouched] = useState(true);
  const unresolved = plan.conflicts.some((c) => !resolutions[c.packTemplateId]);
  // A background job (a large pack takes a while): the section follows it, here or in a dashboard opened later.
  const apply = async () => {
    try {
      onStarted(await call('packs.import', { plan, resolutions, options: { allowOlder, removeUntouched } }));
    } catch (error) {
      onError(errorText(t, error));
    }
  };
  const titles = (entries: { title: string }[]) =>
    entries.length ? entries.map((e) => e.title).join(', ') : t('packs.noTitles');
  return (
    <section
      aria-label={t('packs.preview')}
      className="flex flex-col gap-2 rounded border border-zinc-300 p-3 dark:border-zinc-600"
    >
      <h3 className="font-semibold">
        {plan.pack.name} {plan.pack.version}
        {plan.installed ? ` ${t('packs.installedVersion', { version: plan.installed.version })}` : ''}
      </h3>
      <ul className="text-sm">
        <li>{t('packs.added', { titles: titles(plan.added) })}</li>
        <li>{t('packs.updated', { titles: titles(plan.updated) })}</li>
        <li>{t('packs.unchanged', { count: plan.unchanged.length })}</li>
        <li>{t('packs.removedUpstream', { titles: titles(plan.removedUpstream) })}</li>
      </ul>
      {plan.olderVersion && (
        <label className="flex items-center gap-2 text-amber-800 dark:text-amber-300">
          <input type="checkbox" checked={allowOlder} onChange={(e) => setAllowOlder(e.target.checked)} />
          {t('packs.olderVersion')}
        </label>
      )}
      {plan.removedUpstream.length > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={removeUntouched} onChange={(e) => setRemoveUntouched(e.target.checked)} />
          {t('packs.removeUntouched')}
        </label>
      )}
      {plan.conflicts.map((conflict) => (
        <fieldset key={conflict.packTemplateId} className="rounded border border-amber-400 p-2">
          <legend className="font-medium">{t('packs.conflict', { title: conflict.title })}</legend>
          <div className="grid grid-cols-2 gap-2 text-xs">
            <pre className="whitespace-pre-wrap">{t('packs.mine', { body: conflict.mine.body })}</pre>
            <pre className="whitespace-pre-wrap">{t('packs.theirs', { body: conflict.theirs.body })}</pre>
          </div>
          {(['keep-mine', 'take-theirs', 'keep-both'] as const).map((choice) => (
            <label key={choice} className="mr-3 text-sm">
              <input
                type="radio"
                name={`conflict-${conflict.packTemplateId}`}
                checked={resolutions[conflict.packTemplateId] === choice}
                onChange={() => setResolutions({ ...resolutions, [conflict.packTemplateId]: choice })}
              />{' '}
              {t(
                (
                  {
                    'keep-mine': 'packs.keepMine',
                    'take-theirs': 'packs.takeTheirs',
                    'keep-both': 'packs.keepBoth',
                  } as const
                )[choice],
              )}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50"
          disabled={unresolved || (plan.olderVersion && !allowOlder)}
          onClick={() => void apply()}
        >
          {t('packs.apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('packs.cancel')}
        </button>
      </div>
    </section>
  );
}

function InstalledPacks({
  packs,
  onPlan,
  onStatus,
}: {
  packs: Pack[];
  onPlan: (plan: ImportPlan) => void;
  onStatus: (status: Status) => void;
}) {
  const { t } = useI18n();
  /** The removal waiting for a second click: it cannot be undone. */
  const [confirming, setConfirming] = useState<{ id: string; keepTemplates: boolean } | null>(null);
  const attempt = (work: Promise<void>) =>
    work.catch((error: Error) => onStatus({ kind: 'error', text: errorText(t, error) }));
  return (
    <section aria-label={t('packs.installed')}>
      <h3 className="font-semibold">{t('packs.installed')}</h3>
      {packs.length === 0 && <p className="text-sm">{t('packs.none')}</p>}
      <ul className="flex flex-col gap-1">
        {packs.map((pack) => (
          <li key={pack.id} className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">
              {pack.name} {pack.version}
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {pack.source.kind === 'url' ? pack.source.url : pack.source.name}
            </span>
            {pack.source.kind === 'url' && (
              <button
                type="button"
                className={button}
                onClick={() =>
                  void attempt(
                    call('packs.checkUpdate', { id: pack.id }).then((check) => {
                      if (check.kind === 'fetched') onPlan(check.plan);
                      else onStatus({ kind: 'ok', key: 'packs.upToDate', values: { name: pack.name } });
                    }),
                  )
                }
              >
                {t('packs.checkUpdates')}
              </button>
            )}
            {confirming?.id === pack.id ? (
              <span className="flex items-center gap-2">
                <span>
                  {t(confirming.keepTemplates ? 'packs.removeConfirm' : 'packs.removeConfirmAll', { name: pack.name })}
                </span>
                <button
                  type="button"
                  className={button}
                  onClick={() =>
                    void attempt(
                      call('packs.unsubscribe', { id: pack.id, keepTemplates: confirming.keepTemplates }).then(
                        (result) =>
                          onStatus({
                            kind: 'ok',
                            key: 'packs.removed',
                            values: { name: pack.name, removed: result.removed, kept: result.kept },
                          }),
                      ),
                    ).finally(() => setConfirming(null))
                  }
                >
                  {t('packs.removeYes')}
                </button>
                <button type="button" className={button} onClick={() => setConfirming(null)}>
                  {t('templates.cancel')}
                </button>
              </span>
            ) : (
              (['keep', 'remove'] as const).map((choice) => (
                <button
                  key={choice}
                  type="button"
                  className={button}
                  onClick={() => setConfirming({ id: pack.id, keepTemplates: choice === 'keep' })}
                >
                  {t(choice === 'keep' ? 'packs.removeKeep' : 'packs.removeAll')}
                </button>
              ))
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExportForm({ onStatus }: { onStatus: (status: Status) => void }) {
  const { t } = useI18n();
  const [meta, setMeta] = useState({ name: '', version: '1.0.0', author: '' });
  const [folder, setFolder] = useState('');
  const exportPack = async () => {
    try {
      const pack = await call('packs.export', {
        meta,
        selection: folder ? { kind: 'folder', folder } : { kind: 'all' },
      });
      const link = Object.assign(document.createElement('a'), {
        href: URL.createObjectURL(new Blob([`${JSON.stringify(pack, null, 2)}\n`], { type: 'application/json' })),
        download: `${pack.id}-${pack.version}.dmpack.json`,
      });
      link.click();
      URL.revokeObjectURL(link.href);
      onStatus({ kind: 'ok', key: 'packs.exported', values: { count: pack.templates.length } });
    } catch (error) {
      onStatus({ kind: 'error', text: errorText(t, error) });
    }
  };
  return (
    <form
      aria-label={t('packs.exportForm')}
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void exportPack();
      }}
    >
      {(['name', 'version', 'author'] as const).map((key) => (
        <label key={key} className="flex flex-col text-xs capitalize">
          {t(`packs.meta.${key}`)}
          <input
            required
            value={meta[key]}
            onChange={(e) => setMeta({ ...meta, [key]: e.target.value })}
            className={field}
          />
        </label>
      ))}
      <label className="flex flex-col text-xs">
        {t('packs.exportFolder')}
        <input value={folder} onChange={(e) => setFolder(e.target.value)} className={field} />
      </label>
      <button type="submit" className={button}>
        {t('packs.export')}
      </button>
    </form>
  );
}
