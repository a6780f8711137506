/**
 * `precis backfill`: sends an S3 ObjectCreated event for every article already in the bucket, through
 * the same route as a fresh upload. With `--queue-url` the events go to the deployed queue (SQS
 * SendMessageBatch, ten per call); without it the local pipeline's handler receives them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { S3EventRecord } from 'aws-lambda';
import type { Command } from 'commander';
import { DEFAULTS } from '../adapters/table-design.ts';
import { backfillRecordFor, chunk, isUploadKey, type ListedObject, SQS_BATCH_LIMIT } from '../backfill.ts';
import { loadLocalSettings } from '../config.ts';
import { decodeS3EventKey } from '../events.ts';
import type { SqsHandler } from '../local/queue.ts';
import type { LocalDynamoDb } from '../local/servers.ts';

/** A record that could not be delivered, and why. */
export interface FailedRecord {
  key: string;
  reason: string;
}

/** Where backfill events go: the deployed queue or the local handler. */
export interface BackfillTarget {
  deliver(records: S3EventRecord[]): Promise<FailedRecord[]>;
}

/** What a backfill did. */
export interface BackfillSummary {
  bucket: string;
  prefix: string;
  /** Objects listed under the prefix. */
  listed: number;
  /** Listed objects S3 would not notify about (other formats). */
  skipped: number;
  /** Events delivered; already-digested articles are skipped by the pipeline itself. */
  sent: number;
  failed: FailedRecord[];
}

/** Options of one backfill run. */
export interface BackfillOptions {
  s3: S3Client;
  bucket: string;
  prefix: string;
  region: string;
  target: BackfillTarget;
  /** Keys per ListObjectsV2 page (S3's maximum, 1000, by default). */
  pageSize?: number;
  onProgress?: (summary: BackfillSummary) => void;
}

/** Attempts at entries SQS did not accept through no fault of ours, before they are reported as failed. */
const SEND_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages of the objects under `prefix`, as ListObjectsV2 returns them (one page in memory at a time). */
export async function* listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  pageSize?: number,
): AsyncGenerator<ListedObject[]> {
  // Loaded on use, not at start-up: the AWS SDK would slow every other command.
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token === undefined ? {} : { ContinuationToken: token }),
        ...(pageSize === undefined ? {} : { MaxKeys: pageSize }),
      }),
    );
    yield (page.Contents ?? []).flatMap((object) =>
      object.Key === undefined
        ? []
        : [
            {
              key: object.Key,
              size: object.Size ?? 0,
              ...(object.ETag === undefined ? {} : { etag: object.ETag.replace(/^"|"$/g, '') }),
              ...(object.LastModified === undefined ? {} : { lastModified: object.LastModified }),
            },
          ],
    );
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

/** Lists the bucket and delivers one event per article to `target`, page by page. */
export async function backfill(options: BackfillOptions): Promise<BackfillSummary> {
  const { s3, bucket, prefix, region, target } = options;
  const summary: BackfillSummary = { bucket, prefix, listed: 0, skipped: 0, sent: 0, failed: [] };
  for await (const objects of listObjects(s3, bucket, prefix, options.pageSize)) {
    const articles = objects.filter((object) => isUploadKey(object.key, prefix));
    summary.listed += objects.length;
    summary.skipped += objects.length - articles.length;
    const failed = await target.deliver(articles.map((object) => backfillRecordFor(bucket, object, region)));
    summary.sent += articles.length - failed.length;
    summary.failed.push(...failed);
    options.onProgress?.(summary);
  }
  return summary;
}

/** Sends each record as its own message, as S3 does, ten messages per SendMessageBatch call. */
export function sqsTarget(sqs: SQSClient, queueUrl: string): BackfillTarget {
  return {
    async deliver(records) {
      const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
      const failed: FailedRecord[] = [];
      for (const batch of chunk(records, SQS_BATCH_LIMIT)) {
        let pending = batch.map((record, index) => ({ id: String(index), record }));
        for (let attempt = 1; pending.length > 0; attempt++) {
          const out = await sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: pending.map(({ id, record }) => ({
                Id: id,
                MessageBody: JSON.stringify({ Records: [record] }),
              })),
            }),
          );
          const retry: typeof pending = [];
          for (const failure of out.Failed ?? []) {
            const entry = pending.find((p) => p.id === failure.Id);
            if (entry === undefined) continue;
            // A sender fault (e.g. a malformed entry) fails the same way every time; only SQS's own are retried.
            if (failure.SenderFault || attempt === SEND_ATTEMPTS) {
              failed.push({
                key: keyOf(entry.record),
                reason: `${failure.Code}: ${failure.Message ?? ''}`.trim(),
              });
            } else retry.push(entry);
          }
          pending = retry;
          if (pending.length > 0) await sleep(100 * 2 ** attempt);
        }
      }
      return failed;
    },
  };
}

/** Runs the records through the local handler behind an in-process queue; dead letters are failures. */
export function localTarget(handler: SqsHandler): BackfillTarget {
  return {
    async deliver(records) {
      const { deliverS3Events } = await import('../local/queue.ts');
      const deadLetters = await deliverS3Events(handler, records);
      return deadLetters.map((message) => ({
        key: keyOf((JSON.parse(message.body) as { Records: S3EventRecord[] }).Records[0]),
        reason: 'the handler failed it on every attempt (dead-lettered)',
      }));
    },
  };
}

function keyOf(record: S3EventRecord | undefined): string {
  return record === undefined ? '' : decodeS3EventKey(record.s3.object.key);
}

