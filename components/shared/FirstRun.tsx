import { useState } from 'react';
import { browser } from 'wxt/browser';
import { errorText } from '@/components/shared/errorText';
import type { Template } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import { SamplePackIndexSchema } from '@/utils/packs/format';
import { useI18n } from './i18n';
import { useLive } from './useLive';

/** Installs every sample pack in `language` (public/packs/), through the same preview and apply as an import. */
async function installSamplePacks(language: string): Promise<number> {
  const url = (path: string) => (browser.runtime.getURL as (path: string) => string)(path);
  const index = SamplePackIndexSchema.parse(await (await fetch(url('/packs/index.json'))).json());
  let added = 0;
  for (const sample of index.packs.filter((pack) => pack.language === language)) {
    const text = await (await fetch(url(`/packs/${sample.file}`))).text();
    const plan = await call('packs.previewFile', { text, fileName: sample.file });
    added += (await call('packs.apply', { plan, resolutions: {} })).added;
  }
  return added;
}

/**
 * A fresh install starts somewhere: the sample templates in the user's language in one click, and a
 * three-step checklist (install a pack, open a conversation, insert a template). Shown while the
 * template library is empty, in the panel and on the dashboard.
 */
export function FirstRun({ conversationOpen = false }: { conversationOpen?: boolean }) {
  const { t, language } = useI18n();
  const templates = useLive('templates.all', null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const library: Template[] = templates.status === 'ready' ? templates.value : [];
  const steps = [
    { key: 'firstRun.step.pack', done: library.some((template) => template.packId !== undefined) },
    { key: 'firstRun.step.open', done: conversationOpen },
    { key: 'firstRun.step.insert', done: library.some((template) => template.usageCount > 0) },
  ] as const;

  const install = async () => {
    setBusy(true);
    try {
      setStatus({ kind: 'ok', text: t('firstRun.installed', { count: await installSamplePacks(language) }) });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby="first-run-heading"
      className="flex flex-col gap-2 rounded border border-zinc-300 p-3 dark:border-zinc-600"
    >
      <h2 id="first-run-heading" className="font-semibold">
        {t('firstRun.noTemplates')}
      </h2>
      <button
        type="button"
        disabled={busy}
        onClick={() => void install()}
        className="self-start rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-60"
      >
        {busy ? t('firstRun.installing') : t('firstRun.install', { language: t('firstRun.language') })}
      </button>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-700' : ''}
        >
          {status.text}
        </p>
      )}
      <h3 className="text-sm font-semibold">{t('firstRun.checklist')}</h3>
      <ol aria-label={t('firstRun.checklist')} className="flex list-decimal flex-col gap-1 pl-5 text-sm">
        {steps.map((step) => (
          <li key={step.key} data-done={step.done}>
            {step.done ? <s>{t(step.key)}</s> : t(step.key)} {step.done && t('firstRun.stepDone')}
          </li>
        ))}
      </ol>
    </section>
  );
}
