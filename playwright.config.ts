import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real core through browser mode in Debian's Chromium (Playwright
 * never downloads a browser here). test/e2e-electron runs where the Electron binary exists.
 */
export default defineConfig({
  testDir: 'test',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 2,
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  projects: [
    {
      name: 'chromium',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // Without these, Chromium keeps dialling out from this offline machine.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
});
