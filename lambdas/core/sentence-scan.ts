/**
 * Sentence boundaries without `Intl.Segmenter`: the Unicode sentence-break rules (UAX #29, SB1-SB11)
 * as ICU applies them, in one pass over the char codes, for text whose every character lies in a
 * domain of blocks whose classes the tests check one by one against the segmenter (Latin, Greek,
 * Cyrillic, Hebrew, Arabic, general punctuation...). Text with any other character is left to the
 * segmenter: the scan reports that it cannot handle it.
 */

/**
 * Sentence_Break classes; Extend and Format are one class, since every rule treats them alike. The
 * classes the scan stops at (and 0, a character not yet classified) come first, so that one comparison
 * passes over the rest.
 */
const CR = 1;
const LF = 2;
const SEP = 3;
const ATERM = 4;
const STERM = 5;
/** A character outside the domain: the text goes to the segmenter. */
const OUTSIDE = 6;
const OTHER = 7;
const EXTEND = 8;
const SP = 9;
const LOWER = 10;
const UPPER = 11;
const OLETTER = 12;
const NUMERIC = 13;
const CLOSE = 14;
const SCONTINUE = 15;

/**
 * The domain: blocks whose every character's class is derived below and checked against the segmenter
 * by the tests (pairs of inclusive bounds). Supplementary-plane characters and surrogates are outside.
 */
const DOMAIN = [0x0000, 0x08ff, 0x1e00, 0x1eff, 0x2000, 0x20cf, 0xfb50, 0xfdff, 0xfe70, 0xfeff] as const;

const RE_EXTEND = /^[\p{Grapheme_Extend}\p{Mc}\u200D]$/u;
const RE_FORMAT = /^\p{Cf}$/u;
const RE_SPACE = /^\s$/u;
const RE_LOWER = /^\p{Lowercase}$/u;
const RE_UPPER = /^[\p{Uppercase}\p{Lt}]$/u;
const RE_OLETTER = /^[\p{Alphabetic}\u05F3]$/u;
/** Line_Break=Numeric: digits, the Arabic decimal and thousands separators, and the prepended concatenation marks (U+0600 ARABIC NUMBER SIGN...). */
const RE_NUMERIC = /^[\p{Nd}\u066B\u066C\u0600-\u0605\u06DD\u0890\u0891\u08E2]$/u;
const RE_STERM = /^\p{Sentence_Terminal}$/u;
const RE_CLOSE = /^[\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Quotation_Mark}]$/u;
const SCONTINUES = ',-:;\u037E\u055D\u060C\u060D\u07F8\u2013\u2014';

function classify(code: number): number {
  if (!inDomain(code)) return OUTSIDE;
  switch (code) {
    case 0x0d:
      return CR;
    case 0x0a:
      return LF;
    case 0x85:
    case 0x2028:
    case 0x2029:
      return SEP;
    case 0x2e:
    case 0x2024:
      return ATERM;
  }
  const ch = String.fromCharCode(code);
  if (RE_NUMERIC.test(ch)) return NUMERIC;
  if (RE_EXTEND.test(ch)) return EXTEND;
  if (RE_FORMAT.test(ch)) return EXTEND;
  if (RE_SPACE.test(ch)) return SP;
  if (RE_LOWER.test(ch)) return LOWER;
  if (RE_UPPER.test(ch)) return UPPER;
  if (RE_OLETTER.test(ch)) return OLETTER;
  if (RE_STERM.test(ch)) return STERM;
  if (RE_CLOSE.test(ch)) return CLOSE;
  if (SCONTINUES.includes(ch)) return SCONTINUE;
  return OTHER;
}

function inDomain(code: number): boolean {
  for (let k = 0; k < DOMAIN.length; k += 2) {
    if (code >= (DOMAIN[k] as number) && code <= (DOMAIN[k + 1] as number)) return true;
  }
  return false;
}

/** Classes of BMP code units, filled on first sight (0 = not yet seen); made at the first scan. */
let classes: Uint8Array | undefined;

function tableOfClasses(): Uint8Array {
  if (!classes) classes = new Uint8Array(0x10000);
  return classes;
}

