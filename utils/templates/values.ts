import type { Settings } from '../db/schema';
import type { ConversationView } from '../db/views';
import { PLATFORM_LABELS, type Platform } from '../platforms/sites';
import { splitName, type VariableValues } from './render';

/**
 * The template variables for a conversation: the person's only when the person is known (else they are
 * asked for). One definition for the panel's Insert and the background's shortcut expansion.
 */
export function variableValues(
  view: ConversationView | null,
  platform: Platform | undefined,
  settings: Settings | null,
  language: string,
): VariableValues {
  const mine = {
    platform: platform && PLATFORM_LABELS[platform],
    myName: settings?.myName,
    signature: settings?.signature,
    today: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(Date.now()),
  };
  if (!view) return mine;
  const { firstName, lastName } = splitName(view.contact.displayName);
  return {
    ...mine,
    firstName,
    lastName,
    fullName: view.contact.displayName,
    handle: view.contact.handle,
    fields: view.contact.customFields,
  };
}
