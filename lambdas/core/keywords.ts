/**
 * Keywords: YAKE/RAKE-style statistics over clitic-stripped terms. Candidate phrases are runs of
 * content words inside a sentence; a term scores by frequency, spread over sentences and how early it
 * first appears, and a phrase by its members and how often it recurs as a whole.
 */
import type { Sentence } from './segment.ts';
import { lightStem, tokenize } from './segment.ts';
import { isStopToken, stopWordsFor } from './stopwords.ts';

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

/** Top `limit` keywords of the content sentences. */
export function extractKeywords(
  text: string,
  sentences: Sentence[],
  language: string,
  limit = 10,
): Keyword[] {
  const stops = stopWordsFor(language);
  const terms = new Map<string, TermStats>();
  const phrases = new Map<string, TermStats & { members: string[] }>();
  const note = (map: Map<string, TermStats>, key: string, surface: string, si: number, cap: boolean) => {
    let st = map.get(key);
    if (!st) {
      st = { tf: 0, sentences: new Set(), first: si, capitalised: 0, surfaces: new Map() };
      map.set(key, st);
    }
    st.tf++;
    st.sentences.add(si);
    if (cap) st.capitalised++;
    st.surfaces.set(surface, (st.surfaces.get(surface) ?? 0) + 1);
    return st;
  };

  sentences.forEach((s, si) => {
    const tokens = tokenize(text, language, s.start, s.end);
    let run: Array<{ stem: string; start: number; end: number }> = [];
    const flush = () => {
      for (let len = 2; len <= MAX_PHRASE_WORDS; len++) {
        for (let i = 0; i + len <= run.length; i++) {
          const part = run.slice(i, i + len);
          const key = part.map((p) => p.stem).join(' ');
          const first = part[0];
          const last = part[len - 1];
          if (!first || !last) continue;
          const st = note(
            phrases as Map<string, TermStats>,
            key,
            text.slice(first.start, last.end),
            si,
            false,
          ) as TermStats & {
            members: string[];
          };
          st.members = part.map((p) => p.stem);
        }
      }
      run = [];
    };
    tokens.forEach((t, ti) => {
      const prev = tokens[ti - 1];
      // Phrases never cross punctuation: only whitespace may separate their words.
      if (prev && !/^\s+$/u.test(text.slice(prev.end, t.start))) flush();
      if (isStopToken(t.norm, stops)) {
        flush();
        return;
      }
      const stem = lightStem(t.norm);
      const capitalised = ti > 0 && /^\p{Lu}/u.test(t.text);
      note(terms, stem, t.text, si, capitalised);
      run.push({ stem, start: t.start, end: t.end });
    });
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
    if (st.tf < MIN_PHRASE_COUNT) continue;
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
