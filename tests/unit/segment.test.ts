import { describe, expect, it } from 'vitest';
import {
  normalizeForMatch,
  splitParagraphs,
  splitSentences,
  stripClitics,
  tokenize,
} from '../../lambdas/core/segment.ts';

const sentencesOf = (text: string, lang: string) =>
  splitSentences(text, splitParagraphs(text), lang).map((s) => s.text);

describe('splitSentences', () => {
  it.each([
    [
      'en',
      'Mr. Smith met Dr. Jones in the U.S. capital. They talked.',
      ['Mr. Smith met Dr. Jones in the U.S. capital.', 'They talked.'],
    ],
    ['en', 'Apple Inc. said profits rose. Shares fell.', ['Apple Inc. said profits rose.', 'Shares fell.']],
    ['en', 'He waited… Then the bus came.', ['He waited…', 'Then the bus came.']],
    [
      'en',
      'She said "We won. It is over." Then she left.',
      ['She said "We won. It is over."', 'Then she left.'],
    ],
    [
      'ar',
      'قال د. أحمد إن الاتفاق تم. وأضاف أن التنفيذ يبدأ غدا.',
      ['قال د. أحمد إن الاتفاق تم.', 'وأضاف أن التنفيذ يبدأ غدا.'],
    ],
    [
      'ar',
      'وقعت شركة 911 Security Cameras العقد. وذكر "الموقع" ذلك.',
      ['وقعت شركة 911 Security Cameras العقد.', 'وذكر "الموقع" ذلك.'],
    ],
    ['ar', 'انتظرنا طويلا… ثم وصل الوفد.', ['انتظرنا طويلا…', 'ثم وصل الوفد.']],
  ])('%s: %s', (lang, text, expected) => {
    expect(sentencesOf(text, lang)).toEqual(expected);
  });

  it('joins soft-wrapped lines but keeps paragraphs apart', () => {
    const text =
      'The council met on Monday to discuss the long delayed plan for the\nnew bridge over the river. It passed.\n\nSecond paragraph here.';
    expect(sentencesOf(text, 'en')).toEqual([
      'The council met on Monday to discuss the long delayed plan for the\nnew bridge over the river.',
      'It passed.',
      'Second paragraph here.',
    ]);
  });

  it('quotes every sentence verbatim from the text by its offsets', () => {
    const text = 'First line here.\n\nSecond one! Third?';
    for (const s of splitSentences(text, splitParagraphs(text), 'en'))
      expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('normalisation for matching', () => {
  it.each([
    ['أَحْمَد', 'احمد'],
    ['إسرائيل', 'اسراييل'],
    ['مستشفى', 'مستشفي'],
    ['الدوحة', 'الدوحه'],
    ['جـــديد', 'جديد'],
    ['٢٠٢٢', '2022'],
    ['Reuters', 'reuters'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });

  it.each([
    ['الدوحه', 'دوحه'],
    ['بالدوحه', 'دوحه'],
    ['والدوحه', 'دوحه'],
    ['وشركه', 'شركه'],
    ['للطائرات', 'طائرات'],
    ['قطر', 'قطر'],
    ['Group', 'Group'],
  ])('strips clitics: %s -> %s', (input, expected) => {
    expect(stripClitics(input)).toBe(expected);
  });

  it('tokenises Arabic and Latin words with offsets', () => {
    const text = 'وقعت شركة CS Group العقد';
    expect(tokenize(text, 'ar').map((t) => text.slice(t.start, t.end))).toEqual([
      'وقعت',
      'شركة',
      'CS',
      'Group',
      'العقد',
    ]);
  });
});
