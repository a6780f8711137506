/** Small span helpers shared by the fact extractors. */
import { isRegExpSpace, type Span } from './segment.ts';

/** Index of the span containing `offset` in a sorted, non-overlapping list (binary search), or -1. */
export function indexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** True when two half-open spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `[start, end)` overlaps a span of a sorted, non-overlapping list (binary search). */
export function overlapsAny(sorted: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sorted[mid] as Span;
    if (s.end <= start) lo = mid + 1;
    else if (s.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Calls `visit` on each match of the global regular expression `re` in `text`, in order, exactly as
 * `text.matchAll(re)` yields them from index 0, until `visit` returns false. matchAll copies the
 * expression on every call, which costs more than the search itself on a short sentence.
 */
export function forEachMatch(re: RegExp, text: string, visit: (m: RegExpExecArray) => unknown) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // An empty match would find itself again: step past it, by code point under the u flag, as matchAll does.
    if (m[0] === '') re.lastIndex = advanceIndex(text, re.lastIndex, re.unicode);
    if (visit(m) === false) break;
  }
  re.lastIndex = 0;
}

/**
 * The letter of a run of letters as the i flag compares it, or -1 for anything else: the runs the fact
 * extractors scan for are of ASCII letters (folded to lower case), Arabic letters (U+0621-U+064A) and ſ
 * and K (Kelvin), which the i flag folds to s and k. All of them are letters (\p{L}).
 */
export function foldedRunLetter(c: number): number {
  if (c < 0x80) {
    const lower = c | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? lower : -1;
  }
  if (c >= 0x621 && c <= 0x64a) return c;
  return c === 0x17f ? 0x73 : c === 0x212a ? 0x6b : -1;
}

/** Whether `c` is a digit of the extractors' expressions ([0-9٠-٩]). */
export function isDigitCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669);
}

/** The hash of a word or run of letters, `letter` (folded) on; runs of the same letters share it. */
export function stepLetterHash(hash: number, letter: number): number {
  return (Math.imul(hash, 31) + letter) | 0;
}

/** The slot of a run's hash in a table of 32K slots (`Uint8Array`/`Uint16Array(0x8000)`). */
export function letterRunSlot(hash: number): number {
  return (hash ^ (hash >>> 15)) & 0x7fff;
}

/**
 * Or-s `mark` into the slot of each word, bare and after each prefix, in a table of
 * {@link letterRunSlot}s; returns the length of the longest spelling. The hash is linear, so a prefix
 * p before a word w hashes to hash(p) * 31^length(w) + hash(w): one pass per word, not one per
 * spelling (the tables are filled in every cold import, as cold code).
 */
export function markLetterRuns(
  slots: Uint8Array | Uint16Array,
  words: readonly string[],
  prefixes: readonly string[],
  mark: number,
): number {
  let longest = 0;
  const prefixHashes = prefixes.map((prefix) => {
    let hash = 0;
    for (let k = 0; k < prefix.length; k++)
      hash = stepLetterHash(hash, foldedRunLetter(prefix.charCodeAt(k)));
    return hash;
  });
  for (const word of words) {
    let hash = 0;
    let scale = 1;
    for (let k = 0; k < word.length; k++) {
      hash = stepLetterHash(hash, foldedRunLetter(word.charCodeAt(k)));
      scale = Math.imul(scale, 31);
    }
    slots[letterRunSlot(hash)] = (slots[letterRunSlot(hash)] as number) | mark;
    longest = Math.max(longest, word.length);
    for (let p = 0; p < prefixes.length; p++) {
      const slot = letterRunSlot((Math.imul(prefixHashes[p] as number, scale) + hash) | 0);
      slots[slot] = (slots[slot] as number) | mark;
      longest = Math.max(longest, word.length + (prefixes[p] as string).length);
    }
  }
  return longest;
}

/*
 * One scan of a sentence for the dates and the numbers (`scanSentence`): the runs of digits, the runs
 * of letters that are words either extractor starts at or needs, and the signs and codes a number can
 * start with. Dates scan every sentence first and hand the numbers' starts on (`keepNumberStarts`), so
 * a sentence is read once for both.
 */

