import { urlOnlyAdapter } from './url-only';

export const facebookAdapter = urlOnlyAdapter('facebook');
