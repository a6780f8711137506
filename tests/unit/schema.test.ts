import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaParserModule } from '../../lambdas/cli/schema-parser.ts';
import { digestArticle, failedDigest } from '../../lambdas/core/digest.ts';
import {
  type ArticleDigest,
  articleDigestSchema,
  parseDigest,
  safeParseDigest,
} from '../../lambdas/core/schema.ts';
import { parseArticleDigest } from '../../lambdas/core/schema-parser.ts';
import * as z from '../../lambdas/core/zod.ts';

const seed = digestArticle(
  { bytes: readFileSync('seeds/000_1ec30d0ad7525b12.txt'), fileName: 'seed.txt' },
  { referenceDate: '2024-01-01T00:00:00Z' },
);
const english = digestArticle(
  { bytes: readFileSync('tests/fixtures/en-drone-contract.txt'), fileName: 'en-drone-contract.txt' },
  { referenceDate: '2024-01-01T00:00:00Z' },
);
const failed = failedDigest({ bucket: 'b', key: 'k.txt', size: 3 }, 'BINARY', 'The file is binary.');

/** zod's own runtime parser of the schema the compiled parser was written from. */
const runtime = articleDigestSchema();

/** A record being broken on purpose: its type would forbid the very edits under test. */
// biome-ignore lint/suspicious/noExplicitAny: the edits below break the type on purpose
type Loose = any;

/** A deep copy with one change made by `edit`. */
function edited(digest: ArticleDigest, edit: (d: Loose) => void): unknown {
  const copy = structuredClone(digest);
  edit(copy);
  return copy;
}

/** Records that break the contract in ways a bug in a stage could, each with the path zod names. */
const BROKEN: [string, string, (d: Loose) => void][] = [
  ['a missing field', 'title', (d) => delete d.title],
  ['an unknown status', 'status', (d) => (d.status = 'done')],
  ['a negative count', 'stats.words', (d) => (d.stats.words = -1)],
  ['a fractional offset', 'summarySpans.0.start', (d) => (d.summarySpans[0].start = 1.5)],
  ['an empty entity name', 'entities.0.text', (d) => (d.entities[0].text = '')],
  ['an unknown entity type', 'entities.0.type', (d) => (d.entities[0].type = 'thing')],
  ['a NaN score', 'keywords.0.score', (d) => (d.keywords[0].score = Number.NaN)],
  ['a string where a list belongs', 'summary', (d) => (d.summary = 'one sentence')],
  ['an optional field set to null', 'publishedAt', (d) => (d.publishedAt = null)],
  ['a date without a granularity', 'dates.0.granularity', (d) => delete d.dates[0].granularity],
  ['a source with neither a file nor a key', 'source', (d) => (d.source = { bucket: 'b' })],
];

describe('the digest schema', () => {
  it('parses with the compiled parser zod builds from it today (run `npm run schema` after editing schema.ts)', () => {
    expect(readFileSync('lambdas/core/schema-parser.ts', 'utf8')).toBe(schemaParserModule());
  });

  it.each([
    ['the seed', seed],
    ['an English article', english],
    ['a failure record', failed],
  ])('accepts %s and returns the same record as zod at run time', (_, digest) => {
    expect(digest.status === 'ok' ? digest.entities.length : 1).toBeGreaterThan(0);
    const parsed = safeParseDigest(digest);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(runtime.parse(digest));
    expect(parsed.data).toEqual(digest);
    // A copy, as zod's parse returns: the caller's object is never handed back.
    expect(parsed.data).not.toBe(digest);
  });

  it('drops keys the contract does not name, as zod does', () => {
    const extra = edited(seed, (d) => {
      d.internal = 'scratch';
      d.entities[0].score = 3;
    });
    expect(parseArticleDigest(extra)).toEqual(runtime.parse(extra));
    expect(parseDigest(extra)).toEqual(seed);
  });

  it.each(BROKEN)('refuses %s, naming the field as zod does (%s)', (_, path, edit) => {
    const broken = edited(seed, edit);
    expect(parseArticleDigest(broken)).toBe(z.INVALID);
    const checked = safeParseDigest(broken);
    expect(() => parseDigest(broken)).toThrow();
    expect(checked.success).toBe(false);
    expect(checked.error?.issues[0]?.path.join('.')).toBe(path);
    expect(checked.error?.issues).toEqual(runtime.safeParse(broken).error?.issues);
  });
});
