/**
 * The one entry of the core: bytes + file name -> a schema-valid `ArticleDigest`. Total: bad input
 * yields a `failed` digest with a stable error code, never a throw.
 */
import type { AnalysedText } from './analysis.ts';
import { decodeBytes } from './decode.ts';
import { type ArticleDocument, detectFormat, extractDocument } from './document.ts';
import { DigestError } from './errors.ts';
import { extractFacts } from './facts.ts';
import { extractKeywords } from './keywords.ts';
import { detectLanguage } from './language.ts';
import { DEFAULT_MAX_BYTES } from './limits.ts';
import {
  type Attribution,
  extractAttribution,
  extractCitedSources,
  isTitleLine,
  titleFromLead,
} from './metadata.ts';
import {
  type ArticleDigest,
  type DigestSource,
  type ErrorCode,
  PIPELINE_VERSION,
  safeParseDigest,
} from './schema.ts';
import {
  countSentenceWords,
  countWords,
  normalizeForMatch,
  type Sentence,
  type Span,
  splitParagraphs,
  splitSentences,
} from './segment.ts';
import { type Ranking, summarise } from './summarise.ts';
import { termsOfArticle } from './terms.ts';

export { DigestError } from './errors.ts';

export { DEFAULT_MAX_BYTES } from './limits.ts';

/** Reading speed in words per minute (Trauzettel-Klosinski et al. 2012: Arabic 138, English 228). */
const WORDS_PER_MINUTE: Record<string, number> = {
  ar: 138,
  fa: 138,
  ur: 138,
  he: 187,
  en: 228,
  de: 179,
  fr: 195,
  es: 218,
};
const DEFAULT_WORDS_PER_MINUTE = 184;

/**
 * Sentences ranked and searched for facts: long reports run to a few hundred; a 10 MB file of short
 * lines runs to two million, which no 60-second Lambda could analyse (it would time out on every
 * retry and end in the dead-letter queue with no record).
 */
const MAX_ANALYSED_SENTENCES = 2_000;

/** Caps that keep a digest of a pathological article small enough to store and read. */
const MAX_LIST_ITEMS = 200;
const MAX_MENTIONS = 50;

/** One article to digest. */
export interface DigestInput {
  bytes: Uint8Array;
  fileName: string;
  contentType?: string;
  source?: DigestSource;
}

/** How to digest it. */
export interface DigestOptions {
  /** Summary length in sentences; default chosen from the article's length. */
  summarySentences?: number;
  /** ISO date-time that relative dates resolve against (the upload time in the pipeline). */
  referenceDate?: string;
  /** Inputs larger than this fail with TOO_LARGE; default 10 MB. */
  maxBytes?: number;
  /** Runs each named stage (`decode` ... `schema`); the benchmark passes one that times them. */
  stage?: StageRunner;
}

/** Digests one article. Never throws: failures come back as `status: 'failed'` with an error code. */
export function digestArticle(input: DigestInput, options: DigestOptions = {}): ArticleDigest {
  const source = input.source ?? { file: input.fileName };
  try {
    return analyse(input, options, source);
  } catch (e) {
    if (e instanceof DigestError) return failedDigest(source, e.code, e.message);
    return failedDigest(
      source,
      'INTERNAL',
      `Internal error while digesting: ${(e as Error)?.message ?? String(e)}`,
    );
  }
}

/** A schema-valid failure record for an article that could not be digested. */
export function failedDigest(
  source: DigestSource,
  code: ErrorCode,
  message: string,
  partial: Partial<ArticleDigest> = {},
): ArticleDigest {
  return {
    status: 'failed',
    error: { code, message },
    source,
    encoding: 'unknown',
    format: 'unknown',
    language: 'und',
    direction: 'ltr',
    title: '',
    titleSource: 'none',
    attribution: { citedSources: [] },
    stats: { characters: 0, words: 0, sentences: 0, paragraphs: 0, readingMinutes: 0 },
    keywords: [],
    summary: [],
    summarySpans: [],
    keyFacts: [],
    brief: {},
    entities: [],
    dates: [],
    numbers: [],
    quotes: [],
    pipelineVersion: PIPELINE_VERSION,
    ...partial,
  };
}

