/**
 * The record contract: one `ArticleDigest` per article, validated before it is stored or printed.
 * Every offset (`start`/`end`) is a UTF-16 index into `text` of the analysed document: the decoded
 * article body after format extraction (for plain text, the decoded file minus its BOM).
 */
import { z } from 'zod';

/** Bumped whenever the analysis changes in a way that should trigger reprocessing. */
export const PIPELINE_VERSION = '1.0.0';

const span = {
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
};

export const SpanSchema = z.object({ text: z.string(), ...span });

export const EntityTypeSchema = z.enum(['person', 'organization', 'location', 'event', 'product', 'other']);

export const EntitySchema = z.object({
  text: z.string().min(1),
  normalized: z.string(),
  type: EntityTypeSchema,
  count: z.number().int().positive(),
  mentions: z.array(SpanSchema),
  aliases: z.array(z.string()),
  /** Country (or place) an organisation/person is tied to by a nationality adjective, e.g. الفرنسية -> فرنسا. */
  relatedLocation: z.string().optional(),
});

export const DateGranularitySchema = z.enum(['day', 'week', 'month', 'year', 'weekday', 'relative']);

export const DateMentionSchema = z.object({
  ...SpanSchema.shape,
  /** ISO 8601 start (YYYY, YYYY-MM or YYYY-MM-DD); absent when relative and no reference date was given. */
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  granularity: DateGranularitySchema,
  relative: z.boolean(),
  calendar: z.enum(['gregorian', 'hijri']),
  /** Index into the digest's sentence order (content sentences only). */
  sentence: z.number().int().nonnegative().optional(),
  /** The event or entity this date dates, when the sentence makes it plain. */
  event: z.string().optional(),
});

export const NumberMentionSchema = z.object({
  ...SpanSchema.shape,
  value: z.number().nullable(),
  /** Lower bound for vague quantities (العشرات, dozens). */
  approximate: z.boolean(),
  kind: z.enum(['count', 'percent', 'currency', 'measure', 'ordinal', 'vague']),
  unit: z.string().optional(),
  sentence: z.number().int().nonnegative().optional(),
});

export const QuoteSchema = z.object({
  ...SpanSchema.shape,
  speaker: z.string().optional(),
  kind: z.enum(['speech', 'title', 'term']),
  sentence: z.number().int().nonnegative().optional(),
});

export const KeyFactSchema = z.object({
  ...SpanSchema.shape,
  score: z.number(),
  entities: z.array(z.string()),
  dates: z.array(z.string()),
  numbers: z.array(z.string()),
});

export const BriefSchema = z.object({
  who: SpanSchema.optional(),
  what: SpanSchema.optional(),
  when: SpanSchema.optional(),
  where: SpanSchema.optional(),
  why: SpanSchema.optional(),
  how: SpanSchema.optional(),
});

export const SourceSchema = z.union([
  z.object({ file: z.string() }),
  z.object({
    bucket: z.string(),
    key: z.string(),
    versionId: z.string().optional(),
    etag: z.string().optional(),
    size: z.number().int().nonnegative(),
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
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
  source: SourceSchema,
  encoding: z.string(),
  format: z.enum(['text', 'markdown', 'html', 'json', 'unknown']),
  language: z.string(),
  direction: z.enum(['rtl', 'ltr']),
  title: z.string(),
  /** Where the title came from: an explicit field, a heading, a short first line, or the lead sentence. */
  titleSource: z.enum(['explicit', 'heading', 'first-line', 'lead', 'none']),
  publishedAt: z.string().optional(),
  attribution: z.object({
    publisher: z.string().optional(),
    byline: z.string().optional(),
    citedSources: z.array(z.string()),
  }),
  stats: z.object({
    characters: z.number().int().nonnegative(),
    words: z.number().int().nonnegative(),
    sentences: z.number().int().nonnegative(),
    paragraphs: z.number().int().nonnegative(),
    readingMinutes: z.number().nonnegative(),
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
