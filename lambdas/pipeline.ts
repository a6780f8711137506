/**
 * processUpload: read -> digest -> store, for one S3 object event. Idempotent and ordered: every write
 * is conditional on the event's sequencer, and an event older than the stored version does nothing,
 * except that a version digested by another pipelineVersion is digested again (a backfill after an
 * upgrade). Undigestable objects become `failed` records; only transient faults (throttling, network) throw.
 */
import { digestArticle, failedDigest } from './core/digest.ts';
import { type ArticleDigest, type DigestSource, type ErrorCode, PIPELINE_VERSION } from './core/schema.ts';
import { compareSequencers } from './events.ts';
import type {
  ArticleSource,
  DigestStore,
  ObjectHead,
  StoredVersion,
  UploadEvent,
  WriteOutcome,
} from './ports.ts';

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
  | {
      action: 'stored';
      status: 'ok' | 'failed';
      errorCode?: ErrorCode;
      bytes: number;
      /** Set when an already-stored version was digested again: the pipelineVersion that had made it. */
      replacedPipelineVersion?: string;
    }
  | { action: 'deleted' }
  /** An equal or newer version is already stored (a redelivery, or an event that arrived late). */
  | { action: 'stale' }
  /** The object changed or went away after this event; that change's own event records it. */
  | { action: 'superseded' }
  /**
   * A removal while the key still has the current object the record describes (in a versioned bucket: a
   * noncurrent version or a delete marker was removed): the article is live and its record stays as it is.
   */
  | { action: 'still-present' }
  /** The key is outside the upload prefix. */
  | { action: 'ignored' };

type Digested = { digest: ArticleDigest; bytes: number } | 'superseded';

function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/**
 * Reads the object the event names and digests it. `stored` is set when digesting a stored version
 * again: then only that very object is digested (a missing or changed one is `superseded`, never a
 * failure record over a good digest), with the stored upload time as its reference date.
 */
async function readAndDigest(
  upload: UploadEvent,
  deps: PipelineDeps,
  stored?: StoredVersion,
): Promise<Digested> {
  const { bucket, key } = upload;
  const head = await deps.source.head(bucket, key);
  const source: DigestSource = { bucket, key, size: head?.size ?? upload.size ?? 0 };
  if (head?.etag !== undefined) source.etag = head.etag;
  if (head?.versionId !== undefined) source.versionId = head.versionId;
  const fail = (code: ErrorCode, message: string) => ({
    digest: failedDigest(source, code, message),
    bytes: 0,
  });

  if (head === undefined) return stored ? 'superseded' : fail('NOT_FOUND', 'the object no longer exists');
  const expectedEtags = [upload.etag, stored?.etag].map((etag) => etag?.replace(/^"|"$/g, ''));
  if (expectedEtags.some((etag) => etag !== undefined && head.etag !== undefined && head.etag !== etag))
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
      return stored ? 'superseded' : fail('NOT_FOUND', 'the object no longer exists');
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
      referenceDate: stored?.uploadedAt ?? upload.eventTime,
      maxBytes: deps.maxArticleBytes,
      ...(deps.summarySentences === undefined ? {} : { summarySentences: deps.summarySentences }),
    },
  );
  return { digest, bytes: read.bytes.byteLength };
}

/** True when the stored digest was made by another pipelineVersion and the article is not deleted. */
function needsReprocessing(stored: StoredVersion): boolean {
  return (
    stored.status !== 'deleted' &&
    stored.pipelineVersion !== undefined &&
    stored.pipelineVersion !== PIPELINE_VERSION
  );
}

function storedOutcome(digest: ArticleDigest, bytes: number): Extract<UploadOutcome, { action: 'stored' }> {
  return digest.error
    ? { action: 'stored', status: 'failed', errorCode: digest.error.code, bytes }
    : { action: 'stored', status: 'ok', bytes };
}

/** Reads and digests the object, then writes the digest with `write`: the step creation and reprocessing share. */
async function digestAndStore(
  upload: UploadEvent,
  deps: PipelineDeps,
  write: (digest: ArticleDigest) => Promise<WriteOutcome>,
  stored?: StoredVersion,
): Promise<UploadOutcome> {
  const digested = await readAndDigest(upload, deps, stored);
  if (digested === 'superseded') return { action: 'superseded' };
  const { digest, bytes } = digested;
  if ((await write(digest)) === 'stale') return { action: 'stale' };
  return storedOutcome(digest, bytes);
}

