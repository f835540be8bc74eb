// Regenerates the app and tray icons from the SVGs in resources/src:
//   node resources/generate-icons.mjs
// The PNG/ICO files are committed, so building never needs this step.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const here = import.meta.dirname;
const out = (...p) => path.join(here, ...p);

/** An .ico holding PNG images (Windows Vista and later read these). */
function ico(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

/** Renders at twice the target size from the SVG's own width, then scales down (crisper small icons). */
const png = (svg, size) => {
  const intrinsic = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1] ?? 32);
  return sharp(Buffer.from(svg), { density: Math.max(1, (72 * 2 * size) / intrinsic) })
    .resize(size, size)
    .png()
    .toBuffer();
};

const icon = await readFile(out('src', 'icon.svg'), 'utf8');
await mkdir(out('icons'), { recursive: true });
await writeFile(out('icon.png'), await png(icon, 1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  await writeFile(out('icons', `${size}x${size}.png`), await png(icon, size));
}
await writeFile(
  out('icon.ico'),
  ico(await Promise.all([16, 24, 32, 48, 64, 128, 256].map(async (size) => ({ size, data: await png(icon, size) })))),
);

// Tray: a monochrome template for macOS (it recolours it), a dark glyph for light panels,
// a light glyph for dark panels; each with a variant that carries a dot when proposals wait.
const tray = await readFile(out('src', 'tray.svg'), 'utf8');
const variants = { template: '#000000', light: '#1f2937', dark: '#f9fafb' };
await mkdir(out('tray'), { recursive: true });
for (const [name, color] of Object.entries(variants)) {
  for (const badge of [false, true]) {
    const dot = badge ? `<circle cx="25" cy="7" r="5.5" fill="${name === 'template' ? '#000000' : '#ef4444'}"/>` : '';
    const svg = tray.replaceAll('COLOR', color).replace('BADGE', dot);
    const base = `tray-${name}${badge ? '-badge' : ''}`;
    // macOS picks @2x on Retina screens by file name; a "Template" suffix marks template images.
    const file = name === 'template' ? `tray${badge ? 'Badge' : ''}Template` : base;
    await writeFile(out('tray', `${file}.png`), await png(svg, 16));
    await writeFile(out('tray', `${file}@2x.png`), await png(svg, 32));
    if (name !== 'template') {
      const sizes = [16, 24, 32, 48];
      await writeFile(
        out('tray', `${base}.ico`),
        ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(svg, size) })))),
      );
    }
  }
}
console.log('icons written to', here);
