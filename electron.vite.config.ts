import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };
const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      rolldownOptions: {
        // index: the Electron shell. serve: browser mode, the same core in plain Node.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
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
    plugins: [react()],
  },
});
