import { useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Template } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import { renderTemplate, type VariableValues } from '@/utils/templates/render';
import { useI18n } from '../i18n';
import type { Report } from './useTemplateLibrary';

/** A template waiting for the values the person is asked for, with the answers given so far. */
export type Asking = { template: Template; missing: string[]; answers: Record<string, string> };

/**
 * Using a template: filled with `values` and the person's answers; an unknown variable refuses, missing
 * values ask first (`asking`), then `deliver` takes the text (insert or copy; false: it did not land) and
 * the template's use is counted.
 */
export function useTemplateFill(values: VariableValues, deliver: (text: string) => Promise<boolean>, report: Report) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<Asking | null>(null);

  async function fill(template: Template, answers: Record<string, string> = {}) {
    const rendered = renderTemplate(template.body, { ...values, ...withAnswers(values, answers) });
    if (rendered.unknown.length)
      return report('error', t('templates.unknownVariable', { name: rendered.unknown[0] ?? '' }));
    if (rendered.missing.length) {
      setAsking({ template, missing: rendered.missing, answers });
      return;
    }
    setAsking(null);
    try {
      if (await deliver(rendered.text)) await call('templates.markUsed', { id: template.id });
    } catch (error) {
      report('error', errorText(t, error));
    }
  }

  return { asking, fill, cancel: () => setAsking(null) };
}

/** Answers typed for missing variables, shaped like the values they stand in for. */
function withAnswers(values: VariableValues, answers: Record<string, string>): VariableValues {
  const fields = { ...values.fields };
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(answers)) {
    if (name.startsWith('field:')) fields[name.slice('field:'.length)] = value;
    else plain[name] = value;
  }
  return { ...plain, fields };
}
