/**
 * What the pipeline needs from the world, as interfaces: S3 and DynamoDB adapters implement them in
 * production and locally alike (only the endpoints differ).
 */
import type { ArticleDigest } from './core/schema.ts';

/** One S3 object event, reduced to what the pipeline needs; `key` is already URL-decoded. */
export interface UploadEvent {
  kind: 'created' | 'removed';
  bucket: string;
  key: string;
  /** S3's per-key ordering token (hex); later events for a key carry a greater sequencer. */
  sequencer: string;
  /** When S3 saw the change: the reference date for relative dates in the article. */
  eventTime: string;
  size?: number;
  etag?: string;
  versionId?: string;
}

/** Metadata of a stored object. */
export interface ObjectHead {
  size: number;
  etag?: string;
  versionId?: string;
  contentType?: string;
}

/** Outcome of reading an object: its bytes, or why there are none. */
export type ReadResult =
  | { kind: 'ok'; bytes: Uint8Array; head: ObjectHead }
  | { kind: 'missing' }
  | { kind: 'too-large'; size: number }
  /** The object was replaced after this event: the newer version's own event will store it. */
  | { kind: 'changed' };

/** Where articles are read from (S3 in production and locally). */
export interface ArticleSource {
  /** Metadata of the object, or `undefined` when it does not exist. */
  head(bucket: string, key: string): Promise<ObjectHead | undefined>;
  /** Reads at most `maxBytes` bytes; `etag` pins the version that was checked. Transient faults throw. */
  read(bucket: string, key: string, options: { maxBytes: number; etag?: string }): Promise<ReadResult>;
}

/** A digest ready to be stored, with the event facts that order it. */
export interface DigestRecord {
  bucket: string;
  key: string;
  /** The S3 event time. */
  uploadedAt: string;
  sequencer: string;
  digest: ArticleDigest;
}

/** `written` when this version is now stored; `stale` when an equal or newer version already was. */
export type WriteOutcome = 'written' | 'stale';

/** What is stored for bucket + key: enough to order an event against it and to decide on reprocessing. */
export interface StoredVersion {
  sequencer: string;
  status: 'ok' | 'failed' | 'deleted';
  /** The event time the stored digest used as its reference date. */
  uploadedAt: string;
  /** The pipelineVersion that made the stored digest; absent on a tombstone of a never-digested object. */
  pipelineVersion?: string;
  /** ETag of the object version the stored digest was made from, when it was read. */
  etag?: string;
}

/** Where digests are stored (DynamoDB). Every write is conditional on the sequencer, so replays are no-ops. */
export interface DigestStore {
  /** The stored version of bucket + key, if any. */
  readStoredVersion(bucket: string, key: string): Promise<StoredVersion | undefined>;
  putDigest(record: DigestRecord): Promise<WriteOutcome>;
  /**
   * Replaces the digest of the stored version with one made by this pipelineVersion, keeping its
   * sequencer and upload time: `stale` when the stored version changed, or this pipelineVersion or a
   * deletion already wrote it.
   */
  replaceDigest(record: DigestRecord): Promise<WriteOutcome>;
  markDeleted(deletion: {
    bucket: string;
    key: string;
    sequencer: string;
    deletedAt: string;
  }): Promise<WriteOutcome>;
}
