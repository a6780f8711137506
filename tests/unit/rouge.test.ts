import { describe, expect, it } from 'vitest';
import { rouge } from '../../lambdas/cli/rouge.ts';

describe('rouge', () => {
  it('scores identical text 1 and disjoint text 0', () => {
    expect(rouge('the cat sat on the mat', ['the cat sat on the mat'])).toEqual({
      rouge1: 1,
      rouge2: 1,
      rougeL: 1,
    });
    expect(rouge('dogs bark loudly', ['the cat sat'])).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('computes F1 from clipped overlaps and the longest common subsequence', () => {
    const s = rouge('the cat was found under the bed', ['the cat was under the bed']);
    expect(s.rouge1).toBeCloseTo((2 * (6 / 7) * 1) / (6 / 7 + 1), 6);
    expect(s.rouge2).toBeCloseTo((2 * (4 / 6) * (4 / 5)) / (4 / 6 + 4 / 5), 6);
    expect(s.rougeL).toBeCloseTo(s.rouge1, 6);
  });

  it('folds Arabic spelling variants so normalised references match verbatim sentences', () => {
    expect(
      rouge('أعلنت الوزارة إطلاق المبادرة الجديدة', ['اعلنت الوزاره اطلاق المبادره الجديده'], 'ar').rouge1,
    ).toBe(1);
  });

  it('takes the best score over several references', () => {
    expect(rouge('a b c', ['x y z', 'a b c']).rouge1).toBe(1);
  });
});
