/**
 * Electronegativity over the Electron shell and preload: any finding above informational
 * must be justified, with a reason, in security/electronegativity-justified.json; a
 * justification that no longer matches a finding must be removed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const INPUTS = ['src/main', 'src/preload'];
const FIXTURE = 'test/shell/fixtures/insecure-app';

const ResultsSchema = z.array(
  z.object({
    input: z.string(),
    parseErrors: z.array(z.string()),
    issues: z.array(
      z.object({ id: z.string(), severity: z.string(), confidence: z.string(), file: z.string(), line: z.number() }),
    ),
  }),
);
const JustifiedSchema = z.array(
  z.object({
    id: z.string(),
    input: z.string(),
    file: z.string(),
    reason: z.string().min(30, 'Give a real reason for each justified finding.'),
  }),
);

let results: z.infer<typeof ResultsSchema> = [];

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-eneg-'));
  try {
    const out = path.join(dir, 'results.json');
    await promisify(execFile)(
      process.execPath,
      [path.join(root, 'test/shell/electronegativity-run.mjs'), out, ...INPUTS, FIXTURE],
      { cwd: root, timeout: 120_000 },
    );
    results = ResultsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 150_000);

const key = (f: { id: string; input: string; file: string }) => `${f.id} ${f.input} ${f.file}`;

describe('Electronegativity', () => {
  it('finds the problems in a deliberately insecure window (so the scan can fail)', () => {
    const fixture = results.find((r) => r.input === FIXTURE);
    expect(fixture?.issues.map((i) => i.id)).toEqual(
      expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK']),
    );
  });

  it('parses every file of the shell and preload', () => {
    for (const input of INPUTS) expect(results.find((r) => r.input === input)?.parseErrors).toEqual([]);
  });

  it('reports nothing above informational that is not justified, and no stale justification', async () => {
    const justified = JustifiedSchema.parse(
      JSON.parse(await readFile(path.join(root, 'security/electronegativity-justified.json'), 'utf8')),
    );
    const findings = results
      .filter((r) => INPUTS.includes(r.input))
      .flatMap((r) => r.issues.filter((i) => i.severity !== 'INFORMATIONAL').map((i) => ({ ...i, input: r.input })));
    const allowed = new Set(justified.map(key));
    const found = new Set(findings.map(key));
    const unjustified = findings.filter((f) => !allowed.has(key(f))).map((f) => `${key(f)}:${f.line} (${f.severity})`);
    expect(unjustified).toEqual([]);
    expect(justified.filter((j) => !found.has(key(j))).map(key)).toEqual([]);
  });
});
