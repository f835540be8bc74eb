// `npm run serve`: build if needed, then run browser mode (the same core, in plain Node) as a
// child that stops when this script is stopped (see run-child.mjs).
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { runChild } from './run-child.mjs';

buildIfNeeded();
runChild(process.execPath, [
  path.resolve(import.meta.dirname, '..', 'out', 'main', 'serve.js'),
  ...process.argv.slice(2),
]);
