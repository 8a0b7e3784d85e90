import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest wires WXT's aliases and fakeBrowser (an in-memory `browser`) into unit tests.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // A ceiling, not a speed check: a loaded CI (2 cores under stress-ng) ran three 1–2 s tests past 5 s.
    testTimeout: 30_000,
  },
});
