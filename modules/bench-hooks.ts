import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * `wxt build --mode bench` (npm run bench) only: puts the measuring hooks of tests/bench/ in front of the
 * entries that carry them. The entries themselves never name tests/bench/, so no other build can hold any
 * of it (checked: tests/unit/architecture/bench-hooks.test.ts).
 */
const HOOKS: Record<string, string> = {
  'entrypoints/background.ts': '../tests/bench/background-hooks.ts',
  'entrypoints/panel/first-paint.ts': '../tests/bench/panel-headings.ts',
};

const benchHooks: Plugin = {
  name: 'dms:bench-hooks',
  enforce: 'pre',
  transform(code, id) {
    const entry = Object.keys(HOOKS).find((path) => id.endsWith(`/${path}`));
    if (!entry) return undefined;
    const hooks = fileURLToPath(new URL(HOOKS[entry] as string, import.meta.url));
    // Imports run before the entry's own code: the panel's heading watch sees the first render.
    return { code: `import ${JSON.stringify(hooks)};\n${code}`, map: null };
  },
};

export default defineWxtModule({
  name: 'dms:bench-hooks',
  setup(wxt) {
    if (wxt.config.mode !== 'bench') return;
    wxt.hooks.hook('vite:build:extendConfig', (_entrypoints, config) => {
      config.plugins = [...(config.plugins ?? []), benchHooks];
    });
  },
});
