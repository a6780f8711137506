/**
 * Properties of the digest core over generated input: it never crashes (no INTERNAL failure, no
 * throw), always returns a schema-valid digest, is deterministic, and every offset it records quotes
 * the analysed text exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestArticle } from '../../lambdas/core/digest.ts';
import { type ArticleDigest, articleDigestSchema, type TextSpan } from '../../lambdas/core/schema.ts';

/** Enough runs to find edge cases, few enough for CI on two cores. */
const RUNS = 150;
const REFERENCE_DATE = '2026-03-15T10:00:00.000Z';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Pieces news text is made of, Arabic and English, so the extractors have something to find. */
const PIECES = [
  ...'The council approved a new ferry terminal on Tuesday said Qatar Doha Reuters minister harbour budget'.split(
    ' ',
  ),
  ...'وقال الوزير إن المجلس وافق على ميناء جديد في الدوحة قطر يوم الثلاثاء الماضي مليون دولار'.split(' '),
  ...['Mr.', 'Dr.', 'U.S.', 'د.', 'Inc.', '...', '…', 'e.g.'],
  ...['12', '3.5', '1,200', '٢٠٢٤', '15%', '٪', '$3 million', '40 km', 'العشرات', 'dozens', '2024', '1445هـ'],
  ...['January', 'March 2026', 'يناير', 'كانون الثاني', 'last week', 'الأسبوع الماضي', 'yesterday', 'أمس'],
  ...['"', '«', '»', '“', '”', "'", '(', ')', '[', ']', ':', '؛', '،', ',', '.', '!', '?', '؟', '-', '—'],
  ...[' ', ' ', ' ', ' ', '\n', '\n\n', '\n\n', '\t', '# ', '* '],
  // Whole quotations and attributions, which random punctuation alone almost never forms.
  ...[
    '"We will build it," the minister said.',
    '«سنبني الميناء» قال الوزير.',
    'قال أحمد الكعبي: "المشروع مهم".',
  ],
  ...['Sheikh Tamim bin Hamad', 'الشيخ تميم بن حمد', 'Al Jazeera', 'وزارة المالية', 'Ministry of Finance'],
];

/** Plain text made of the pieces: decoding and plain-text extraction leave it unchanged, so offsets point into it. */
const newsText = fc
  .array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 300 })
  .map((parts) => parts.join(''));

const fileNames = fc.oneof(
  fc.constantFrom(
    'a.txt',
    'a.md',
    'a.html',
    'a.json',
    'a.pdf',
    'README',
    'مقال.txt',
    'a b+c%.htm',
    '.txt',
    '',
  ),
  fc.string({ maxLength: 40 }),
);

function digestOf(bytes: Uint8Array, fileName: string): ArticleDigest {
  return digestArticle({ bytes, fileName }, { referenceDate: REFERENCE_DATE });
}

/** Schema-valid, and a failure is one of the expected kinds with a message, never an internal crash. */
function expectWellFormed(digest: ArticleDigest): void {
  const parsed = articleDigestSchema().safeParse(digest);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
  expect(digest.error?.code, digest.error?.message).not.toBe('INTERNAL');
  expect(digest.status === 'failed').toBe(digest.error !== undefined);
  if (digest.error) expect(digest.error.message.length).toBeGreaterThan(0);
}

/** Every span in the digest, with the text it claims to quote (if it records one). */
function spansOf(
  digest: ArticleDigest,
): Array<{ where: string; span: TextSpan | (TextSpan & { text?: string }) }> {
  const spans: Array<{ where: string; span: TextSpan }> = [];
  digest.summarySpans.forEach((s, i) => {
    spans.push({ where: `summary[${i}]`, span: { ...s, text: digest.summary[i] ?? '' } });
  });
  for (const [list, items] of [
    ['keyFacts', digest.keyFacts],
    ['dates', digest.dates],
    ['numbers', digest.numbers],
    ['quotes', digest.quotes],
  ] as const)
    items.forEach((span, i) => {
      spans.push({ where: `${list}[${i}]`, span });
    });
  for (const entity of digest.entities)
    entity.mentions.forEach((span, i) => {
      spans.push({ where: `entity ${entity.text} mention ${i}`, span });
    });
  for (const [field, span] of Object.entries(digest.brief))
    if (span) spans.push({ where: `brief.${field}`, span });
  return spans;
}

function expectOffsetsQuote(text: string, digest: ArticleDigest): void {
  for (const { where, span } of spansOf(digest)) {
    expect(span.start, where).toBeLessThanOrEqual(span.end);
    expect(span.end, where).toBeLessThanOrEqual(text.length);
    if (!('text' in span) || span.text === undefined) continue;
    const quoted = text.slice(span.start, span.end);
    expect(quoted, where).toBe(span.text);
  }
}

describe('the digest core, for any input', () => {
  it('never crashes on arbitrary bytes, with any file name, and returns a schema-valid digest', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fileNames, (bytes, fileName) => {
        expectWellFormed(digestOf(bytes, fileName));
      }),
      { numRuns: RUNS },
    );
  });

  it('never crashes on arbitrary Unicode strings (lone surrogates included) in every format', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.json'),
        (text, fileName) => {
          expectWellFormed(digestOf(utf8(text), fileName));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never crashes on news-like text wrapped as HTML, JSON and Markdown', () => {
    fc.assert(
      fc.property(newsText, newsText, (title, body) => {
        const html = `<html><head><title>${title}</title></head><body><p>${body.split('\n\n').join('</p><p>')}</p></body></html>`;
        const json = JSON.stringify({ title, body, date: '2026-03-01' });
        const markdown = `# ${title}\n\n${body}`;
        for (const [bytes, fileName] of [
          [utf8(html), 'a.html'],
          [utf8(json), 'a.json'],
          [utf8(markdown), 'a.md'],
        ] as const)
          expectWellFormed(digestOf(bytes, fileName));
      }),
      { numRuns: RUNS / 3 },
    );
  });

  it('is deterministic: the same bytes and name give the same digest', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          newsText.map(utf8),
          fc.uint8Array({ maxLength: 2048 }),
          fc.string({ unit: 'grapheme', maxLength: 500 }).map(utf8),
        ),
        fileNames,
        (bytes, fileName) => {
          expect(digestOf(bytes, fileName)).toEqual(digestOf(bytes.slice(), fileName));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('every summary sentence and every recorded span quotes the plain text exactly', () => {
    fc.assert(
      fc.property(newsText, (text) => {
        const digest = digestOf(utf8(text), 'article.txt');
        expectWellFormed(digest);
        if (digest.status === 'failed') {
          // Plain text of letters fails only when there is nothing to read.
          expect(['EMPTY', 'NO_TEXT']).toContain(digest.error?.code);
          return;
        }
        expectOffsetsQuote(text, digest);
        // Summary sentences are verbatim and in article order.
        const starts = digest.summarySpans.map((s) => s.start);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
      }),
      { numRuns: RUNS },
    );
  });
});
