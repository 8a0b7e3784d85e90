import { defineConfig } from '@playwright/test';

// Extensions need a persistent context, which tests/e2e/fixtures.ts launches per test.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  forbidOnly: !!process.env.CI,
});
