import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { analyseArticle, digestArticle } from '../../lambdas/core/digest.ts';
import { articleDigestSchema } from '../../lambdas/core/schema.ts';
import { countWords, splitParagraphs, splitSentences } from '../../lambdas/core/segment.ts';
import { errorCodeOf } from './error-code.ts';

const SEED = 'seeds/000_1ec30d0ad7525b12.txt';
const seedBytes = readFileSync(SEED);
const seedText = seedBytes.toString('utf8');
const digestOf = (bytes: Uint8Array, fileName: string, summarySentences?: number) =>
  digestArticle({ bytes, fileName }, summarySentences ? { summarySentences } : {});

describe('the seed article', () => {
  const digest = digestOf(seedBytes, SEED);

  it('is Arabic, right to left, UTF-8 plain text', () => {
    expect(digest).toMatchObject({
      status: 'ok',
      language: 'ar',
      direction: 'rtl',
      encoding: 'utf-8',
      format: 'text',
    });
  });

  it('names the publisher from the closing source line and the outlet it reports from', () => {
    expect(digest.attribution.publisher).toBe('الخليج الجديد');
    expect(digest.attribution.citedSources).toContain('إنتلجنس أونلاين');
  });

  it('never counts the source line as an article sentence, summary sentence or keyword', () => {
    const all = splitSentences(seedText, splitParagraphs(seedText), 'ar');
    expect(all.at(-1)?.text).toBe('المصدر | ترجمة وتحرير الخليج الجديد');
    expect(digest.stats.sentences).toBe(all.length - 1);
    expect(digest.stats.paragraphs).toBe(10);
    expect(digest.summary.join(' ')).not.toContain('المصدر');
    expect(digest.keywords.map((k) => k.term).join(' ')).not.toMatch(/المصدر|ترجمة|تحرير/);
  });

  it('summarises with verbatim sentences in article order, the lead first', () => {
    expect(digest.summary.length).toBeGreaterThanOrEqual(2);
    expect(digest.summary[0]).toMatch(/^كشف موقع "إنتلجنس أونلاين"/);
    const positions = digest.summary.map((s) => seedText.indexOf(s));
    for (const p of positions) expect(p).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const [i, span] of digest.summarySpans.entries()) {
      expect(seedText.slice(span.start, span.end)).toBe(digest.summary[i]);
    }
  });

  it('derives a headline from the lead, without the reporting frame', () => {
    expect(digest.titleSource).toBe('lead');
    expect(digest.title).toBe('نجاح التقارب الأمريكي القطري في إتمام عقد شراكة بين الدوحة وشركة في تكساس');
  });

  it('finds topical keywords, written as the article writes them', () => {
    const terms = digest.keywords.map((k) => k.term);
    expect(terms).toContain('الدوحة');
    expect(terms.some((t) => t.includes('طيار'))).toBe(true);
    expect(terms.length).toBeLessThanOrEqual(10);
  });

  it('reports a reading time at the Arabic rate', () => {
    expect(digest.stats.words).toBeGreaterThan(300);
    expect(digest.stats.readingMinutes).toBeCloseTo(digest.stats.words / 138, 0);
  });

  it('is the same on every run and valid against the schema', () => {
    expect(digestOf(seedBytes, SEED)).toEqual(digest);
    expect(articleDigestSchema().safeParse(digest).success).toBe(true);
  });

  it('reads the same article from windows-1256 bytes', () => {
    const legacy = digestOf(iconv.encode(seedText, 'windows-1256'), 'seed.txt');
    expect(legacy.encoding).toBe('windows-1256');
    expect(legacy.summary).toEqual(digest.summary);
  });
});

describe('an English article', () => {
  const digest = digestOf(readFileSync('tests/fixtures/core-en-harbour.txt'), 'harbour.txt');

  it('takes the first short line as the title and the source line as the publisher', () => {
    expect(digest).toMatchObject({
      language: 'en',
      direction: 'ltr',
      title: 'Harbour authority approves new ferry terminal',
      titleSource: 'first-line',
    });
    expect(digest.attribution.publisher).toBe('Reuters');
    expect(digest.attribution.citedSources).toEqual(['Portsmouth News', 'BBC Radio Solent']);
  });

  it('keeps abbreviations inside their sentences', () => {
    expect(digest.summary).toContain(
      'The terminal, designed by Atlas Marine Ltd. and partly funded by the U.S. investment firm Halvorsen Capital Inc., will handle up to 1.2 million passengers a year when it opens in 2027.',
    );
  });

  it('honours the requested summary length', () => {
    const bytes = readFileSync('tests/fixtures/core-en-harbour.txt');
    expect(digestOf(bytes, 'h.txt', 1).summary).toHaveLength(1);
    expect(digestOf(bytes, 'h.txt', 5).summary).toHaveLength(5);
  });
});

