import { urlOnlyAdapter } from './url-only';

export const linkedinAdapter = urlOnlyAdapter('linkedin');
