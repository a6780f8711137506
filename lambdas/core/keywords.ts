/**
 * Keywords: YAKE/RAKE-style statistics over clitic-stripped terms. Candidate phrases are runs of
 * content words inside a sentence; a term scores by frequency, spread over sentences and how early it
 * first appears, and a phrase by its members and how often it recurs as a whole.
 */

import { ScoreHeap } from './score-heap.ts';
import { ScratchPool } from './scratch.ts';
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
 * ln(1 + count) and the first-sentence factor 1 + 1/sqrt(1 + s) for the usual values (the same numbers
 * each time), filled at the first article: built at import they cost 1.5 ms of every cold start.
 */
let LOG_1P: Float64Array | undefined;
let POSITION: Float64Array | undefined;

function fillFactorTables(): void {
  LOG_1P = new Float64Array(256);
  for (let c = 0; c < LOG_1P.length; c++) LOG_1P[c] = Math.log(1 + c);
  POSITION = new Float64Array(512);
  for (let s = 0; s < POSITION.length; s++) POSITION[s] = 1 + 1 / Math.sqrt(1 + s);
}
/** Trie nodes made room for at first (the trie grows past it): a 10 KB article's phrases fit. */
const INITIAL_NODES = 2048;

/** Scratch arrays by slot (see `ScratchPool`). */
const scratch = new ScratchPool();
const TF_SLOT = 0;
const SENTENCE_COUNT_SLOT = 1;
const LAST_SENTENCE_SLOT = 2;
const FIRST_SLOT = 3;
const CAPITALISED_SLOT = 4;
const VARIANT_SLOT = 5;
const GAP_SLOT = 6;
const TOKEN_START_SLOT = 7;
const TOKEN_END_SLOT = 8;
const TOP_SLOT = 9;
const SLOTS_SLOT = 10;
const NODES_SLOT = 11;
const AT_SLOT = 12;
const HEAP_SLOT = 13;
const FRAGMENT_SLOT = 14;
const SCORE_SLOT = 0;

/**
 * How an article spells one term or phrase: its first spelling (`text[start, end)`, so a phrase
 * allocates nothing until it is chosen), how often that recurs, and the other spellings in the order
 * they appear.
 */
interface Spellings {
  start: number;
  end: number;
  /** A term's first spelling as its token has it (undefined for a phrase). */
  written: string | undefined;
  count: number;
  others: Variant[] | undefined;
  /** The other spellings by text, once there are many. */
  index: Map<string, Variant> | undefined;
}

