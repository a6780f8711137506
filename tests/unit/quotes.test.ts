import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../lambdas/core/entities.ts';
import { extractQuotes, findQuoteSpans } from '../../lambdas/core/quotes.ts';
import { analyse } from './facts-helpers.ts';

const quotes = (text: string) => {
  const doc = analyse(text);
  return extractQuotes(doc, extractEntities(doc));
};

describe('findQuoteSpans', () => {
  it('pairs nested straight quotes from the inside out', () => {
    const text = 'تحت عنوان "شهر العسل يساعد الشركة "سيكيوريتي كاميرا" في إبرام عقد".';
    const spans = findQuoteSpans(text).map((q) => text.slice(q.start, q.end));
    expect(spans).toEqual(['شهر العسل يساعد الشركة "سيكيوريتي كاميرا" في إبرام عقد', 'سيكيوريتي كاميرا']);
  });

  it.each([['«الحل سياسي»'], ['“We will win”'], ['"done"']])('pairs %s', (text) => {
    expect(findQuoteSpans(text)).toHaveLength(1);
  });
});

describe('extractQuotes', () => {
  it.each([
    [
      'وقال الرئيس الفرنسي جاك شيراك: "إن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة".',
      'speech',
      'جاك شيراك',
    ],
    ['"We will not give up on this deal," said John Carter, the chief executive.', 'speech', 'John Carter'],
    ['نشر الموقع تقريرا بعنوان "شهر العسل بين الدوحة وواشنطن".', 'title', undefined],
    ['وقعت شركة "سيكيوريتي كاميرا" العقد.', 'term', undefined],
  ])('%s', (text, kind, speaker) => {
    const [q] = quotes(text);
    expect(q?.kind).toBe(kind);
    expect(q?.speaker).toBe(speaker);
  });

  it('names the organisation behind a descriptor ("وفق الموقع") as the speaker', () => {
    const text =
      'كشف موقع "إنتلجنس أونلاين" عن الصفقة.\n\nووفق الموقع، "تقوم الشركة الأمريكية بتسويق حلول مضادة للطائرات".';
    expect(quotes(text).find((q) => q.kind === 'speech')?.speaker).toBe('إنتلجنس أونلاين');
  });

  it.each([['وقال الوزير « قال كلمته » ثم غادر.'], ['He called it "\tthe deal of the year " on Monday.']])(
    'trims the span with the text when the marks enclose spaces: %s',
    (text) => {
      const [q] = quotes(text);
      expect(q && text.slice(q.start, q.end)).toBe(q?.text);
      expect(q?.text).toBe(q?.text.trim());
    },
  );
});
