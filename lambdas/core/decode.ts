/**
 * Bytes -> text. BOMs first, then strict UTF-8, then UTF-16 without a BOM, then a legacy code page
 * chosen by chardet and checked against the script the bytes decode to. Every encoding is decoded by
 * the WHATWG `TextDecoder`, which Node and the Lambda runtime ship with full ICU; only chardet's
 * detectors are a dependency, loaded on first use (most articles are UTF-8 and never need them).
 */
import { DigestError } from './errors.ts';
import { loadPiece } from './lazy.ts';

/** The decoded text and the encoding it was read with. */
export interface Decoded {
  text: string;
  encoding: string;
}

/** Magic numbers of binary formats people upload by mistake. */
const BINARY_SIGNATURES: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP (or DOCX/XLSX)', [0x50, 0x4b, 0x03, 0x04]],
  ['GZIP', [0x1f, 0x8b]],
  ['WebP/RIFF', [0x52, 0x49, 0x46, 0x46]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf]],
  ['OLE (legacy Office)', [0xd0, 0xcf, 0x11, 0xe0]],
];

/** Share of control characters above which decoded text is treated as binary (real text has almost none). */
const MAX_CONTROL_SHARE = 0.05;
/** Share of NUL bytes above which (UTF-16 aside) the file is binary: text has none, binary has plenty. */
const MAX_NUL_SHARE = 0.01;
/** How many bytes are inspected for NULs and encoding sniffing: enough to judge, cheap on 10 MB. */
const SNIFF_BYTES = 64 * 1024;

const LATIN_FAMILY = new Set([
  'ISO-8859-1',
  'ISO-8859-2',
  'ISO-8859-9',
  'ISO-8859-15',
  'windows-1250',
  'windows-1252',
]);
const RTL_FAMILY = new Set(['ISO-8859-6', 'ISO-8859-8', 'windows-1255', 'windows-1256', 'ISO-8859-8-I']);

/** Decodes article bytes, or throws a `DigestError` (EMPTY, BINARY, UNDECODABLE) a user can act on. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DigestError('EMPTY', 'The file is empty.');
  const signature = binarySignature(bytes);
  if (signature)
    throw new DigestError('BINARY', `The file is a ${signature} file, not an article in text form.`);

  const bom = decodeWithBom(bytes);
  const decoded = bom ?? decodeWithoutBom(bytes);
  const text = cleanText(decoded.text);
  return { text, encoding: decoded.encoding };
}

function binarySignature(bytes: Uint8Array): string | undefined {
  for (const [name, magic] of BINARY_SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  return undefined;
}

function decodeWithBom(bytes: Uint8Array): Decoded | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: strictUtf8(bytes.subarray(3)) ?? decodeAs(bytes.subarray(3), 'utf-8'),
      encoding: 'utf-8-bom',
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeAs(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decodeAs(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeWithoutBom(bytes: Uint8Array): Decoded {
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  const utf16 = guessUtf16(sniff);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16 };
  // A stray NUL (a truncated C string, a bad concatenation) is dropped with the other control
  // characters; binary data has them everywhere.
  if (countNul(sniff) > sniff.length * MAX_NUL_SHARE) {
    throw new DigestError('BINARY', 'The file contains NUL bytes and is not text in any supported encoding.');
  }
  const text = strictUtf8(bytes);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  const legacy = guessLegacyEncoding(sniff);
  if (!legacy)
    throw new DigestError('UNDECODABLE', 'The bytes are not valid UTF-8 and match no supported code page.');
  return { text: decodeAs(bytes, legacy), encoding: legacy };
}

function countNul(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) n++;
  return n;
}

/** UTF-16 without a BOM shows as NULs in every other byte for Latin text, or a steady high byte for Arabic. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  let evenArabic = 0;
  let oddArabic = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
    if (bytes[i] === 0x06) evenArabic++;
    if (bytes[i + 1] === 0x06) oddArabic++;
  }
  const share = (n: number) => n / pairs;
  if (share(oddZero + oddArabic) > 0.6 && share(evenZero) < 0.05) return 'utf-16le';
  if (share(evenZero + evenArabic) > 0.6 && share(oddZero) < 0.05) return 'utf-16be';
  return undefined;
}

const ARABIC_LETTERS = /[\u0621-\u064A]/g;
const LETTERS = /\p{L}/gu;

function guessLegacyEncoding(bytes: Uint8Array): string | undefined {
  const candidates = loadPiece('chardet')
    .analyse(bytes)
    .map((c) => c.name);
  const top = candidates[0];
  // chardet confuses Arabic and Hebrew code pages on short texts: trust the script the bytes decode to.
  if (!top || RTL_FAMILY.has(top) || LATIN_FAMILY.has(top)) {
    const asArabic = decodeAs(bytes, 'windows-1256');
    const letters = asArabic.match(LETTERS)?.length ?? 0;
    const arabic = asArabic.match(ARABIC_LETTERS)?.length ?? 0;
    if (letters > 0 && arabic / letters > 0.5) return 'windows-1256';
    if (top && RTL_FAMILY.has(top) && canDecode(top)) return top;
    return 'windows-1252';
  }
  // The names chardet can return that TextDecoder cannot read (UTF-32, ISO-2022-KR/CN) fall through to
  // the next candidate. UTF-32 never gets here anyway: its NUL bytes make the file BINARY first.
  return candidates.find(canDecode);
}

const decoders = new Map<string, TextDecoder | null>();

/** The non-fatal decoder for an encoding name chardet or the BOM gave, or null when ICU has none. */
function decoderFor(encoding: string): TextDecoder | null {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      decoder = null;
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}

