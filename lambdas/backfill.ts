/**
 * Reprocessing, the pure part: which keys are uploads, and the S3 event a backfill sends for an object
 * that is already in the bucket. The CDK stack uses the same suffix list for its notifications, so a
 * backfill sends exactly the events S3 would have sent.
 */
import type { S3EventRecord } from 'aws-lambda';
import { s3EventRecordFor } from './local/s3-events.ts';

/** Suffixes the bucket notifies the pipeline about (S3 suffix filters are case-sensitive). */
export const UPLOAD_SUFFIXES = ['.txt', '.md', '.markdown', '.html', '.htm', '.json'] as const;

/** SendMessageBatch's limit on entries per call. */
export const SQS_BATCH_LIMIT = 10;

/**
 * The sequencer of backfill events: lower than any S3 sequencer. The pipeline stores an event only
 * when it is newer than the stored version, so a backfill digests objects that have no record yet and
 * can never hide a later upload or deletion, whose genuine sequencer is always higher. A stored version
 * digested by another pipelineVersion is the one exception: it is digested again in place, keeping its
 * own sequencer and upload time.
 */
export const BACKFILL_SEQUENCER = '0';

/** An object as ListObjectsV2 reports it. */
export interface ListedObject {
  key: string;
  size: number;
  etag?: string;
  lastModified?: Date;
}

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

/**
 * The ObjectCreated event S3 would have sent for an existing object: its upload time as the event
 * time (the reference for relative dates), its ETag so a newer version is not digested in its name.
 */
export function backfillRecordFor(bucket: string, object: ListedObject, region: string): S3EventRecord {
  return s3EventRecordFor(bucket, object.key, object.size, 'ObjectCreated:Put', BACKFILL_SEQUENCER, {
    region,
    ...(object.lastModified === undefined ? {} : { eventTime: object.lastModified.toISOString() }),
    ...(object.etag === undefined ? {} : { etag: object.etag }),
  });
}
