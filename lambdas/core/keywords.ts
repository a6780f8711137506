/**
 * Keywords: YAKE/RAKE-style statistics over clitic-stripped terms. Candidate phrases are runs of
 * content words inside a sentence; a term scores by frequency, spread over sentences and how early it
 * first appears, and a phrase by its members and how often it recurs as a whole.
 */

import { ScoreHeap } from './score-heap.ts';
import type { Sentence, Token } from './segment.ts';
import { termsOfArticle } from './terms.ts';

/** A keyword as the article writes it, with a 0..1 score. */
export interface Keyword {
  term: string;
  score: number;
}

/** Longest phrase we consider: longer runs are names or clauses, left to the entity extractor. */
const MAX_PHRASE_WORDS = 4;
/** A phrase must recur to be a keyword phrase rather than a chance collocation. */
const MIN_PHRASE_COUNT = 2;

/**
 * How an article spells one term or phrase: its first spelling (`text[start, end)`, so a phrase
 * allocates nothing until it is chosen), how often that recurs, and the other spellings in the order
 * they appear.
 */
interface Spellings {
  start: number;
  end: number;
  /** A term's first spelling as its token has it. */
  written?: string;
  count: number;
  others?: Variant[];
  /** The other spellings by text, once there are many. */
  index?: Map<string, Variant>;
}

/** Another spelling: how often it occurs, and its number (1, 2... in order of appearance). */
interface Variant {
  text: string;
  count: number;
  index: number;
}

/** A term or recurring phrase competing for the keyword list. */
interface Candidate {
  /** Term ids: one for a term, two or more for a phrase. */
  members: number[];
  score: number;
  spellings: Spellings;
  /** Stems joined by spaces, built when a tie or the choice needs it. */
  key?: string;
}