/** A run of digits starts here. */
export const DIGIT_RUN = 1;
/** Four digits or more, the first 1, 2, ١ or ٢: where a year can start. */
export const YEAR_RUN = 2;
/** Three digits or more, then white space and ه: where a Hijri year ends. */
export const HIJRI_YEAR = 4;
/**
 * One or two digits: where a day can start (the date rules read a day as one or two digits that no
 * digit precedes or follows). Above the slots' sixteen bits: digit marks are not in the table.
 */
export const DAY_RUN = 0x10000;
/** The dates' word marks: bits 3-14 of a slot (`markDateWords`). */
const DATE_WORD_BITS = 0x7ff8;
/** A number form's bit in a slot (`markNumberForms`). */
const NUMBER_FORM = 0x8000;

/**
 * The marks of each marked run of letters by the slot of its hash (see `letterRunSlot`), the dates'
 * words and the numbers' forms together: runs sharing a slot share their marks, which costs an
 * expression a try where it fails and nothing else.
 */
const RUN_SLOTS = new Uint16Array(0x8000);
let longestDateWord = 0;
let longestNumberForm = 0;

/** Marks `words`, bare and after each of `clitics`, with the date mark `mark` (bits 3-14). */
export function markDateWords(words: readonly string[], clitics: readonly string[], mark: number) {
  if ((mark & DATE_WORD_BITS) !== mark) throw new Error(`date word mark ${mark} out of range`);
  longestDateWord = Math.max(longestDateWord, markLetterRuns(RUN_SLOTS, words, clitics, mark));
}

/** Marks `words`, bare and after each of `prefixes`, as number forms (where a number can start). */
export function markNumberForms(words: readonly string[], prefixes: readonly string[]) {
  longestNumberForm = Math.max(longestNumberForm, markLetterRuns(RUN_SLOTS, words, prefixes, NUMBER_FORM));
}

/** What `scanSentence` found in the sentence it read last: buffers reused from one sentence to the next. */
export const scanned = {
  /** Where each date mark is, in text order, and its marks. */
  markAt: [] as number[],
  markOf: [] as number[],
  marks: 0,
  /** Where the number expression can start, ascending. */
  numberAt: [] as number[],
  numbers: 0,
};

/**
 * Reads the sentence `text[from, to)` once, filling `scanned` with offsets into the sentence (read in
 * the article's own text, a sentence costs less than in its slice: no indirection at each character).
 * A run of digits (0-9, ٠-٩) is marked where it starts, with
 * `DIGIT_RUN` and, by its length and what follows it, `YEAR_RUN` and `HIJRI_YEAR`; a run of letters is
 * marked where it starts with the date marks of its slot. A run of letters here is of ASCII and Arabic
 * letters (U+0621-U+064A) and ſ and K (which the i flag folds to s and k): all of them letters, so a run
 * never reaches past a word, which a space, a mark or a sign follows.
 * The number starts are: a digit that follows no digit, a currency code (US$, USD, EUR, GBP) three or
 * four characters before such a digit, a currency sign ($ € £ ¥), and the start of a run of letters
 * that is a number form.
 */
