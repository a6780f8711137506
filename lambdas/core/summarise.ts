/**
 * Extractive summary: TextRank over TF-IDF sentence vectors of clitic-stripped terms, blended with a
 * lead/position prior (news puts the event first), then redundancy removal; sentences stay verbatim
 * and in article order.
 */

import { encodeDenseRoundWasm } from './dense-round-wasm.ts';
import { ScoreHeap } from './score-heap.ts';
import { ScratchPool } from './scratch.ts';
import type { Sentence } from './segment.ts';
import { type ArticleTerms, termsOfArticle } from './terms.ts';

/**
 * Sparse term-weight vectors of all sentences, flat: sentence `s` owns entries `start[s]` to
 * `start[s + 1]`, term ids in the order the sentence first uses them, with their weights.
 */
interface SentenceVectors {
  start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
  norms: Float64Array;
  termCount: number;
}

/** The graph covers at most this many sentences (the earliest ones): bounds the pairwise work on huge inputs. */
const MAX_GRAPH_SENTENCES = 250;
/**
 * PageRank damping and rounds. The scores are the 30th round's, not the limit's: over the devset the
 * largest change in round 30 is still about 2e-8 (median; 1e-5 at the 90th percentile), so stopping
 * at a convergence tolerance would move the key facts' scores (rounded to three decimals).
 */
const DAMPING = 0.85;
const ITERATIONS = 30;
/** Weight of the graph centrality against the lead prior (tuned on the devset: more centrality helps BBC, hurts CNN/DM and ANT). */
const CENTRALITY_WEIGHT = 0.15;
/** Lead prior 1/(i+1)^d: tuned on the devset (EASC, ANT, CNN/DM, BBC); news puts the event first. */
const LEAD_DECAY = 0.75;
/** Two summary sentences sharing more than this cosine similarity say the same thing. */
const REDUNDANCY_THRESHOLD = 0.55;

/** Scratch arrays by slot (see `ScratchPool`): ints, then floats. */
const scratch = new ScratchPool();
const START = 0;
const TERMS = 1;
const COUNTS = 2;
const COUNT = 3;
const DF = 4;
const POST_START = 5;
const FILL = 6;
const POST_SENTENCE = 7;
const ORDER = 8;
const CURSOR = 9;
const BY_LENGTH = 10;
const TERM_BITS = 11;
const SEEN = 12;
const EDGE_START = 13;
const FROM = 14;
const HEAP = 15;
const IDF = 0;
const WEIGHTS = 1;
const NORMS = 2;
const POST_WEIGHT = 3;
const SIM = 4;
const OUT_WEIGHT = 5;
const RANK = 6;
const NEXT = 7;
const SHARE = 8;
const EDGE_WEIGHT = 9;
const DENSE = 10;
const IDF_OF_DF = 11;

/** 1 + ln(count) for the counts a sentence's term usually has (the same value `Math.log` gives each time). */
const LOG_COUNT = Array.from({ length: 64 }, (_, c) => 1 + Math.log(c));

/** Per-sentence salience (0..1) and the indexes chosen for the summary, in article order. */
export interface Ranking {
  scores: number[];
  selected: number[];
}

/** Default summary length from the article's length in sentences. */
export function defaultSummaryLength(sentenceCount: number): number {
  if (sentenceCount <= 2) return sentenceCount;
  if (sentenceCount <= 6) return 2;
  if (sentenceCount <= 20) return 3;
  if (sentenceCount <= 40) return 4;
  return 5;
}