/** The region in a queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), if it names one. */
export function regionOfQueueUrl(queueUrl: string): string | undefined {
  return /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(queueUrl)?.[1];
}

interface BackfillFlags {
  bucket?: string;
  prefix: string;
  queueUrl?: string;
  region?: string;
  table: string;
  dataDir: string;
  dynamodb: LocalDynamoDb;
  json?: boolean;
}

/** Registers the `backfill` command. */
export function register(program: Command): void {
  const settings = loadLocalSettings();
  program
    .command('backfill')
    .description(
      'Send an S3 ObjectCreated event for every article already in the bucket, through the same queue and ' +
        'handler as a new upload. Articles already digested by this pipelineVersion are left as they are; ' +
        'those digested by an earlier one are digested again.',
    )
    .option('--prefix <prefix>', 'only keys under this prefix', DEFAULTS.uploadPrefix)
    .option('--queue-url <url>', 'the deployed queue (stack output QueueUrl); without it, the local pipeline')
    .option('--bucket <name>', 'the bucket (stack output BucketName); required with --queue-url', undefined)
    .option('--region <region>', 'AWS region (default: the queue URL region, then AWS_REGION)')
    .option('--table <name>', 'local table the local handler writes to', DEFAULTS.tableName)
    .option('--data-dir <dir>', 'local data directory (env PRECIS_DATA_DIR)', settings.dataDir)
    .option('--dynamodb <kind>', 'local emulator: dynalite or dynamodb-local', settings.dynamodb)
    .option('--json', 'print the summary as JSON')
    .action(async (flags: BackfillFlags) => {
      if (flags.queueUrl !== undefined && flags.bucket === undefined) {
        program.error('--bucket is required with --queue-url (see the stack output BucketName)');
      }
      let summary: BackfillSummary;
      try {
        summary = flags.queueUrl === undefined ? await backfillLocally(flags) : await backfillDeployed(flags);
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchBucket') throw error;
        program.error(
          flags.queueUrl === undefined
            ? `no local bucket "${flags.bucket ?? DEFAULTS.bucketName}" in ${flags.dataDir}: upload articles with \`precis run\` first`
            : `no bucket "${flags.bucket}": use the stack output BucketName`,
        );
      }
      process.stdout.write(
        flags.json ? `${JSON.stringify(summary, null, 2)}\n` : `${describeSummary(summary)}\n`,
      );
      if (summary.failed.length > 0) process.exitCode = 1;
    });
}

async function backfillDeployed(flags: BackfillFlags): Promise<BackfillSummary> {
  const queueUrl = flags.queueUrl as string;
  const region = flags.region ?? regionOfQueueUrl(queueUrl) ?? process.env.AWS_REGION;
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  const s3 = new S3Client(region === undefined ? {} : { region });
  const sqs = new SQSClient(region === undefined ? {} : { region });
  try {
    return await backfill({
      s3,
      bucket: flags.bucket as string,
      prefix: flags.prefix,
      region: region ?? (await s3.config.region()),
      target: sqsTarget(sqs, queueUrl),
      onProgress: reportProgress,
    });
  } finally {
    s3.destroy();
    sqs.destroy();
  }
}

async function backfillLocally(flags: BackfillFlags): Promise<BackfillSummary> {
  const { attachRunningServers, startLocalServers, useLocalAws } = await import('../local/servers.ts');
  const region = flags.region ?? 'us-east-1';
  const servers =
    (await attachRunningServers(flags.dataDir)) ??
    (await startLocalServers({ dataDir: flags.dataDir, dynamodb: flags.dynamodb }));
  try {
    useLocalAws(servers, region);
    // The handler reads its configuration at import, exactly as in Lambda, so it is set first.
    Object.assign(process.env, {
      TABLE_NAME: flags.table,
      UPLOAD_PREFIX: flags.prefix,
      POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'precis-local',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    const { S3Client } = await import('@aws-sdk/client-s3');
    const { handler } = await import('../handlers/digest-upload.ts');
    const s3 = new S3Client({});
    try {
      return await backfill({
        s3,
        bucket: flags.bucket ?? DEFAULTS.bucketName,
        prefix: flags.prefix,
        region,
        target: localTarget(handler as SqsHandler),
        onProgress: reportProgress,
      });
    } catch (error) {
      // s3rver signs continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
      if ((error as { name?: string }).name === 'InternalError') {
        throw new Error(
          'the local S3 server failed to page the listing (over 1000 objects): start it with ' +
            'NODE_OPTIONS=--openssl-legacy-provider, e.g. `NODE_OPTIONS=--openssl-legacy-provider npx precis backfill`',
          { cause: error },
        );
      }
      throw error;
    } finally {
      s3.destroy();
    }
  } finally {
    await servers.close();
  }
}

function reportProgress(summary: BackfillSummary): void {
  if (process.stderr.isTTY)
    process.stderr.write(`\rbackfill: ${summary.listed} listed, ${summary.sent} sent`);
}

/** One line per fact, then one per failure. */
export function describeSummary(summary: BackfillSummary): string {
  const lines = [
    `${process.stderr.isTTY ? '\n' : ''}backfill of s3://${summary.bucket}/${summary.prefix}`,
    `  ${summary.listed} objects listed, ${summary.skipped} skipped (not .txt .md .markdown .html .htm .json)`,
    `  ${summary.sent} events delivered (articles already digested are left as they are), ${summary.failed.length} failed`,
    ...summary.failed.map((failure) => `  failed: ${failure.key}: ${failure.reason}`),
  ];
  return lines.join('\n');
}
