// `npm run serve`: build if needed, then run browser mode (the same core, in plain Node).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
await import(pathToFileURL(path.resolve(import.meta.dirname, '..', 'out', 'main', 'serve.js')).href);