function canDecode(encoding: string): boolean {
  return decoderFor(encoding) !== null;
}

/**
 * windows-1252's 0x80-0x9F (curly quotes, dashes, the euro sign). Node 20's TextDecoder reads them as
 * the C1 controls of ISO-8859-1, which cleanText would delete; later Node versions read them as
 * WHATWG says. Either way the result is mapped here, the five undefined bytes to U+FFFD.
 */
const WINDOWS_1252_C1 =
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';

/** Decodes with the encoding's TextDecoder, invalid sequences as U+FFFD; `encoding` must be decodable. */
function decodeAs(bytes: Uint8Array, encoding: string): string {
  const decoder = decoderFor(encoding);
  if (!decoder) throw new DigestError('UNDECODABLE', `The text is in ${encoding}, which cannot be decoded.`);
  if (decoder.encoding === 'utf-16le' || decoder.encoding === 'utf-16be') {
    // A lone last byte is a truncated file, not a character: dropped, not shown as U+FFFD.
    return decoder.decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  }
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252'
    ? text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] as string)
    : text;
}

/** Any character `cleanText` changes or counts: most texts hold none, and then it has nothing to do. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point here.
const TO_CLEAN = /[\r\u0085\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

/**
 * Normalises line endings and drops NULs and C0/C1 control characters (keeping tab and newline), and
 * rejects text that is mostly control characters.
 */
function cleanText(text: string): string {
  if (!TO_CLEAN.test(text)) return text;
  let controls = 0;
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    // Page breaks (pdftotext puts \f between pages), vertical tabs and Unicode line separators end a
    // line: removing them with the other controls would glue the words on either side together.
    .replace(/[\f\v\u0085\u2028\u2029]/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point here.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, () => {
      controls++;
      return '';
    });
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    throw new DigestError(
      'BINARY',
      'The file is mostly control characters: it looks like binary data, not text.',
    );
  }
  const replacement = (cleaned.match(/\uFFFD/g) ?? []).length;
  if (cleaned.length > 0 && replacement / cleaned.length > MAX_CONTROL_SHARE) {
    throw new DigestError('UNDECODABLE', 'The text could not be decoded: too many invalid byte sequences.');
  }
  return cleaned;
}