export function scanSentence(text: string, from = 0, to = text.length): void {
  let marks = 0;
  let numbers = 0;
  const length = to;
  let i = from;
  // Each turn reads one run of letters, one run of digits or one other character.
  while (i < length) {
    const c = text.charCodeAt(i);
    let letter = foldedRunLetter(c);
    if (letter >= 0) {
      const start = i;
      let hash = 0;
      // foldedRunLetter, unrolled with the Arabic letters first: most runs read are Arabic words.
      for (;;) {
        hash = stepLetterHash(hash, letter);
        if (++i >= length) break;
        const d = text.charCodeAt(i);
        if (d >= 0x621 && d <= 0x64a) letter = d;
        else if (d < 0x80) {
          letter = d | 0x20;
          if (letter < 0x61 || letter > 0x7a) break;
        } else if (d === 0x17f) letter = 0x73;
        else if (d === 0x212a) letter = 0x6b;
        else break;
      }
      const slot = RUN_SLOTS[letterRunSlot(hash)] as number;
      if (slot !== 0) {
        if ((slot & DATE_WORD_BITS) !== 0 && i - start <= longestDateWord) {
          scanned.markAt[marks] = start - from;
          scanned.markOf[marks++] = slot & DATE_WORD_BITS;
        }
        if ((slot & NUMBER_FORM) !== 0 && i - start <= longestNumberForm)
          numbers = pushInOrder(scanned.numberAt, numbers, start - from);
      }
      continue;
    }
    if (isDigitCode(c)) {
      const start = i;
      // A code stands right before its number or one space before it.
      if (i - from >= 4 && isCurrencyCodeAt(text, i - 4))
        numbers = pushInOrder(scanned.numberAt, numbers, i - 4 - from);
      if (i - from >= 3 && isCurrencyCodeAt(text, i - 3))
        numbers = pushInOrder(scanned.numberAt, numbers, i - 3 - from);
      numbers = pushInOrder(scanned.numberAt, numbers, i - from);
      do i++;
      while (i < length && isDigitCode(text.charCodeAt(i)));
      scanned.markAt[marks] = start - from;
      scanned.markOf[marks++] = digitRunMarks(text, start, i, to);
      continue;
    }
    if (c === 0x24 || c === 0x20ac || c === 0xa3 || c === 0xa5)
      numbers = pushInOrder(scanned.numberAt, numbers, i - from);
    i++;
  }
  scanned.marks = marks;
  scanned.numbers = numbers;
}

/** The marks of the run of digits `text[start, end)`, in a sentence that ends at `to`. */
function digitRunMarks(text: string, start: number, end: number, to: number): number {
  let mark = end - start <= 2 ? DIGIT_RUN | DAY_RUN : DIGIT_RUN;
  const first = text.charCodeAt(start);
  if (end - start >= 4 && (first === 0x31 || first === 0x32 || first === 0x661 || first === 0x662))
    mark |= YEAR_RUN;
  if (end - start >= 3) {
    let k = end;
    while (k < to && isRegExpSpace(text.charCodeAt(k))) k++;
    if (k < to && text.charCodeAt(k) === 0x647) mark |= HIJRI_YEAR;
  }
  return mark;
}

/** Puts `at` into the ascending `out[0..n)` (a code found after its sign goes before it); returns the new count. */
function pushInOrder(out: number[], n: number, at: number): number {
  let k = n;
  while (k > 0 && (out[k - 1] as number) > at) {
    out[k] = out[k - 1] as number;
    k--;
  }
  out[k] = at;
  return n + 1;
}

/** Whether a currency code (US$, USD, EUR, GBP, in any case) starts at `at`. */
function isCurrencyCodeAt(text: string, at: number): boolean {
  const a = foldedRunLetter(text.charCodeAt(at));
  if (a !== 0x75 && a !== 0x65 && a !== 0x67) return false;
  const b = foldedRunLetter(text.charCodeAt(at + 1));
  const c = text.charCodeAt(at + 2);
  if (a === 0x75) return b === 0x73 && (c === 0x24 || foldedRunLetter(c) === 0x64);
  if (a === 0x65) return b === 0x75 && foldedRunLetter(c) === 0x72;
  return b === 0x62 && foldedRunLetter(c) === 0x70;
}

/**
 * The number starts the dates found in each sentence of one article, for the numbers to read instead
 * of scanning the sentence again: `from[k]`/`count[k]` into `starts` for sentence k (count -1: not
 * scanned). Held from one `extractDates` to the `extractNumbers` after it, for the same sentences only.
 */
const handoff = {
  sentences: undefined as readonly { text: string }[] | undefined,
  from: new Int32Array(0),
  count: new Int32Array(0),
  starts: new Int32Array(256),
  used: 0,
};

/** Starts a hand-off of number starts for `sentences` (the dates are about to scan them). */
export function beginNumberStarts(sentences: readonly { text: string }[]): void {
  handoff.sentences = sentences;
  if (handoff.count.length < sentences.length) {
    handoff.from = new Int32Array(sentences.length);
    handoff.count = new Int32Array(sentences.length);
  }
  handoff.count.fill(-1, 0, sentences.length);
  handoff.used = 0;
}

