/**
 * Bad input through the real digest-upload handler, real s3rver and dynalite, genuine S3 events in
 * SQS messages: every upload ends as exactly one record (a digest or a failure with a stable code),
 * the batch is acknowledged, and the logs name the object without quoting it.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDigestStore } from '../../lambdas/adapters/dynamo-digest-store.ts';
import { createS3ArticleSource } from '../../lambdas/adapters/s3-article-source.ts';
import { DEFAULTS } from '../../lambdas/adapters/table-design.ts';
import { digestArticle, failedDigest } from '../../lambdas/core/digest.ts';
import { articleDigestSchema } from '../../lambdas/core/schema.ts';
import { makeLambdaContext } from '../../lambdas/local/queue.ts';
import { nextSequencer, s3EventOf, s3EventRecordFor, sqsMessageFor } from '../../lambdas/local/s3-events.ts';
import type { ArticleSource } from '../../lambdas/ports.ts';
import { type LocalStack, startLocalStack } from '../integration/support/local-stack.ts';
import { BAD_INPUTS, ENGLISH, isReadableMessage } from './support/bad-inputs.ts';

let stack: LocalStack;
/** Keys the handler read the body of (GetObject), to prove oversize objects are refused unread. */
const bodiesRead: string[] = [];
/** Runs once, right after HeadObject of the given key: the place to delete an object mid-flight. */
const afterHead = new Map<string, () => Promise<void>>();
let handle: (events: object[]) => Promise<SQSBatchResponse | undefined>;

beforeAll(async () => {
  stack = await startLocalStack();
  const s3 = createS3ArticleSource();
  // The real adapter, observed: it records which bodies were read and can act between head and read.
  const source: ArticleSource = {
    async head(bucket, key) {
      const head = await s3.head(bucket, key);
      await afterHead.get(key)?.();
      return head;
    },
    async read(bucket, key, options) {
      bodiesRead.push(key);
      return s3.read(bucket, key, options);
    },
  };
  // The production limit (10 MB), not the small one the integration stack sets.
  const handler = stack.makeHandler({
    source,
    store: createDynamoDigestStore(stack.tableName),
    uploadPrefix: DEFAULTS.uploadPrefix,
    maxArticleBytes: DEFAULTS.maxArticleBytes,
  });
  handle = (events) => handler({ Records: events.map((event) => sqsMessageFor(event)) }, makeLambdaContext());
});
afterAll(async () => {
  await stack?.stop();
});

describe('every bad upload becomes one record with a stable code', () => {
  it.each(BAD_INPUTS.filter((input) => !input.heavy).map((input) => [input.name, input] as const))(
    '%s',
    async (_name, input) => {
      const key = `articles/bad/${input.fileName}`;
      const bytes = input.bytes();
      const response = await handle([await stack.put(key, bytes)]);
      expect(response?.batchItemFailures).toEqual([]);
      const stored = await stack.store.getRecord(stack.bucket, key);
      expect(stored?.digest && articleDigestSchema().safeParse(stored.digest).success).toBe(true);
      expect(stored?.digest?.source).toMatchObject({ bucket: stack.bucket, key, size: bytes.byteLength });
      const { expected } = input;
      if (expected.status === 'failed') {
        expect(stored?.status).toBe('failed');
        expect(stored?.digest?.error?.code).toBe(expected.code);
        expect(isReadableMessage(stored?.digest?.error?.message ?? '')).toBe(true);
      } else {
        expect(stored?.status, stored?.digest?.error?.message).toBe('ok');
        if (expected.language) expect(stored?.digest?.language).toBe(expected.language);
        if (expected.encoding) expect(stored?.digest?.encoding).toBe(expected.encoding);
      }
      if (expected.status === 'failed' && expected.code === 'TOO_LARGE')
        expect(bodiesRead).not.toContain(key);
    },
    120_000,
  );

  it('a 1 MB line with no punctuation is digested (the 5 MB one runs through the core)', async () => {
    const key = 'articles/bad/one-line-1mb.txt';
    const line = Array.from({ length: 150_000 }, (_, i) => (i % 3 ? 'harbour' : 'ميناء')).join(' ');
    expect(await handle([await stack.put(key, line)])).toEqual({ batchItemFailures: [] });
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.status).toBe('ok');
    expect(stored?.digest?.stats.paragraphs).toBe(1);
  }, 120_000);
});

