import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { SITE_MATCHES } from '@/utils/platforms/sites';
import { xAdapter } from '@/utils/platforms/x';

export default defineContentScript({
  matches: SITE_MATCHES.x,
  runAt: 'document_idle',
  main(ctx) {
    startSidekick(ctx, xAdapter);
  },
});
