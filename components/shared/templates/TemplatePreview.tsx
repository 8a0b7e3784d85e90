import type { Template } from '@/utils/db/schema';
import { formatDateTime } from '@/utils/i18n/format';
import { characterCount } from '@/utils/templates/limits';
import { renderTemplate, type VariableValues } from '@/utils/templates/render';
import { useI18n } from '../i18n';

/** The selected template filled with the conversation's values; gaps marked, the composer's limit counted. */
export function TemplatePreview({
  template,
  values,
  limit,
}: {
  template: Template;
  values: VariableValues;
  limit?: number;
}) {
  const { t, language } = useI18n();
  const rendered = renderTemplate(template.body, values);
  const count = characterCount(rendered.text);
  return (
    <figure aria-label={t('templates.preview')} className="rounded border border-zinc-300 p-2 dark:border-zinc-600">
      <p className="whitespace-pre-wrap">
        {rendered.segments.map((segment, i) =>
          segment.kind === 'variable' && (segment.source === 'missing' || segment.source === 'unknown') ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their position
            <mark key={i} className="rounded bg-amber-200 px-0.5 text-amber-950">
              {segment.text}
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <span key={i}>{segment.text}</span>
          ),
        )}
      </p>
      {template.editedBy && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('templates.editedBy', { name: template.editedBy, time: formatDateTime(language, template.updatedAt) })}
        </p>
      )}
      {limit !== undefined && (
        <figcaption
          className={`text-xs ${count > limit ? 'font-semibold text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
        >
          {count > limit ? t('templates.tooLong', { count, limit }) : t('templates.count', { count, limit })}
        </figcaption>
      )}
    </figure>
  );
}
