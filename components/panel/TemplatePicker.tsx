import { useState } from 'react';
import type { Template } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import type { ComposerKind } from '@/utils/platforms/types';
import { COMPOSER_LIMITS } from '@/utils/templates/limits';
import type { VariableValues } from '@/utils/templates/render';
import { FirstRun } from '../shared/FirstRun';
import { useI18n } from '../shared/i18n';
import { MissingValuesForm } from '../shared/templates/MissingValuesForm';
import { TemplateList } from '../shared/templates/TemplateList';
import { TemplatePreview } from '../shared/templates/TemplatePreview';
import { useTemplateFill } from '../shared/templates/useTemplateFill';
import { useTemplateLibrary } from '../shared/templates/useTemplateLibrary';
import { useShortcutCommands } from './useShortcutCommands';

type Target = { threadId: string; composerKind: ComposerKind | null; canInsert: boolean };

/**
 * The panel's templates: picked for the open conversation (`target`) and inserted into its composer, or
 * copied where the page cannot take them. `doNotContact` names a person who objected to contact: every
 * insert waits for a confirmation. Keyboard: arrows choose, Enter inserts, Escape returns to the composer.
 */
export function TemplatePicker({
  values,
  target,
  doNotContact,
}: {
  values: VariableValues;
  target: Target;
  doNotContact?: string;
}) {
  const { t } = useI18n();
  const library = useTemplateLibrary();
  const { report, selected, templates } = library;
  const [unconfirmed, setUnconfirmed] = useState<{ template: Template; answers: Record<string, string> } | null>(null);

  const { asking, fill, cancel } = useTemplateFill(
    values,
    async (text) => {
      if (!target.canInsert) {
        await navigator.clipboard.writeText(text);
        report('ok', t('templates.copied'));
        return true;
      }
      const result = await call('composer.insert', { text, threadId: target.threadId });
      report(result.ok ? 'ok' : 'error', result.ok ? t('templates.inserted') : t(`insert.${result.reason}`));
      return result.ok;
    },
    report,
  );

  function insert(template: Template, answers: Record<string, string> = {}, confirmed = false) {
    if (doNotContact && !confirmed) {
      setUnconfirmed({ template, answers });
      return;
    }
    setUnconfirmed(null);
    void fill(template, answers);
  }

  // Shortcuts typed in the composer (issue #17): one that needs values opens the same form as Insert; one
  // whose text the composer did not take is said here, the typed shortcut still standing there.
  useShortcutCommands({
    fill: (templateId) => {
      const template = templates.status === 'ready' ? templates.value.find((c) => c.id === templateId) : undefined;
      if (template) insert(template);
      return template !== undefined;
    },
    failed: (typed, reason) =>
      report('error', `${t('shortcuts.notExpanded', { shortcut: typed })} ${t(`insert.${reason}`)}`),
  });

  return (
    <TemplateList
      library={library}
      use={{ insert: target.canInsert, run: (template) => insert(template) }}
      onEscape={() => void call('composer.focus', null).catch(() => undefined)}
    >
      {unconfirmed && (
        <div role="alert" className="flex flex-col gap-2 rounded bg-amber-100 p-2 text-amber-950">
          <p>{t('dnc.warning', { name: doNotContact ?? '' })}</p>
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded bg-amber-900 px-2 py-0.5 text-white"
              onClick={() => insert(unconfirmed.template, unconfirmed.answers, true)}
            >
              {t('dnc.confirm')}
            </button>
            <button
              type="button"
              className="rounded border border-amber-900 px-2 py-0.5"
              onClick={() => setUnconfirmed(null)}
            >
              {t('dnc.cancel')}
            </button>
          </div>
        </div>
      )}
      {asking && (
        <MissingValuesForm
          missing={asking.missing}
          onSubmit={(answers) => insert(asking.template, { ...asking.answers, ...answers }, true)}
          onCancel={cancel}
        />
      )}
      {selected && (
        <TemplatePreview
          template={selected}
          values={values}
          limit={target.composerKind ? COMPOSER_LIMITS[target.composerKind].limit : undefined}
        />
      )}
      {templates.status === 'ready' && templates.value.length === 0 && <FirstRun conversationOpen />}
    </TemplateList>
  );
}
