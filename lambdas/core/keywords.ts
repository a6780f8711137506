/**
 * Keywords: YAKE/RAKE-style statistics over clitic-stripped terms. Candidate phrases are runs of
 * content words inside a sentence; a term scores by frequency, spread over sentences and how early it
 * first appears, and a phrase by its members and how often it recurs as a whole.
 */
import type { Sentence } from './segment.ts';
import { tokenize } from './segment.ts';
import { stopWordsFor } from './stopwords.ts';
import { termOf } from './terms.ts';

/** A keyword as the article writes it, with a 0..1 score. */
export interface Keyword {
  term: string;
  score: number;
}

/** Longest phrase we consider: longer runs are names or clauses, left to the entity extractor. */
const MAX_PHRASE_WORDS = 4;
/** A phrase must recur to be a keyword phrase rather than a chance collocation. */
const MIN_PHRASE_COUNT = 2;

interface TermStats {
  tf: number;
  sentences: Set<number>;
  first: number;
  capitalised: number;
  surfaces: Map<string, number>;
}

/**
 * A candidate phrase. Most phrases occur once and are dropped (MIN_PHRASE_COUNT), so the surface
 * forms are counted only from the second occurrence on; the first one is kept as offsets.
 */
interface PhraseStats {
  tf: number;
  members: string[];
  firstStart: number;
  firstEnd: number;
  surfaces?: Map<string, number>;
}

/** Top `limit` keywords of the content sentences. */
export function extractKeywords(
  text: string,
  sentences: Sentence[],
  language: string,
  limit = 10,
): Keyword[] {
  const stops = stopWordsFor(language);
  const terms = new Map<string, TermStats>();
  const phrases = new Map<string, PhraseStats>();
  const run: Array<{ stem: string; start: number; end: number }> = [];
  const flush = () => {
    for (let len = 2; len <= MAX_PHRASE_WORDS; len++) {
      for (let i = 0; i + len <= run.length; i++) notePhrase(text, phrases, run, i, len);
    }
    run.length = 0;
  };

  sentences.forEach((s, si) => {
    const tokens = tokenize(text, language, s.start, s.end);
    for (let ti = 0; ti < tokens.length; ti++) {
      const t = tokens[ti] as (typeof tokens)[number];
      const prev = tokens[ti - 1];
      // Phrases never cross punctuation: only whitespace may separate their words.
      if (prev && !onlyWhitespace(text, prev.end, t.start)) flush();
      const stem = termOf(t.norm, stops);
      if (stem === undefined) {
        flush();
        continue;
      }
      noteTerm(terms, stem, t.text, si, ti > 0 && CAPITALISED.test(t.text));
      run.push({ stem, start: t.start, end: t.end });
    }
    flush();
  });

  const n = Math.max(1, sentences.length);
  const termScore = new Map<string, number>();
  for (const [key, st] of terms) {
    const spread = st.sentences.size / n;
    const position = 1 + 1 / Math.sqrt(1 + st.first);
    const casing = 1 + st.capitalised / st.tf;
    termScore.set(key, Math.log(1 + st.tf) * (0.5 + spread) * position * casing);
  }
  const candidates: Array<{ key: string; score: number; surface: string; members: string[] }> = [];
  for (const [key, st] of terms) {
    candidates.push({
      key,
      score: termScore.get(key) ?? 0,
      surface: bestSurface(st.surfaces),
      members: [key],
    });
  }
  for (const [key, st] of phrases) {
    if (st.tf < MIN_PHRASE_COUNT || !st.surfaces) continue;
    const memberScores = st.members.map((m) => termScore.get(m) ?? 0);
    const score = (memberScores.reduce((a, b) => a + b, 0) / memberScores.length) * (1 + Math.log(st.tf));
    candidates.push({ key, score, surface: bestSurface(st.surfaces), members: st.members });
  }
  // A phrase that almost always occurs inside a longer recurring phrase is a fragment of it. Only a
  // phrase's own shorter runs of words can lie inside it, so each recurring phrase looks those up
  // (at most three) instead of comparing every pair, which is quadratic on a long article.
  const fragments = new Set<string>();
  for (const lst of phrases.values()) {
    if (lst.tf < MIN_PHRASE_COUNT) continue;
    const words = lst.members;
    for (let len = 2; len < words.length; len++) {
      for (let i = 0; i + len <= words.length; i++) {
        const key = words.slice(i, i + len).join(' ');
        const st = phrases.get(key);
        if (st && st.tf >= MIN_PHRASE_COUNT && lst.tf >= st.tf * 0.8) fragments.add(key);
      }
    }
  }
  const ranked = candidates.filter((c) => !fragments.has(c.key));
  ranked.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

  const chosen: typeof candidates = [];
  for (const c of ranked) {
    if (chosen.length >= limit) break;
    // Skip a term already covered by a chosen phrase, and a phrase whose words are all already chosen.
    if (chosen.some((k) => k.members.length > 1 && c.members.every((m) => k.members.includes(m)))) continue;
    if (c.members.length > 1 && c.members.every((m) => chosen.some((k) => k.key === m))) continue;
    // Overlapping phrases ("مضاد للطائرات" beside "للطائرات بدون طيار") name one idea once.
    if (
      c.members.length > 1 &&
      chosen.some((k) => k.members.length > 1 && overlap(k.members, c.members) * 2 > c.members.length)
    )
      continue;
    chosen.push(c);
  }
  const top = chosen[0]?.score ?? 1;
  return chosen.map((c) => ({ term: c.surface, score: Math.round((c.score / top) * 1000) / 1000 }));
}

