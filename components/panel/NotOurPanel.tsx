import { pickLanguage, translate } from '@/utils/i18n/strings';

/** What a panel frame shows that its tab's content script did not create: nothing of the user's data. */
export function NotOurPanel() {
  // The settings (the chosen language) are the user's data too: the browser's language it is.
  return (
    <p role="status" className="p-3 text-sm">
      {translate(pickLanguage('auto'), 'panel.notOurs')}
    </p>
  );
}
