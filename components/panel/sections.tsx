// What the panel shows besides its header's name and status, loaded only once that is painted
// (PanelApp's useSections): the templates with their search, tags, notes, the timer, team mode and the
// keyboard command's listener need none of it for the first render, and it is half of the panel's own code.
import { PanelCommandSchema } from '@/utils/messaging/page-commands';
import type { Platform } from '@/utils/platforms/sites';
import type { TeamStatus } from '@/utils/sync/schema';
import { PresenceNotice, presenceOn, usePresenceHeartbeat } from '../shared/PresenceNotice';
import { usePanelCommand } from './usePanelCommand';

export { variableValues } from '@/utils/templates/values';
export { NotesSection } from '../shared/NotesSection';
export { ResponseTimer } from './ResponseTimer';
export { TagsSection } from './TagsSection';
export { TeamAssignment } from './TeamAssignment';
export { TeamHistory } from './TeamHistory';
export { TemplatePicker } from './TemplatePicker';

/** The keyboard command (Alt+Shift+Space) reaches the panel of its own tab through the background. */
export function FocusSearchCommand() {
  usePanelCommand(PanelCommandSchema, () => {
    document.getElementById('template-search')?.focus();
    return true;
  });
  return null;
}

/** While a team is joined: this panel's presence on the conversation it shows, and who else is on it. */
export function TeamPresence({ shown, team }: { shown: { platform: Platform; threadId: string }; team: TeamStatus }) {
  usePresenceHeartbeat(shown, true);
  return <PresenceNotice here={presenceOn(team.presence, shown.platform, shown.threadId)} />;
}