const CAPITALISED = /^\p{Lu}/u;

function noteTerm(terms: Map<string, TermStats>, key: string, surface: string, si: number, cap: boolean) {
  let st = terms.get(key);
  if (!st) {
    st = { tf: 0, sentences: new Set(), first: si, capitalised: 0, surfaces: new Map() };
    terms.set(key, st);
  }
  st.tf++;
  st.sentences.add(si);
  if (cap) st.capitalised++;
  st.surfaces.set(surface, (st.surfaces.get(surface) ?? 0) + 1);
}

/** Counts the phrase of `len` words starting at `run[i]`. */
function notePhrase(
  text: string,
  phrases: Map<string, PhraseStats>,
  run: ReadonlyArray<{ stem: string; start: number; end: number }>,
  i: number,
  len: number,
) {
  const first = run[i] as { start: number };
  const last = run[i + len - 1] as { end: number };
  let key = run[i]?.stem as string;
  for (let k = i + 1; k < i + len; k++) key += ` ${run[k]?.stem}`;
  const st = phrases.get(key);
  if (!st) {
    const members: string[] = [];
    for (let k = i; k < i + len; k++) members.push(run[k]?.stem as string);
    phrases.set(key, { tf: 1, members, firstStart: first.start, firstEnd: last.end });
    return;
  }
  st.tf++;
  if (!st.surfaces) st.surfaces = new Map([[text.slice(st.firstStart, st.firstEnd), 1]]);
  const surface = text.slice(first.start, last.end);
  st.surfaces.set(surface, (st.surfaces.get(surface) ?? 0) + 1);
}

/** True when `text[from, to)` is non-empty whitespace. */
function onlyWhitespace(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80 || !WHITESPACE.test(text[i] as string)) return false;
  }
  return true;
}
const WHITESPACE = /^\s$/u;

function overlap(a: string[], b: string[]): number {
  return b.filter((m) => a.includes(m)).length;
}

/** The most frequent way the article writes a term; on a tie, the shortest (fewest clitics). */
function bestSurface(surfaces: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [s, count] of surfaces) {
    if (count > bestCount || (count === bestCount && s.length < best.length)) {
      best = s;
      bestCount = count;
    }
  }
  return best;
}
