// `npm start`: the desktop app. Where the Electron binary is missing (it could not be
// downloaded on this machine), say so in one line and point at browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;

if (!binary || !existsSync(binary)) {
  console.error(
    'The Electron binary is not installed on this machine, so the desktop app cannot start; run `npm run serve` for browser mode.',
  );
  process.exit(1);
}

buildIfNeeded();
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
