/**
 * How large a photo may be, and what that means on the wire. Browser mode carries a photo as
 * base64 inside one WebSocket message, so the message cap follows from the photo limit: a
 * cap of its own would silently refuse photos the contract accepts.
 */

/** The largest photo FlipSync stores, in bytes (25 MiB). */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
export const MAX_PHOTO_LABEL = '25 MB';

/** Characters base64 needs for `bytes` bytes: 4 for every 3, the last group padded. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** A FileReader `data:<mime>;base64,` prefix core strips (it allows a mime of up to 200 characters). */
const DATA_URL_PREFIX_CHARS = 'data:;base64,'.length + 200;

/** The longest base64 text of a photo core may still have to look at before refusing it. */
export const MAX_PHOTO_BASE64_CHARS = base64Length(MAX_PHOTO_BYTES) + DATA_URL_PREFIX_CHARS;

/**
 * Room beside the photo in one call's message: the id, route name, item id and a file name
 * of up to 255 characters, each JSON-escaped at worst to 6 characters (\uXXXX).
 */
const ENVELOPE_BYTES = 16 * 1024;

/** The largest WebSocket message browser mode accepts: the largest photo call and its envelope. */
export const MAX_WIRE_MESSAGE_BYTES = MAX_PHOTO_BASE64_CHARS + ENVELOPE_BYTES;

/** What the seller reads when a file is over the limit (the same words core uses). */
export function photoTooLarge(fileName: string, bytes: number): { message: string; hint: string } {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return { message: `${fileName} is ${mb} MB; photos can be at most ${MAX_PHOTO_LABEL}.`, hint: 'Resize it first.' };
}
