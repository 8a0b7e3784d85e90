import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { gitignoreExcludes } from './utils/build/source-zip';
import { HOST_MATCHES } from './utils/platforms/sites';

/**
 * WXT's entry of every (isolated-world) content script builds its context from this module; ours gets
 * PrivateContentScriptContext instead, which keeps the extension id off every channel the page can see.
 */
const privateContentScriptContext: Plugin = {
  name: 'dms:private-content-script-context',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source !== 'wxt/utils/content-script-context') return undefined;
    if (!importer?.startsWith('\0virtual:wxt-content-script-isolated-world-entrypoint')) return undefined;
    return fileURLToPath(new URL('./utils/content/private-context.ts', import.meta.url));
  },
};

/**
 * The webextension-polyfill module aliases `wxt/browser` to the polyfill for every entrypoint; a content
 * script's build resolves it to WXT's plain `browser` (`globalThis.browser` where the browser has one,
 * else `chrome`): Chrome MV3's APIs return promises, and the one listener that answers a message does so
 * through `sendResponse` there. ≈ 2.8 KB gzip less in every page.
 */
const nativeBrowserInContentScripts: Plugin = {
  name: 'dms:native-browser-in-content-scripts',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source !== '@wxt-dev/webextension-polyfill/browser') return undefined;
    return this.resolve('@wxt-dev/browser', importer, { skipSelf: true });
  },
};

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: the code says where each name comes from.
  imports: false,
  // Parallel work (several checkouts' test runs on one machine) can build into its own folder.
  outDir: process.env.DMS_OUT_DIR ?? '.output',
  // DMS_UNMINIFIED=1: readable function names in CPU profiles (`DMS_PROFILE_DIR`, tests/bench/host-share.ts).
  vite: () => ({
    plugins: [privateContentScriptContext, tailwindcss()],
    ...(process.env.DMS_UNMINIFIED && { build: { minify: false } }),
  }),
  hooks: {
    // Content scripts get the browser's own `browser`, not the polyfill (see utils/content/answer.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((entrypoint) => entrypoint.type === 'content-script'))
        config.plugins = [...(config.plugins ?? []), nativeBrowserInContentScripts];
    },
  },
  // `npm run zip:firefox`'s sources zip: nothing git ignores (screenshots, reports, build output).
  zip: { excludeSources: gitignoreExcludes(readFileSync(new URL('./.gitignore', import.meta.url), 'utf8')) },
  manifest: ({ browser, mode, manifestVersion }) => ({
    name: 'DM Sidekick',
    description:
      'Reply templates, tags, notes and response timers inside the native DM inboxes of Instagram, X, Messenger and LinkedIn. Local-first.',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    // Asked for when the user switches notifications on, never up front. Manifest V2 (the Firefox build)
    // has no optional_host_permissions: there a pack URL's origin is an optional permission like these.
    optional_permissions: ['notifications', ...(manifestVersion === 2 ? ['https://*/*'] : [])],
    // A pack URL's origin is asked for at the moment of subscribing (https only).
    optional_host_permissions: ['https://*/*'],
    // The e2e build (`wxt build --mode e2e`) also reaches the tests' pack server on loopback http.
    ...(mode === 'e2e' && { host_permissions: ['http://127.0.0.1/*'] }),
    action: { default_title: 'DM Sidekick' },
    commands: {
      // Rebindable at chrome://extensions/shortcuts; none of the four sites uses Alt+Shift+Space.
      'open-template-search': {
        suggested_key: { default: 'Alt+Shift+Space' },
        description: 'Search templates in the DM Sidekick panel',
      },
    },
    web_accessible_resources: [
      {
        // Only the in-page panel, only to the four sites, and only under a per-session
        // URL: LinkedIn is reported to probe extensions through their static URLs.
        resources: ['panel.html'],
        matches: HOST_MATCHES,
        use_dynamic_url: true,
      },
    ],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        // Firefox needs a fixed id, and a declaration for new add-ons: nothing is collected.
        gecko: { id: 'dm-sidekick@dm-sidekick.app', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