/** Ranks the sentences and picks `length` of them (default from the article's length). */
export function summarise(text: string, sentences: Sentence[], language: string, length?: number): Ranking {
  const n = sentences.length;
  if (n === 0) return { scores: [], selected: [] };
  const vectors = buildVectors(termsOfArticle(text, sentences, language), n);
  const graphSize = Math.min(n, MAX_GRAPH_SENTENCES);
  const centrality = textRank(vectors, graphSize);
  // What Math.max(...centrality, 1e-9) gives, NaN included.
  let maxC = 1e-9;
  for (let i = 0; i < graphSize; i++) {
    const c = centrality[i] as number;
    if (Number.isNaN(c)) {
      maxC = Number.NaN;
      break;
    }
    if (c > maxC) maxC = c;
  }
  const scores: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = i < graphSize ? (centrality[i] as number) / maxC : 0;
    const lead = 1 / (i + 1) ** LEAD_DECAY;
    scores[i] = CENTRALITY_WEIGHT * c + (1 - CENTRALITY_WEIGHT) * lead;
  }
  const want = Math.max(0, Math.min(n, length ?? defaultSummaryLength(n)));
  // Best first (ties by position), drawn from a heap: the summary needs only the first few.
  const order = new ScoreHeap(scores, n, scratch.int32(HEAP, n));
  const chosen: number[] = [];
  let dense: Float64Array | undefined;
  while (chosen.length < want && order.size > 0) {
    const i = order.pop();
    if (vectors.norms[i] === 0) continue;
    // All zero between two cosines (each puts back what it spread).
    dense ??= scratch.float64(DENSE, vectors.termCount).fill(0, 0, vectors.termCount);
    if (chosen.some((j) => cosine(vectors, i, j, dense as Float64Array) > REDUNDANCY_THRESHOLD)) continue;
    chosen.push(i);
  }
  // Fall back to article order when redundancy or empty vectors left the summary short.
  for (let i = 0; chosen.length < want && i < n; i++) if (!chosen.includes(i)) chosen.push(i);
  return { scores, selected: chosen.sort((a, b) => a - b) };
}

/** TF-IDF vectors: weight (1 + ln tf) * ln((n + 1) / (df + 0.5)), df over all `n` sentences. */
function buildVectors({ first, termOf, stems }: ArticleTerms, n: number): SentenceVectors {
  const termCount = stems.length;
  const start = scratch.int32(START, n + 1);
  start[0] = 0;
  const terms = scratch.int32(TERMS, termOf.length);
  const counts = scratch.int32(COUNTS, termOf.length);
  // Occurrences of each term in the current sentence (back to 0 after it).
  const count = scratch.int32(COUNT, termCount).fill(0, 0, termCount);
  const df = scratch.int32(DF, termCount).fill(0, 0, termCount);
  let m = 0;
  for (let s = 0; s < n; s++) {
    const from = m;
    const end = first[s + 1] as number;
    for (let p = first[s] as number; p < end; p++) {
      const id = termOf[p] as number;
      if (id < 0) continue;
      if (count[id] === 0) terms[m++] = id;
      count[id] = (count[id] as number) + 1;
    }
    for (let k = from; k < m; k++) {
      const id = terms[k] as number;
      counts[k] = count[id] as number;
      count[id] = 0;
      df[id] = (df[id] as number) + 1;
    }
    start[s + 1] = m;
  }
  const idf = scratch.float64(IDF, termCount);
  // Most terms share a few document frequencies: each value's logarithm is taken once.
  const idfOfDf = scratch.float64(IDF_OF_DF, n + 1).fill(-1, 0, n + 1);
  for (let id = 0; id < termCount; id++) {
    const d = df[id] as number;
    let v = idfOfDf[d] as number;
    if (v === -1) {
      v = Math.log((n + 1) / (d + 0.5));
      idfOfDf[d] = v;
    }
    idf[id] = v;
  }
  const weights = scratch.float64(WEIGHTS, m);
  const norms = scratch.float64(NORMS, n);
  for (let s = 0; s < n; s++) {
    let sq = 0;
    const end = start[s + 1] as number;
    for (let k = start[s] as number; k < end; k++) {
      const c = counts[k] as number;
      const w =
        (c < LOG_COUNT.length ? (LOG_COUNT[c] as number) : 1 + Math.log(c)) *
        (idf[terms[k] as number] as number);
      weights[k] = w;
      sq += w * w;
    }
    norms[s] = Math.sqrt(sq);
  }
  return { start, terms, weights, norms, termCount };
}

/**
 * Cosine similarity of sentences `a` and `b`: the shorter one's terms (`a` on a tie), in its order,
 * looked up in the other's weights spread over `dense` (all zero between calls).
 */
