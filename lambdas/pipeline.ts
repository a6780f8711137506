/**
 * processUpload: read -> digest -> store, for one S3 object event. Idempotent and ordered: every write
 * is conditional on the event's sequencer, and an event older than the stored version does nothing.
 * Undigestable objects become `failed` records; only transient faults (throttling, network) throw.
 */
import { digestArticle, failedDigest } from './core/digest.ts';
import type { ArticleDigest, DigestSource, ErrorCode } from './core/schema.ts';
import { compareSequencers } from './events.ts';
import type { ArticleSource, DigestStore, UploadEvent } from './ports.ts';

/** What the pipeline needs: the two adapters and the limits from configuration. */
export interface PipelineDeps {
  source: ArticleSource;
  store: DigestStore;
  uploadPrefix: string;
  maxArticleBytes: number;
  summarySentences?: number;
}

/** What happened to one event, for logs and metrics. */
export type UploadOutcome =
  | { action: 'stored'; status: 'ok' | 'failed'; errorCode?: ErrorCode; bytes: number }
  | { action: 'deleted' }
  /** An equal or newer version is already stored (a redelivery, or an event that arrived late). */
  | { action: 'stale' }
  /** The object changed after this event; the newer version's own event stores it. */
  | { action: 'superseded' }
  /** The key is outside the upload prefix. */
  | { action: 'ignored' };

type Digested = { digest: ArticleDigest; bytes: number } | 'superseded';

function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

async function readAndDigest(upload: UploadEvent, deps: PipelineDeps): Promise<Digested> {
  const { bucket, key } = upload;
  const head = await deps.source.head(bucket, key);
  const source: DigestSource = { bucket, key, size: head?.size ?? upload.size ?? 0 };
  if (head?.etag !== undefined) source.etag = head.etag;
  if (head?.versionId !== undefined) source.versionId = head.versionId;
  const fail = (code: ErrorCode, message: string) => ({
    digest: failedDigest(source, code, message),
    bytes: 0,
  });

  if (head === undefined) return fail('NOT_FOUND', 'the object no longer exists');
  const expectedEtag = upload.etag?.replace(/^"|"$/g, '');
  if (expectedEtag !== undefined && head.etag !== undefined && head.etag !== expectedEtag)
    return 'superseded';
  if (head.size > deps.maxArticleBytes) {
    return fail('TOO_LARGE', `${head.size} bytes is over the ${deps.maxArticleBytes}-byte article limit`);
  }
  const read = await deps.source.read(bucket, key, {
    maxBytes: deps.maxArticleBytes,
    ...(head.etag === undefined ? {} : { etag: head.etag }),
  });
  switch (read.kind) {
    case 'missing':
      return fail('NOT_FOUND', 'the object no longer exists');
    case 'changed':
      return 'superseded';
    case 'too-large':
      return fail('TOO_LARGE', `${read.size} bytes is over the ${deps.maxArticleBytes}-byte article limit`);
  }
  const digest = digestArticle(
    {
      bytes: read.bytes,
      fileName: fileNameOf(key),
      source,
      ...(read.head.contentType === undefined ? {} : { contentType: read.head.contentType }),
    },
    {
      referenceDate: upload.eventTime,
      maxBytes: deps.maxArticleBytes,
      ...(deps.summarySentences === undefined ? {} : { summarySentences: deps.summarySentences }),
    },
  );
  return { digest, bytes: read.bytes.byteLength };
}

/** Handles one object event end to end; throws only on faults worth retrying. */
export async function processUpload(upload: UploadEvent, deps: PipelineDeps): Promise<UploadOutcome> {
  const { bucket, key, sequencer } = upload;
  if (deps.uploadPrefix !== '' && !key.startsWith(deps.uploadPrefix)) return { action: 'ignored' };

  if (upload.kind === 'removed') {
    const written = await deps.store.markDeleted({ bucket, key, sequencer, deletedAt: upload.eventTime });
    return written === 'written' ? { action: 'deleted' } : { action: 'stale' };
  }

  // Cheap check first, so a redelivered event neither reads S3 nor digests again; the conditional
  // put below still settles races between concurrent deliveries.
  const stored = await deps.store.readStoredSequencer(bucket, key);
  if (stored !== undefined && compareSequencers(stored, sequencer) >= 0) return { action: 'stale' };

  const digested = await readAndDigest(upload, deps);
  if (digested === 'superseded') return { action: 'superseded' };
  const { digest, bytes } = digested;
  const written = await deps.store.putDigest({
    bucket,
    key,
    uploadedAt: upload.eventTime,
    sequencer,
    digest,
  });
  if (written === 'stale') return { action: 'stale' };
  return digest.error
    ? { action: 'stored', status: 'failed', errorCode: digest.error.code, bytes }
    : { action: 'stored', status: 'ok', bytes };
}
