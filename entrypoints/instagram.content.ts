import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { instagramAdapter } from '@/utils/platforms/instagram';
import { SITE_MATCHES } from '@/utils/platforms/sites';

export default defineContentScript({
  matches: SITE_MATCHES.instagram,
  runAt: 'document_idle',
  main(ctx) {
    startSidekick(ctx, instagramAdapter);
  },
});
