/**
 * Sentence boundaries without `Intl.Segmenter`: the Unicode sentence-break rules (UAX #29, SB1-SB11)
 * as ICU applies them, in one pass over the char codes, for text whose every character lies in a
 * domain of blocks whose classes the tests check one by one against the segmenter (Latin, Greek,
 * Cyrillic, Hebrew, Arabic, general punctuation...). Text with any other character is left to the
 * segmenter: the scan reports that it cannot handle it.
 */

/** Sentence_Break classes; Extend and Format are one class, since every rule treats them alike. */
const OTHER = 1;
const CR = 2;
const LF = 3;
const SEP = 4;
const EXTEND = 5;
const SP = 6;
const LOWER = 7;
const UPPER = 8;
const OLETTER = 9;
const NUMERIC = 10;
const ATERM = 11;
const STERM = 12;
const CLOSE = 13;
const SCONTINUE = 14;
/** A character outside the domain: the text goes to the segmenter. */
const OUTSIDE = 15;

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

/** Whether every character of `text[start, end)` lies in the domain the scan handles. */
export function canScanSentences(text: string, start: number, end: number): boolean {
  const table = tableOfClasses();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let k = table[c] as number;
    if (k === 0) {
      k = classify(c);
      table[c] = k;
    }
    if (k === OUTSIDE) return false;
  }
  return true;
}

/**
 * Starts of the sentence segments `Intl.Segmenter` finds in `text[from, to)` taken as a string of its
 * own, written to `starts` (the first is `from`); returns how many. The range must have passed
 * `canScanSentences`.
 */
export function scanSentenceStarts(text: string, from: number, to: number, starts: number[]): number {
  const table = tableOfClasses();
  let n = 0;
  if (from >= to) return 0;
  starts[n++] = from;
  /** The class of the last character that was not Extend or Format (SB5), for SB7. */
  let prev = OTHER;
  let i = from;
  while (i < to) {
    const k = table[text.charCodeAt(i)] as number;
    if (k === CR || k === LF || k === SEP) {
      // SB3, SB4: a break after a separator, CR LF being one.
      i += k === CR && i + 1 < to && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      if (i < to) starts[n++] = i;
      prev = OTHER;
      continue;
    }
    if (k !== ATERM && k !== STERM) {
      // SB5: Extend and Format take the class of what they follow, except at the start of a segment.
      if (k !== EXTEND) prev = k;
      i++;
      continue;
    }
    let j = skipExtend(table, text, i + 1, to);
    if (j >= to) break;
    let next = table[text.charCodeAt(j)] as number;
    // SB6: "3.5"; SB7: "U.S".
    if (k === ATERM && (next === NUMERIC || (next === UPPER && (prev === UPPER || prev === LOWER)))) {
      prev = k;
      i = j;
      continue;
    }
    // SB9, SB10: closing punctuation, then spaces, stay with the terminator.
    while (next === CLOSE) {
      j = skipExtend(table, text, j + 1, to);
      if (j >= to) break;
      next = table[text.charCodeAt(j)] as number;
    }
    while (j < to && next === SP) {
      j = skipExtend(table, text, j + 1, to);
      if (j >= to) break;
      next = table[text.charCodeAt(j)] as number;
    }
    if (j >= to) break;
    if (next === CR || next === LF || next === SEP) {
      // SB9-SB11: a separator too, then the break.
      j += next === CR && j + 1 < to && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
      if (j < to) starts[n++] = j;
      prev = OTHER;
      i = j;
      continue;
    }
    // SB8a: a comma or another terminator continues the sentence; SB8: so does a lower-case letter
    // after an ATerm, even past digits and punctuation.
    if (
      next !== SCONTINUE &&
      next !== ATERM &&
      next !== STERM &&
      !(k === ATERM && lowerFollows(table, text, j, to))
    )
      starts[n++] = j;
    prev = OTHER;
    i = j;
  }
  return n;
}

function skipExtend(table: Uint8Array, text: string, i: number, to: number): number {
  while (i < to && table[text.charCodeAt(i)] === EXTEND) i++;
  return i;
}

/** SB8's look ahead: a lower-case letter before any other letter, separator or terminator. */
function lowerFollows(table: Uint8Array, text: string, j: number, to: number): boolean {
  for (let m = j; m < to; m++) {
    const k = table[text.charCodeAt(m)] as number;
    if (k === LOWER) return true;
    if (k === OLETTER || k === UPPER || k === CR || k === LF || k === SEP || k === ATERM || k === STERM)
      return false;
  }
  return false;
}
