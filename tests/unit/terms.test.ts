import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences, type Token } from '../../lambdas/core/segment.ts';
import { FormShape, normIdOf, shapeOfForm, termsOfArticle } from '../../lambdas/core/terms.ts';

const termsOf = (text: string, lang: string) => {
  const sentences = splitSentences(text, splitParagraphs(text), lang);
  return { sentences, terms: termsOfArticle(text, sentences, lang) };
};

describe('termsOfArticle', () => {
  it.each([
    // الطائرات and طائرة (normalised: الطايرات, طايره) are one term.
    ['ar', 'أطلقت الطائرات صواريخ. وعادت طائرة إلى القاعدة.', 'طاير'],
    ['en', 'The drones flew north. Drones returned to the base.', 'drones'],
  ])('%s: numbers a stem once, in order of first use, and skips stop words', (lang, text, stem) => {
    const { terms } = termsOf(text, lang);
    const all = terms.tokens.flat();
    const ids = all.map((_, p) => terms.termOf[p] as number);
    // Ids count from 0 in the order terms first occur.
    const firsts = ids.filter((id, p) => id >= 0 && ids.indexOf(id) === p);
    expect(firsts).toEqual(firsts.map((_, i) => i));
    // Stop words carry no term.
    for (const [p, t] of all.entries()) if (['the', 'to', 'الي'].includes(t.norm)) expect(ids[p]).toBe(-1);
    // The two spellings of one stem share its one id.
    const id = terms.stems.indexOf(stem);
    expect(terms.stems.lastIndexOf(stem)).toBe(id);
    expect(ids.filter((x) => x === id)).toHaveLength(2);
  });

  it('numbers each normalised form and finds it again by its text', () => {
    const { terms } = termsOf('Drones flew. DRONES landed; the drones rested.', 'en');
    const all: Token[] = terms.tokens.flat();
    all.forEach((t, p) => {
      expect(terms.norms[terms.normOf[p] as number]).toBe(t.norm);
      expect(normIdOf(terms, t.norm)).toBe(terms.normOf[p]);
    });
    expect(new Set(terms.norms).size).toBe(terms.norms.length);
    expect(normIdOf(terms, 'tanks')).toBe(-1);
  });

  it('still finds an article’s forms after other articles were numbered, in either language', () => {
    const first = termsOf('Drones flew over the capital at dawn.', 'en').terms;
    termsOf('وصلت الطائرات إلى العاصمة فجرا.', 'ar');
    termsOf('At noon, tanks rolled into the capital.', 'en');
    expect(normIdOf(first, 'drones')).toBe(first.norms.indexOf('drones'));
    expect(normIdOf(first, 'capital')).toBe(first.norms.indexOf('capital'));
    expect(normIdOf(first, 'tanks')).toBe(-1);
  });

  it('gives later articles their own numbers from 0', () => {
    termsOf('Drones flew over the capital.', 'en');
    const { terms } = termsOf('Capital markets rallied as drones sold out.', 'en');
    expect(terms.stems[0]).toBe('capital');
    expect(terms.norms[0]).toBe('capital');
  });
});

describe('shapeOfForm', () => {
  it.each([
    ['drones', FormShape.ONE_WORD],
    ['الطائرات', FormShape.ONE_WORD],
    ['2024', FormShape.ONE_WORD],
    ['us', FormShape.NO_WORD],
    ['u.s', FormShape.WORD_RUNS],
    ['3,000', FormShape.WORD_RUNS],
    ['don’t', FormShape.WORD_RUNS],
    ['οδος', FormShape.CASE_CONTEXT],
  ])('%s', (form, shape) => {
    expect(shapeOfForm(form)).toBe(shape);
  });
});
