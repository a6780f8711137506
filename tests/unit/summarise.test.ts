import { describe, expect, it } from 'vitest';
import { encodeDenseRoundWasm } from '../../lambdas/core/dense-round-wasm.ts';
import {
  lightStem,
  type Sentence,
  splitParagraphs,
  splitSentences,
  tokenize,
} from '../../lambdas/core/segment.ts';
import { isStopToken, stopWordsFor } from '../../lambdas/core/stopwords.ts';
import { summarise } from '../../lambdas/core/summarise.ts';

const sentencesOf = (text: string, lang: string) => splitSentences(text, splitParagraphs(text), lang);

/** A deterministic article: `count` sentences of 6-17 words drawn from `words`. */
function generate(words: readonly string[], count: number, seed: number): string {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const out: string[] = [];
  for (let s = 0; s < count; s++) {
    const length = 6 + Math.floor(next() * 12);
    const sentence = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
    // Capitalised, so that English sentence splitting sees a new sentence.
    out.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
  }
  return out.join(' ');
}

const AR_WORDS = [
  'الطائرات',
  'والطائرات',
  'طائرة',
  'الدوحة',
  'وقعت',
  'شركة',
  'للشركة',
  'عقدا',
  'العقد',
  'بقيمة',
  'مليون',
  'دولار',
  'الدفاع',
  'الجوي',
  'منظومة',
  'المنظومات',
  'قطر',
  'تكساس',
  'الأمريكية',
  'في',
  'من',
  'على',
];
const EN_WORDS = [
  'the',
  'drone',
  'drones',
  'contract',
  'Doha',
  'signed',
  'company',
  'defence',
  'system',
  'systems',
  'air',
  'missile',
  'Texas',
  'a',
  'of',
  'with',
  'million',
  'dollars',
  'deal',
  'said',
  'official',
];
/** Many distinct words: sentences share few terms, so the similarity graph is sparse. */
const EN_SPARSE = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}x`);
/** Sentences rarely share a term: under one pair in eight is an edge, the sparse rounds even beside the WebAssembly ones. */
const EN_VERY_SPARSE = Array.from({ length: 4000 }, (_, i) => `word${i.toString(36)}x`);

/**
 * The textbook form of the ranking: tf-idf vectors in Maps, the cosine of every pair of sentences
 * over the shorter one's terms, and PageRank pushing each node's share along its edges in the order
 * they were found. The optimised ranking must give these scores to the last bit.
 */
function referenceScores(text: string, sentences: Sentence[], language: string): number[] {
  const stops = stopWordsFor(language);
  const ids = new Map<string, number>();
  const df: number[] = [];
  const tfs = sentences.map((s) => {
    const tf = new Map<number, number>();
    for (const t of tokenize(text, language, s.start, s.end)) {
      if (isStopToken(t.norm, stops)) continue;
      const term = lightStem(t.norm);
      let id = ids.get(term);
      if (id === undefined) {
        id = df.length;
        ids.set(term, id);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id] = (df[id] as number) + 1;
    return tf;
  });
  const n = sentences.length;
  const vectors = tfs.map((tf) => {
    const weights = new Map<number, number>();
    let sq = 0;
    for (const [id, count] of tf) {
      const w = (1 + Math.log(count)) * Math.log((n + 1) / ((df[id] as number) + 0.5));
      weights.set(id, w);
      sq += w * w;
    }
    return { weights, norm: Math.sqrt(sq) };
  });
  const cosine = (a: (typeof vectors)[number], b: (typeof vectors)[number]) => {
    if (a.norm === 0 || b.norm === 0) return 0;
    const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [id, w] of small.weights) {
      const o = large.weights.get(id) ?? 0;
      if (o !== 0) dot += w * o;
    }
    return dot / (a.norm * b.norm);
  };
  const g = Math.min(n, 250);
  const edges: Array<Array<[number, number]>> = Array.from({ length: g }, () => []);
  for (let i = 0; i < g; i++) {
    const vi = vectors[i] as (typeof vectors)[number];
    const seen = new Set<number>();
    // Later sentences in the order the terms of sentence i reach them.
    for (const id of vi.weights.keys()) {
      for (let j = i + 1; j < g; j++) {
        if (seen.has(j) || !(vectors[j] as (typeof vectors)[number]).weights.has(id)) continue;
        seen.add(j);
        const sim = cosine(vi, vectors[j] as (typeof vectors)[number]);
        if (sim > 0) {
          edges[i]?.push([j, sim]);
          edges[j]?.push([i, sim]);
        }
      }
    }
  }
  let rank = new Array<number>(g).fill(1 / g);
  for (let iter = 0; iter < 30; iter++) {
    const next = new Array<number>(g).fill((1 - 0.85) / g);
    for (let j = 0; j < g; j++) {
      const out = (edges[j] ?? []).reduce((sum, [, w]) => sum + w, 0);
      if (out === 0) continue;
      const share = (0.85 * (rank[j] as number)) / out;
      for (const [i, w] of edges[j] ?? []) next[i] = (next[i] as number) + share * w;
    }
    rank = next;
  }
  const maxC = Math.max(...rank, 1e-9);
  return sentences.map((_, i) => {
    const c = i < g ? (rank[i] as number) / maxC : 0;
    const lead = 1 / (i + 1) ** 0.75;
    return 0.15 * c + (1 - 0.15) * lead;
  });
}

describe('summarise', () => {
  it.each([
    ['ar', 'a small dense graph', AR_WORDS, 21],
    ['ar', 'a dense graph', AR_WORDS, 40],
    ['ar', 'more sentences than the graph holds', AR_WORDS, 300],
    ['en', 'a dense graph', EN_WORDS, 40],
    ['en', 'a sparse graph', EN_SPARSE, 120],
    ['en', 'a very sparse graph', EN_VERY_SPARSE, 120],
    ['en', 'a small sparse graph', EN_SPARSE, 20],
    ['en', 'one sentence', EN_WORDS, 1],
    ['en', 'a sparse graph larger than the graph holds', EN_SPARSE, 280],
  ])('%s, %s: scores equal the pairwise TextRank to the last bit', (lang, _case, words, count) => {
    const text = generate(words, count, count * 7919 + words.length);
    const sentences = sentencesOf(text, lang);
    expect(sentences.length).toBe(count);
    const { scores } = summarise(text, sentences, lang);
    expect(scores.map(String)).toEqual(referenceScores(text, sentences, lang).map(String));
  });

  it.each([
    ['ar', AR_WORDS, 12, 9],
    ['en', EN_WORDS, 15, 20],
  ])(
    '%s: repeated sentences (equal vectors, equal lengths) still score as the pairwise TextRank',
    (lang, words, distinct, copies) => {
      // Long generated articles repeat their paragraphs: many pairs tie on length and share every term.
      const base = generate(words, distinct, distinct * 31 + copies).split('. ');
      const parts: string[] = [];
      for (let c = 0; c < copies; c++)
        for (let k = 0; k < base.length; k++)
          parts.push((base[(k * (c + 2)) % base.length] as string).replace(/\.$/, ''));
      const text = `${parts.join('. ')}.`;
      const sentences = sentencesOf(text, lang);
      expect(sentences.length).toBe(distinct * copies);
      const { scores } = summarise(text, sentences, lang);
      expect(scores.map(String)).toEqual(referenceScores(text, sentences, lang).map(String));
    },
  );

  it.each([
    ['ar', 3, AR_WORDS],
    ['ar', 7, AR_WORDS],
    ['en', 1, EN_WORDS],
    ['en', 5, EN_SPARSE],
  ])('%s: picks the %i sentences asked for, in article order', (lang, length, words) => {
    const text = generate(words, 30, 42);
    const sentences = sentencesOf(text, lang);
    const { selected } = summarise(text, sentences, lang, length);
    expect(selected).toHaveLength(length);
    expect([...selected].sort((a, b) => a - b)).toEqual(selected);
  });

  it.each([
    [
      'ar',
      'وقعت قطر عقدا مع شركة أمريكية لشراء منظومات دفاع جوي. وقعت قطر عقدا مع شركة أمريكية لشراء منظومات دفاع جوي متطورة. وتبلغ قيمة الصفقة مئة مليون دولار. ويبدأ التسليم العام المقبل.',
    ],
    [
      'en',
      'Qatar signed a contract with a Texas company for air defence systems. Qatar signed a contract with a Texas company for new air defence systems. The deal is worth one hundred million dollars. Deliveries start next year.',
    ],
  ])('%s: does not pick two sentences that say the same thing', (lang, text) => {
    const sentences = sentencesOf(text, lang);
    expect(sentences).toHaveLength(4);
    const { selected } = summarise(text, sentences, lang, 2);
    expect(selected).toEqual([0, 2]);
  });

  it('ranks nothing when there are no sentences', () => {
    expect(summarise('', [], 'en')).toEqual({ scores: [], selected: [] });
  });
});

/**
 * The dense-round module's bytes as they were hand-assembled and checked against the scalar rounds,
 * before the listing in dense-round-wasm.ts replaced the hex: kept here only as the reference that
 * the readable listing encodes the very same module (a wrong opcode, local or offset there can still
 * validate, and need not change the ranks on the graphs above).
 */
const DENSE_ROUND_HEX =
  '0061736d0100000001060160027f7c00030201000503010001070902016d0200017200000ae60101e30102067f057b20' +
  '004103742106200620006c21074100210202400340200241086a20004a0d012001fd1422082209220a210b2002410374' +
  '2104200721052000210303402005fd0a0300210c2008200c2004fd000300fdf201fdf00121082009200c2004fd000310' +
  'fdf201fdf0012109200a200c2004fd000320fdf201fdf001210a200b200c2004fd000330fdf201fdf001210b20042006' +
  '6a2104200541086a2105200341016b22030d000b200720066a20024103746a210420042008fd0b030020042009fd0b03' +
  '102004200afd0b03202004200bfd0b0330200241086a21020c000b0b0b';

describe('the dense PageRank round in WebAssembly', () => {
  it('encodes exactly the reviewed 269-byte module', () => {
    const bytes = encodeDenseRoundWasm();
    expect(bytes.length).toBe(269);
    expect(Buffer.from(bytes).toString('hex')).toBe(DENSE_ROUND_HEX);
  });

  it('is a module the runtime accepts, exporting its memory and the round', () => {
    const bytes = encodeDenseRoundWasm();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes));
    expect(exports).toEqual([
      { name: 'm', kind: 'memory' },
      { name: 'r', kind: 'function' },
    ]);
  });
});