/** Digests the stored version again with this pipelineVersion, keeping its sequencer and upload time. */
async function reprocess(
  upload: UploadEvent,
  stored: StoredVersion,
  deps: PipelineDeps,
): Promise<UploadOutcome> {
  const outcome = await digestAndStore(
    upload,
    deps,
    (digest) =>
      deps.store.replaceDigest({
        bucket: upload.bucket,
        key: upload.key,
        uploadedAt: stored.uploadedAt,
        sequencer: stored.sequencer,
        digest,
      }),
    stored,
  );
  return outcome.action === 'stored'
    ? { ...outcome, replacedPipelineVersion: stored.pipelineVersion as string }
    : outcome;
}

function stripQuotes(etag: string | undefined): string | undefined {
  return etag?.replace(/^"|"$/g, '');
}

/**
 * A removal while the key still has a current object. Deleting the current version of a versioned
 * object makes the previous version current, and S3 sends only ObjectRemoved for that: when the current
 * object is not the one the record describes (or the record says deleted, after a delete marker was
 * removed), the removal is its creation, stored with the removal's sequencer and time so the conditional
 * write still orders it. Otherwise an old version or a delete marker went away and the record stands.
 */
async function settleRemovalWhileKeyExists(
  upload: UploadEvent,
  current: ObjectHead,
  deps: PipelineDeps,
): Promise<UploadOutcome> {
  const { bucket, key, sequencer } = upload;
  const stored = await deps.store.readStoredVersion(bucket, key);
  const describesCurrent =
    stored !== undefined &&
    stored.status !== 'deleted' &&
    stored.etag !== undefined &&
    stripQuotes(stored.etag) === stripQuotes(current.etag);
  if (describesCurrent) return { action: 'still-present' };
  if (stored !== undefined && compareSequencers(stored.sequencer, sequencer) >= 0) return { action: 'stale' };

  // Pinned to the ETag just seen: if the object changes again meanwhile, that change's event records it.
  const { etag: _removedEtag, versionId: _removedVersion, ...facts } = upload;
  const creation: UploadEvent = {
    ...facts,
    kind: 'created',
    size: current.size,
    ...(current.etag === undefined ? {} : { etag: current.etag }),
    ...(current.versionId === undefined ? {} : { versionId: current.versionId }),
  };
  return storeCreation(creation, deps);
}

/** Reads, digests and stores the object a creation event names, ordered by its sequencer. */
function storeCreation(upload: UploadEvent, deps: PipelineDeps): Promise<UploadOutcome> {
  return digestAndStore(upload, deps, (digest) =>
    deps.store.putDigest({
      bucket: upload.bucket,
      key: upload.key,
      uploadedAt: upload.eventTime,
      sequencer: upload.sequencer,
      digest,
    }),
  );
}

/** Handles one object event end to end; throws only on faults worth retrying. */
export async function processUpload(upload: UploadEvent, deps: PipelineDeps): Promise<UploadOutcome> {
  const { bucket, key, sequencer } = upload;
  if (deps.uploadPrefix !== '' && !key.startsWith(deps.uploadPrefix)) return { action: 'ignored' };

  if (upload.kind === 'removed') {
    // In a versioned bucket, permanently deleting an old version or removing a delete marker also sends
    // ObjectRemoved; only when the key has no current object is the article really gone.
    const current = await deps.source.head(bucket, key);
    if (current === undefined) {
      const written = await deps.store.markDeleted({ bucket, key, sequencer, deletedAt: upload.eventTime });
      return written === 'written' ? { action: 'deleted' } : { action: 'stale' };
    }
    return settleRemovalWhileKeyExists(upload, current, deps);
  }

  // Cheap check first, so a redelivered event neither reads S3 nor digests again; the conditional
  // writes below still settle races between concurrent deliveries.
  const stored = await deps.store.readStoredVersion(bucket, key);
  if (stored !== undefined && compareSequencers(stored.sequencer, sequencer) >= 0) {
    return needsReprocessing(stored) ? reprocess(upload, stored, deps) : { action: 'stale' };
  }

  return storeCreation(upload, deps);
}
