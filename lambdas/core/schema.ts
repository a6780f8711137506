/**
 * The record contract: one `ArticleDigest` per article, validated before it is stored or printed.
 * Every offset (`start`/`end`) is a UTF-16 index into `text` of the analysed document: the decoded
 * article body after format extraction (for plain text, the decoded file minus its BOM).
 */
// zod/mini: the same validation core with a tree-shakeable functional API, about a tenth of the bytes
// of classic zod in the Lambda bundle (only the checks used here are bundled).
import { parseArticleDigest } from './schema-parser.ts';
import * as z from './zod.ts';

/** Bumped whenever the analysis changes in a way that should trigger reprocessing. */
export const PIPELINE_VERSION = '1.0.0';

/**
 * The record's zod schema, built on first use: digests are checked by the compiled parser
 * (schema-parser.ts), so the runtime schema is needed only to word the errors of a refused record, by
 * the parser's generator and by tests. Built at import, its constructors cost 4-5 ms of every cold start.
 */
export function articleDigestSchema(): DigestSchema {
  digestSchema ??= buildArticleDigestSchema();
  return digestSchema;
}

let digestSchema: DigestSchema | undefined;
type DigestSchema = ReturnType<typeof buildArticleDigestSchema>;

function buildArticleDigestSchema() {
  // Fields of one shape share one schema instance (schemas are immutable): zod runs its constructors for
  // every instance at import, and at every cold start these few shapes recur dozens of times.
  const text = z.string();
  const texts = z.array(text);
  const number = z.number();
  const nonNegativeInt = z.int().check(z.nonnegative());
  const optionalText = z.optional(text);
  const optionalIndex = z.optional(nonNegativeInt);

  const span = {
    start: nonNegativeInt,
    end: nonNegativeInt,
  };

  const SpanSchema = z.object({ text, ...span });

  const optionalSpan = z.optional(SpanSchema);

  const EntityTypeSchema = z.enum(['person', 'organization', 'location', 'event', 'product', 'other']);

  const EntitySchema = z.object({
    text: text.check(z.minLength(1)),
    normalized: text,
    type: EntityTypeSchema,
    count: z.int().check(z.positive()),
    mentions: z.array(SpanSchema),
    aliases: texts,
    /** Country (or place) an organisation/person is tied to by a nationality adjective, e.g. الفرنسية -> فرنسا. */
    relatedLocation: optionalText,
  });

  const DateGranularitySchema = z.enum(['day', 'week', 'month', 'year', 'weekday', 'relative']);

  const DateMentionSchema = z.object({
    ...SpanSchema.shape,
    /** ISO 8601 start (YYYY, YYYY-MM or YYYY-MM-DD); absent when relative and no reference date was given. */
    startDate: optionalText,
    endDate: optionalText,
    granularity: DateGranularitySchema,
    relative: z.boolean(),
    calendar: z.enum(['gregorian', 'hijri']),
    /** Index into the digest's sentence order (content sentences only). */
    sentence: optionalIndex,
    /** The event or entity this date dates, when the sentence makes it plain. */
    event: optionalText,
  });

  const NumberMentionSchema = z.object({
    ...SpanSchema.shape,
    value: z.nullable(number),
    /** Lower bound for vague quantities (العشرات, dozens). */
    approximate: z.boolean(),
    kind: z.enum(['count', 'percent', 'currency', 'measure', 'ordinal', 'vague']),
    unit: optionalText,
    sentence: optionalIndex,
  });

  const QuoteSchema = z.object({
    ...SpanSchema.shape,
    speaker: optionalText,
    kind: z.enum(['speech', 'title', 'term']),
    sentence: optionalIndex,
  });

  const KeyFactSchema = z.object({
    ...SpanSchema.shape,
    score: number,
    entities: texts,
    dates: texts,
    numbers: texts,
  });

  const BriefSchema = z.object({
    who: optionalSpan,
    what: optionalSpan,
    when: optionalSpan,
    where: optionalSpan,
    why: optionalSpan,
    how: optionalSpan,
  });

  const SourceSchema = z.union([
    z.object({ file: text }),
    z.object({
      bucket: text,
      key: text,
      versionId: optionalText,
      etag: optionalText,
      size: nonNegativeInt,
    }),
  ]);

  const ErrorCodeSchema = z.enum([
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

  return z.object({
    status: z.enum(['ok', 'failed']),
    error: z.optional(z.object({ code: ErrorCodeSchema, message: text })),
    source: SourceSchema,
    encoding: text,
    format: z.enum(['text', 'markdown', 'html', 'json', 'unknown']),
    language: text,
    direction: z.enum(['rtl', 'ltr']),
    title: text,
    /** Where the title came from: an explicit field, a heading, a short first line, or the lead sentence. */
    titleSource: z.enum(['explicit', 'heading', 'first-line', 'lead', 'none']),
    publishedAt: optionalText,
    attribution: z.object({
      publisher: optionalText,
      byline: optionalText,
      citedSources: texts,
    }),
    stats: z.object({
      characters: nonNegativeInt,
      words: nonNegativeInt,
      sentences: nonNegativeInt,
      paragraphs: nonNegativeInt,
      readingMinutes: number.check(z.nonnegative()),
    }),
    keywords: z.array(z.object({ term: text, score: number })),
    /** Verbatim article sentences, in article order. */
    summary: texts,
    summarySpans: z.array(z.object(span)),
    keyFacts: z.array(KeyFactSchema),
    brief: BriefSchema,
    entities: z.array(EntitySchema),
    dates: z.array(DateMentionSchema),
    numbers: z.array(NumberMentionSchema),
    quotes: z.array(QuoteSchema),
    pipelineVersion: text,
  });
}

/**
 * Parses a record as `articleDigestSchema().safeParse` does, with the parser zod's compiler wrote from
 * it ahead of time (schema-parser.ts; `npm run schema` regenerates it, and a unit test keeps the two in
 * step): zod's runtime walks the schema tree per value, several times slower on a record of a few
 * hundred values. A record the compiled parser refuses is parsed again by zod's runtime, so the
 * errors read as zod writes them. (`z.withParser` would install the same parser on the schema, but
 * clones and walks the schema in every cold import.)
 */
export function safeParseDigest(value: unknown): ReturnType<DigestSchema['safeParse']> {
  const parsed = parseArticleDigest(value);
  return parsed === z.INVALID ? articleDigestSchema().safeParse(value) : { success: true, data: parsed };
}

/** {@link safeParseDigest} that throws zod's error on a record that breaks the contract. */
export function parseDigest(value: unknown): ArticleDigest {
  const parsed = parseArticleDigest(value);
  return parsed === z.INVALID ? articleDigestSchema().parse(value) : parsed;
}

export type ArticleDigest = z.infer<DigestSchema>;
export type Entity = ArticleDigest['entities'][number];
export type EntityType = Entity['type'];
export type DateMention = ArticleDigest['dates'][number];
export type NumberMention = ArticleDigest['numbers'][number];
export type Quote = ArticleDigest['quotes'][number];
export type KeyFact = ArticleDigest['keyFacts'][number];
export type Brief = ArticleDigest['brief'];
export type DigestSource = ArticleDigest['source'];
export type ErrorCode = NonNullable<ArticleDigest['error']>['code'];
export type TextSpan = NonNullable<Brief['who']>;
