import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../lambdas/core/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['a short Arabic headline', 'عاجل: زلزال بقوة 6 درجات يضرب تركيا', undefined, 'ar', 'rtl'],
    [
      'an Arabic sentence',
      'قالت وزارة الصحة إن عدد الإصابات انخفض خلال الأسبوع الماضي.',
      undefined,
      'ar',
      'rtl',
    ],
    [
      'Persian',
      'این یک متن فارسی است که برای آزمایش نوشته شده است و باید فارسی تشخیص داده شود.',
      undefined,
      'fa',
      'rtl',
    ],
    ['Hebrew', 'שלום עולם זה טקסט בעברית', undefined, 'he', 'rtl'],
    [
      'German',
      'Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten begrenzen soll.',
      undefined,
      'de',
      'ltr',
    ],
    [
      'short English the page declares',
      'Some text about London here for readers today.',
      'en-GB',
      'en',
      'ltr',
    ],
    ['no letters, declared Arabic', '2024 — 15%', 'ar', 'ar', 'rtl'],
    ['nothing to go on', '12345', undefined, 'und', 'ltr'],
  ])('%s', (_name, text, declared, language, direction) => {
    expect(detectLanguage(text, declared)).toEqual({ language, direction });
  });

  it('reads an English article with Arabic names as English, left to right', () => {
    const text =
      'The talks in Doha, which officials called "الحوار الوطني", ended on Monday with a joint statement from both delegations.';
    expect(detectLanguage(text)).toEqual({ language: 'en', direction: 'ltr' });
  });
});
