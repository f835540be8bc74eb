/**
 * The pieces an index snapshot is made of: a little JSON plus named typed arrays. Typed
 * arrays go to disk as raw bytes and come back as views on the file's buffer, so loading
 * 100k rows allocates a handful of objects instead of millions (JSON.parse of row objects
 * spent most of a cold start in the garbage collector).
 */
export type Arr = Uint8Array | Int32Array | Uint32Array | Float64Array;
export type ArrKind = 'u8' | 'i32' | 'u32' | 'f64';

export interface Bundle {
  json: Record<string, unknown>;
  arrays: Record<string, Arr>;
}

export const kindOf = (a: Arr): ArrKind =>
  a instanceof Uint8Array ? 'u8' : a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : 'f64';

export const viewOf = (kind: ArrKind, buffer: ArrayBufferLike, byteOffset: number, length: number): Arr => {
  switch (kind) {
    case 'u8':
      return new Uint8Array(buffer, byteOffset, length);
    case 'i32':
      return new Int32Array(buffer, byteOffset, length);
    case 'u32':
      return new Uint32Array(buffer, byteOffset, length);
    case 'f64':
      return new Float64Array(buffer, byteOffset, length);
  }
};

/** Bundles of several parts, each under its own prefix. */
export function merge(parts: Record<string, Bundle>): Bundle {
  const out: Bundle = { json: {}, arrays: {} };
  for (const [prefix, part] of Object.entries(parts)) {
    out.json[prefix] = part.json;
    for (const [name, arr] of Object.entries(part.arrays)) out.arrays[`${prefix}.${name}`] = arr;
  }
  return out;
}

export function part(bundle: Bundle, prefix: string): Bundle {
  const arrays: Record<string, Arr> = {};
  const head = `${prefix}.`;
  for (const [name, arr] of Object.entries(bundle.arrays)) {
    if (name.startsWith(head)) arrays[name.slice(head.length)] = arr;
  }
  return { json: (bundle.json[prefix] ?? {}) as Record<string, unknown>, arrays };
}

/** The named array, of the expected type and (when given) length; throws on a damaged file. */
export function need<T extends Arr>(b: Bundle, name: string, type: new (n: number) => T, length?: number): T {
  const a = b.arrays[name];
  if (!(a instanceof type) || (length !== undefined && a.length !== length)) {
    throw new Error(`index snapshot: array ${name} is missing or has the wrong size`);
  }
  return a;
}

/**
 * Many strings as one blob plus offsets. Latin-1 when every character fits (one byte each),
 * else UTF-16: an exact round trip of JavaScript strings, lone surrogates included.
 */
export interface PackedStrings {
  readonly text: string;
  offsets: Uint32Array;
}

export function packStrings(values: readonly string[]): { blob: Uint8Array; offsets: Uint32Array; wide: boolean } {
  const offsets = new Uint32Array(values.length + 1);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += values[i]!.length;
    offsets[i + 1] = at;
  }
  const text = values.join('');
  // eslint-disable-next-line no-control-regex
  const wide = /[^\x00-\xff]/.test(text);
  const blob = Buffer.from(text, wide ? 'utf16le' : 'latin1');
  return { blob: new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), offsets, wide };
}

/**
 * The strings of a blob, decoded on first use: a restart decodes only the columns something
 * reads (the first dashboard reads ids and dates, not revisions or movement ids: tens of
 * megabytes at 100k items). The sizes are checked now, so a damaged file is still refused at load.
 */
export function unpackStrings(blob: Uint8Array, offsets: Uint32Array, wide: boolean): PackedStrings {
  const chars = wide ? blob.byteLength / 2 : blob.byteLength;
  if (chars !== offsets[offsets.length - 1]) throw new Error('index snapshot: packed strings do not add up');
  let text: string | null = null;
  return {
    offsets,
    get text() {
      return (text ??= Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString(
        wide ? 'utf16le' : 'latin1',
      ));
    },
  };
}

export const stringAt = (p: PackedStrings, i: number): string => p.text.slice(p.offsets[i], p.offsets[i + 1]);