function cosine(v: SentenceVectors, a: number, b: number, dense: Float64Array): number {
  const na = v.norms[a] as number;
  const nb = v.norms[b] as number;
  if (na === 0 || nb === 0) return 0;
  const lenA = (v.start[a + 1] as number) - (v.start[a] as number);
  const lenB = (v.start[b + 1] as number) - (v.start[b] as number);
  const small = lenA <= lenB ? a : b;
  const large = small === a ? b : a;
  const largeEnd = v.start[large + 1] as number;
  for (let k = v.start[large] as number; k < largeEnd; k++)
    dense[v.terms[k] as number] = v.weights[k] as number;
  let dot = 0;
  const smallEnd = v.start[small + 1] as number;
  for (let k = v.start[small] as number; k < smallEnd; k++) {
    const o = dense[v.terms[k] as number] as number;
    if (o !== 0) dot += (v.weights[k] as number) * o;
  }
  for (let k = v.start[large] as number; k < largeEnd; k++) dense[v.terms[k] as number] = 0;
  return dot / (na * nb);
}

/**
 * Weighted PageRank over the cosine-similarity graph of the first `n` sentences; edges only between
 * sentences that share a term. Every floating-point sum runs in the order of the pairwise form: a
 * pair's dot product over the shorter sentence's terms (the earlier one's on a tie), a node's
 * out-weight over its earlier neighbours and then its later ones in the order its terms reach them,
 * and each round's sum into a node over its neighbours in sentence order.
 */
function textRank(v: SentenceVectors, n: number): Float64Array {
  if (n === 0) return new Float64Array(0);
  const sim = similarities(v, n);
  const outWeight = scratch.float64(OUT_WEIGHT, n);
  const edges = sumOutWeights(v, n, sim, outWeight);
  // A dense graph (long sentences share common terms) is cheaper to walk as the matrix itself; with
  // the WebAssembly round, from a much lower share of edges (both give the same ranks).
  const per = n >= WASM_MIN_GRAPH && denseKernel(n) !== undefined ? DENSE_PER_WASM : DENSE_PER;
  return edges * per >= n * n ? rankDense(sim, n, outWeight) : rankSparse(sim, n, outWeight, edges);
}

/**
 * The cosine matrix of the first `n` sentences (n * n, symmetric, +0 where two share no term). A
 * pair's dot product is summed by its smaller sentence (shorter, or earlier on a tie) over its own
 * terms in order. Each term's postings are kept in that same order (by length, then position), so a
 * sentence's partners for a term are exactly the postings after its own: each pair and shared term
 * is visited once, with no test, and the sum lands in the summing sentence's row.
 */
