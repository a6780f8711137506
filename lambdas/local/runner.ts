/**
 * `precis run`: the deployed pipeline, on this machine. Starts (or attaches to) the local servers,
 * creates the bucket and table, uploads each file with the AWS SDK, turns every s3rver notification
 * into a genuine S3 event in an SQS message for the real handler, and waits until each upload has
 * its record in the table.
 */
import type { EventEmitter } from 'node:events';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SQSRecord } from 'aws-lambda';
import { createDynamoDigestStore, type StoredRecord } from '../adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../adapters/table-design.ts';
import { LocalQueue, type SqsHandler } from './queue.ts';
import { genuineEventFromS3rver, type S3rverEvent } from './s3-events.ts';
import {
  attachRunningServers,
  ensureBucketAndTable,
  type LocalDynamoDb,
  type LocalServers,
  resetLocalData,
  startLocalServers,
  useLocalAws,
} from './servers.ts';

/** Options of a local run; the defaults are those of the deployed stack. */
export interface RunOptions {
  paths: string[];
  dataDir: string;
  dynamodb?: LocalDynamoDb;
  reset?: boolean;
  /** Descend into sub-directories (off by default: `seeds/expected/` holds golden digests, not articles). */
  recursive?: boolean;
  bucket?: string;
  tableName?: string;
  uploadPrefix?: string;
  region?: string;
  /** POWERTOOLS_LOG_LEVEL for the handler (default ERROR, so the summary is not buried in JSON logs). */
  logLevel?: string;
  /** How long to wait for each record, e.g. when another process's servers run the handler. */
  timeoutMs?: number;
  /** Called once with the file count, then after each record is confirmed. */
  onProgress?: (done: number, total: number) => void;
}

/** One uploaded file and the record it produced (absent if none arrived in time). */
export interface RunUpload {
  file: string;
  bucket: string;
  key: string;
  bytes: number;
  record?: StoredRecord;
}

/** The outcome of a local run; `servers` are still running (close them, or keep them for other tools). */
export interface RunResult {
  uploads: RunUpload[];
  servers: LocalServers;
  /** Messages the handler failed on `maxReceiveCount` times (the local dead-letter queue). */
  deadLetters: SQSRecord[];
  elapsedMs: number;
}

/** A local run that cannot start (no files, servers in use). */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
};
/** Parallel uploads: enough to keep s3rver busy on two cores without flooding it. */
const UPLOAD_CONCURRENCY = 4;

/** The files to upload, sorted, each with its key relative to the path it was found under. */
export async function collectFiles(
  paths: string[],
  recursive = false,
): Promise<{ file: string; name: string }[]> {
  const found: { file: string; name: string }[] = [];
  async function walk(root: string, dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive) await walk(root, path);
      } else if (entry.isFile()) {
        found.push({ file: path, name: relative(root, path).split(sep).join('/') });
      }
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new RunError(`no such file or directory: ${path}`);
    if (info.isDirectory()) await walk(path, path);
    else found.push({ file: path, name: basename(path) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

async function mapLimit<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Runs the local pipeline over `paths`; the caller closes `result.servers` unless it keeps them running. */
export async function runLocalPipeline(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const bucket = options.bucket ?? DEFAULTS.bucketName;
  const tableName = options.tableName ?? DEFAULTS.tableName;
  const uploadPrefix = options.uploadPrefix ?? DEFAULTS.uploadPrefix;
  const region = options.region ?? 'us-east-1';
  const dataDir = resolve(options.dataDir);

  const files = await collectFiles(options.paths, options.recursive);
  if (files.length === 0) throw new RunError(`no files to upload in ${options.paths.join(', ')}`);

  let servers = await attachRunningServers(dataDir);
  if (servers && options.reset) {
    throw new RunError(
      `--reset: servers are still running on ${dataDir}; stop that \`precis run --keep-running\` first`,
    );
  }
  if (servers?.s3Endpoint === undefined) servers = undefined;
  if (options.reset) await resetLocalData(dataDir);
  servers ??= await startLocalServers({
    dataDir,
    ...(options.dynamodb ? { dynamodb: options.dynamodb } : {}),
  });

  try {
    useLocalAws(servers, region);
    // The handler reads its configuration at import, exactly as in Lambda, so it is set first.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      UPLOAD_PREFIX: uploadPrefix,
      POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'precis-local',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    await ensureBucketAndTable(bucket, tableName);

    const total = files.length;
    let done = 0;
    options.onProgress?.(0, total);
    let queue: LocalQueue | undefined;
    if (servers.s3rver !== undefined) {
      const { handler } = await import('../handlers/digest-upload.ts');
      queue = new LocalQueue(handler as SqsHandler, {
        region,
        onBatch: (delivered, failed) => {
          done = Math.min(total, done + delivered.length - failed.length);
          options.onProgress?.(done, total);
        },
      });
      const localQueue = queue;
      // s3rver is a Koa app, so an EventEmitter, though its typings do not say so.
      (servers.s3rver as unknown as EventEmitter).on('event', (event: S3rverEvent) =>
        localQueue.send(genuineEventFromS3rver(event, region)),
      );
    }

    const s3 = new S3Client({});
    const uploads = await mapLimit(files, UPLOAD_CONCURRENCY, async ({ file, name }) => {
      const body = await readFile(file);
      const key = `${uploadPrefix}${name}`;
      const uploadedAfter = new Date().toISOString();
      const contentType = CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
      return { file, bucket, key, bytes: body.byteLength, uploadedAfter };
    });
    s3.destroy();
    await queue?.idle();

    const store = createDynamoDigestStore(tableName);
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const results: RunUpload[] = [];
    for (const upload of uploads) {
      let record: StoredRecord | undefined;
      for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
        record = await store.getRecord(upload.bucket, upload.key);
        // A record from an earlier run does not count: this upload's event is newer.
        if (record && record.uploadedAt >= upload.uploadedAfter) break;
        record = undefined;
        if (queue !== undefined || Date.now() > deadline) break;
        await sleep(wait);
      }
      if (queue === undefined && record) options.onProgress?.(++done, total);
      const { uploadedAfter: _, ...result } = upload;
      results.push(record ? { ...result, record } : result);
    }
    return {
      uploads: results,
      servers,
      deadLetters: queue?.deadLetters ?? [],
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await servers.close();
    throw error;
  }
}
