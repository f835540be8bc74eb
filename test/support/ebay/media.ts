/**
 * The double's Media API photo upload (create_image_from_file). The vendored Media contract
 * predates eBay's image methods (it lists only video), so the request is checked here by the
 * rules eBay's current documentation gives: multipart/form-data with the file as `image`, a
 * picture format eBay takes, a token with sell.inventory; 201 with `imageUrl` and
 * `expirationDate`, and the image's address in Location.
 */
import sharp from 'sharp';
import type { Reply, Req } from './http';
import type { DoubleState } from './state';

const SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
const FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'tiff', 'avif']);

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const refuse = (status: number, errorId: number, message: string) =>
  json(status, { errors: [{ errorId, domain: 'API_MEDIA', category: 'REQUEST', message }] });

export async function handleMedia(state: DoubleState, req: Req, origin: string, violations: string[]): Promise<Reply> {
  const p = req.url.pathname;
  if (p !== '/commerce/media/v1_beta/image/create_image_from_file' || req.method !== 'POST') {
    violations.push(`${req.method} ${p}: not a Media API operation FlipSync should call`);
    return refuse(404, 0, 'Resource not found');
  }
  state.calls.push('media:createImageFromFile');
  const grant = state.bearer(req.headers.get('authorization'));
  if (typeof grant === 'string') return refuse(401, 1001, 'Invalid access token');
  if (!grant.scopes.includes(SCOPE)) return refuse(403, 1100, 'Access denied');
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    violations.push(`createImageFromFile: content-type must be multipart/form-data, got ${type}`);
    return refuse(400, 190002, 'The Content-Type must be multipart/form-data.');
  }
  const bytes = filePart(req.raw, /boundary=(?:"([^"]+)"|([^;]+))/.exec(type));
  if (!bytes) {
    violations.push('createImageFromFile: the form has no file named "image"');
    return refuse(400, 190002, 'The image file is missing.');
  }
  const format = await sharp(bytes)
    .metadata()
    .then((m) => m.format ?? '')
    .catch(() => '');
  if (!FORMATS.has(format)) return refuse(400, 190003, 'The image format is not supported.');
  state.listing.uploads.push(bytes.length);
  const imageId = `img${state.listing.uploads.length}`;
  return json(
    201,
    {
      imageUrl: `${origin}/images/eps/${imageId}/s-l1600.jpg`,
      expirationDate: new Date(state.now() + 30 * 86_400_000).toISOString(),
    },
    { location: `${origin}/commerce/media/v1_beta/image/${imageId}` },
  );
}

/** The bytes of the form's file part named "image" (multipart/form-data, RFC 7578); null when absent. */
function filePart(raw: Buffer, boundary: RegExpExecArray | null): Buffer | null {
  const mark = boundary ? Buffer.from(`--${boundary[1] ?? boundary[2]}`) : null;
  if (!mark) return null;
  for (let at = raw.indexOf(mark); at >= 0;) {
    const next = raw.indexOf(mark, at + mark.length);
    if (next < 0) return null;
    const part = raw.subarray(at + mark.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('latin1');
    if (split >= 0 && /name="image"/.test(head) && /filename=/.test(head)) return part.subarray(split + 4);
    at = next;
  }
  return null;
}
