import type { Conversation } from '@/utils/db/schema';
import type { TeamStatus } from '@/utils/sync/schema';
import { useI18n } from '../shared/i18n';

/** '' anyone, 'mine', 'unassigned', or `person:<name>`. */
export type AssigneeFilter = '' | 'mine' | 'unassigned' | `person:${string}`;

export function matchesAssignee(conversation: Conversation, filter: AssigneeFilter, me: string | undefined): boolean {
  const assignee = conversation.assignee ?? '';
  if (filter === '') return true;
  if (filter === 'unassigned') return assignee === '';
  if (filter === 'mine') return me !== undefined && assignee === me;
  return assignee === filter.slice('person:'.length);
}

/** Dashboard filter by assignee: Mine, Unassigned, or one team member. */
export function TeamAssigneeFilter({
  team,
  value,
  onChange,
  className,
}: {
  team: TeamStatus;
  value: AssigneeFilter;
  onChange: (value: AssigneeFilter) => void;
  className: string;
}) {
  const { t } = useI18n();
  return (
    <select
      aria-label={t('assign.filter')}
      value={value}
      onChange={(e) => onChange(e.target.value as AssigneeFilter)}
      className={className}
    >
      <option value="">{t('assign.filterAll')}</option>
      <option value="mine">{t('assign.filterMine')}</option>
      <option value="unassigned">{t('assign.filterUnassigned')}</option>
      {team.members.map((name) => (
        <option key={name} value={`person:${name}`}>
          {name}
        </option>
      ))}
    </select>
  );
}
