import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// CI runs on a busy 2-core machine: tests wait on conditions, and these limits are only there
// to end a test that hangs, never to judge speed.
const limits = { testTimeout: 60_000, hookTimeout: 60_000 };
const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

export default defineConfig({
  resolve: { alias },
  define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          ...limits,
          name: 'core',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/browser/**/*.test.ts',
            'test/shell/**/*.test.ts',
            'test/relay/**/*.test.ts',
          ],
        },
      },
      {
        resolve: { alias },
        test: {
          ...limits,
          name: 'renderer',
          environment: 'jsdom',
          setupFiles: ['test/renderer/support/setup.ts'],
          include: ['test/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
