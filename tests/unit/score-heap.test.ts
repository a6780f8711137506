import { describe, expect, it } from 'vitest';
import { ScoreHeap } from '../../lambdas/core/score-heap.ts';

const drain = (scores: ArrayLike<number>) => {
  const heap = new ScoreHeap(scores);
  const out: number[] = [];
  while (heap.size > 0) {
    expect(heap.peek()).toBe(heap.peek());
    out.push(heap.pop());
  }
  return out;
};

describe('ScoreHeap', () => {
  it('gives indexes by descending score, equal scores in index order, as a stable sort does', () => {
    const scores = [0.5, 0.9, 0.5, 0.1, 0.9, 0.3, 0.5];
    const sorted = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
    expect(drain(scores)).toEqual(sorted);
    expect(drain(Float64Array.from(scores))).toEqual(sorted);
  });

  it('orders many random scores with ties like a stable sort, and handles none', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const scores = Array.from({ length: 500 }, () => Math.round(random() * 40) / 40);
    const sorted = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
    expect(drain(scores)).toEqual(sorted);
    expect(drain([])).toEqual([]);
  });
});