/** An article taken apart by the stages every digest runs before its keywords, facts and record. */
export interface ArticleAnalysis {
  encoding: string;
  /** Writing direction of the detected language (a document's own `dir` overrides it in the record). */
  direction: 'rtl' | 'ltr';
  doc: ArticleDocument;
  /** Every paragraph of the text, attribution and title lines included. */
  paragraphs: Span[];
  attribution: Attribution;
  title: string;
  titleSource: ArticleDigest['titleSource'];
  /** Index into `paragraphs` of the title line, or -1. */
  titleParagraph: number;
  /** Paragraphs less the title and attribution lines. */
  contentParagraphs: Span[];
  /** Every content sentence; the stats count them all. */
  allSentences: Sentence[];
  /** What the extractors see: the first MAX_ANALYSED_SENTENCES sentences and their paragraphs. */
  analysed: AnalysedText;
  ranking: Ranking;
}

/** Runs one named stage of a digest; the benchmark passes one that times each stage. */
export type StageRunner = <T>(stage: string, run: () => T) => T;

const runStage: StageRunner = (_stage, run) => run();

/**
 * Decodes, extracts, detects the language, segments and ranks an article: the stages before the
 * keywords, the facts and the record. Throws `DigestError` on input that cannot be digested.
 */
export function analyseArticle(input: DigestInput, options: DigestOptions = {}): ArticleAnalysis {
  const stage = options.stage ?? runStage;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.bytes.length > maxBytes) {
    throw new DigestError(
      'TOO_LARGE',
      `The file is ${input.bytes.length} bytes, over the ${maxBytes}-byte limit for one article.`,
    );
  }
  const { text: decoded, encoding } = stage('decode', () => decodeBytes(input.bytes));
  if (!decoded.trim()) throw new DigestError('EMPTY', 'The file holds only whitespace.');
  const format = detectFormat(input.fileName, input.contentType, decoded);
  const doc = stage('document', () => extractDocument(decoded, format));
  const text = doc.text;
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new DigestError(
      'NO_TEXT',
      `No article text was found in this ${format === 'text' ? 'file' : `${format} file`}.`,
    );
  }

  const { language, direction } = stage('language', () => detectLanguage(text, doc.lang));
  const paragraphs = stage('paragraphs', () => splitParagraphs(text));
  const attribution = stage('attribution', () => extractAttribution(text, paragraphs));
  const { title, titleSource, titleParagraph } = chooseTitle(doc, text, paragraphs, attribution.excluded);
  const contentParagraphs = paragraphs.filter((_, i) => !attribution.excluded.has(i) && i !== titleParagraph);
  const allSentences = stage('sentences', () => splitSentences(text, contentParagraphs, language));
  // Ranking and extraction look at the first MAX_ANALYSED_SENTENCES only; the stats count them all.
  const sentences = allSentences.slice(0, MAX_ANALYSED_SENTENCES);
  const analysedParagraphs = contentParagraphs.slice(0, (sentences.at(-1)?.paragraph ?? -1) + 1);
  // The analysed sentences' tokens and term ids, read by the summary and the keywords alike.
  stage('tokens', () => termsOfArticle(text, sentences, language));
  const ranking = stage('summarise', () => summarise(text, sentences, language, options.summarySentences));
  const analysed: AnalysedText = { text, language, paragraphs: analysedParagraphs, sentences };
  if (options.referenceDate) analysed.referenceDate = options.referenceDate;
  if (doc.publishedAt) analysed.publishedAt = doc.publishedAt;
  return {
    encoding,
    direction,
    doc,
    paragraphs,
    attribution,
    title,
    titleSource,
    titleParagraph,
    contentParagraphs,
    allSentences,
    analysed,
    ranking,
  };
}

