import { useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { Conversation } from '@/utils/db/schema';
import { call } from '@/utils/messaging/client';
import type { TeamStatus } from '@/utils/sync/schema';
import { useI18n } from '../shared/i18n';

/** Who is on this conversation: "Assign to…" a team member, "Take it" myself, or nobody. */
export function TeamAssignment({ conversation, team }: { conversation: Conversation; team: TeamStatus }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const me = team.config?.displayName ?? '';
  const assignee = conversation.assignee ?? '';
  // An assignee who is no longer among the members stays selectable: nothing silently changes.
  const names = [...new Set([...team.members, ...(assignee ? [assignee] : [])])];
  // '' unassigns: an undefined field would not survive the message to the background.
  const assign = (name: string) =>
    void call('conversations.update', { id: conversation.id, patch: { assignee: name } }).then(
      () => setError(null),
      (e: Error) => setError(errorText(t, e)),
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <span>{assignee ? t('assign.assignedTo', { name: assignee }) : t('assign.unassigned')}</span>
      <select
        aria-label={t('assign.label')}
        value={assignee}
        onChange={(e) => assign(e.target.value)}
        className="rounded border border-zinc-400 bg-transparent px-1 py-0.5"
      >
        <option value="">{t('assign.nobody')}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {me && assignee !== me && (
        <button type="button" onClick={() => assign(me)} className="rounded border border-zinc-400 px-2 py-0.5">
          {t('assign.take')}
        </button>
      )}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
