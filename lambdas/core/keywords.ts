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
  /** Sentences the term occurs in (sentences are read in order, so `lastSentence` tells a new one). */
  sentenceCount: number;
  lastSentence: number;
  first: number;
  capitalised: number;
  /** The first way it is written; `surfaces` counts them all once a second spelling appears. */
  surface: string;
  surfaces?: Map<string, number>;
}

/**
 * Phrases as a trie of stems: the phrases starting at one word share their path, so each position
 * costs a few map steps instead of building and hashing a key per phrase. Most phrases occur once
 * and are dropped (MIN_PHRASE_COUNT): their spellings are counted only from the second occurrence on,
 * the first kept as offsets.
 */
interface PhraseNode {
  next?: Map<string, PhraseNode>;
  tf: number;
  firstStart: number;
  firstEnd: number;
  surfaces?: Map<string, number>;
}

/** A recurring phrase read back from the trie. */
interface Phrase {
  key: string;
  members: string[];
  tf: number;
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
  const trie = new Map<string, PhraseNode>();
  const run: Array<{ stem: string; start: number; end: number }> = [];
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) notePhrases(text, trie, run, i);
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

  const phrases = recurringPhrases(trie);
  const n = Math.max(1, sentences.length);
  const termScore = new Map<string, number>();
  for (const [key, st] of terms) {
    const spread = st.sentenceCount / n;
    const position = 1 + 1 / Math.sqrt(1 + st.first);
    const casing = 1 + st.capitalised / st.tf;
    termScore.set(key, Math.log(1 + st.tf) * (0.5 + spread) * position * casing);
  }
  const candidates: Array<{ key: string; score: number; surface: string; members: string[] }> = [];
  for (const [key, st] of terms) {
    candidates.push({
      key,
      score: termScore.get(key) ?? 0,
      surface: st.surfaces ? bestSurface(st.surfaces) : st.surface,
      members: [key],
    });
  }
  for (const [key, st] of phrases) {
    const memberScores = st.members.map((m) => termScore.get(m) ?? 0);
    const score = (memberScores.reduce((a, b) => a + b, 0) / memberScores.length) * (1 + Math.log(st.tf));
    candidates.push({ key, score, surface: bestSurface(st.surfaces), members: st.members });
  }
  // A phrase that almost always occurs inside a longer recurring phrase is a fragment of it. Only a
  // phrase's own shorter runs of words can lie inside it, so each recurring phrase looks those up
  // (at most three) instead of comparing every pair, which is quadratic on a long article.
  const fragments = new Set<string>();
  for (const lst of phrases.values()) {
    const words = lst.members;
    for (let len = 2; len < words.length; len++) {
      for (let i = 0; i + len <= words.length; i++) {
        const key = words.slice(i, i + len).join(' ');
        const st = phrases.get(key);
        if (st && lst.tf >= st.tf * 0.8) fragments.add(key);
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
    st = { tf: 0, sentenceCount: 0, lastSentence: -1, first: si, capitalised: 0, surface };
    terms.set(key, st);
  }
  st.tf++;
  if (st.lastSentence !== si) {
    st.sentenceCount++;
    st.lastSentence = si;
  }
  if (cap) st.capitalised++;
  if (st.surfaces) st.surfaces.set(surface, (st.surfaces.get(surface) ?? 0) + 1);
  else if (surface !== st.surface)
    st.surfaces = new Map([
      [st.surface, st.tf - 1],
      [surface, 1],
    ]);
}

/** Counts the phrases of 2..MAX_PHRASE_WORDS words starting at `run[i]`. */
function notePhrases(
  text: string,
  trie: Map<string, PhraseNode>,
  run: ReadonlyArray<{ stem: string; start: number; end: number }>,
  i: number,
) {
  const first = run[i] as { stem: string; start: number };
  let node = trie.get(first.stem);
  if (!node) {
    node = { tf: 0, firstStart: 0, firstEnd: 0 };
    trie.set(first.stem, node);
  }
  for (let k = i + 1; k < run.length && k < i + MAX_PHRASE_WORDS; k++) {
    const word = run[k] as { stem: string; end: number };
    node.next ??= new Map();
    let child = node.next.get(word.stem);
    if (!child) {
      child = { tf: 0, firstStart: first.start, firstEnd: word.end };
      node.next.set(word.stem, child);
    }
    child.tf++;
    if (child.tf > 1) {
      child.surfaces ??= new Map([[text.slice(child.firstStart, child.firstEnd), 1]]);
      const surface = text.slice(first.start, word.end);
      child.surfaces.set(surface, (child.surfaces.get(surface) ?? 0) + 1);
    }
    node = child;
  }
}

/** The phrases (two words or more) that occur at least MIN_PHRASE_COUNT times, by key. */
function recurringPhrases(trie: Map<string, PhraseNode>): Map<string, Phrase> {
  const out = new Map<string, Phrase>();
  const walk = (node: PhraseNode, members: string[]) => {
    if (!node.next) return;
    for (const [stem, child] of node.next) {
      if (child.tf < MIN_PHRASE_COUNT || !child.surfaces) continue;
      const path = [...members, stem];
      const key = path.join(' ');
      out.set(key, { key, members: path, tf: child.tf, surfaces: child.surfaces });
      walk(child, path);
    }
  };
  for (const [stem, node] of trie) walk(node, [stem]);
  return out;
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