function analyse(input: DigestInput, options: DigestOptions, source: DigestSource): ArticleDigest {
  const stage = options.stage ?? runStage;
  const article = analyseArticle(input, options);
  const { doc, paragraphs, attribution, title, titleSource, titleParagraph, contentParagraphs } = article;
  const { analysed, ranking, allSentences } = article;
  const { text, language, sentences } = analysed;
  const finalTitle = title || (sentences[0] ? titleFromLead(sentences[0].text) : '');
  const keywords = stage('keywords', () => extractKeywords(text, sentences, language));
  const facts = stage('facts', () => extractFacts(analysed, ranking.scores));

  // The content paragraphs' words: by the analysed sentences' tokens and a scan of the other sentences,
  // or else (see countSentenceWords) one count over the text less the title and attribution lines, which
  // equals the per-paragraph sum since words never cross the whitespace between paragraphs.
  const words = stage('countWords', () => {
    const counted = countSentenceWords(text, allSentences, termsOfArticle(text, sentences, language).tokens);
    if (counted !== undefined) return counted;
    const excludedWords = paragraphs.reduce(
      (n, p, i) =>
        attribution.excluded.has(i) || i === titleParagraph
          ? n + countWords(text.slice(p.start, p.end), language)
          : n,
      0,
    );
    return countWords(text, language) - excludedWords;
  });
  const wpm = WORDS_PER_MINUTE[language] ?? DEFAULT_WORDS_PER_MINUTE;
  const citedSources = stage('citedSources', () =>
    extractCitedSources(sentences).filter((s) => s !== attribution.publisher),
  );
  const digest: ArticleDigest = {
    status: 'ok',
    source,
    encoding: article.encoding,
    format: doc.format,
    language,
    direction: doc.dir ?? article.direction,
    title: finalTitle,
    titleSource: title ? titleSource : finalTitle ? 'lead' : 'none',
    attribution: {
      ...(attribution.publisher || doc.publisher
        ? { publisher: (attribution.publisher ?? doc.publisher) as string }
        : {}),
      ...(attribution.byline || doc.byline ? { byline: (attribution.byline ?? doc.byline) as string } : {}),
      citedSources,
    },
    stats: {
      characters: contentParagraphs.reduce((n, p) => n + (p.end - p.start), 0),
      words,
      sentences: allSentences.length,
      paragraphs: contentParagraphs.length,
      readingMinutes: Math.max(words > 0 ? 0.1 : 0, Math.round((words / wpm) * 10) / 10),
    },
    keywords,
    summary: ranking.selected.map((i) => sentences[i]?.text ?? ''),
    summarySpans: ranking.selected.map((i) => ({
      start: sentences[i]?.start ?? 0,
      end: sentences[i]?.end ?? 0,
    })),
    keyFacts: facts.keyFacts.slice(0, MAX_LIST_ITEMS),
    brief: facts.brief,
    entities: facts.entities
      .slice(0, MAX_LIST_ITEMS)
      .map((e) => ({ ...e, mentions: e.mentions.slice(0, MAX_MENTIONS) })),
    dates: facts.dates.slice(0, MAX_LIST_ITEMS),
    numbers: facts.numbers.slice(0, MAX_LIST_ITEMS),
    quotes: facts.quotes.slice(0, MAX_LIST_ITEMS),
    pipelineVersion: PIPELINE_VERSION,
  };
  if (doc.publishedAt) digest.publishedAt = doc.publishedAt;
  const checked = stage('schema', () => safeParseDigest(digest));
  if (!checked.success) {
    throw new Error(
      `digest failed its schema: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`,
    );
  }
  return checked.data;
}

function chooseTitle(
  doc: ArticleDocument,
  text: string,
  paragraphs: Span[],
  excluded: Set<number>,
): { title: string; titleSource: ArticleDigest['titleSource']; titleParagraph: number } {
  const first = paragraphs.findIndex((_, i) => !excluded.has(i));
  const p = paragraphs[first];
  if (doc.title && doc.titleSource) {
    // A page's <h1> or a Markdown heading repeating the explicit title is the title, not a sentence.
    const repeats = p !== undefined && sameHeadline(text.slice(p.start, p.end), doc.title);
    return { title: doc.title, titleSource: doc.titleSource, titleParagraph: repeats ? first : -1 };
  }
  if (p && isTitleLine(text.slice(p.start, p.end), paragraphs.length - excluded.size)) {
    return { title: text.slice(p.start, p.end).trim(), titleSource: 'first-line', titleParagraph: first };
  }
  return { title: '', titleSource: 'none', titleParagraph: -1 };
}

/** True when a paragraph is the title again (case, spacing and a site suffix aside). */
function sameHeadline(paragraph: string, title: string): boolean {
  const fold = (x: string) =>
    normalizeForMatch(x)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const a = fold(paragraph);
  const b = fold(title);
  if (a.length === 0 || a.length > 2 * b.length) return false;
  // A heading has no final stop; a lead sentence that merely starts like the title keeps its place.
  return a === b || (!/[.!?؟]\s*$/u.test(paragraph) && (a.startsWith(b) || b.startsWith(a)));
}
