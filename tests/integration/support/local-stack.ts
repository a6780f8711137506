/**
 * One throwaway local stack per test file: s3rver + dynalite (or DynamoDB Local when
 * PRECIS_DYNAMODB=dynamodb-local) on random loopback ports, the bucket and table as the stack defines
 * them, and the real digest-upload handler, imported only after the environment points at them.
 */
import type { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  createDynamoDigestStore,
  type DynamoDigestStore,
} from '../../../lambdas/adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../../../lambdas/adapters/table-design.ts';
import { loadLocalSettings } from '../../../lambdas/config.ts';
import { makeLambdaContext } from '../../../lambdas/local/queue.ts';
import { genuineEventFromS3rver, type S3rverEvent, sqsMessageFor } from '../../../lambdas/local/s3-events.ts';
import {
  ensureBucketAndTable,
  type LocalServers,
  startLocalServers,
  useLocalAws,
} from '../../../lambdas/local/servers.ts';

/** Small enough that a "too large" object is cheap to make, large enough for every fixture. */
export const TEST_MAX_ARTICLE_BYTES = 64 * 1024;

type Handler = (event: SQSEvent | S3Event, context: Context) => Promise<SQSBatchResponse | undefined>;

/** The running stack and helpers to drive it. */
export interface LocalStack {
  bucket: string;
  tableName: string;
  servers: LocalServers;
  s3: S3Client;
  store: DynamoDigestStore;
  handler: Handler;
  /** The handler module's factory, for wiring it to other adapters. */
  makeHandler: typeof import('../../../lambdas/handlers/digest-upload.ts')['makeHandler'];
  /** Uploads with the SDK and returns the genuine S3 event the upload produced (not yet delivered). */
  put(key: string, body: string | Uint8Array, contentType?: string): Promise<S3Event>;
  /** Deletes with the SDK and returns the genuine ObjectRemoved event. */
  remove(key: string): Promise<S3Event>;
  /** Delivers events as one SQS batch to the handler, one message per event. */
  deliver(
    ...events: (S3Event | object | string)[]
  ): Promise<{ messages: SQSRecord[]; response: SQSBatchResponse | undefined }>;
  context(): Context;
  stop(): Promise<void>;
}

/** Starts a fresh stack; call `stop()` in `afterAll`. */
export async function startLocalStack(): Promise<LocalStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'precis-it-'));
  const servers = await startLocalServers({
    dataDir,
    dynamodb: loadLocalSettings().dynamodb,
    persist: false,
  });
  useLocalAws(servers);
  const bucket = DEFAULTS.bucketName;
  const tableName = DEFAULTS.tableName;
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    UPLOAD_PREFIX: DEFAULTS.uploadPrefix,
    MAX_ARTICLE_BYTES: String(TEST_MAX_ARTICLE_BYTES),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  await ensureBucketAndTable(bucket, tableName);
  const { handler, makeHandler } = await import('../../../lambdas/handlers/digest-upload.ts');

  const s3 = new S3Client({});
  const store = createDynamoDigestStore(tableName);
  const events: S3rverEvent[] = [];
  (servers.s3rver as unknown as EventEmitter).on('event', (event: S3rverEvent) => events.push(event));

  async function nextEventFor(key: string, eventPrefix: string): Promise<S3Event> {
    const index = events.findIndex(
      (event) =>
        event.Records[0]?.s3.object.key === key && event.Records[0]?.eventName.startsWith(eventPrefix),
    );
    if (index < 0) throw new Error(`s3rver sent no ${eventPrefix} event for ${key}`);
    const [event] = events.splice(index, 1);
    return genuineEventFromS3rver(event as S3rverEvent);
  }

  return {
    bucket,
    tableName,
    servers,
    s3,
    store,
    handler: handler as Handler,
    makeHandler,
    async put(key, body, contentType) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(contentType ? { ContentType: contentType } : {}),
        }),
      );
      return nextEventFor(key, 'ObjectCreated:');
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return nextEventFor(key, 'ObjectRemoved:');
    },
    async deliver(...bodies) {
      const messages = bodies.map((body) => sqsMessageFor(body));
      const response = await handler({ Records: messages }, makeLambdaContext());
      return { messages, response: response ?? undefined };
    },
    context: () => makeLambdaContext(),
    async stop() {
      s3.destroy();
      await servers.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