function similarities(v: SentenceVectors, n: number): Float64Array {
  const { start, terms, weights, norms, termCount } = v;
  const graphEnd = start[n] as number;
  // The sentences by length, then position (a counting sort: lengths are small).
  let maxLength = 0;
  for (let s = 0; s < n; s++) {
    const len = (start[s + 1] as number) - (start[s] as number);
    if (len > maxLength) maxLength = len;
  }
  const byLength = scratch.int32(BY_LENGTH, maxLength + 2).fill(0, 0, maxLength + 2);
  for (let s = 0; s < n; s++) {
    const len = (start[s + 1] as number) - (start[s] as number);
    byLength[len + 1] = (byLength[len + 1] as number) + 1;
  }
  for (let len = 0; len <= maxLength; len++)
    byLength[len + 1] = (byLength[len + 1] as number) + (byLength[len] as number);
  const order = scratch.int32(ORDER, n);
  for (let s = 0; s < n; s++) {
    const len = (start[s + 1] as number) - (start[s] as number);
    const at = byLength[len] as number;
    order[at] = s;
    byLength[len] = at + 1;
  }
  // Postings of the graph's sentences per term, in that order, with the term's weight there.
  const postStart = scratch.int32(POST_START, termCount + 1).fill(0, 0, termCount + 1);
  for (let k = 0; k < graphEnd; k++) {
    const id = terms[k] as number;
    postStart[id + 1] = (postStart[id + 1] as number) + 1;
  }
  for (let id = 0; id < termCount; id++)
    postStart[id + 1] = (postStart[id + 1] as number) + (postStart[id] as number);
  const fill = copyOf(FILL, postStart, termCount);
  const postSentence = scratch.int32(POST_SENTENCE, graphEnd);
  const postWeight = scratch.float64(POST_WEIGHT, graphEnd);
  for (let r = 0; r < n; r++) {
    const s = order[r] as number;
    const end = start[s + 1] as number;
    for (let k = start[s] as number; k < end; k++) {
      const id = terms[k] as number;
      const p = fill[id] as number;
      postSentence[p] = s;
      postWeight[p] = weights[k] as number;
      fill[id] = p + 1;
    }
  }
  // Where the current sentence sits in each term's postings (sentences are taken in that order).
  const cursor = copyOf(CURSOR, postStart, termCount);
  // First each dot product in its summing sentence's row, then the cosine in both cells.
  const sim = scratch.float64(SIM, n * n).fill(0, 0, n * n);
  for (let r = 0; r < n; r++) {
    const s = order[r] as number;
    const row = s * n;
    const end = start[s + 1] as number;
    for (let k = start[s] as number; k < end; k++) {
      const id = terms[k] as number;
      const ws = weights[k] as number;
      const at = cursor[id] as number;
      cursor[id] = at + 1;
      const pEnd = postStart[id + 1] as number;
      for (let p = at + 1; p < pEnd; p++) {
        const q = row + (postSentence[p] as number);
        sim[q] = (sim[q] as number) + ws * (postWeight[p] as number);
      }
    }
  }
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      // One of the two cells holds the sum, the other +0 (x + 0 is x).
      const dot = (sim[a * n + b] as number) + (sim[b * n + a] as number);
      if (dot === 0) continue;
      const c = dot / ((norms[a] as number) * (norms[b] as number));
      // No edge for a cosine that is not positive (NaN included).
      if (c > 0) {
        sim[a * n + b] = c;
        sim[b * n + a] = c;
      } else {
        sim[a * n + b] = 0;
        sim[b * n + a] = 0;
      }
    }
  }
  return sim;
}

/**
 * Each node's out-weight: over its earlier neighbours in order, then over its later ones in the order
 * its terms reach them (by its first term they share, then by position), found with a bit set of the
 * sentences holding each term. Returns the number of edges, counted both ways.
 */
function sumOutWeights(v: SentenceVectors, n: number, sim: Float64Array, outWeight: Float64Array): number {
  const { start, terms, termCount } = v;
  const words = (n + 31) >>> 5;
  const bits = scratch.int32(TERM_BITS, termCount * words).fill(0, 0, termCount * words);
  for (let s = 0; s < n; s++) {
    const end = start[s + 1] as number;
    const at = s >>> 5;
    const bit = 1 << (s & 31);
    for (let k = start[s] as number; k < end; k++) {
      const q = (terms[k] as number) * words + at;
      bits[q] = (bits[q] as number) | bit;
    }
  }
  const seen = scratch.int32(SEEN, words);
  let edges = 0;
  for (let j = 0; j < n; j++) {
    const row = j * n;
    let out = 0;
    // w(i, j) read as w(j, i): the matrix is symmetric, and row j lies in one piece.
    for (let i = 0; i < j; i++) {
      const w = sim[row + i] as number;
      if (w > 0) {
        out += w;
        edges += 2;
      }
    }
    // Only sentences after j count as reached: the bits up to j start as seen.
    const own = j >>> 5;
    for (let x = 0; x < words; x++) seen[x] = x < own ? -1 : 0;
    seen[own] = (seen[own] as number) | ((2 << (j & 31)) - 1);
    const end = start[j + 1] as number;
    for (let k = start[j] as number; k < end; k++) {
      const base = (terms[k] as number) * words;
      for (let x = own; x < words; x++) {
        let fresh = (bits[base + x] as number) & ~(seen[x] as number);
        if (fresh === 0) continue;
        seen[x] = (seen[x] as number) | fresh;
        do {
          const low = fresh & -fresh;
          const t = (x << 5) + 31 - Math.clz32(low);
          const w = sim[row + t] as number;
          if (w > 0) out += w;
          fresh ^= low;
        } while (fresh !== 0);
      }
    }
    outWeight[j] = out;
  }
  return edges;
}

/**
 * Each round gives node i (1 - d)/n plus, over its neighbours j in sentence order, d * rank(j) *
 * w(i, j) / out(j). The sums of different nodes are independent, so several run side by side.
 */
