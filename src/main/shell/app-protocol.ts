/**
 * What `app://flipsync/` answers: the built renderer (with the CSP as a header) and the
 * seller's photos, streamed from disk with Range support instead of base64 data URLs.
 * Plain Request → Response, so Node tests cover it; shell/protocol.ts only registers it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { APP_CSP, CONTENT_TYPES as TYPES } from '../page/headers';

export const APP_SCHEME = 'app';
export const APP_HOST = 'flipsync';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface AppProtocolOptions {
  rendererDir: string;
  /** The data folder's photos/ (files `<sha256>.<ext>`, thumbnails in thumbs/). */
  photosDir: string;
}

const PHOTO_EXTS = ['jpg', 'png', 'webp', 'gif', 'heic'];
const HASH = /^[a-f0-9]{64}$/;

const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
const plain = (status: number, text: string, extra: Record<string, string> = {}) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...common, ...extra } });

export async function appProtocolResponse(request: Request, options: AppProtocolOptions): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad address.');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found.');
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return plain(405, 'Only GET and HEAD.', { allow: 'GET, HEAD' });
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'Bad address.');
  }

  const photo = /^\/photos\/(thumb|full)\/([^/]+)$/.exec(pathname);
  if (photo) {
    const [, size, hash] = photo as unknown as [string, 'thumb' | 'full', string];
    if (!HASH.test(hash)) return plain(404, 'No such photo.');
    const file = await photoFile(options.photosDir, size, hash);
    if (!file) return plain(404, 'No such photo.');
    return fileResponse(request, file, { 'cache-control': 'private, max-age=31536000, immutable' });
  }

  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const root = path.resolve(options.rendererDir);
  const file = path.resolve(root, relative);
  // Nothing outside the built renderer, whatever the path says (../, encoded slashes).
  if (!file.startsWith(root + path.sep)) return plain(404, 'Not found.');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return plain(404, 'Not found.');
  return fileResponse(request, file, { 'content-security-policy': APP_CSP, 'cache-control': 'no-store' });
}

async function photoFile(dir: string, size: 'thumb' | 'full', hash: string): Promise<string | null> {
  const candidates =
    size === 'thumb'
      ? [path.join(dir, 'thumbs', `${hash}.webp`)]
      : PHOTO_EXTS.map((e) => path.join(dir, `${hash}.${e}`));
  for (const file of candidates) if ((await stat(file).catch(() => null))?.isFile()) return file;
  return null;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` for one range; null when absent; 'bad' when unsatisfiable. */
export function parseRange(header: string | null, length: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges (a multipart answer) are not needed by <img> or <video>: send it whole.
  if (!match) return header.includes(',') ? null : 'bad';
  const [, from, to] = match as unknown as [string, string, string];
  if (from === '' && to === '') return 'bad';
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'bad';
    start = Math.max(0, length - suffix);
    end = length - 1;
  } else {
    start = Number(from);
    end = to === '' ? length - 1 : Math.min(Number(to), length - 1);
  }
  if (start >= length || start > end) return 'bad';
  return { start, end };
}

async function fileResponse(request: Request, file: string, extra: Record<string, string>): Promise<Response> {
  const { size } = await stat(file);
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'accept-ranges': 'bytes', ...common, ...extra };
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'bad') return plain(416, 'Range not satisfiable.', { 'content-range': `bytes */${size}` });
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  headers['content-length'] = String(length);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}