/** Top `limit` keywords of the content sentences. */
export function extractKeywords(
  text: string,
  sentences: Sentence[],
  language: string,
  limit = 10,
): Keyword[] {
  const { tokens, first: firstToken, termOf, stems } = termsOfArticle(text, sentences, language);
  const termCount = stems.length;
  const tf = new Int32Array(termCount);
  const sentenceCount = new Int32Array(termCount);
  const lastSentence = new Int32Array(termCount).fill(-1);
  const first = new Int32Array(termCount);
  const capitalised = new Int32Array(termCount);
  const termSpellings: Spellings[] = new Array(termCount);
  // Per numbered token: which spelling of its term it is (0 = the first), and the whitespace before
  // it inside a run (0 = one space). Equal numbers mean equal text, so a recurring phrase is usually
  // recognised as spelled the same way without reading the text again.
  const variant = new Int32Array(termOf.length);
  const gap = new Int32Array(termOf.length);
  const gapIds = new Map<string, number>();
  const trie = new PhraseTrie(termCount, variant, gap);
  // The current run of content words (ids and offsets), as long as a sentence at most.
  let longest = 0;
  for (const own of tokens) longest = Math.max(longest, own.length);
  const runTerm = new Int32Array(longest);
  const runStart = new Int32Array(longest);
  const runEnd = new Int32Array(longest);
  let runFirst = 0;
  let runLength = 0;
  const flush = () => {
    for (let i = 0; i + 1 < runLength; i++)
      trie.notePhrases(text, runTerm, runStart, runEnd, runFirst, runLength, i);
    runLength = 0;
  };

  for (let si = 0; si < sentences.length; si++) {
    const own = tokens[si] as readonly Token[];
    const base = firstToken[si] as number;
    for (let ti = 0; ti < own.length; ti++) {
      const t = own[ti] as Token;
      const prevEnd = ti > 0 ? (own[ti - 1] as Token).end : -1;
      // Phrases never cross punctuation: only whitespace may separate their words.
      if (ti > 0 && !onlyWhitespace(text, prevEnd, t.start)) flush();
      const id = termOf[base + ti] as number;
      if (id < 0) {
        flush();
        continue;
      }
      let sp = termSpellings[id];
      if (sp === undefined) {
        first[id] = si;
        sp = { start: t.start, end: t.end, written: t.text, count: 0 };
        termSpellings[id] = sp;
      }
      tf[id] = (tf[id] as number) + 1;
      if (lastSentence[id] !== si) {
        sentenceCount[id] = (sentenceCount[id] as number) + 1;
        lastSentence[id] = si;
      }
      if (ti > 0 && isCapitalised(t.text)) capitalised[id] = (capitalised[id] as number) + 1;
      variant[base + ti] = noteTermSpelling(sp, t.text);
      if (runLength === 0) runFirst = base + ti;
      else gap[base + ti] = gapId(text, prevEnd, t.start, gapIds);
      runTerm[runLength] = id;
      runStart[runLength] = t.start;
      runEnd[runLength] = t.end;
      runLength++;
    }
    flush();
  }

  const n = Math.max(1, sentences.length);
  const phrases = trie.recurringPhrases();
  // Candidates by number: the terms (by id), then the recurring phrases in trie order.
  const score = new Float64Array(termCount + phrases.length);
  for (let id = 0; id < termCount; id++) {
    const count = tf[id] as number;
    const spread = (sentenceCount[id] as number) / n;
    const position = 1 + 1 / Math.sqrt(1 + (first[id] as number));
    const casing = 1 + (capitalised[id] as number) / count;
    score[id] = Math.log(1 + count) * (0.5 + spread) * position * casing;
  }
  for (let p = 0; p < phrases.length; p++) {
    const { node, members } = phrases[p] as RecurringPhrase;
    let sum = 0;
    for (const m of members) sum += score[m] as number;
    score[termCount + p] = (sum / members.length) * (1 + Math.log(trie.tf[node] as number));
  }
  // A phrase that almost always occurs inside a longer recurring phrase is a fragment of it. Only a
  // phrase's own shorter runs of words can lie inside it, so each recurring phrase looks those up
  // (at most three) instead of comparing every pair, which is quadratic on a long article.
  const fragment = new Set<number>();
  for (const { node, members } of phrases) {
    for (let len = 2; len < members.length; len++) {
      for (let i = 0; i + len <= members.length; i++) {
        const inner = trie.find(members, i, i + len);
        if (inner >= 0 && (trie.tf[inner] as number) >= MIN_PHRASE_COUNT) {
          if ((trie.tf[node] as number) >= (trie.tf[inner] as number) * 0.8) fragment.add(inner);
        }
      }
    }
  }
  const candidate = (i: number): Candidate | undefined => {
    if (i < termCount)
      return { members: [i], score: score[i] as number, spellings: termSpellings[i] as Spellings };
    const { node, members } = phrases[i - termCount] as RecurringPhrase;
    if (fragment.has(node)) return undefined;
    return { members, score: score[i] as number, spellings: trie.spellings[node] as Spellings };
  };
  const keyOf = (c: Candidate) => {
    c.key ??= c.members.map((m) => stems[m]).join(' ');
    return c.key;
  };
  const chosen: Candidate[] = [];
  // Best score first, ties by key in locale order, then in candidate order (the order a stable sort
  // gives), drawn lazily: the choice rarely reads past the first few dozen.
  const ranked = new Ranking(score, candidate, keyOf);
  for (let c = ranked.next(); c && chosen.length < limit; c = ranked.next()) {
    // Skip a term already covered by a chosen phrase, and a phrase whose words are all already chosen.
    if (chosen.some((k) => k.members.length > 1 && c.members.every((m) => k.members.includes(m)))) continue;
    if (c.members.length > 1 && c.members.every((m) => chosen.some((k) => keyOf(k) === stems[m]))) continue;
    // Overlapping phrases ("مضاد للطائرات" beside "للطائرات بدون طيار") name one idea once.
    if (
      c.members.length > 1 &&
      chosen.some((k) => k.members.length > 1 && overlap(k.members, c.members) * 2 > c.members.length)
    )
      continue;
    chosen.push(c);
  }
  const top = chosen[0]?.score ?? 1;
  return chosen.map((c) => ({
    term: bestSpelling(text, c.spellings),
    score: Math.round((c.score / top) * 1000) / 1000,
  }));
}

/** Counts one more occurrence of a term written `word`; returns which spelling it is (0 for the first). */
function noteTermSpelling(sp: Spellings, word: string): number {
  if (word === sp.written) {
    sp.count++;
    return 0;
  }
  return noteOtherSpelling(sp, word);
}

/** Counts one more occurrence of a spelling other than the first; returns its number. */
function noteOtherSpelling(sp: Spellings, spelling: string): number {
  sp.others ??= [];
  const others = sp.others;
  let v: Variant | undefined;
  // A word has a few spellings (clitics, hamza forms): a scan beats hashing the new string.
  if (sp.index) v = sp.index.get(spelling);
  else
    for (const o of others) {
      if (o.text === spelling) {
        v = o;
        break;
      }
    }
  if (!v) {
    v = { text: spelling, count: 0, index: others.length + 1 };
    others.push(v);
    if (sp.index) sp.index.set(spelling, v);
    else if (others.length > 8) sp.index = new Map(others.map((o) => [o.text, o]));
  }
  v.count++;
  return v.index;
}

