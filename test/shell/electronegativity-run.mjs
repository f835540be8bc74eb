// Runs Electronegativity over the given folders and writes its findings as JSON to a file.
//   node test/shell/electronegativity-run.mjs <out.json> <folder>...
// The tool fetches translations and Electron's release list over HTTP; its HTTP client is
// replaced here by one that answers "offline" at once, so the scan is the same on every
// machine, needs no network, and no retry timer fires after it. It then uses its bundled
// English texts. Run as a child process so nothing it does can disturb the test runner.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'));
const offline = () => Promise.reject(new Error('offline: the security scan makes no network requests'));
offline.head = offline;
offline.get = offline;
const gotPath = toolRequire.resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const run = require('@doyensec/electronegativity');
const [out, ...inputs] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, '../..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

const results = [];
for (const input of inputs) {
  const result = await run({
    input: path.resolve(root, input),
    isRelative: true,
    electronVersionOverride: electronVersion,
    // This check downloads Electron's release list; the Electron version is pinned in package.json.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  results.push({
    input,
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`),
    issues: result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location?.line ?? 0,
      sample: String(i.sample ?? '').slice(0, 120),
    })),
  });
}
writeFileSync(out, JSON.stringify(results, null, 2));
process.exit(0);
