/**
 * Turns the request body into text before any XML parsing: enforces the byte limit first (so an
 * oversize body is never decoded), then decodes bytes by BOM or by the XML declaration's
 * `encoding`. UTF-8 is decoded strictly: invalid byte sequences are a 400, never silently
 * replaced with U+FFFD. A string body is already text; only its size is checked.
 */
import { IntakeError } from './errors.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Encodings we decode besides UTF-8, by their lower-case IANA names in XML declarations. */
const SINGLE_BYTE = new Set([
  'iso-8859-1',
  'latin1',
  'latin-1',
  'windows-1252',
  'cp1252',
  'us-ascii',
  'ascii',
]);

function tooLarge(size: number, maxBytes: number): IntakeError {
  return IntakeError.of(
    413,
    '/',
    'intake.tooLarge',
    `Dokumentet fylder ${size} bytes; grænsen er ${maxBytes} bytes.`,
    `The document is ${size} bytes; the limit is ${maxBytes} bytes.`,
  );
}

function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration, if any, sits in the first bytes and is ASCII-compatible here.
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const m = /^<\?xml[^>]{0,150}?encoding\s{0,10}=\s{0,10}["']([A-Za-z0-9._-]{1,40})["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

function strictDecode(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw IntakeError.of(
      400,
      '/',
      'intake.encoding',
      `Dokumentet er ikke gyldig ${encoding.toUpperCase()}-tekst.`,
      `The document is not valid ${encoding.toUpperCase()} text.`,
    );
  }
}

/** The document as a string without a byte order mark, or an {@link IntakeError}. */
export function decodeInput(input: unknown, maxBytes: number): string {
  if (typeof input === 'string') {
    // Each UTF-16 code unit is at least one UTF-8 byte and at most three.
    if (input.length > maxBytes) throw tooLarge(Buffer.byteLength(input, 'utf8'), maxBytes);
    if (input.length * 3 > maxBytes) {
      const size = Buffer.byteLength(input, 'utf8');
      if (size > maxBytes) throw tooLarge(size, maxBytes);
    }
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (!(input instanceof Uint8Array)) {
    throw IntakeError.of(
      400,
      '/',
      'intake.notXml',
      'Dokumentet skal sendes som XML-tekst.',
      'The document must be sent as XML text.',
    );
  }
  if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
  const b0 = input[0];
  const b1 = input[1];
  if (b0 === 0xef && b1 === 0xbb && input[2] === 0xbf) return strictDecode(input.subarray(3), 'utf-8');
  if (b0 === 0xff && b1 === 0xfe) return strictDecode(input.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return strictDecode(input.subarray(2), 'utf-16be');
  const declared = declaredEncoding(input);
  if (declared === null || declared === 'utf-8' || declared === 'utf8') return strictDecode(input, 'utf-8');
  if (SINGLE_BYTE.has(declared)) return new TextDecoder('windows-1252').decode(input);
  throw IntakeError.of(
    415,
    '/',
    'intake.encoding',
    `Tegnsættet "${declared}" understøttes ikke; brug UTF-8.`,
    `The character encoding "${declared}" is not supported; use UTF-8.`,
  );
}
