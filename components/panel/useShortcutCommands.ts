import type { InsertFailure } from '@/utils/platforms/insert-failures';
import { PanelShortcutCommandSchema } from '@/utils/shortcuts/content-wire';
import { usePanelCommand } from './usePanelCommand';

export type ShortcutCommands = {
  /** A shortcut whose template needs values: open its "Fill in before inserting" form; false while it is not loaded. */
  fill: (templateId: string) => boolean;
  /** A shortcut whose text the composer did not take (it still shows it as `typed`): say why. */
  failed: (typed: string, reason: InsertFailure) => void;
};

/**
 * Shortcuts typed in this tab's composer, as the background passes them on to its panel (issue #17). A fill
 * is taken once the template is known (its list arrives after the first render): until then the background
 * offers it again. Without handlers (the dashboard) nothing listens.
 */
export function useShortcutCommands(commands: ShortcutCommands | undefined): void {
  usePanelCommand(
    PanelShortcutCommandSchema,
    commands &&
      ((command) => {
        if (command.command === 'fill-template') return commands.fill(command.templateId);
        commands.failed(command.typed, command.reason);
        return true;
      }),
  );
}