function shareRanks(rank: Float64Array, outWeight: Float64Array, share: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const out = outWeight[j] as number;
    // A node without edges gives nothing (and has no weight to divide by).
    share[j] = out === 0 ? 0 : (DAMPING * (rank[j] as number)) / out;
  }
}

/**
 * PageRank from equal ranks, ITERATIONS rounds: each round shares every node's damped rank over its
 * out-weight, then `round` writes each node's new rank into `next` (starting from `base`).
 */
function pageRank(
  n: number,
  outWeight: Float64Array,
  round: (share: Float64Array, next: Float64Array, base: number) => void,
): Float64Array {
  let rank = scratch.float64(RANK, n).fill(1 / n, 0, n);
  let next = scratch.float64(NEXT, n);
  const share = scratch.float64(SHARE, n);
  const base = (1 - DAMPING) / n;
  for (let iter = 0; iter < ITERATIONS; iter++) {
    shareRanks(rank, outWeight, share, n);
    round(share, next, base);
    const done = rank;
    rank = next;
    next = done;
  }
  return rank;
}

/**
 * Rounds over the full matrix: a missing edge adds share * 0 = +0 to a positive sum, which leaves it
 * unchanged, so the sums equal those over the edges alone. The matrix is exactly symmetric (each
 * cosine is written to both cells, every other cell is +0). A large graph's rows go through the
 * WebAssembly round (`encodeDenseRoundWasm`) when the runtime has it, eight at a time, the rest here.
 */
function rankDense(sim: Float64Array, n: number, outWeight: Float64Array): Float64Array {
  const kernel = n >= WASM_MIN_GRAPH ? denseKernel(n) : undefined;
  if (kernel === undefined) {
    return pageRank(n, outWeight, (share, next, base) => {
      roundDenseRows(sim, n, share, next, base, roundDenseBlocks(sim, n, share, next, base));
    });
  }
  const cells = n * n;
  const memory = new Float64Array(kernel.memory.buffer, 0, cells + 2 * n);
  memory.set(sim.subarray(0, cells));
  const blocks = n - (n % 8);
  return pageRank(n, outWeight, (share, next, base) => {
    for (let j = 0; j < n; j++) memory[cells + j] = share[j] as number;
    kernel.round(n, base);
    for (let i = 0; i < blocks; i++) next[i] = memory[cells + n + i] as number;
    roundDenseRows(sim, n, share, next, base, blocks);
  });
}

/** Rows 0 to the last multiple of eight of one dense round, eight at a time; returns where it stopped. */
function roundDenseBlocks(
  sim: Float64Array,
  n: number,
  share: Float64Array,
  next: Float64Array,
  base: number,
): number {
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    let s0 = base;
    let s1 = base;
    let s2 = base;
    let s3 = base;
    let s4 = base;
    let s5 = base;
    let s6 = base;
    let s7 = base;
    // w(i + k, j) read as w(j, i + k): the matrix is symmetric, and the eight weights lie side by side.
    for (let j = 0, q = i; j < n; j++, q += n) {
      const sj = share[j] as number;
      s0 += sj * (sim[q] as number);
      s1 += sj * (sim[q + 1] as number);
      s2 += sj * (sim[q + 2] as number);
      s3 += sj * (sim[q + 3] as number);
      s4 += sj * (sim[q + 4] as number);
      s5 += sj * (sim[q + 5] as number);
      s6 += sj * (sim[q + 6] as number);
      s7 += sj * (sim[q + 7] as number);
    }
    next[i] = s0;
    next[i + 1] = s1;
    next[i + 2] = s2;
    next[i + 3] = s3;
    next[i + 4] = s4;
    next[i + 5] = s5;
    next[i + 6] = s6;
    next[i + 7] = s7;
  }
  return i;
}

/** Rows `from` to n - 1 of one dense round, one at a time. */
function roundDenseRows(
  sim: Float64Array,
  n: number,
  share: Float64Array,
  next: Float64Array,
  base: number,
  from: number,
): void {
  for (let i = from; i < n; i++) {
    let sum = base;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += (share[j] as number) * (sim[row + j] as number);
    next[i] = sum;
  }
}

