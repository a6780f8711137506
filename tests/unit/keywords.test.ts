import { describe, expect, it } from 'vitest';
import { extractKeywords } from '../../lambdas/core/keywords.ts';
import { splitParagraphs, splitSentences } from '../../lambdas/core/segment.ts';
import { summarise } from '../../lambdas/core/summarise.ts';

const keywordsOf = (text: string, lang: string, limit?: number) =>
  extractKeywords(text, splitSentences(text, splitParagraphs(text), lang), lang, limit).map((k) => k.term);

describe('extractKeywords', () => {
  it.each([
    [
      'ar',
      'أطلقت الطائرات صواريخ. عادت الطائرات إلى القاعدة. وقالت الوزارة إن الطائرات بخير. ورصدت والطائرات الأخرى الهدف.',
      'الطائرات',
    ],
    ['en', 'The drones flew north. Drones returned. Officials counted drones again.', 'drones'],
  ])('%s: writes a term the way the article writes it most often', (lang, text, expected) => {
    expect(keywordsOf(text, lang)[0]).toBe(expected);
  });

  it.each([
    [
      'ar',
      'نشرت قطر منظومة دفاع جوي. وقالت قطر إن منظومة دفاع جوي وصلت. وتعمل منظومة دفاع جوي ليلا. وتكلف منظومة دفاع جوي كثيرا.',
      'منظومة دفاع جوي',
      'دفاع جوي',
    ],
    [
      'en',
      'Qatar bought an air defence missile. The air defence missile arrived. Engineers tested the air defence missile. Officials praised the air defence missile.',
      'air defence missile',
      'air defence',
    ],
  ])(
    '%s: lists a recurring phrase once, without the shorter phrase inside it',
    (lang, text, phrase, inner) => {
      const terms = keywordsOf(text, lang);
      expect(terms).toContain(phrase);
      expect(terms).not.toContain(inner);
    },
  );

  it.each([
    ['ar', 'وصلت الطائرات، الصواريخ إلى القاعدة. ثم الطائرات، الصواريخ عادت. وبقيت الطائرات، الصواريخ هناك.'],
    [
      'en',
      'We saw drones, missiles and tanks. Then drones, missiles left. Later drones, missiles came back.',
    ],
  ])('%s: never joins words across punctuation into a phrase', (lang, text) => {
    const terms = keywordsOf(text, lang);
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(t).not.toMatch(/[,،]/);
    expect(terms.filter((t) => t.includes(' '))).toEqual([]);
  });

  it.each([
    ['en', 'Zebra apple mango kiwi.', ['apple', 'kiwi', 'mango', 'Zebra']],
    ['ar', 'زيتون برتقال تفاح موز.', ['برتقال', 'تفاح', 'زيتون', 'موز']],
  ])('%s: words that score alike come in alphabetical order', (lang, text, expected) => {
    const terms = keywordsOf(text, lang);
    // The first word of a sentence counts no capital; all four occur once in the same sentence.
    expect(terms).toEqual(expected);
  });

  it.each([
    ['ar', 'وقعت قطر عقدا مع شركة أمريكية لشراء منظومات دفاع جوي بقيمة مليون دولار في الدوحة.', 3],
    [
      'en',
      'Qatar signed a contract with a Texas company for air defence systems worth a million dollars.',
      4,
    ],
  ])('%s: gives at most the number asked for, the best scored 1', (lang, text, limit) => {
    const sentences = splitSentences(text, splitParagraphs(text), lang);
    const keywords = extractKeywords(text, sentences, lang, limit);
    expect(keywords).toHaveLength(limit);
    expect(keywords[0]?.score).toBe(1);
    for (const k of keywords) expect(k.score).toBeLessThanOrEqual(1);
  });

  it.each([
    [
      'ar',
      'نشرت قطر منظومة دفاع جوي. وقالت قطر إن منظومة دفاع جوي وصلت. وتعمل الطائرات ليلا. والطائرات حديثة.',
    ],
    [
      'en',
      'Qatar bought an air defence missile. The air defence missile arrived. Drones flew. The drones left.',
    ],
  ])('%s: the same after the summary read the same sentences', (lang, text) => {
    const sentences = splitSentences(text, splitParagraphs(text), lang);
    const alone = extractKeywords(text, [...sentences], lang);
    summarise(text, sentences, lang);
    expect(extractKeywords(text, sentences, lang)).toEqual(alone);
  });

  it.each([
    [
      'ar',
      'طلبت قطر منظومة دفاع جوي متطورة. وصلت منظومة دفاع جوي متطورة أمس. تعمل منظومة دفاع جوي متطورة ليلا. دفاع جوي مهم.',
      'منظومة دفاع جوي متطورة',
      'دفاع جوي',
      ['منظومة دفاع جوي', 'دفاع جوي متطورة'],
    ],
    [
      'en',
      'Qatar ordered a ground based air defence system. The ground based air defence system arrives in May. Crews train on the ground based air defence system. Air defence matters.',
      'ground based air defence',
      'air defence',
      ['ground based air', 'based air defence', 'ground based'],
    ],
  ])(
    '%s: a recurring four-word phrase, not its three-word parts, and a shorter phrase that also recurs alone',
    (lang, text, long, short, fragments) => {
      const keywords = keywordsOf(text, lang);
      expect(keywords).toContain(long);
      expect(keywords).toContain(short);
      for (const f of fragments) expect(keywords).not.toContain(f);
    },
  );

  it('finds nothing in an article of stop words', () => {
    expect(keywordsOf('The and of in a.', 'en')).toEqual([]);
  });
});
