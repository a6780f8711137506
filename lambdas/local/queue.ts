/**
 * A local stand-in for the SQS queue and Lambda event source mapping: batches of up to 10 messages go
 * to the handler one batch at a time (one warm instance); messages it reports in `batchItemFailures`
 * come back with a higher receive count, and after `maxReceiveCount` receives land in the dead letters.
 */
import { randomUUID } from 'node:crypto';
import type { Context, S3Event, S3EventRecord, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DEFAULTS } from '../adapters/table-design.ts';
import { s3EventOf, sqsEventOf, sqsMessageFor } from './s3-events.ts';

/** The handler's shape as the local queue calls it. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

/** Options of the local queue; the defaults mirror the stack's event source mapping and redrive policy. */
export interface LocalQueueOptions {
  batchSize?: number;
  maxReceiveCount?: number;
  /** Pause before a failed message is received again (the visibility timeout, shortened). */
  retryDelayMs?: number;
  functionName?: string;
  region?: string;
  /** Called after each batch, e.g. to advance a progress bar. */
  onBatch?: (delivered: SQSRecord[], failed: SQSRecord[]) => void;
}

/** A Lambda context good enough for Powertools (request id, function name, remaining time). */
export function makeLambdaContext(functionName = 'precis-digest-upload', region = 'us-east-1'): Context {
  const deadline = Date.now() + 60_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An in-process queue in front of the digest handler. */
export class LocalQueue {
  /** Messages that failed `maxReceiveCount` times, as the DLQ would hold them. */
  readonly deadLetters: SQSRecord[] = [];
  readonly #handler: SqsHandler;
  readonly #options: Required<Omit<LocalQueueOptions, 'onBatch'>> & {
    onBatch: LocalQueueOptions['onBatch'] | undefined;
  };
  readonly #pending: SQSRecord[] = [];
  #running: Promise<void> | undefined;

  constructor(handler: SqsHandler, options: LocalQueueOptions = {}) {
    this.#handler = handler;
    this.#options = {
      batchSize: options.batchSize ?? 10,
      maxReceiveCount: options.maxReceiveCount ?? DEFAULTS.maxReceiveCount,
      retryDelayMs: options.retryDelayMs ?? 200,
      functionName: options.functionName ?? 'precis-digest-upload',
      region: options.region ?? 'us-east-1',
      onBatch: options.onBatch,
    };
  }

  /** Puts one S3 notification on the queue, as S3 would. */
  send(event: S3Event | object): SQSRecord {
    const message = sqsMessageFor(event, 1, this.#options.region);
    this.sendMessage(message);
    return message;
  }

  /** Puts an already-built SQS message on the queue. */
  sendMessage(message: SQSRecord): void {
    this.#pending.push(message);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves once every message was handled or dead-lettered. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    // Let the caller enqueue the rest of a burst so batches fill up as they would on SQS.
    await sleep(0);
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#options.batchSize);
      const failedIds = await this.#invoke(batch);
      const failed = batch.filter((message) => failedIds.has(message.messageId));
      this.#options.onBatch?.(batch, failed);
      const retries: SQSRecord[] = [];
      for (const message of failed) {
        const count = Number(message.attributes.ApproximateReceiveCount) + 1;
        if (count > this.#options.maxReceiveCount) this.deadLetters.push(message);
        else
          retries.push({
            ...message,
            attributes: { ...message.attributes, ApproximateReceiveCount: String(count) },
          });
      }
      if (retries.length > 0) {
        await sleep(this.#options.retryDelayMs);
        this.#pending.push(...retries);
      }
    }
  }

  async #invoke(batch: SQSRecord[]): Promise<Set<string>> {
    try {
      const response = await this.#handler(
        sqsEventOf(batch),
        makeLambdaContext(this.#options.functionName, this.#options.region),
      );
      return new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch {
      // A thrown invocation (e.g. every record failed) returns the whole batch to the queue.
      return new Set(batch.map((message) => message.messageId));
    }
  }
}

/**
 * Sends S3 notification records for existing objects through the handler, one SQS message each, and
 * waits until all are handled; returns the messages that ended in the dead letters.
 */
export async function deliverS3Events(
  handler: SqsHandler,
  records: S3EventRecord[],
  options: LocalQueueOptions = {},
): Promise<SQSRecord[]> {
  const queue = new LocalQueue(handler, options);
  for (const record of records) queue.send(s3EventOf(record));
  await queue.idle();
  return queue.deadLetters;
}
