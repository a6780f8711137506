/**
 * The record contract: one `ArticleDigest` per article, validated before it is stored or printed.
 * Every offset (`start`/`end`) is a UTF-16 index into `text` of the analysed document: the decoded
 * article body after format extraction (for plain text, the decoded file minus its BOM).
 */
// zod/mini: the same validation core with a tree-shakeable functional API, about a tenth of the bytes
// of classic zod in the Lambda bundle (only the checks used here are bundled).
import * as z from 'zod/mini';

/** Bumped whenever the analysis changes in a way that should trigger reprocessing. */
export const PIPELINE_VERSION = '1.0.0';

const span = {
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
};

export const SpanSchema = z.object({ text: z.string(), ...span });

export const EntityTypeSchema = z.enum(['person', 'organization', 'location', 'event', 'product', 'other']);

export const EntitySchema = z.object({
  text: z.string().check(z.minLength(1)),
  normalized: z.string(),
  type: EntityTypeSchema,
  count: z.int().check(z.positive()),
  mentions: z.array(SpanSchema),
  aliases: z.array(z.string()),
  /** Country (or place) an organisation/person is tied to by a nationality adjective, e.g. الفرنسية -> فرنسا. */
  relatedLocation: z.optional(z.string()),
});

export const DateGranularitySchema = z.enum(['day', 'week', 'month', 'year', 'weekday', 'relative']);

export const DateMentionSchema = z.object({
  ...SpanSchema.shape,
  /** ISO 8601 start (YYYY, YYYY-MM or YYYY-MM-DD); absent when relative and no reference date was given. */
  startDate: z.optional(z.string()),
  endDate: z.optional(z.string()),
  granularity: DateGranularitySchema,
  relative: z.boolean(),
  calendar: z.enum(['gregorian', 'hijri']),
  /** Index into the digest's sentence order (content sentences only). */
  sentence: z.optional(z.int().check(z.nonnegative())),
  /** The event or entity this date dates, when the sentence makes it plain. */
  event: z.optional(z.string()),
});

export const NumberMentionSchema = z.object({
  ...SpanSchema.shape,
  value: z.nullable(z.number()),
  /** Lower bound for vague quantities (العشرات, dozens). */
  approximate: z.boolean(),
  kind: z.enum(['count', 'percent', 'currency', 'measure', 'ordinal', 'vague']),
  unit: z.optional(z.string()),
  sentence: z.optional(z.int().check(z.nonnegative())),
});

export const QuoteSchema = z.object({
  ...SpanSchema.shape,
  speaker: z.optional(z.string()),
  kind: z.enum(['speech', 'title', 'term']),
  sentence: z.optional(z.int().check(z.nonnegative())),
});

export const KeyFactSchema = z.object({
  ...SpanSchema.shape,
  score: z.number(),
  entities: z.array(z.string()),
  dates: z.array(z.string()),
  numbers: z.array(z.string()),
});

export const BriefSchema = z.object({
  who: z.optional(SpanSchema),
  what: z.optional(SpanSchema),
  when: z.optional(SpanSchema),
  where: z.optional(SpanSchema),
  why: z.optional(SpanSchema),
  how: z.optional(SpanSchema),
});

export const SourceSchema = z.union([
  z.object({ file: z.string() }),
  z.object({
    bucket: z.string(),
    key: z.string(),
    versionId: z.optional(z.string()),
    etag: z.optional(z.string()),
    size: z.int().check(z.nonnegative()),
  }),
]);

export const ErrorCodeSchema = z.enum([
  'EMPTY',
  'BINARY',
  'UNDECODABLE',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'NO_TEXT',
  'MALFORMED',
  'NOT_FOUND',
  'READ_FAILED',
  'INTERNAL',
]);

export const ArticleDigestSchema = z.object({
  status: z.enum(['ok', 'failed']),
  error: z.optional(z.object({ code: ErrorCodeSchema, message: z.string() })),
  source: SourceSchema,
  encoding: z.string(),
  format: z.enum(['text', 'markdown', 'html', 'json', 'unknown']),
  language: z.string(),
  direction: z.enum(['rtl', 'ltr']),
  title: z.string(),
  /** Where the title came from: an explicit field, a heading, a short first line, or the lead sentence. */
  titleSource: z.enum(['explicit', 'heading', 'first-line', 'lead', 'none']),
  publishedAt: z.optional(z.string()),
  attribution: z.object({
    publisher: z.optional(z.string()),
    byline: z.optional(z.string()),
    citedSources: z.array(z.string()),
  }),
  stats: z.object({
    characters: z.int().check(z.nonnegative()),
    words: z.int().check(z.nonnegative()),
    sentences: z.int().check(z.nonnegative()),
    paragraphs: z.int().check(z.nonnegative()),
    readingMinutes: z.number().check(z.nonnegative()),
  }),
  keywords: z.array(z.object({ term: z.string(), score: z.number() })),
  /** Verbatim article sentences, in article order. */
  summary: z.array(z.string()),
  summarySpans: z.array(z.object(span)),
  keyFacts: z.array(KeyFactSchema),
  brief: BriefSchema,
  entities: z.array(EntitySchema),
  dates: z.array(DateMentionSchema),
  numbers: z.array(NumberMentionSchema),
  quotes: z.array(QuoteSchema),
  pipelineVersion: z.string(),
});

export type ArticleDigest = z.infer<typeof ArticleDigestSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type EntityType = z.infer<typeof EntityTypeSchema>;
export type DateMention = z.infer<typeof DateMentionSchema>;
export type NumberMention = z.infer<typeof NumberMentionSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type KeyFact = z.infer<typeof KeyFactSchema>;
export type Brief = z.infer<typeof BriefSchema>;
export type DigestSource = z.infer<typeof SourceSchema>;
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export type TextSpan = z.infer<typeof SpanSchema>;
