import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { linkedinAdapter } from '@/utils/platforms/linkedin';
import { SITE_MATCHES } from '@/utils/platforms/sites';

export default defineContentScript({
  matches: SITE_MATCHES.linkedin,
  runAt: 'document_idle',
  // LinkedIn's messaging overlays may render inside an interop iframe at a /preload/ URL.
  allFrames: true,
  main(ctx) {
    startSidekick(ctx, linkedinAdapter);
  },
});
