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

function advanceIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  if (c < 0xd800 || c > 0xdbff) return index + 1;
  const d = text.charCodeAt(index + 1);
  return d >= 0xdc00 && d <= 0xdfff ? index + 2 : index + 1;
}
