import { describe, expect, it } from 'vitest';
import { detectFormat, extractDocument } from '../../lambdas/core/document.ts';
import { errorCodeOf } from './error-code.ts';

describe('detectFormat', () => {
  it.each([
    ['a.txt', undefined, '<p>not html by extension</p>', 'text'],
    ['a.md', undefined, 'plain', 'markdown'],
    ['a.HTML', undefined, 'plain', 'html'],
    ['a.json', undefined, '{}', 'json'],
    ['upload', 'text/html; charset=utf-8', 'hello', 'html'],
    ['upload', 'application/json', '{}', 'json'],
    ['upload', undefined, '<!DOCTYPE html><html><body><p>x</p></body></html>', 'html'],
    ['upload', undefined, '{"title": "x", "body": "y"}', 'json'],
    ['upload', undefined, '# Heading\n\nText with a [link](http://x).', 'markdown'],
    ['upload', undefined, '{ not json at all', 'text'],
    ['upload', undefined, 'Just words.', 'text'],
  ])('%s (%s) -> %s', (name, type, text, expected) => {
    expect(detectFormat(name, type, text)).toBe(expected);
  });

  it('refuses file types that are never text articles', () => {
    expect(errorCodeOf(() => detectFormat('report.pdf', undefined, 'x'))).toBe('UNSUPPORTED_TYPE');
    expect(errorCodeOf(() => detectFormat('photo.JPG', undefined, 'x'))).toBe('UNSUPPORTED_TYPE');
  });
});

describe('extractDocument', () => {
  it('strips Markdown headings, links and emphasis, taking the first heading as the title', () => {
    const doc = extractDocument(
      '# Floods hit the coast\n\nHeavy **rain** fell on [Monday](http://x.example) night.\n\n- Roads closed\n- Schools shut',
      'markdown',
    );
    expect(doc.title).toBe('Floods hit the coast');
    expect(doc.text).toBe('Heavy rain fell on Monday night.\n\nRoads closed\n\nSchools shut');
  });

  it('takes the article text, title, byline, date, lang and dir from an HTML page, never running its scripts', () => {
    const html = `<!doctype html><html lang="ar" dir="rtl"><head><title>عنوان الصفحة</title>
      <meta property="article:published_time" content="2021-12-06T10:00:00Z"><meta name="author" content="سارة أحمد">
      <script>globalThis.pwned = true</script><style>p{color:red}</style></head>
      <body><nav><a href="/">الرئيسية</a></nav><article><h1>عنوان الصفحة</h1>
      <p>قالت وزارة الصحة إن عدد الإصابات انخفض خلال الأسبوع الماضي بعد حملة التطعيم الواسعة في المدن الكبرى.</p>
      <p>وأضافت الوزارة أن الحملة ستستمر حتى نهاية الشهر المقبل في جميع المحافظات دون استثناء.</p></article>
      <footer>جميع الحقوق محفوظة</footer></body></html>`;
    const doc = extractDocument(html, 'html');
    expect(doc.title).toBe('عنوان الصفحة');
    expect(doc.lang).toBe('ar');
    expect(doc.dir).toBe('rtl');
    expect(doc.byline).toBe('سارة أحمد');
    expect(doc.publishedAt).toBe('2021-12-06T10:00:00Z');
    expect(doc.text).toContain('قالت وزارة الصحة');
    expect(doc.text).toContain('\n\nوأضافت الوزارة');
    expect(doc.text).not.toContain('pwned');
    expect(doc.text).not.toContain('color:red');
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('keeps <br>-separated lines apart and splits the site off the page title', () => {
    const html = `<html><head><title>Fed raises rates by half a point | Reuters</title><meta name="author" content="By Jane Doe"></head>
      <body><p>The Federal Reserve raised rates on Wednesday.<br>Markets fell sharply after the announcement in New York.</p></body></html>`;
    const doc = extractDocument(html, 'html');
    expect(doc).toMatchObject({
      title: 'Fed raises rates by half a point',
      publisher: 'Reuters',
      byline: 'Jane Doe',
    });
    expect(doc.text).toMatch(/Wednesday\.\s+Markets/);
  });

  it('reads Markdown front matter and keeps the text of raw HTML blocks', () => {
    const doc = extractDocument(
      '---\ntitle: "Front Title"\nauthor: Jo\ndate: 2024-01-02\n---\n\nBody text here.\n\n<div>Raw block in London</div>',
      'markdown',
    );
    expect(doc).toMatchObject({
      title: 'Front Title',
      titleSource: 'explicit',
      byline: 'Jo',
      publishedAt: '2024-01-02',
    });
    expect(doc.text).toBe('Body text here.\n\nRaw block in London');
  });

  it('reads the fields of a JSON article', () => {
    const doc = extractDocument(
      JSON.stringify({
        headline: 'Rates held',
        author: { name: 'Ann Lee' },
        datePublished: '2024-05-01',
        content: ['Para one.', 'Para two.'],
      }),
      'json',
    );
    expect(doc).toMatchObject({
      title: 'Rates held',
      byline: 'Ann Lee',
      publishedAt: '2024-05-01',
      text: 'Para one.\n\nPara two.',
    });
  });

  it.each([
    ['{"title": "x", "body": ', 'MALFORMED'],
    ['{"title": "x", "body": 42}', 'MALFORMED'],
    ['{"title": "no body here"}', 'MALFORMED'],
    ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', 'MALFORMED'],
  ])('refuses JSON %s with %s', (json, code) => {
    expect(errorCodeOf(() => extractDocument(json, 'json'))).toBe(code);
  });
});
