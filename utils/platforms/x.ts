import { urlOnlyAdapter } from './url-only';

export const xAdapter = urlOnlyAdapter('x');
