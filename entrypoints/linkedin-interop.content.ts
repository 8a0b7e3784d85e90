import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSidekick } from '@/utils/content/start-sidekick';
import { linkedinAdapter } from '@/utils/platforms/linkedin';
import { LINKEDIN_INTEROP_FRAME_MATCHES } from '@/utils/platforms/sites';

// LinkedIn's chat windows may render inside its messaging interop iframe at /preload/: the one sub-frame
// we run in (start-sidekick reports it; the top frame's script shows the panel).
export default defineContentScript({
  matches: LINKEDIN_INTEROP_FRAME_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startSidekick(ctx, linkedinAdapter);
  },
});
