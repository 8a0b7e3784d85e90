import { defineConfig } from '@playwright/test';

// Extensions need a persistent context, which tests/e2e/fixtures.ts launches per test.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Generous limits: they bound waiting for a condition, they are not a speed test. Under a load average of
  // 45 on 2 cores one axe scan took 32 s and a report several seconds (a 90 s test limit, 15 s per wait).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  forbidOnly: !!process.env.CI,
});
