import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { DEV_CSP, withCsp } from './src/main/shell/csp';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };
const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

/** `npm run dev` only: the dev server's page needs inline scripts and styles (see csp.ts). */
function devCsp(): Plugin {
  return { name: 'flipsync-dev-csp', apply: 'serve', transformIndexHtml: (html) => withCsp(html, DEV_CSP) };
}

export default defineConfig({
  main: {
    resolve: { alias },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      rolldownOptions: {
        // index: the Electron shell. core: the core process it starts (utilityProcess).
        // serve: browser mode, the same core in plain Node.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          core: resolve(import.meta.dirname, 'src/main/host/electron-entry.ts'),
          serve: resolve(import.meta.dirname, 'src/main/browser/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload must be CommonJS.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react(), devCsp()],
    build: {
      // electron-vite leaves the renderer unminified; minified, the window parses a third as much.
      minify: true,
      // Pages load lazily, each in its own chunk. bench/renderer builds a second copy in one
      // chunk (FLIPSYNC_RENDERER_UNSPLIT=1) to compare against; the app never ships that.
      ...(process.env.FLIPSYNC_RENDERER_UNSPLIT === '1' && {
        rolldownOptions: { output: { codeSplitting: false } },
      }),
    },
  },
});
