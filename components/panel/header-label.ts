import { PLATFORM_LABELS, type Platform } from '@/utils/platforms/sites';

/** The line above the person's name in the panel's header (the app's and the first paint's). */
export const headerLabel = (platform: Platform | undefined): string =>
  platform ? `DM Sidekick · ${PLATFORM_LABELS[platform]}` : 'DM Sidekick';
