/**
 * Keeps a digest inside DynamoDB's 400 KB item limit. Real articles are far below it; a 10 MB file of
 * numbers or one endless sentence is not, and must still be stored rather than fail forever.
 */
import type { ArticleDigest } from '../core/schema.ts';

/** Bytes a digest may take: 400 KB less room for keys, index attributes and size-estimate error. */
export const ITEM_DIGEST_BUDGET = 340_000;

/** Mentions kept per entity once trimming starts: enough to show where it occurs. */
const MENTIONS_PER_ENTITY = 20;

/** Longest string kept once trimming starts; the full text stays in S3. */
const MAX_STRING_CHARS = 2_000;

/** Lists that may be shortened, least important first. */
const TRIMMABLE_LISTS = ['numbers', 'dates', 'quotes', 'keywords', 'entities', 'keyFacts'] as const;

/** UTF-8 size of the JSON form: close to (and mostly above) DynamoDB's own item-size count. */
export function estimateItemBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function truncateStrings<T>(value: T): T {
  if (typeof value === 'string') {
    return (value.length > MAX_STRING_CHARS ? `${value.slice(0, MAX_STRING_CHARS)}…` : value) as T;
  }
  if (Array.isArray(value)) return value.map(truncateStrings) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateStrings(v)])) as T;
  }
  return value;
}

/**
 * Returns the digest unchanged when it fits `budget`; otherwise a schema-valid copy with long strings
 * cut, mention lists shortened and the largest lists halved until it fits, flagged `truncated`.
 */
export function fitDigestToItem(
  digest: ArticleDigest,
  budget = ITEM_DIGEST_BUDGET,
): { digest: ArticleDigest; truncated: boolean } {
  if (estimateItemBytes(digest) <= budget) return { digest, truncated: false };
  let fitted: ArticleDigest = truncateStrings({
    ...digest,
    entities: digest.entities.map((entity) => ({
      ...entity,
      mentions: entity.mentions.slice(0, MENTIONS_PER_ENTITY),
    })),
  });
  while (estimateItemBytes(fitted) > budget) {
    const sizes = TRIMMABLE_LISTS.map((name) => ({
      name,
      bytes: estimateItemBytes(fitted[name]),
      length: fitted[name].length,
    }));
    const largest = sizes.filter((list) => list.length > 0).sort((a, b) => b.bytes - a.bytes)[0];
    if (largest === undefined) {
      // Only the summary and brief are left; shorten the summary as a last resort.
      if (fitted.summary.length <= 1) break;
      const keep = Math.ceil(fitted.summary.length / 2);
      fitted = {
        ...fitted,
        summary: fitted.summary.slice(0, keep),
        summarySpans: fitted.summarySpans.slice(0, keep),
      };
      continue;
    }
    const keep = Math.floor(largest.length / 2);
    fitted = { ...fitted, [largest.name]: fitted[largest.name].slice(0, keep) };
  }
  return { digest: fitted, truncated: true };
}
