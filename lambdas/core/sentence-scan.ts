/**
 * Sentence boundaries without `Intl.Segmenter`: the Unicode sentence-break rules (UAX #29, SB1-SB11)
 * as ICU applies them, in one pass over the char codes, for text whose every character lies in a
 * domain of blocks whose classes the tests check one by one against the segmenter (Latin, Greek,
 * Cyrillic, Hebrew, Arabic, general punctuation...). Text with any other character is left to the
 * segmenter: the scan reports that it cannot handle it.
 */

/**
 * Sentence_Break classes; Extend and Format are one class, since every rule treats them alike. The
 * classes the scan stops at come first, so that one comparison passes over the rest.
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
 * Sentence_Break classes of U+0000-FEFF in runs: a class's letter (the class's number as a letter
 * from `a`: `j` Lower, `k` Upper, `f` outside the domain...) then, when more than one, how many code
 * points in a row have it; `p` and a count stand for that many Upper-Lower pairs (Latin Extended
 * alternates capital and small letters). Past the runs every character is outside the domain, which is
 * U+0000-08FF (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, NKo...),
 * U+1E00-1EFF, U+2000-20CF and the Arabic presentation forms U+FB50-FDFF and U+FE70-FEFF. A table,
 * not regular expressions over Unicode properties: those cost tens of milliseconds in a cold process.
 * The tests derive the runs again from the properties, as UAX #29 defines the classes, and check every
 * character of the domain against `Intl.Segmenter`.
 */
export const SENTENCE_BREAK_RUNS =
  'g9ibi2ag18ieng4n3g2o2dgm10o2g3egk26ngng3j26ngng7cg26ig9jnghg7jg4jng4k23gk7j24gj8p27kj2p7kj2p23k2jkjkj3k2jkjk2jk3j2k4jk2jk3j3k2jk2jp2k2jkj2kjk2jk3jkjk2j2lkj3l4k2jk2jk2jp7kj2p8kj2k2jkjk3jp28kj7k2jk2j2kjk4jp3kj69l2j35l7j2g4l12g14j5g7lglg17h112p2lgkjg2j4okg6kgk3gkgk2jk17gk9j35kj2k3j3p11kj5kjgkjk2j2k51j48p17gh7p27k2jp5kj2p48gk38g2lg3og2j41eg7h45ghgh2gh2ghg8l27g4l5g12m6g6o2g2h11ghe3l43h21m10gm2gl2hl99elh7mgh6l2h2gh4l2m10l3g2le3g12hlhl30h27g2l89h11lg14m10l33h9l2g2oelg2hg2l22h4lh9lh3lh5g9egeg3e2gl25h3g4l11g5l24gl7m2g5h9l42h24mh29f5376p74kj9p49f256i11h5g3o2g3n8g4dg3c2h5ig9n2ge2g7n2e3g21ih5gh10gjg11n2jg13n2gj13g51f55936l98g33l363n2g16l64g2l54g40l12g4f112l5gl135g2h';

/** Classes of BMP code units, decoded from the runs at the first scan. */
let classes: Uint8Array | undefined;

function tableOfClasses(): Uint8Array {
  if (classes) return classes;
  const table = new Uint8Array(0x10000).fill(OUTSIDE);
  let cp = 0;
  let k = 0;
  while (k < SENTENCE_BREAK_RUNS.length) {
    const letter = SENTENCE_BREAK_RUNS.charCodeAt(k++);
    let count = 0;
    for (
      let d = SENTENCE_BREAK_RUNS.charCodeAt(k);
      d >= 0x30 && d <= 0x39;
      d = SENTENCE_BREAK_RUNS.charCodeAt(++k)
    )
      count = count * 10 + d - 0x30;
    if (letter === 0x70) {
      for (let pair = 0; pair < count; pair++) {
        table[cp++] = UPPER;
        table[cp++] = LOWER;
      }
      continue;
    }
    const end = cp + Math.max(count, 1);
    table.fill(letter - 0x60, cp, end);
    cp = end;
  }
  classes = table;
  return table;
}

/** Whether every character of `text[start, end)` lies in the domain the scan handles. */
export function canScanSentences(text: string, start: number, end: number): boolean {
  const table = tableOfClasses();
  for (let i = start; i < end; i++) if (table[text.charCodeAt(i)] === OUTSIDE) return false;
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
    const k = table[text.charCodeAt(i)] as number;
    if (k === OUTSIDE) return -1;
    if (k === CR || k === LF || k === SEP) {
      // SB3, SB4: a break after a separator, CR LF being one.
      i += k === CR && i + 1 < to && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      if (i < to) starts[n++] = i;
      continue;
    }
    // A terminator. SB5: Extend and Format after it take its class.
    let j = skipExtend(table, text, i + 1, to);
    if (j >= to) break;
    let next = table[text.charCodeAt(j)] as number;
    // SB6: "3.5"; SB7: "U.S".
    if (k === ATERM && (next === NUMERIC || (next === UPPER && followsLetter(table, text, from, i)))) {
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
  while (i < to && table[text.charCodeAt(i)] === EXTEND) i++;
  return i;
}

/**
 * SB8's look ahead from `j`: 1 when a lower-case letter comes before any other letter, separator or
 * terminator, 0 when not, -1 when a character outside the domain comes first.
 */
function lowerFollows(table: Uint8Array, text: string, j: number, to: number): number {
  for (let m = j; m < to; m++) {
    const k = table[text.charCodeAt(m)] as number;
    if (k === LOWER) return 1;
    if (k <= STERM || k === OLETTER || k === UPPER) return 0;
    if (k === OUTSIDE) return -1;
  }
  return 0;
}
