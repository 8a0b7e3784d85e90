import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { linkedinAdapter } from '@/utils/platforms/linkedin';
import { LINKEDIN_INTEROP_FRAME_MATCHES, SITE_MATCHES } from '@/utils/platforms/sites';

// Top frames only: LinkedIn's other iframes (ads, embeds, sign-in) get nothing of ours. Its interop iframe
// has a script of its own (linkedin-interop.content.ts), so a top-level /preload/ page runs that one alone.
export default defineContentScript({
  matches: SITE_MATCHES.linkedin,
  excludeMatches: LINKEDIN_INTEROP_FRAME_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startSidekick(ctx, linkedinAdapter);
  },
});
