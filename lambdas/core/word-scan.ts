/**
 * Word boundaries without a dictionary: the Unicode word-break rules (UAX #29) for every script whose
 * words are delimited by spaces and punctuation (Arabic, Latin, Cyrillic, Greek, Hebrew...), in one
 * pass over the char codes. Scripts ICU segments with a dictionary or rules of its own (Han, kana,
 * Hangul, Thai, Lao, Khmer, Myanmar) are left to `Intl.Segmenter`: the scan reports that it cannot
 * handle them.
 */

/** Word_Break classes, as far as word-like segments need them. */
const OTHER = 1;
const LETTER = 2;
const HEBREW = 3;
const NUMERIC = 4;
const EXTEND_NUM_LET = 5;
const MID_LETTER = 6;
const MID_NUM = 7;
const MID_NUM_LET = 8;
/** Extend, Format and ZWJ: ignored after any character but a line break (WB4). */
const EXTEND = 9;
const NEWLINE = 10;
const DOUBLE_QUOTE = 11;
/** A script ICU segments with a dictionary. */
const DICTIONARY = 12;

const RE_NEWLINE = /^[\r\n\v\f\u0085\u2028\u2029]$/u;
const RE_NUMERIC = /^[\p{Nd}\u066B\u0600-\u0605\u06DD\u0890\u0891\u08E2\u{110BD}\u{110CD}]$/u;
/** Marks, format controls and the emoji skin-tone modifiers (U+1F3FB-1F3FF, Extend in UAX #29). */
const RE_EXTEND = /^(?:[\p{M}\p{Cf}]|\p{Emoji_Modifier})$/u;
const RE_NOT_EXTEND = /^[\u200B\u070F]$/u;
const RE_DICTIONARY =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=New_Tai_Lue}\p{Script=Tai_Le}\p{Script=Hangul}\p{Script=Ahom}\p{Ideographic}\uFF9E\uFF9F\u3031-\u3035\u309B\u309C\u30A0\u30FC\uFF70]$/u;
const RE_HEBREW = /^(?=\p{L})\p{Script=Hebrew}$/u;
const RE_LETTER =
  /^[\p{Alphabetic}\u02C2-\u02C5\u02D2-\u02D7\u02DE\u02DF\u02E5-\u02EB\u02ED\u02EF-\u02FF\u055A-\u055C\u055E\u058A\u05F3\u00B8\u070F\uA708-\uA716\uA720\uA721\uA789\uA78A\uAB5B]$/u;
const RE_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const RE_EXTEND_NUM_LET = /^[\p{Pc}\u202F]$/u;
const MID_LETTERS = ':\u00B7\u0387\u055F\u05F4\u2027\uFE13\uFE55\uFF1A';
const MID_NUMS = ',;\u037E\u0589\u060C\u060D\u066C\u07F8\u2044\uFE50\uFE54\uFF0C\uFF1B';
const MID_NUM_LETS = ".'\u2018\u2019\u2024\uFE52\uFF07\uFF0E";

function classify(ch: string): number {
  if (RE_NEWLINE.test(ch)) return NEWLINE;
  if (RE_NUMERIC.test(ch)) return NUMERIC;
  if (RE_DICTIONARY.test(ch)) return DICTIONARY;
  if (RE_EXTEND.test(ch) && !RE_NOT_EXTEND.test(ch)) return EXTEND;
  if (RE_HEBREW.test(ch)) return HEBREW;
  if (RE_LETTER.test(ch)) return LETTER;
  if (RE_EXTEND_NUM_LET.test(ch)) return EXTEND_NUM_LET;
  if (ch === '"') return DOUBLE_QUOTE;
  if (MID_LETTERS.includes(ch)) return MID_LETTER;
  if (MID_NUMS.includes(ch)) return MID_NUM;
  if (MID_NUM_LETS.includes(ch)) return MID_NUM_LET;
  return OTHER;
}

/** Classes of BMP code units, filled on first sight (0 = not yet seen). */
const bmp = new Uint8Array(0x10000);
/** Classes of supplementary-plane characters seen lately; emptied when full, so memory stays bounded. */
const astral = new Map<number, number>();
const MAX_ASTRAL_REMEMBERED = 4096;

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    const k = bmp[c] as number;
    if (k !== 0) return k;
    const fresh = classify(String.fromCharCode(c));
    bmp[c] = fresh;
    return fresh;
  }
  const cp = text.codePointAt(i) as number;
  let k = astral.get(cp);
  if (k === undefined) {
    k = cp > 0xffff ? classify(String.fromCodePoint(cp)) : OTHER;
    if (astral.size >= MAX_ASTRAL_REMEMBERED) astral.clear();
    astral.set(cp, k);
  }
  return k;
}

