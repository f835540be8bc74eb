/**
 * What a secret must be to travel in an HTTP header. A key pasted from a document can carry a
 * control character or a typographic character (a curly quote, an ellipsis) that a header
 * cannot hold: saved as is, every call would fail later with an unclear error, so it is
 * refused at save, in words.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function controlCharacterIn(value: string): boolean {
  return CONTROL.test(value);
}

/** The first character a header cannot carry (beyond Latin-1), if any. */
export function nonLatin1In(value: string): string | null {
  for (const char of value) if (char.codePointAt(0)! > 0xff) return char;
  return null;
}

export const CONTROL_MESSAGE =
  'It contains an invisible control character (often copied along with the text); type or paste it again.';
export const nonLatin1Message = (char: string) =>
  `It contains "${char}", which cannot be sent to the server (often a curly quote or dash a document put in); paste the key from its original source.`;
