import { urlOnlyAdapter } from './url-only';

export const instagramAdapter = urlOnlyAdapter('instagram');
