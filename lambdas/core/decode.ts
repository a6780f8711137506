/**
 * Bytes -> text. BOMs first, then strict UTF-8, then UTF-16 without a BOM, then a legacy code page
 * chosen by chardet and checked against the script the bytes decode to.
 */
import { createRequire } from 'node:module';
import { DigestError } from './errors.ts';

type Iconv = typeof import('iconv-lite');
type Chardet = typeof import('chardet');

const nodeRequire = createRequire(import.meta.url);
let iconvModule: Iconv | undefined;
let chardetModule: Chardet | undefined;

/**
 * iconv-lite and chardet are half a megabyte of tables that only BOM-marked, UTF-16 and legacy
 * code-page files need, so they load on first use instead of at every cold start. In the esbuild
 * bundle the literal `require` is bundled and runs only when reached; under tsx and vitest, where an
 * ES module has no `require`, Node's own loader reads them.
 */
function iconv(): Iconv {
  iconvModule ??= (
    typeof require === 'function' ? require('iconv-lite') : nodeRequire('iconv-lite')
  ) as Iconv;
  return iconvModule;
}

function chardet(): Chardet {
  chardetModule ??= (typeof require === 'function' ? require('chardet') : nodeRequire('chardet')) as Chardet;
  return chardetModule;
}

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
      text: strictUtf8(bytes.subarray(3)) ?? iconv().decode(Buffer.from(bytes.subarray(3)), 'utf-8'),
      encoding: 'utf-8-bom',
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
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
  if (utf16) return { text: iconv().decode(Buffer.from(bytes), utf16), encoding: utf16 };
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
  return { text: iconv().decode(Buffer.from(bytes), legacy), encoding: legacy };
}

function countNul(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0) n++;
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
  const buf = Buffer.from(bytes);
  const candidates = chardet()
    .analyse(buf)
    .map((c) => c.name);
  const top = candidates[0];
  // chardet confuses Arabic and Hebrew code pages on short texts: trust the script the bytes decode to.
  if (!top || RTL_FAMILY.has(top) || LATIN_FAMILY.has(top)) {
    const asArabic = iconv().decode(buf, 'windows-1256');
    const letters = asArabic.match(LETTERS)?.length ?? 0;
    const arabic = asArabic.match(ARABIC_LETTERS)?.length ?? 0;
    if (letters > 0 && arabic / letters > 0.5) return 'windows-1256';
    if (top && RTL_FAMILY.has(top) && iconv().encodingExists(top)) return top;
    return 'windows-1252';
  }
  return candidates.find((name) => iconv().encodingExists(name));
}

/**
 * Normalises line endings and drops NULs and C0/C1 control characters (keeping tab and newline), and
 * rejects text that is mostly control characters.
 */
function cleanText(text: string): string {
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
