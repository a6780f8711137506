import { describe, expect, it } from 'vitest';
import {
  isRegExpSpace,
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
    // The longest title, and one-letter abbreviations at the very start and glued to a word.
    [
      'en',
      'The letter was sent by the lawyers of Messrs. Brown and Green. It arrived.',
      ['The letter was sent by the lawyers of Messrs. Brown and Green.', 'It arrived.'],
    ],
    ['en', 'Dr. Jones spoke. It rained.', ['Dr. Jones spoke.', 'It rained.']],
    [
      'en',
      'The plan was approved by the GMr. Then it rained.',
      ['The plan was approved by the GMr.', 'Then it rained.'],
    ],
    [
      'ar',
      'وقال المهندس م. علي إن العمل انتهى. ثم غادر.',
      ['وقال المهندس م. علي إن العمل انتهى.', 'ثم غادر.'],
    ],
    // A soft abbreviation joins a following digit, read from its last word (after a space, a
    // parenthesis or the start), whatever came before in the sentence.
    ['ar', 'باعت شركة Apple Inc. 3 ملايين جهاز.', ['باعت شركة Apple Inc. 3 ملايين جهاز.']],
    ['ar', 'باعت (Apple Inc. 3 ملايين جهاز).', ['باعت (Apple Inc. 3 ملايين جهاز).']],
    ['ar', 'Inc. 3 ملايين جهاز.', ['Inc. 3 ملايين جهاز.']],
    ['ar', 'باعت شركة AppleInc. 3 ملايين جهاز.', ['باعت شركة AppleInc.', '3 ملايين جهاز.']],
    [
      'ar',
      'باعت شركة Apple Incorporated. 3 ملايين جهاز.',
      ['باعت شركة Apple Incorporated.', '3 ملايين جهاز.'],
    ],
    // A quotation opened after an earlier join still holds the sentence together.
    [
      'en',
      'Mr. Brown said "We won. It is over." Then he left.',
      ['Mr. Brown said "We won. It is over."', 'Then he left.'],
    ],
    ['ar', 'قال د. علي «فزنا. انتهى الأمر.» ثم غادر.', ['قال د. علي «فزنا. انتهى الأمر.»', 'ثم غادر.']],
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

  it.each([
    [
      'a paragraph of many sentences',
      Array.from({ length: 300 }, (_, i) => `Sentence ${i} ends here.`).join(' '),
    ],
    [
      'an Arabic paragraph of many sentences',
      Array.from({ length: 200 }, (_, i) => `وقال المتحدث ${i} إن العمل انتهى؟ نعم.`).join(' '),
    ],
    ['a sentence longer than the longest window', `${'word '.repeat(30000)}end. Next one.`],
    [
      'digits and spaces past a window before a lower-case word',
      `It ended. ${'1 '.repeat(700)}then more. Done.`,
    ],
  ])('splits %s as the segmenter does, window by window', (_, text) => {
    // Greek keeps Intl.Segmenter (its rules differ only at semicolons, absent here); English is scanned.
    const scanned = splitSentences(text, splitParagraphs(text), 'en');
    const segmented = splitSentences(text, splitParagraphs(text), 'el');
    expect(scanned.length).toBeGreaterThan(1);
    expect(scanned).toEqual(segmented);
  });

  it('splits paragraphs given out of text order as it splits them in order', () => {
    // Quotation marks and ellipses are looked up ahead of the text position: a paragraph before the
    // last one looked at must still see its own.
    const text =
      'قال «سنعود. قريبا.» ثم غادر… وبقي الوفد.\n\nShe said "We won. It is over." Then… Then she left.\n\nNo quotes here. None.';
    const paragraphs = splitParagraphs(text);
    const inOrder = paragraphs.map((p) => splitSentences(text, [p], 'und').map((s) => s.text));
    const reversed = [...paragraphs]
      .reverse()
      .map((p) => splitSentences(text, [p], 'und').map((s) => s.text));
    expect(reversed.reverse()).toEqual(inOrder);
    expect(splitSentences(text, [...paragraphs].reverse(), 'und').map((s) => s.text)).toEqual(
      [...inOrder].reverse().flat(),
    );
    expect(inOrder).toEqual([
      ['قال «سنعود. قريبا.»', 'ثم غادر…', 'وبقي الوفد.'],
      ['She said "We won. It is over."', 'Then…', 'Then she left.'],
      ['No quotes here.', 'None.'],
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

  it('folds every character exactly as the documented character class and lower-casing do', () => {
    // The written rule: drop diacritics, tatweel and invisibles; fold alef, yeh, teh marbuta and waw
    // forms; Arabic-Indic and Persian digits to ASCII; then lower case.
    const folds =
      /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0622\u0623\u0625\u0671\u0649\u0629\u0624\u0626\u0660-\u0669\u06F0-\u06F9]/g;
    const fold = (c: string) => {
      const code = c.charCodeAt(0);
      if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
      if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
      return (
        ({ أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا', ى: 'ي', ئ: 'ي', ة: 'ه', ؤ: 'و' } as Record<string, string>)[c] ??
        ''
      );
    };
    const reference = (text: string) => text.replace(folds, fold).toLowerCase();
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      for (const probe of [c, `ب${c}ة`, `A${c}`]) {
        if (normalizeForMatch(probe) !== reference(probe)) wrong.push(`U+${cp.toString(16)}`);
      }
    }
    for (const probe of ['ΣΑΣ', 'İstanbul', '𐐀𐐨', 'CS Group والـ«شركة»', 'عَلَى الْأَرْضِ ١٢٣']) {
      if (normalizeForMatch(probe) !== reference(probe)) wrong.push(probe);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
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

describe('isRegExpSpace', () => {
  it('answers as /\\s/ does for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (isRegExpSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});