/** Keeps the number starts `scanSentence` has just found in sentence `index` of the hand-off's sentences. */
export function keepNumberStarts(index: number): void {
  const n = scanned.numbers;
  if (handoff.used + n > handoff.starts.length) {
    const grown = new Int32Array(Math.max(handoff.starts.length * 2, handoff.used + n));
    grown.set(handoff.starts.subarray(0, handoff.used));
    handoff.starts = grown;
  }
  for (let k = 0; k < n; k++) handoff.starts[handoff.used + k] = scanned.numberAt[k] as number;
  handoff.from[index] = handoff.used;
  handoff.count[index] = n;
  handoff.used += n;
}

/**
 * Fills `scanned.numberAt`/`numbers` with the number starts of sentence `index` of `sentences`: those
 * the dates kept when they scanned these very sentences, else by a scan of its own.
 */
export function findNumberStartsOf(sentences: readonly { text: string }[], index: number): void {
  const s = sentences[index] as { text: string };
  const n = handoff.sentences === sentences ? (handoff.count[index] as number) : -1;
  if (n < 0) {
    scanSentence(s.text);
    return;
  }
  const from = handoff.from[index] as number;
  for (let k = 0; k < n; k++) scanned.numberAt[k] = handoff.starts[from + k] as number;
  scanned.numbers = n;
}

/** Ends the hand-off (the numbers have read it): the article's sentences are no longer held. */
export function endNumberStarts(): void {
  handoff.sentences = undefined;
}

/**
 * Calls `visit` on each match of `sticky` (an expression with the y flag) in `text`, exactly as
 * `forEachMatch` yields the matches of the same expression with the g flag instead, until `visit`
 * returns false; but tries it only at `starts[0..count)`, positions in ascending order (repeats allowed).
 * Every position where the expression can match must be among them: then the first match at or after
 * any position is the same. The caller finds the positions with a scan of its own, cheaper than any
 * search for the many alternatives an extractor's expression starts with.
 */
export function forEachMatchAt(
  sticky: RegExp,
  text: string,
  starts: ArrayLike<number>,
  count: number,
  visit: (m: RegExpExecArray) => unknown,
) {
  if (!sticky.sticky) throw new Error('forEachMatchAt needs a sticky expression');
  // `resume` is where the global search would go on from: positions before it are inside a match.
  let resume = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k] as number;
    if (at < resume || (sticky.unicode && isTrailInPair(text, at))) continue;
    const m = execAt(sticky, text, at);
    if (m === null) continue;
    resume = m[0] === '' ? advanceIndex(text, at, sticky.unicode) : at + m[0].length;
    if (visit(m) === false) break;
  }
  sticky.lastIndex = 0;
}

function execAt(sticky: RegExp, text: string, index: number): RegExpExecArray | null {
  sticky.lastIndex = index;
  return sticky.exec(text);
}

function isTrailInPair(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  if (c < 0xdc00 || c > 0xdfff || index === 0) return false;
  const d = text.charCodeAt(index - 1);
  return d >= 0xd800 && d <= 0xdbff;
}

function advanceIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  if (c < 0xd800 || c > 0xdbff) return index + 1;
  const d = text.charCodeAt(index + 1);
  return d >= 0xdc00 && d <= 0xdfff ? index + 2 : index + 1;
}

/** Lets `search` call back with each match it finds. */
type MatchSearch = (visit: (m: RegExpExecArray) => unknown) => void;

/**
 * The matches (as `index:match`) that one search finds and the other does not, for the unit tests that
 * hold a faster search (`forEachMatchAt` at scanned starts, a prefilter) to the plain one: empty when they agree.
 */
export function matchesFoundByOneOnly(plain: MatchSearch, fast: MatchSearch): string[] {
  const found = (search: MatchSearch) => {
    const out = new Set<string>();
    search((m) => out.add(`${m.index}:${m[0]}`));
    return out;
  };
  const a = found(plain);
  const b = found(fast);
  return [...[...a].filter((x) => !b.has(x)), ...[...b].filter((x) => !a.has(x))];
}
