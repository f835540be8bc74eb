import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../../src/main/core');
// import … from 'electron', import 'electron', require('electron'), import('electron'), export … from 'electron'
const ELECTRON_IMPORT = /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat().filter((f) => /\.(c|m)?[jt]sx?$/.test(f));
}

describe('src/main/core', () => {
  it('recognises every form of an electron import (so the check below can fail)', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import "electron";',
      "const { app } = require('electron');",
      "await import('electron')",
      "export { app } from 'electron/main';",
    ]) {
      expect(line).toMatch(ELECTRON_IMPORT);
    }
    expect("import { x } from 'electron-vite';").not.toMatch(ELECTRON_IMPORT);
  });

  it('imports nothing from electron, in any file', async () => {
    const files = await sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      if (ELECTRON_IMPORT.test(await readFile(file, 'utf8'))) offenders.push(path.relative(CORE, file));
    }
    expect(offenders).toEqual([]);
  });
});
