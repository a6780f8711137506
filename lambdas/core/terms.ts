/**
 * The term a word counts as in the article's statistics (summary vectors, keywords): its light stem,
 * or nothing for a stop word. Both stages ask for every token, and an article repeats its words, so
 * each distinct normalised word is stemmed once per stop list.
 */
import { lightStem } from './segment.ts';
import { isStopToken } from './stopwords.ts';

/** Distinct words remembered per stop list before the memo starts over (bounds memory on huge inputs). */
const MAX_REMEMBERED = 100_000;
/** `null` marks a stop token. */
const memo = new WeakMap<Set<string>, Map<string, string | null>>();

/** The light stem of a normalised token, or undefined when it carries no topic (see `isStopToken`). */
export function termOf(norm: string, stops: Set<string>): string | undefined {
  let known = memo.get(stops);
  if (!known) {
    known = new Map();
    memo.set(stops, known);
  }
  let term = known.get(norm);
  if (term === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    term = isStopToken(norm, stops) ? null : lightStem(norm);
    known.set(norm, term);
  }
  return term ?? undefined;
}
