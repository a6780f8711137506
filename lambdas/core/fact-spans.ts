/** Small span helpers shared by the fact extractors. */
import type { Span } from './segment.ts';

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