/** True when `text[a, aEnd)` and `text[b, bEnd)` are the same string. */
function sameText(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  if (a === b) return true;
  for (let k = 0; k < aEnd - a; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Numbers the whitespace `text[from, to)` between two words of a run: 0 for one space. */
function gapId(text: string, from: number, to: number, ids: Map<string, number>): number {
  if (to - from === 1 && text.charCodeAt(from) === 0x20) return 0;
  const gap = text.slice(from, to);
  let id = ids.get(gap);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(gap, id);
  }
  return id;
}

/** The most frequent way the article writes a term; on a tie, the shortest (fewest clitics), then the first. */
function bestSpelling(text: string, sp: Spellings): string {
  let best = sp.written ?? text.slice(sp.start, sp.end);
  let bestCount = sp.count;
  for (const { text: s, count } of sp.others ?? []) {
    if (count > bestCount || (count === bestCount && s.length < best.length)) {
      best = s;
      bestCount = count;
    }
  }
  return best;
}

/** A recurring phrase: its trie node and its words. */
interface RecurringPhrase {
  node: number;
  members: number[];
}

/**
 * Phrases as a trie of term ids: the phrases starting at one word share their path, so each position
 * costs a few hash-table steps. Node 0 is the root; a node's children are kept in the order they were
 * first seen. Most phrases occur once and are dropped (MIN_PHRASE_COUNT): their spellings are kept
 * only from the second occurrence on, the first as offsets.
 */
class PhraseTrie {
  readonly tf: number[] = [0];
  private readonly firstStart: number[] = [0];
  private readonly firstEnd: number[] = [0];
  /** Number of the first word of the node's first occurrence. */
  private readonly firstToken: number[] = [0];
  private readonly term: number[] = [-1];
  private readonly firstChild: number[] = [-1];
  private readonly lastChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  /** Spellings of the nodes that recur. */
  readonly spellings: Array<Spellings | undefined> = [undefined];
  /** Open-addressing table (parent, term) -> child; slot value 0 is empty (the root is nobody's child). */
  private slotParent: Int32Array;
  private slotTerm: Int32Array;
  private slotChild: Int32Array;
  private used = 0;

  constructor(
    termCount: number,
    private readonly variant: Int32Array,
    private readonly gap: Int32Array,
  ) {
    let size = 1024;
    while (size < termCount * 2) size *= 2;
    this.slotParent = new Int32Array(size);
    this.slotTerm = new Int32Array(size);
    this.slotChild = new Int32Array(size);
  }

  /** Counts the phrases of 2..MAX_PHRASE_WORDS words starting at `i` of the run. */
  notePhrases(
    text: string,
    runTerm: Int32Array,
    runStart: Int32Array,
    runEnd: Int32Array,
    runFirst: number,
    runLength: number,
    i: number,
  ): void {
    const start = runStart[i] as number;
    const token = runFirst + i;
    let node = this.childOf(0, runTerm[i] as number, start, 0, token);
    for (let k = i + 1; k < runLength && k < i + MAX_PHRASE_WORDS; k++) {
      const end = runEnd[k] as number;
      const child = this.childOf(node, runTerm[k] as number, start, end, token);
      const tf = (this.tf[child] as number) + 1;
      this.tf[child] = tf;
      if (tf > 1) {
        let sp = this.spellings[child];
        if (!sp) {
          sp = { start: this.firstStart[child] as number, end: this.firstEnd[child] as number, count: 1 };
          this.spellings[child] = sp;
        }
        // The same spelling of each word and the same spaces give the same text; otherwise compare it.
        if (
          this.sameWords(this.firstToken[child] as number, token, k - i + 1) ||
          sameText(text, sp.start, sp.end, start, end)
        )
          sp.count++;
        else noteOtherSpelling(sp, text.slice(start, end));
      }
      node = child;
    }
  }

  /** True when the `words` numbered tokens from `a` and from `b` are spelled alike, spaces included. */
  private sameWords(a: number, b: number, words: number): boolean {
    if (this.variant[a] !== this.variant[b]) return false;
    for (let x = 1; x < words; x++)
      if (this.variant[a + x] !== this.variant[b + x] || this.gap[a + x] !== this.gap[b + x]) return false;
    return true;
  }

  /** The node of `members[from, to)`, or -1. */
  find(members: readonly number[], from: number, to: number): number {
    let node = 0;
    for (let k = from; k < to && node >= 0; k++) node = this.lookup(node, members[k] as number);
    return node;
  }

  /** The phrases (two words or more) that occur at least MIN_PHRASE_COUNT times, depth first in insertion order. */
  recurringPhrases(): RecurringPhrase[] {
    const out: RecurringPhrase[] = [];
    const walk = (node: number, members: number[]) => {
      for (
        let child = this.firstChild[node] as number;
        child >= 0;
        child = this.nextSibling[child] as number
      ) {
        if ((this.tf[child] as number) < MIN_PHRASE_COUNT) continue;
        const path = [...members, this.term[child] as number];
        out.push({ node: child, members: path });
        walk(child, path);
      }
    };
    for (let top = this.firstChild[0] as number; top >= 0; top = this.nextSibling[top] as number)
      walk(top, [this.term[top] as number]);
    return out;
  }

  private slot(parent: number, term: number): number {
    const mask = this.slotChild.length - 1;
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(term + 1, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const child = this.slotChild[h] as number;
      if (child === 0 || (this.slotParent[h] === parent && this.slotTerm[h] === term)) return h;
      h = (h + 1) & mask;
    }
  }

  private lookup(parent: number, term: number): number {
    const child = this.slotChild[this.slot(parent, term)] as number;
    return child === 0 ? -1 : child;
  }

  /** The child of `parent` for `term`, made (first seen at `text[start, end)`) when missing. */
  private childOf(parent: number, term: number, start: number, end: number, token: number): number {
    const h = this.slot(parent, term);
    const found = this.slotChild[h] as number;
    if (found !== 0) return found;
    const child = this.tf.length;
    this.tf.push(0);
    this.firstStart.push(start);
    this.firstEnd.push(end);
    this.firstToken.push(token);
    this.spellings.push(undefined);
    this.term.push(term);
    this.firstChild.push(-1);
    this.lastChild.push(-1);
    this.nextSibling.push(-1);
    const last = this.lastChild[parent] as number;
    if (last < 0) this.firstChild[parent] = child;
    else this.nextSibling[last] = child;
    this.lastChild[parent] = child;
    this.slotParent[h] = parent;
    this.slotTerm[h] = term;
    this.slotChild[h] = child;
    if (++this.used * 2 > this.slotChild.length) this.grow();
    return child;
  }

  private grow(): void {
    const parents = this.slotParent;
    const terms = this.slotTerm;
    const children = this.slotChild;
    this.slotParent = new Int32Array(children.length * 2);
    this.slotTerm = new Int32Array(children.length * 2);
    this.slotChild = new Int32Array(children.length * 2);
    for (let k = 0; k < children.length; k++) {
      if (children[k] === 0) continue;
      const h = this.slot(parents[k] as number, terms[k] as number);
      this.slotParent[h] = parents[k] as number;
      this.slotTerm[h] = terms[k] as number;
      this.slotChild[h] = children[k] as number;
    }
  }
}

/**
 * Candidates by descending score, ties by key in locale order and then by number: a heap on (score,
 * number) yields each group of equal scores, which is then ordered by key. Candidates that `make`
 * leaves out (fragments) are skipped.
 */
class Ranking {
  private readonly order: ScoreHeap;
  private group: Candidate[] = [];
  private taken = 0;

  constructor(
    private readonly score: Float64Array,
    private readonly make: (i: number) => Candidate | undefined,
    private readonly keyOf: (c: Candidate) => string,
  ) {
    this.order = new ScoreHeap(score);
  }

  /** The next candidate, or undefined when none is left. */
  next(): Candidate | undefined {
    const order = this.order;
    while (this.taken === this.group.length) {
      if (order.size === 0) return undefined;
      this.group = [];
      this.taken = 0;
      const top = this.score[order.peek()] as number;
      while (order.size > 0 && this.score[order.peek()] === top) {
        const c = this.make(order.pop());
        if (c) this.group.push(c);
      }
      if (this.group.length > 1) this.group.sort((a, b) => this.keyOf(a).localeCompare(this.keyOf(b)));
    }
    return this.group[this.taken++];
  }
}

const CAPITALISED = /^\p{Lu}/u;

/** True when the word starts with an upper-case letter (ASCII and Arabic answered without the regex). */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  if (c >= 0x0600 && c <= 0x06ff) return false;
  return CAPITALISED.test(word);
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

function overlap(a: number[], b: number[]): number {
  return b.filter((m) => a.includes(m)).length;
}