/** Width in UTF-16 units of the character at i: 2 for a surrogate pair, 1 otherwise (a lone surrogate too). */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

const isWordPart = (k: number) => k === LETTER || k === HEBREW || k === NUMERIC || k === EXTEND_NUM_LET;
const isAHLetter = (k: number) => k === LETTER || k === HEBREW;

/**
 * Finds the word-like segments of `text[start, end)` as `Intl.Segmenter` would, calling
 * `onWord(start, end)` for each, and returns how many there are; -1 when the range holds a dictionary
 * script, having then reported the words before it (a caller collecting words throws them away).
 */
export function scanWords(
  text: string,
  start: number,
  end: number,
  onWord?: (start: number, end: number) => void,
): number {
  // Every character is classified on the way (the letters, digits and Hebrew of the fast loop below are
  // no dictionary script), so a dictionary script is met in the same pass, not by a pass of its own.
  let words = 0;
  let i = start;
  while (i < end) {
    const k = classAt(text, i);
    if (k === DICTIONARY) return -1;
    if (!isWordPart(k)) {
      i += widthAt(text, i);
      continue;
    }
    const from = i;
    let last = k;
    // A lone connector (`_`) is punctuation; two or more, or one touching a letter or digit, are a word.
    let connectors = k === EXTEND_NUM_LET ? 1 : 0;
    let others = k === EXTEND_NUM_LET ? 0 : 1;
    i += widthAt(text, i);
    // ICU marks a word that ends in a connector or a Hebrew apostrophe followed by marks as not word-like.
    let wordLike = true;
    for (;;) {
      // Letters and digits already classified (most of any word) continue it one unit at a time, as the
      // steps below would take them: none is Extend, a surrogate or a connector.
      while (i < end) {
        const c = text.charCodeAt(i);
        const known = c < 0xd800 || c > 0xdfff ? (bmp[c] as number) : 0;
        if (known !== LETTER && known !== NUMERIC && known !== HEBREW) break;
        others++;
        last = known;
        wordLike = true;
        i++;
      }
      // A space or other punctuation (already classified: nearly every word's end) ends the word, and the
      // outer loop steps over it; everything else takes the steps below.
      if (i < end) {
        const c = text.charCodeAt(i);
        if (c < 0xd800 && bmp[c] === OTHER) break;
      }
      const beforeExtend = i;
      i = skipExtend(text, i, end);
      if (i > beforeExtend) {
        if (last === EXTEND_NUM_LET) wordLike = false;
        // A pictograph after a zero-width joiner belongs to the segment, which is then an emoji, not a word.
        if (
          i < end &&
          text.charCodeAt(i - 1) === 0x200d &&
          RE_PICTOGRAPHIC.test(String.fromCodePoint(text.codePointAt(i) as number))
        ) {
          if (classAt(text, i) === DICTIONARY) return -1;
          i += widthAt(text, i);
          wordLike = false;
          break;
        }
      }
      if (i >= end) break;
      const next = classAt(text, i);
      if (next === DICTIONARY) return -1;
      if (isWordPart(next)) {
        if (next === EXTEND_NUM_LET) connectors++;
        else others++;
        last = next;
        wordLike = true;
        i += widthAt(text, i);
        continue;
      }
      // One middle character joins two letters (WB6/7) or two digits (WB11/12); any other ends the word
      // (most often a space), and what follows it need not be looked at.
      if (next === MID_LETTER || next === MID_NUM_LET || next === MID_NUM || next === DOUBLE_QUOTE) {
        const after = skipExtend(text, i + widthAt(text, i), end);
        const following = after < end ? classAt(text, after) : 0;
        const letters =
          isAHLetter(last) &&
          isAHLetter(following) &&
          (next === MID_LETTER ||
            next === MID_NUM_LET ||
            (next === DOUBLE_QUOTE && last === HEBREW && following === HEBREW));
        const digits =
          last === NUMERIC && following === NUMERIC && (next === MID_NUM || next === MID_NUM_LET);
        if (letters || digits) {
          others++;
          wordLike = true;
          last = following;
          i = after + widthAt(text, after);
          continue;
        }
      }
      // A Hebrew letter keeps a following apostrophe (WB7a: geresh written as ').
      if (last === HEBREW && text.charCodeAt(i) === 0x27) {
        const quoteEnd = i + 1;
        i = skipExtend(text, quoteEnd, end);
        if (i > quoteEnd) wordLike = false;
        break;
      }
      break;
    }
    if (wordLike && (others > 0 || connectors > 1)) {
      words++;
      onWord?.(from, i);
    }
  }
  return words;
}

function skipExtend(text: string, i: number, end: number): number {
  while (i < end && classAt(text, i) === EXTEND) i += widthAt(text, i);
  return i;
}