describe('keys', () => {
  const segment = `${'تقرير-'.repeat(16)}/`;
  let longKey = 'articles/';
  while (Buffer.byteLength(longKey + segment) < 1000) longKey += segment;
  longKey += `${'x'.repeat(1024 - 4 - Buffer.byteLength(longKey))}.txt`;

  it.each([
    ['spaces', 'articles/keys/my first article.txt'],
    ['a plus', 'articles/keys/a+b=c.txt'],
    ['percent signs', 'articles/keys/100% sure %20 not a space.txt'],
    ['Arabic', 'articles/keys/تقرير عن قطر (٢).md'],
    ['1,024 bytes, the S3 maximum', longKey],
  ])('a key with %s is stored under its real name', async (_label, key) => {
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1024);
    const event = await stack.put(key, ENGLISH);
    expect(await handle([event])).toEqual({ batchItemFailures: [] });
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored).toMatchObject({ key, status: 'ok' });
    expect((await stack.store.findRecordsByKey(key)).map((record) => record.key)).toEqual([key]);
  });

  it('a 1,024-byte key in one segment fits the table and its byKey index', async () => {
    // s3rver keeps objects as files, whose names stop at 255 bytes (it answers 500), so this key is
    // checked where its limits matter: DynamoDB's 2,048-byte partition keys, table and index.
    const key = `articles/${'ق'.repeat(505)}.txt`;
    expect(Buffer.byteLength(key)).toBe(1023);
    const source = { bucket: stack.bucket, key, size: 10 };
    const digest = failedDigest(source, 'NOT_FOUND', 'The object no longer exists.');
    const written = await stack.store.putDigest({
      bucket: stack.bucket,
      key,
      uploadedAt: new Date().toISOString(),
      sequencer: nextSequencer(),
      digest,
    });
    expect(written).toBe('written');
    expect((await stack.store.findRecordsByKey(key)).map((record) => record.digest?.error?.code)).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('a key that is not valid URL encoding is reported for retry (and the dead-letter queue), not stored', async () => {
    const good = await stack.put('articles/keys/neighbour.txt', ENGLISH);
    const bad = s3EventOf(s3EventRecordFor(stack.bucket, 'articles/keys/x.txt', 10, 'ObjectCreated:Put'));
    (bad.Records[0] as { s3: { object: { key: string } } }).s3.object.key = 'articles/keys/%E0%A4%A.txt';
    const messages = [sqsMessageFor(good), sqsMessageFor(bad)];
    const handler = stack.makeHandler({
      source: createS3ArticleSource(),
      store: stack.store,
      uploadPrefix: DEFAULTS.uploadPrefix,
      maxArticleBytes: DEFAULTS.maxArticleBytes,
    });
    const response = await handler({ Records: messages }, makeLambdaContext());
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: messages[1]?.messageId }]);
    expect((await stack.store.getRecord(stack.bucket, 'articles/keys/neighbour.txt'))?.status).toBe('ok');
  });
});

describe('objects that vanish', () => {
  it('deleted before the event is handled: a NOT_FOUND record, then the deletion marks it deleted', async () => {
    const key = 'articles/vanish/before.txt';
    const created = await stack.put(key, ENGLISH);
    const removed = await stack.remove(key);
    expect(await handle([created])).toEqual({ batchItemFailures: [] });
    const first = await stack.store.getRecord(stack.bucket, key);
    expect(first?.digest?.error?.code).toBe('NOT_FOUND');
    expect(isReadableMessage(first?.digest?.error?.message ?? '')).toBe(true);
    await handle([removed]);
    expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('deleted');
  });

  it('deleted between HeadObject and GetObject: a NOT_FOUND record, not a crash or a retry loop', async () => {
    const key = 'articles/vanish/mid-read.txt';
    const created = await stack.put(key, ENGLISH);
    afterHead.set(key, async () => {
      afterHead.delete(key);
      await stack.s3.send(new DeleteObjectCommand({ Bucket: stack.bucket, Key: key }));
    });
    expect(await handle([created])).toEqual({ batchItemFailures: [] });
    expect((await stack.store.getRecord(stack.bucket, key))?.digest?.error?.code).toBe('NOT_FOUND');
  });
});

describe('logs', () => {
  it('name the object and its size, never the article text', async () => {
    const secret = 'The harbour council secretly approved the lighthouse sale for 7,777,777 dollars.';
    // The handler's own logger, imported after the stack set POWERTOOLS_* (as the handler was).
    const { logger } = await import('../../lambdas/telemetry.ts');
    const lines: string[] = [];
    const streams = [process.stdout, process.stderr] as const;
    const writes = streams.map((stream) => stream.write);
    for (const stream of streams)
      stream.write = ((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof stream.write;
    logger.setLogLevel('DEBUG');
    try {
      const article = `${secret}\n\n${ENGLISH}`;
      await handle([await stack.put('articles/logs/secret.txt', article)]);
      await handle([
        await stack.put('articles/logs/secret.json', `{"body": ${JSON.stringify(secret)}, "x": `),
      ]);
    } finally {
      logger.setLogLevel('SILENT');
      streams.forEach((stream, i) => {
        stream.write = writes[i] as typeof stream.write;
      });
    }
    const log = lines.join('');
    expect(log).toContain('articles/logs/secret.txt');
    expect(log).toContain('articles/logs/secret.json');
    expect(log).toMatch(/"bytes":\d+/);
    for (const fragment of ['lighthouse', '7,777,777', ENGLISH.slice(0, 40)])
      expect(log).not.toContain(fragment);
    // The stored digest does quote the article: the test's text did reach the pipeline.
    const digest = digestArticle({ bytes: new TextEncoder().encode(secret), fileName: 'x.txt' });
    expect(digest.summary.join(' ')).toContain('lighthouse');
  });
});
