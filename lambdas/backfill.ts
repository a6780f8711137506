/**
 * Reprocessing, the pure part: which keys are uploads, and how a listing becomes batches of S3-format
 * events. The CDK stack uses the same suffix list for its notifications, so backfill sends exactly what
 * S3 would have sent.
 */

/** Suffixes the bucket notifies the pipeline about (S3 suffix filters are case-sensitive). */
export const UPLOAD_SUFFIXES = ['.txt', '.md', '.markdown', '.html', '.htm', '.json'] as const;

/** SendMessageBatch's limit on entries per call. */
export const SQS_BATCH_LIMIT = 10;

/** True when S3 would notify the pipeline about `key`: under `prefix` and with an upload suffix. */
export function isUploadKey(key: string, prefix: string): boolean {
  return key.startsWith(prefix) && key.length > prefix.length && UPLOAD_SUFFIXES.some((s) => key.endsWith(s));
}

/** Splits `items` into consecutive groups of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