/** Spellings in their one shape (all fields present, in one order). */
function newSpellings(start: number, end: number, written: string | undefined, count: number): Spellings {
  return { start, end, written, count, others: undefined, index: undefined };
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
  const tf = scratch.int32(TF_SLOT, termCount).fill(0, 0, termCount);
  const sentenceCount = scratch.int32(SENTENCE_COUNT_SLOT, termCount).fill(0, 0, termCount);
  const lastSentence = scratch.int32(LAST_SENTENCE_SLOT, termCount).fill(-1, 0, termCount);
  // Set at each term's first occurrence (every term id occurs).
  const first = scratch.int32(FIRST_SLOT, termCount);
  const capitalised = scratch.int32(CAPITALISED_SLOT, termCount).fill(0, 0, termCount);
  const termSpellings: Spellings[] = new Array(termCount);
  // Per numbered token: which spelling of its term it is (0 = the first), and the whitespace before
  // it inside a run (0 = one space). Equal numbers mean equal text, so a recurring phrase is usually
  // recognised as spelled the same way without reading the text again.
  const tokenCount = termOf.length;
  // Each is written before it is read: `variant` and the offsets for every content token, `gap` for
  // every content token but the first of a run (the only ones compared).
  const variant = scratch.int32(VARIANT_SLOT, tokenCount);
  const gap = scratch.int32(GAP_SLOT, tokenCount);
  // Offsets of each numbered content token, and the runs of content words (first token, length) of
  // two words or more: phrases are counted once every token has its spelling number.
  const tokenStart = scratch.int32(TOKEN_START_SLOT, tokenCount);
  const tokenEnd = scratch.int32(TOKEN_END_SLOT, tokenCount);
  const runs: number[] = [];
  const gapIds = new Map<string, number>();
  let runFirst = 0;
  let runLength = 0;

  for (let si = 0; si < sentences.length; si++) {
    const own = tokens[si] as readonly Token[];
    const base = firstToken[si] as number;
    let prevEnd = -1;
    for (let ti = 0; ti < own.length; ti++) {
      const t = own[ti] as Token;
      // Phrases never cross punctuation: only whitespace may separate their words.
      if (ti > 0 && !onlyWhitespace(text, prevEnd, t.start)) {
        if (runLength > 1) runs.push(runFirst, runLength);
        runLength = 0;
      }
      const id = termOf[base + ti] as number;
      if (id < 0) {
        if (runLength > 1) runs.push(runFirst, runLength);
        runLength = 0;
        prevEnd = t.end;
        continue;
      }
      let sp = termSpellings[id];
      if (sp === undefined) {
        first[id] = si;
        sp = newSpellings(t.start, t.end, t.text, 0);
        termSpellings[id] = sp;
      }
      tf[id] = (tf[id] as number) + 1;
      if (lastSentence[id] !== si) {
        sentenceCount[id] = (sentenceCount[id] as number) + 1;
        lastSentence[id] = si;
      }
      if (ti > 0 && isCapitalised(t.text)) capitalised[id] = (capitalised[id] as number) + 1;
      const p = base + ti;
      variant[p] = noteTermSpelling(sp, t.text);
      tokenStart[p] = t.start;
      tokenEnd[p] = t.end;
      if (runLength === 0) runFirst = p;
      else gap[p] = gapId(text, prevEnd, t.start, gapIds);
      runLength++;
      prevEnd = t.end;
    }
    if (runLength > 1) runs.push(runFirst, runLength);
    runLength = 0;
  }
  const trie = new PhraseTrie(termCount, tokenCount, termOf, variant, gap, tokenStart, tokenEnd);
  trie.countPhrases(text, runs);

  const n = Math.max(1, sentences.length);
  const phrases = trie.recurringPhrases();
  // Candidates by number: the terms (by id), then the recurring phrases in trie order.
  const candidates = termCount + phrases.length;
  const score = scratch.float64(SCORE_SLOT, candidates);
  if (!LOG_1P || !POSITION) fillFactorTables();
  const log1p = LOG_1P as Float64Array;
  const positionOf = POSITION as Float64Array;
  for (let id = 0; id < termCount; id++) {
    const count = tf[id] as number;
    const spread = (sentenceCount[id] as number) / n;
    const at = first[id] as number;
    const position = at < positionOf.length ? (positionOf[at] as number) : 1 + 1 / Math.sqrt(1 + at);
    const casing = 1 + (capitalised[id] as number) / count;
    const frequency = count < log1p.length ? (log1p[count] as number) : Math.log(1 + count);
    score[id] = frequency * (0.5 + spread) * position * casing;
  }
  for (let p = 0; p < phrases.length; p++) {
    const { node, members } = phrases[p] as RecurringPhrase;
    let sum = 0;
    for (const m of members) sum += score[m] as number;
    score[termCount + p] = (sum / members.length) * (1 + Math.log(trie.tf(node)));
  }
  // A phrase that almost always occurs inside a longer recurring phrase is a fragment of it. Only a
  // phrase's own shorter runs of words can lie inside it, so each recurring phrase looks those up
  // (at most three) instead of comparing every pair, which is quadratic on a long article.
  // Per trie node: 1 for a fragment.
  const fragment = scratch.int32(FRAGMENT_SLOT, trie.nodeCount).fill(0, 0, trie.nodeCount);
  for (const { node, members } of phrases) {
    for (let len = 2; len < members.length; len++) {
      for (let i = 0; i + len <= members.length; i++) {
        const inner = trie.find(members, i, i + len);
        if (inner >= 0 && trie.tf(inner) >= MIN_PHRASE_COUNT) {
          if (trie.tf(node) >= trie.tf(inner) * 0.8) fragment[inner] = 1;
        }
      }
    }
  }
  const candidate = (i: number): Candidate | undefined => {
    if (i < termCount)
      return { members: [i], score: score[i] as number, spellings: termSpellings[i] as Spellings };
    const { node, members } = phrases[i - termCount] as RecurringPhrase;
    if (fragment[node] === 1) return undefined;
    return { members, score: score[i] as number, spellings: trie.spellingsOf(node) };
  };
  const keyOf = (c: Candidate) => {
    c.key ??=
      c.members.length === 1
        ? (stems[c.members[0] as number] as string)
        : c.members.map((m) => stems[m]).join(' ');
    return c.key;
  };
  const chosen: Candidate[] = [];
  // Best score first, ties by key in locale order, then in candidate order (the order a stable sort
  // gives), drawn lazily: the choice rarely reads past the first few dozen.
  const ranked = new Ranking(score, candidates, candidate, keyOf);
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
 * A trie node's fields, `Node.FIELDS` numbers per node (a const enum: esbuild writes the numbers into
 * the code, where module-level constants would be read from the module's context at every use).
 */
enum Node {
  FIELDS = 8,
  /** Occurrences of the phrase. */
  TF = 0,
  /** Number of the first word of the phrase's first occurrence. */
  FIRST_TOKEN = 1,
  /** The phrase's last word (a term id). */
  TERM = 2,
  /** The node it extends (0 for the root). */
  PARENT = 3,
  FIRST_CHILD = 4,
  LAST_CHILD = 5,
  NEXT_SIBLING = 6,
  /** 1 + the index of its spellings in `spellings`, or 0 while it has occurred once. */
  SPELLING = 7,
}

/**
 * Phrases as a trie of term ids: the phrases starting at one word share their path. Node 0 is the
 * root; a node's children are kept in the order they were first seen. Most phrases occur once and are
 * dropped (MIN_PHRASE_COUNT): their spellings are kept only from the second occurrence on, the first
 * as offsets. Phrases are counted one length at a time, two words first: a longer phrase recurs only
 * if the phrase one word shorter does, so it is followed only from positions where that one recurs,
 * and every recurring phrase still gets its full count, its children in order of first occurrence
 * and its spellings in text order.
 */
class PhraseTrie {
  /** `Node.FIELDS` numbers per node. */
  private node: Int32Array;
  private nodes = 1;
  /** Spellings of the nodes that recur. */
  private readonly spellings: Spellings[] = [];
  /** The one-word node of each term (0 while none). */
  private readonly top: Int32Array;
  /** Open-addressing table of children below the first level: slot value 0 is empty. */
  private slots: Int32Array;
  /** The table's size less one (a power of two less one; the scratch array may be longer). */
  private mask: number;
  private used = 0;

  constructor(
    termCount: number,
    private readonly tokenCount: number,
    private readonly termOf: Int32Array,
    private readonly variant: Int32Array,
    private readonly gap: Int32Array,
    private readonly tokenStart: Int32Array,
    private readonly tokenEnd: Int32Array,
  ) {
    this.top = scratch.int32(TOP_SLOT, termCount).fill(0, 0, termCount);
    // Room for a short article's phrases; both tables double as needed. A long article's tables
    // sized by its words would mean a fresh, zeroed array per call, past what the scratch pool keeps.
    const expected = Math.min(tokenCount, INITIAL_NODES);
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.mask = size - 1;
    this.slots = scratch.int32(SLOTS_SLOT, size).fill(0, 0, size);
    this.node = scratch.int32(NODES_SLOT, Math.max(64, expected * 2) * Node.FIELDS);
    // The root (node 0), every field set: the scratch array holds an earlier call's nodes.
    this.node.fill(0, 0, Node.FIELDS);
    this.node[Node.FIRST_CHILD] = -1;
    this.node[Node.LAST_CHILD] = -1;
    this.node[Node.NEXT_SIBLING] = -1;
    this.node[Node.TERM] = -1;
  }

  /** How many nodes the trie holds (node numbers run below it). */
  get nodeCount(): number {
    return this.nodes;
  }

  /** Occurrences of a node's phrase. */
  tf(node: number): number {
    return this.node[node * Node.FIELDS + Node.TF] as number;
  }

  /** A recurring node's spellings. */
  spellingsOf(node: number): Spellings {
    return this.spellings[(this.node[node * Node.FIELDS + Node.SPELLING] as number) - 1] as Spellings;
  }

  /** Counts the phrases of 2..MAX_PHRASE_WORDS words of the runs (first token, length pairs). */
  countPhrases(text: string, runs: readonly number[]): void {
    // The node each position's phrase of the current length reached (0: not followed further).
    const at = scratch.int32(AT_SLOT, this.tokenCount);
    const termOf = this.termOf;
    for (let words = 2; words <= MAX_PHRASE_WORDS; words++) {
      for (let r = 0; r < runs.length; r += 2) {
        const from = runs[r] as number;
        const last = from + (runs[r + 1] as number) - words;
        for (let p = from; p <= last; p++) {
          let parent: number;
          if (words === 2) parent = this.topOf(termOf[p] as number, p);
          else {
            parent = at[p] as number;
            if (parent === 0 || this.tf(parent) < MIN_PHRASE_COUNT) {
              at[p] = 0;
              continue;
            }
          }
          const child = this.childOf(parent, termOf[p + words - 1] as number, p);
          this.noteOccurrence(text, child, p, words);
          at[p] = child;
        }
      }
    }
  }

  /** Counts one more occurrence of a node's phrase: the `words` tokens from `token`. */
  private noteOccurrence(text: string, child: number, token: number, words: number): void {
    const f = child * Node.FIELDS;
    const tf = (this.node[f + Node.TF] as number) + 1;
    this.node[f + Node.TF] = tf;
    if (tf === 1) return;
    const firstToken = this.node[f + Node.FIRST_TOKEN] as number;
    let sp: Spellings;
    if (this.node[f + Node.SPELLING] === 0) {
      sp = newSpellings(
        this.tokenStart[firstToken] as number,
        this.tokenEnd[firstToken + words - 1] as number,
        undefined,
        1,
      );
      this.spellings.push(sp);
      this.node[f + Node.SPELLING] = this.spellings.length;
    } else sp = this.spellings[(this.node[f + Node.SPELLING] as number) - 1] as Spellings;
    const start = this.tokenStart[token] as number;
    const end = this.tokenEnd[token + words - 1] as number;
    // The same spelling of each word and the same spaces give the same text; otherwise compare it.
    if (this.sameWords(firstToken, token, words) || sameText(text, sp.start, sp.end, start, end)) sp.count++;
    else noteOtherSpelling(sp, text.slice(start, end));
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
    let node = from < to ? (this.top[members[from] as number] as number) : 0;
    if (node === 0 && from < to) return -1;
    for (let k = from + 1; k < to && node >= 0; k++) node = this.lookup(node, members[k] as number);
    return node;
  }

  /** The phrases (two words or more) that occur at least MIN_PHRASE_COUNT times, depth first in insertion order. */
  recurringPhrases(): RecurringPhrase[] {
    const out: RecurringPhrase[] = [];
    const node = this.node;
    const walk = (parent: number, members: number[]) => {
      for (
        let child = node[parent * Node.FIELDS + Node.FIRST_CHILD] as number;
        child >= 0;
        child = node[child * Node.FIELDS + Node.NEXT_SIBLING] as number
      ) {
        if (this.tf(child) < MIN_PHRASE_COUNT) continue;
        const path = [...members, node[child * Node.FIELDS + Node.TERM] as number];
        out.push({ node: child, members: path });
        walk(child, path);
      }
    };
    for (
      let top = node[Node.FIRST_CHILD] as number;
      top >= 0;
      top = node[top * Node.FIELDS + Node.NEXT_SIBLING] as number
    )
      walk(top, [node[top * Node.FIELDS + Node.TERM] as number]);
    return out;
  }

  private slot(parent: number, term: number): number {
    const slots = this.slots;
    const node = this.node;
    const mask = this.mask;
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(term + 1, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const child = slots[h] as number;
      if (
        child === 0 ||
        (node[child * Node.FIELDS + Node.PARENT] === parent && node[child * Node.FIELDS + Node.TERM] === term)
      )
        return h;
      h = (h + 1) & mask;
    }
  }

  private lookup(parent: number, term: number): number {
    const child = this.slots[this.slot(parent, term)] as number;
    return child === 0 ? -1 : child;
  }

  /** The one-word node of `term`, made (first seen at `token`) when missing. */
  private topOf(term: number, token: number): number {
    let top = this.top[term] as number;
    if (top === 0) {
      top = this.newNode(0, term, token);
      this.top[term] = top;
    }
    return top;
  }

  /** The child of `parent` for `term`, made (first seen at `token`) when missing. */
  private childOf(parent: number, term: number, token: number): number {
    const h = this.slot(parent, term);
    const found = this.slots[h] as number;
    if (found !== 0) return found;
    const child = this.newNode(parent, term, token);
    this.slots[h] = child;
    if (++this.used * 2 > this.mask + 1) this.grow();
    return child;
  }

  private newNode(parent: number, term: number, token: number): number {
    const child = this.nodes++;
    if (this.nodes * Node.FIELDS > this.node.length) {
      this.node = scratch.grow32(NODES_SLOT, this.node, this.node.length * 2);
    }
    const node = this.node;
    const f = child * Node.FIELDS;
    node[f + Node.TF] = 0;
    node[f + Node.FIRST_TOKEN] = token;
    node[f + Node.TERM] = term;
    node[f + Node.PARENT] = parent;
    node[f + Node.FIRST_CHILD] = -1;
    node[f + Node.LAST_CHILD] = -1;
    node[f + Node.NEXT_SIBLING] = -1;
    node[f + Node.SPELLING] = 0;
    const p = parent * Node.FIELDS;
    const last = node[p + Node.LAST_CHILD] as number;
    if (last < 0) node[p + Node.FIRST_CHILD] = child;
    else node[last * Node.FIELDS + Node.NEXT_SIBLING] = child;
    node[p + Node.LAST_CHILD] = child;
    return child;
  }

  private grow(): void {
    const old = this.slots;
    const oldSize = this.mask + 1;
    const size = oldSize * 2;
    this.slots = scratch.fresh32(SLOTS_SLOT, size);
    this.mask = size - 1;
    for (let k = 0; k < oldSize; k++) {
      const child = old[k] as number;
      if (child === 0) continue;
      const f = child * Node.FIELDS;
      this.slots[this.slot(this.node[f + Node.PARENT] as number, this.node[f + Node.TERM] as number)] = child;
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
    size: number,
    private readonly make: (i: number) => Candidate | undefined,
    private readonly keyOf: (c: Candidate) => string,
  ) {
    this.order = new ScoreHeap(score, size, scratch.int32(HEAP_SLOT, size));
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
