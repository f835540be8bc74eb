// Builds with electron-vite when anything the build reads is newer than the last build.
// `npm run build` calls this file with --stamp after its own build, so the first
// `npm run serve` after it does not build a second time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'out', '.build-stamp');
const inputs = ['src', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newest(p) {
  const full = path.join(root, p);
  if (!existsSync(full)) return 0;
  const info = statSync(full);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newest(path.join(p, name))));
}

export function buildIfNeeded() {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built >= Math.max(...inputs.map(newest))) return;
  console.log('Building FlipSync…');
  const bin = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const result = spawnSync(bin, ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  writeBuildStamp();
}

export function writeBuildStamp() {
  writeFileSync(stamp, new Date().toISOString());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--stamp')) {
  writeBuildStamp();
}