/**
 * The dense rounds are cheaper once one in this many of the n * n cells holds an edge: scalar, and
 * WebAssembly (a cell there costs about a ninth of an edge in the sparse rounds).
 */
const DENSE_PER = 3;
const DENSE_PER_WASM = 8;

/** Graphs from this many sentences use the WebAssembly round (below it, copying in and out costs more than it saves). */
const WASM_MIN_GRAPH = 32;

/**
 * The WebAssembly round and its memory. The round, `r(n, base)`: the matrix (n * n doubles) at
 * byte 0 of its memory `m`, the shares (n) after it, and it writes next (n) after those, for rows 0
 * to the last multiple of eight. For each block of eight rows it keeps four f64x2 sums starting at
 * `base`, and for j = 0 to n - 1 adds splat(share[j]) * the eight cells w(j, i..i + 7), two per lane
 * pair: the same products and sums in the same order as `roundDenseBlocks`, each lane rounded as a
 * scalar double operation is (WebAssembly never fuses a multiply and an add), so the ranks are
 * bitwise the same.
 * Its 269 bytes are written by hand, instruction by instruction with the WAT beside them, in
 * dense-round-wasm.ts (the unit tests check the ranks against the scalar rounds).
 */
interface DenseKernel {
  memory: WebAssembly.Memory;
  round: (n: number, base: number) => void;
}

/** Compiled at the first large dense graph; null when the runtime cannot run it (the scalar rounds then). */
let kernel: DenseKernel | null | undefined;

/** The WebAssembly round with memory for an `n`-sentence graph, or undefined without one. */
function denseKernel(n: number): DenseKernel | undefined {
  if (kernel === undefined) {
    try {
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(encodeDenseRoundWasm()));
      kernel = { memory: exports.m as WebAssembly.Memory, round: exports.r as DenseKernel['round'] };
    } catch {
      kernel = null;
    }
  }
  if (kernel === null) return undefined;
  // At most 250 sentences: about half a megabyte, kept for the next article.
  const bytes = (n * n + 2 * n) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (have < bytes) {
    try {
      kernel.memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      // No memory to grow into: this graph takes the scalar rounds.
      return undefined;
    }
  }
  return kernel;
}

/** Rounds over each node's edges in sentence order, two nodes at a time. */
function rankSparse(sim: Float64Array, n: number, outWeight: Float64Array, edges: number): Float64Array {
  const edgeStart = scratch.int32(EDGE_START, n + 1);
  edgeStart[0] = 0;
  const from = scratch.int32(FROM, edges);
  const edgeWeight = scratch.float64(EDGE_WEIGHT, edges);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const w = sim[row + j] as number;
      if (w > 0) {
        from[e] = j;
        edgeWeight[e] = w;
        e++;
      }
    }
    edgeStart[i + 1] = e;
  }
  return pageRank(n, outWeight, (share, next, base) => {
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      let s0 = base;
      let s1 = base;
      let k0 = edgeStart[i] as number;
      const e0 = edgeStart[i + 1] as number;
      let k1 = e0;
      const e1 = edgeStart[i + 2] as number;
      for (; k0 < e0 && k1 < e1; k0++, k1++) {
        s0 += (share[from[k0] as number] as number) * (edgeWeight[k0] as number);
        s1 += (share[from[k1] as number] as number) * (edgeWeight[k1] as number);
      }
      for (; k0 < e0; k0++) s0 += (share[from[k0] as number] as number) * (edgeWeight[k0] as number);
      for (; k1 < e1; k1++) s1 += (share[from[k1] as number] as number) * (edgeWeight[k1] as number);
      next[i] = s0;
      next[i + 1] = s1;
    }
    for (; i < n; i++) {
      let sum = base;
      const end = edgeStart[i + 1] as number;
      for (let k = edgeStart[i] as number; k < end; k++)
        sum += (share[from[k] as number] as number) * (edgeWeight[k] as number);
      next[i] = sum;
    }
  });
}

/** The first `size` values of `a` in the slot's scratch array. */
function copyOf(slot: number, a: Int32Array, size: number): Int32Array {
  const out = scratch.int32(slot, size);
  for (let i = 0; i < size; i++) out[i] = a[i] as number;
  return out;
}
