import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { facebookAdapter } from '@/utils/platforms/facebook';
import { SITE_MATCHES } from '@/utils/platforms/sites';

export default defineContentScript({
  matches: SITE_MATCHES.facebook,
  runAt: 'document_idle',
  main(ctx) {
    startSidekick(ctx, facebookAdapter);
  },
});
