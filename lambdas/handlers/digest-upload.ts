/**
 * Lambda: S3 ObjectCreated/ObjectRemoved notifications, through SQS (the production route) or direct,
 * digested and stored. SQS batches report partial failures, so one bad message never repeats the others.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDynamoDigestStore } from '../adapters/dynamo-digest-store.ts';
import { createS3ArticleSource } from '../adapters/s3-article-source.ts';
import { loadConfig, type PipelineConfig } from '../config.ts';
import { isS3Event, parseS3Event, parseSqsBody } from '../events.ts';
import { type PipelineDeps, processUpload } from '../pipeline.ts';
import type { UploadEvent } from '../ports.ts';
import { logger, observeUpload, publishMetrics } from '../telemetry.ts';

/** Builds the handler around its dependencies. */
export function makeHandler(deps: PipelineDeps) {
  const digestAll = async (uploads: UploadEvent[]) => {
    for (const upload of uploads) await observeUpload(upload, () => processUpload(upload, deps));
  };
  const handleMessage = async (record: SQSRecord) => digestAll(parseSqsBody(record.body));

  return async (event: SQSEvent | S3Event, context: Context): Promise<SQSBatchResponse | undefined> => {
    logger.addContext(context);
    try {
      if (isS3Event(event)) return void (await digestAll(parseS3Event(event)));
      // A fresh processor per invocation: it holds the batch's state.
      const processor = new BatchProcessor(EventType.SQS);
      return await processPartialResponse(event as SQSEvent, handleMessage, processor, { context });
    } finally {
      publishMetrics();
    }
  };
}

/** Production wiring: configuration read once at cold start, SDK clients from the environment. */
export function createPipelineDeps(config: PipelineConfig = loadConfig()): PipelineDeps {
  const deps: PipelineDeps = {
    source: createS3ArticleSource(),
    store: createDynamoDigestStore(config.tableName),
    uploadPrefix: config.uploadPrefix,
    maxArticleBytes: config.maxArticleBytes,
  };
  if (config.summarySentences !== undefined) deps.summarySentences = config.summarySentences;
  return deps;
}

/** The Lambda entry point. */
export const handler = makeHandler(createPipelineDeps());
