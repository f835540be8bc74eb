/**
 * The app protocol's answers, through the same function Electron's protocol.handle calls,
 * with real Request and Response objects and real files on disk.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appProtocolResponse, parseRange } from '../../src/main/shell/app-protocol';
import { tempDir } from '../support/temp-dir';

let dir: Awaited<ReturnType<typeof tempDir>>;
let options: { rendererDir: string; photosDir: string };
const photo = new Uint8Array(randomBytes(300_000));
const hash = createHash('sha256').update(photo).digest('hex');

beforeEach(async () => {
  dir = await tempDir('flipsync-protocol-');
  options = { rendererDir: path.join(dir.path, 'renderer'), photosDir: path.join(dir.path, 'data', 'photos') };
  await mkdir(path.join(options.rendererDir, 'assets'), { recursive: true });
  await mkdir(path.join(options.photosDir, 'thumbs'), { recursive: true });
  await writeFile(path.join(options.rendererDir, 'index.html'), '<!doctype html><title>FlipSync</title>');
  await writeFile(path.join(options.rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir.path, 'secret.txt'), 'not for the page');
  await writeFile(path.join(options.photosDir, `${hash}.jpg`), photo);
  await writeFile(path.join(options.photosDir, 'thumbs', `${hash}.webp`), photo.subarray(0, 1000));
});
afterEach(() => dir.remove());

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  appProtocolResponse(new Request(url, { method, headers }), options);

describe('app://flipsync/', () => {
  it('serves the renderer with the strict CSP as a header', async () => {
    const page = await get('app://flipsync/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.text()).toContain('<title>FlipSync</title>');
    const script = await get('app://flipsync/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('serves nothing outside the built renderer, from no other host, for no other method', async () => {
    for (const url of [
      'app://flipsync/../secret.txt',
      'app://flipsync/%2e%2e/secret.txt',
      'app://flipsync/assets/..%2f..%2fsecret.txt',
      'app://flipsync/missing.js',
      'app://other/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('not for the page');
    }
    expect((await get('app://flipsync/index.html', {}, 'POST')).status).toBe(405);
  });

  it('answers a malformed percent-encoding with 400, not an error', async () => {
    for (const url of ['app://flipsync/%', 'app://flipsync/%zz', 'app://flipsync/photos/thumb/%E0%A4%A']) {
      const res = await get(url);
      expect([url, res.status, await res.text()]).toEqual([url, 400, 'Bad address.']);
    }
  });

  it('streams a photo in full and its thumbnail, from the data folder', async () => {
    const full = await get(`app://flipsync/photos/full/${hash}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('content-length')).toBe(String(photo.length));
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(photo)).toBe(true);
    const thumb = await get(`app://flipsync/photos/thumb/${hash}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBe(1000);
    expect((await get(`app://flipsync/photos/full/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('app://flipsync/photos/full/..%2f..%2fsecret.txt')).status).toBe(404);
  });

  it('answers byte ranges with 206, and an impossible range with 416', async () => {
    const part = await get(`app://flipsync/photos/full/${hash}`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${photo.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(100, 200))).toBe(true);
    const tail = await get(`app://flipsync/photos/full/${hash}`, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(photo.subarray(photo.length - 10))).toBe(true);
    const open = await get(`app://flipsync/photos/full/${hash}`, { range: `bytes=${photo.length - 5}-` });
    expect((await open.arrayBuffer()).byteLength).toBe(5);
    const bad = await get(`app://flipsync/photos/full/${hash}`, { range: `bytes=${photo.length}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${photo.length}`);
    const head = await get(`app://flipsync/photos/full/${hash}`, {}, 'HEAD');
    expect(head.headers.get('content-length')).toBe(String(photo.length));
    expect(head.body).toBeNull();
  });

  it('parses the Range forms browsers send', () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=2-100', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('bytes=5-2', 10)).toBe('bad');
    expect(parseRange('bytes=-0', 10)).toBe('bad');
    expect(parseRange('items=1-2', 10)).toBe('bad');
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
  });
});
