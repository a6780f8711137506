import { describe, expect, it } from 'vitest';
import {
  buildArticle,
  buildPool,
  classifyParagraph,
  createRng,
  freshCopy,
  shuffle,
  splitIntoParagraphs,
} from '../../bench/corpus.ts';

const arabic = [
  'كشف موقع "إنتلجنس أونلاين" عن عقد جديد بين الدوحة وشركة أمريكية لحماية الأجواء.',
  'وقال المتحدث إن العقد وقع في نوفمبر الماضي مع شركة 911 Security Cameras.',
  'ويأمل التحالفان الفرنسيان في الاستفادة من العلاقات الأمنية بين فرنسا وقطر.',
];
const english = [
  'The Portsmouth Harbour Authority on Tuesday approved a £45 million ferry terminal.',
  'Mr. Daniel Okafor said the vote was "a turning point for the city."',
  'Construction will begin in March and the terminal opens in 2027.',
];
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('buildArticle', () => {
  it.each([
    ['Arabic', arabic, 1024],
    ['Arabic', arabic, 10 * 1024],
    ['English', english, 1024],
    ['English', english, 100 * 1024],
  ])(
    '%s, %i bytes: close to the target, never over it, only whole fixture paragraphs and one cut at a space',
    (_, paragraphs, target) => {
      const article = buildArticle(paragraphs, target, 7);
      const bytes = utf8Bytes(article);
      expect(bytes).toBeLessThanOrEqual(target);
      expect(bytes).toBeGreaterThan(target - Math.max(...paragraphs.map(utf8Bytes)) - 2);
      const parts = article.split('\n\n');
      for (const part of parts.slice(0, -1)) expect(paragraphs).toContain(part);
      const last = parts.at(-1) ?? '';
      expect(paragraphs.some((p) => p === last || p.startsWith(`${last} `))).toBe(true);
    },
  );

  it.each([
    ['Arabic', arabic],
    ['English', english],
  ])('%s: the same seed gives the same article, another seed another order', (_, paragraphs) => {
    expect(buildArticle(paragraphs, 4096, 1)).toBe(buildArticle(paragraphs, 4096, 1));
    expect(buildArticle(paragraphs, 4096, 1)).not.toBe(buildArticle(paragraphs, 4096, 2));
  });

  it('keeps a paragraph whole when the target is smaller than any paragraph', () => {
    expect(buildArticle(['short words here'], 5, 1)).toBe('short');
    expect(buildArticle(['unbreakable'], 5, 1)).toBe('unbreakable');
  });

  it('refuses an empty pool', () => {
    expect(() => buildArticle([], 1024, 1)).toThrow(/at least one paragraph/);
  });
});

describe('shuffle', () => {
  it('is a permutation and leaves its input alone', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffle(items, createRng(3));
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items);
    expect(items[0]).toBe(0);
  });
});

describe('buildPool', () => {
  it.each([
    [arabic[0] as string, 'ar'],
    ['ونقل الموقع عن مصادر أن شركة 911 Security Cameras وقعت العقد مع قطر.', 'ar'],
    [english[0] as string, 'en'],
    ['According to Al Jazeera (الجزيرة), the talks resumed on Monday in Doha.', 'en'],
  ])('classifies %j as %s by its letters', (paragraph, lang) => {
    expect(classifyParagraph(paragraph)).toBe(lang);
  });

  it('splits texts at blank lines and sorts their paragraphs by language, in order', () => {
    const pool = buildPool([`${arabic[0]}\n\n${english[0]}\r\n \r\n${arabic[1]}`, `\n\n${english[1]}\n`]);
    expect(pool).toEqual({ ar: [arabic[0], arabic[1]], en: [english[0], english[1]] });
  });

  it('drops empty blocks', () => {
    expect(splitIntoParagraphs('\n\n  \n\none\n\n\n\ntwo  ')).toEqual(['one', 'two']);
  });
});

describe('freshCopy', () => {
  it.each([
    ['Arabic', arabic[0] as string],
    ['English', english[0] as string],
  ])('%s: consecutive runs differ only by trailing newlines', (_, text) => {
    const bytes = new TextEncoder().encode(text);
    const [a, b] = [0, 1].map((run) => new TextDecoder().decode(freshCopy(bytes, run)));
    expect(a).not.toBe(b);
    expect(a?.trimEnd()).toBe(text);
    expect(b?.trimEnd()).toBe(text);
  });
});
