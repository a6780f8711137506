/** ArticleSource over S3: HeadObject for the size check, then a streamed GetObject that never exceeds the cap. */
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { ArticleSource, ObjectHead, ReadResult } from '../ports.ts';

let defaultClient: S3Client | undefined;

/** One client per process: created on first use so the endpoint comes from the environment of that moment. */
function getDefaultClient(): S3Client {
  defaultClient ??= new S3Client({});
  return defaultClient;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404;
}

function isVersionChanged(error: unknown): boolean {
  return (error as { name?: string }).name === 'PreconditionFailed' || statusOf(error) === 412;
}

/** S3 quotes ETags in headers but not in event notifications. */
export function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^"|"$/g, '');
}

/** Creates the S3 article source; tests and the CLI may pass their own client. */
export function createS3ArticleSource(client: S3Client = getDefaultClient()): ArticleSource {
  return {
    async head(bucket, key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        const head: ObjectHead = { size: out.ContentLength ?? 0 };
        const etag = normalizeEtag(out.ETag);
        if (etag !== undefined) head.etag = etag;
        if (out.VersionId !== undefined) head.versionId = out.VersionId;
        if (out.ContentType !== undefined) head.contentType = out.ContentType;
        return head;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async read(bucket, key, { maxBytes, etag }): Promise<ReadResult> {
      let out: GetObjectCommandOutput;
      try {
        out = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, ...(etag ? { IfMatch: `"${etag}"` } : {}) }),
        );
      } catch (error) {
        if (isMissing(error)) return { kind: 'missing' };
        if (isVersionChanged(error)) return { kind: 'changed' };
        throw error;
      }
      const declared = out.ContentLength ?? 0;
      // In Node the body is a Readable: async-iterable and destroyable.
      const body = out.Body as unknown as (AsyncIterable<Uint8Array> & { destroy(): void }) | undefined;
      if (declared > maxBytes || body === undefined) {
        body?.destroy();
        return declared > maxBytes ? { kind: 'too-large', size: declared } : { kind: 'missing' };
      }
      // Count while streaming: the object may have grown since HeadObject, and it is never loaded whole.
      const chunks: Uint8Array[] = [];
      let total = 0;
      for await (const chunk of body) {
        total += chunk.byteLength;
        if (total > maxBytes) {
          body.destroy();
          return { kind: 'too-large', size: Math.max(total, declared) };
        }
        chunks.push(chunk);
      }
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      const head: ObjectHead = { size: total };
      const readEtag = normalizeEtag(out.ETag);
      if (readEtag !== undefined) head.etag = readEtag;
      if (out.VersionId !== undefined) head.versionId = out.VersionId;
      if (out.ContentType !== undefined) head.contentType = out.ContentType;
      return { kind: 'ok', bytes, head };
    },
  };
}
