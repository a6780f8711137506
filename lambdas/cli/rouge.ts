/**
 * ROUGE-1/2/L F1 with Arabic-aware tokenisation: words from `Intl.Segmenter`, folded with the same
 * normalisation as matching (diacritics, alef/yeh/teh-marbuta forms, digits, case), so the
 * orthographically normalised EASC references compare fairly with verbatim article sentences.
 */
import { tokenize } from '../core/segment.ts';

/** F1 scores in 0..1. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Normalised word tokens of a text. */
export function rougeTokens(text: string, language = 'und'): string[] {
  return tokenize(text, language).map((t) => t.norm);
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
}

function rougeN(candidate: string[], reference: string[], n: number): number {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Longest common subsequence length, O(n*m) time and O(m) memory. */
function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** ROUGE F1 of a candidate against several references: the best score per measure, as rouge-score does. */
export function rouge(candidate: string, references: string[], language = 'und'): RougeScores {
  const c = rougeTokens(candidate, language);
  const best: RougeScores = { rouge1: 0, rouge2: 0, rougeL: 0 };
  for (const ref of references) {
    const r = rougeTokens(ref, language);
    best.rouge1 = Math.max(best.rouge1, rougeN(c, r, 1));
    best.rouge2 = Math.max(best.rouge2, rougeN(c, r, 2));
    best.rougeL = Math.max(best.rougeL, f1(lcs(c, r), c.length, r.length));
  }
  return best;
}
