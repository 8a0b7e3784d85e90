import { FirstRun } from '../shared/FirstRun';
import { useI18n } from '../shared/i18n';
import { MissingValuesForm } from '../shared/templates/MissingValuesForm';
import { TemplateList } from '../shared/templates/TemplateList';
import { TemplatePreview } from '../shared/templates/TemplatePreview';
import { useTemplateFill } from '../shared/templates/useTemplateFill';
import { useTemplateLibrary } from '../shared/templates/useTemplateLibrary';

/** The dashboard's template library: search, edit, duplicate, delete, fork; a template is copied, not inserted. */
export function TemplateLibrary() {
  const { t } = useI18n();
  const library = useTemplateLibrary();
  const { report, selected, templates } = library;
  // No conversation here: only the values a person types in ("Fill in before inserting").
  const { asking, fill, cancel } = useTemplateFill(
    {},
    async (text) => {
      await navigator.clipboard.writeText(text);
      report('ok', t('templates.copied'));
      return true;
    },
    report,
  );

  return (
    <TemplateList library={library} use={{ insert: false, run: (template) => void fill(template) }}>
      {asking && (
        <MissingValuesForm
          missing={asking.missing}
          onSubmit={(answers) => void fill(asking.template, { ...asking.answers, ...answers })}
          onCancel={cancel}
        />
      )}
      {selected && <TemplatePreview template={selected} values={{}} />}
      {templates.status === 'ready' && templates.value.length === 0 && <FirstRun conversationOpen={false} />}
    </TemplateList>
  );
}