/** The class of the character at `i`, classified on first sight. */
function classAt(table: Uint8Array, text: string, i: number): number {
  const c = text.charCodeAt(i);
  let k = table[c] as number;
  if (k === 0) {
    k = classify(c);
    table[c] = k;
  }
  return k;
}

/** Whether every character of `text[start, end)` lies in the domain the scan handles. */
export function canScanSentences(text: string, start: number, end: number): boolean {
  const table = tableOfClasses();
  for (let i = start; i < end; i++) if (classAt(table, text, i) === OUTSIDE) return false;
  return true;
}

/**
 * Starts of the sentence segments `Intl.Segmenter` finds in `text[from, to)` taken as a string of its
 * own, written to `starts` (the first is `from`); returns how many, or -1 when the range holds a
 * character outside the domain (the starts are then of no use).
 */
export function scanSentenceStarts(text: string, from: number, to: number, starts: number[]): number {
  const table = tableOfClasses();
  if (from >= to) return 0;
  let n = 0;
  starts[n++] = from;
  let i = from;
  for (;;) {
    // Most characters neither end a sentence nor separate one: passed over at one comparison each.
    while (i < to && (table[text.charCodeAt(i)] as number) > OUTSIDE) i++;
    if (i >= to) break;
    const k = classAt(table, text, i);
    if (k === OUTSIDE) return -1;
    if (k > OUTSIDE) {
      i++;
      continue;
    }
    if (k === CR || k === LF || k === SEP) {
      // SB3, SB4: a break after a separator, CR LF being one.
      i += k === CR && i + 1 < to && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      if (i < to) starts[n++] = i;
      continue;
    }
    // A terminator. SB5: Extend and Format after it take its class.
    let j = skipExtend(table, text, i + 1, to);
    if (j >= to) break;
    let next = classAt(table, text, j);
    // SB6: "3.5"; SB7: "U.S".
    if (k === ATERM && (next === NUMERIC || (next === UPPER && followsLetter(table, text, from, i)))) {
      i = j;
      continue;
    }
    // SB9, SB10: closing punctuation, then spaces, stay with the terminator.
    while (next === CLOSE) {
      j = skipExtend(table, text, j + 1, to);
      if (j >= to) break;
      next = classAt(table, text, j);
    }
    while (j < to && next === SP) {
      j = skipExtend(table, text, j + 1, to);
      if (j >= to) break;
      next = classAt(table, text, j);
    }
    if (j >= to) break;
    if (next === OUTSIDE) return -1;
    if (next === CR || next === LF || next === SEP) {
      // SB9-SB11: a separator too, then the break.
      j += next === CR && j + 1 < to && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
      if (j < to) starts[n++] = j;
      i = j;
      continue;
    }
    // SB8a: a comma or another terminator continues the sentence; SB8: so does a lower-case letter
    // after an ATerm, even past digits and punctuation. Otherwise SB11 breaks.
    if (next !== SCONTINUE && next !== ATERM && next !== STERM) {
      const lower = k === ATERM ? lowerFollows(table, text, j, to) : 0;
      if (lower < 0) return -1;
      if (lower === 0) starts[n++] = j;
    }
    i = j;
  }
  return n;
}

/** SB7's condition: an upper- or lower-case letter, Extend and Format passed over, before the ATerm at `i`. */
function followsLetter(table: Uint8Array, text: string, from: number, i: number): boolean {
  let m = i - 1;
  while (m >= from && table[text.charCodeAt(m)] === EXTEND) m--;
  const k = m >= from ? table[text.charCodeAt(m)] : OTHER;
  return k === UPPER || k === LOWER;
}

function skipExtend(table: Uint8Array, text: string, i: number, to: number): number {
  while (i < to && classAt(table, text, i) === EXTEND) i++;
  return i;
}

/**
 * SB8's look ahead from `j`: 1 when a lower-case letter comes before any other letter, separator or
 * terminator, 0 when not, -1 when a character outside the domain comes first.
 */
function lowerFollows(table: Uint8Array, text: string, j: number, to: number): number {
  for (let m = j; m < to; m++) {
    const k = classAt(table, text, m);
    if (k === LOWER) return 1;
    if (k <= STERM || k === OLETTER || k === UPPER) return 0;
    if (k === OUTSIDE) return -1;
  }
  return 0;
}
