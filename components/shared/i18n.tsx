import { createContext, type ReactNode, useContext } from 'react';
import { type Language, type MessageKey, pickLanguage, translate } from '@/utils/i18n/strings';
import { useLive } from './useLive';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
const LanguageContext = createContext<{ language: Language; t: Translate }>({
  language: 'en',
  t: (key, values) => translate('en', key, values),
});

/** Follows the settings' language ('auto' = the browser's). */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const settings = useLive('settings', null);
  const language = pickLanguage(settings.status === 'ready' ? settings.value.language : 'auto');
  const t: Translate = (key, values) => translate(language, key, values);
  return <LanguageContext.Provider value={{ language, t }}>{children}</LanguageContext.Provider>;
}

export const useI18n = () => useContext(LanguageContext);