describe('formats and bad input', () => {
  it('digests an HTML page into the same kind of record', () => {
    const html = `<html lang="en"><head><title>Bridge reopens</title></head><body><article>
      <p>The Old Town bridge reopened on Friday after eighteen months of repairs costing the council far more than planned.</p>
      <p>Engineers found corroded steel in the main span, the council said in a statement to residents on Thursday.</p>
      <p>Traffic is expected to return to normal levels within two weeks, officials said.</p></article></body></html>`;
    const d = digestOf(Buffer.from(html), 'bridge.html');
    expect(d).toMatchObject({
      status: 'ok',
      format: 'html',
      title: 'Bridge reopens',
      titleSource: 'explicit',
      language: 'en',
    });
    expect(d.summary[0]).toMatch(/^The Old Town bridge reopened/);
  });

  it('does not count an <h1> that repeats the title as a sentence', () => {
    const html = `<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>
      <p>The Old Town bridge reopened on Friday after eighteen months of repairs costing the council far more than planned.</p>
      <p>Traffic is expected to return to normal levels within two weeks, officials said.</p></article></body></html>`;
    const d = digestOf(Buffer.from(html), 'bridge.html');
    expect(d.stats.sentences).toBe(2);
    expect(d.summary.join(' ')).not.toMatch(/^Bridge reopens/);
  });

  it.each([
    ['empty.txt', new Uint8Array(), 'EMPTY'],
    ['blank.txt', Buffer.from('  \n\t\n  '), 'EMPTY'],
    ['doc.pdf', Buffer.from('%PDF-1.4 ...'), 'BINARY'],
    ['scan.png', Buffer.from('hello'), 'UNSUPPORTED_TYPE'],
    ['bad.json', Buffer.from('{"body": 12}'), 'MALFORMED'],
    [
      'scripts.html',
      Buffer.from('<html><head><script>var a=1</script><style>b{}</style></head><body></body></html>'),
      'NO_TEXT',
    ],
  ])('%s fails with %s and a readable message', (name, bytes, code) => {
    const d = digestOf(bytes, name);
    expect(d.status).toBe('failed');
    expect(d.error?.code).toBe(code);
    expect(d.error?.message.length).toBeGreaterThan(10);
    expect(articleDigestSchema().safeParse(d).success).toBe(true);
  });

  it('refuses input over the size limit before decoding it', () => {
    const d = digestArticle({ bytes: new Uint8Array(2048), fileName: 'big.txt' }, { maxBytes: 1024 });
    expect(d.error?.code).toBe('TOO_LARGE');
  });
});

describe('the staged analysis', () => {
  it('runs every stage of a digest through the stage hook, once each, in pipeline order', () => {
    const stages: string[] = [];
    const digest = digestArticle(
      { bytes: seedBytes, fileName: SEED },
      {
        stage: (stage, run) => {
          stages.push(stage);
          return run();
        },
      },
    );
    expect(digest.status).toBe('ok');
    expect(stages).toEqual([
      'decode',
      'document',
      'language',
      'paragraphs',
      'attribution',
      'sentences',
      'tokens',
      'summarise',
      'keywords',
      'facts',
      'countWords',
      'citedSources',
      'schema',
    ]);
    // The hook only observes: the digest is the one digestArticle gives without it.
    expect(digest).toEqual(digestArticle({ bytes: seedBytes, fileName: SEED }));
  });

  it('hands the extractors the sentences and ranking the digest is built from', () => {
    const article = analyseArticle(
      { bytes: seedBytes, fileName: SEED },
      { referenceDate: '2026-01-15T12:00:00Z' },
    );
    const digest = digestArticle(
      { bytes: seedBytes, fileName: SEED },
      { referenceDate: '2026-01-15T12:00:00Z' },
    );
    expect(article.analysed.sentences).toHaveLength(digest.stats.sentences);
    expect(article.ranking.selected.map((i) => article.analysed.sentences[i]?.text)).toEqual(digest.summary);
    expect(article.analysed.referenceDate).toBe('2026-01-15T12:00:00Z');
    expect(article.attribution.publisher).toBe(digest.attribution.publisher);
  });

  it('throws the error code a failed digest records', () => {
    const blank = new TextEncoder().encode('   \n  ');
    expect(errorCodeOf(() => analyseArticle({ bytes: blank, fileName: 'blank.txt' }))).toBe('EMPTY');
    expect(digestArticle({ bytes: blank, fileName: 'blank.txt' }).error?.code).toBe('EMPTY');
  });
});

describe('the word count', () => {
  // The digest counts the analysed sentences' words from their tokens; it must equal a word count of
  // the content paragraphs themselves, also where sentences meet inside a word or scripts need a dictionary.
  it.each([
    ['the seed', seedText],
    [
      'Arabic sentences joined by a full stop',
      'انتهى الاجتماع.وقال الوزير إن العمل مستمر.وأضاف أن الخطة جاهزة.',
    ],
    [
      'sentences joined without a space',
      'Visit example.Com today. It works.Really well.\n\nThe a.B.c case here.',
    ],
    [
      'marks and direction marks at sentence edges',
      'قال ِ المسؤول إن .الاتفاق تم. وأضاف\u200F أن التنفيذ يبدأ غدا.',
    ],
    ['Japanese beside English', '日本語のテキストです。これは文です。 English words too.'],
    [
      'an emoji sequence and decimals',
      'The 👩‍👩‍👧 family came. Next sentence. Prices rose 3.5 percent.Then more.',
    ],
  ])("equals the content paragraphs' word count: %s", (_name, text) => {
    const bytes = new TextEncoder().encode(text);
    const article = analyseArticle({ bytes, fileName: 'a.txt' });
    const perParagraph = article.contentParagraphs.reduce(
      (n, p) => n + countWords(article.analysed.text.slice(p.start, p.end), article.analysed.language),
      0,
    );
    expect(perParagraph).toBeGreaterThan(0);
    expect(digestArticle({ bytes, fileName: 'a.txt' }).stats.words).toBe(perParagraph);
  });
});
