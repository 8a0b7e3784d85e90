import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The data layer, messaging and timers live here (see ARCHITECTURE.md); nothing yet.
});
