// `npm start`: the desktop app. Electron fetches its binary on first use; where that cannot
// happen (no network to its host, as on our CI machines), say so in one line and point at
// browser mode instead of printing a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { runChild } from './run-child.mjs';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary && existsSync(path.join(electronDir, 'install.js'))) {
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  binary = electronBinary();
}
if (!binary) {
  console.error(
    'The Electron binary is not installed and could not be downloaded here, so the desktop app cannot start; run `npm run serve` for browser mode.',
  );
  process.exit(1);
}

buildIfNeeded();
runChild(binary, [root, ...process.argv.slice(2)]);
