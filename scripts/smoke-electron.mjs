// `npm run smoke:electron`: the release check on a machine with a display. Launches the built
// desktop app with Playwright's Electron support and walks it (test/e2e-electron/smoke.spec.ts),
// writing screenshots and a summary to smoke/. Where the Electron binary is absent it says so
// in one line and exits 0, so it can sit in any script.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;

if (!binary || !existsSync(binary)) {
  console.log(
    'smoke:electron skipped: the Electron binary is not installed on this machine (node_modules/electron/dist).',
  );
  process.exit(0);
}

buildIfNeeded();
const run = spawnSync(
  'npx',
  ['playwright', 'test', '--project', 'electron', 'test/e2e-electron/smoke.spec.ts', '--reporter=list'],
  { cwd: root, stdio: 'inherit' },
);
console.log(`\nScreenshots and summary: ${path.join(root, 'smoke')}${path.sep}`);
process.exit(run.status ?? 1);
