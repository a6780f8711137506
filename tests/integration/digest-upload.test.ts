/**
 * The real digest-upload handler against real local S3 and DynamoDB, driven by the genuine S3 events
 * that uploads produce, delivered the production way (S3 -> SQS -> Lambda) unless a test says otherwise.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDigestStore, wrapClient } from '../../lambdas/adapters/dynamo-digest-store.ts';
import { createS3ArticleSource } from '../../lambdas/adapters/s3-article-source.ts';
import { DEFAULTS } from '../../lambdas/adapters/table-design.ts';
import { articleDigestSchema } from '../../lambdas/core/schema.ts';
import { LocalQueue } from '../../lambdas/local/queue.ts';
import { s3EventOf, s3EventRecordFor } from '../../lambdas/local/s3-events.ts';
import { type LocalStack, startLocalStack, TEST_MAX_ARTICLE_BYTES } from './support/local-stack.ts';

const SEED = await readFile(new URL('../../seeds/000_1ec30d0ad7525b12.txt', import.meta.url));
const ENGLISH = await readFile(new URL('./fixtures/harbour-expansion.md', import.meta.url));
const ARABIC = await readFile(new URL('./fixtures/library-reopening.txt', import.meta.url));

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('an upload becomes a record', () => {
  it.each([
    ['articles/plain.txt', 'plain.txt'],
    ['articles/with space.txt', 'with+space.txt'],
    ['articles/a+b.txt', 'a%2Bb.txt'],
    ['articles/100% sure.txt', '100%25+sure.txt'],
    ['articles/تقرير قطر.txt', '%D8%AA%D9%82%D8%B1%D9%8A%D8%B1+%D9%82%D8%B7%D8%B1.txt'],
    ['articles/2026/تقرير (1).md', '2026/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1+%281%29.md'],
  ])('key %j arrives URL-encoded and is stored under its real name', async (key, encodedTail) => {
    const event = await stack.put(key, SEED);
    const record = event.Records[0];
    expect(record?.eventVersion).toBe('2.1');
    expect(record?.s3.object.key).toBe(`articles/${encodedTail}`);

    const { response } = await stack.deliver(event);
    expect(response?.batchItemFailures).toEqual([]);
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored).toMatchObject({ bucket: stack.bucket, key, status: 'ok' });
    expect(stored?.uploadedAt).toBe(record?.eventTime);
    expect(stored?.digest?.source).toMatchObject({ bucket: stack.bucket, key, size: SEED.byteLength });
    expect(stored?.digest?.language).toBe('ar');
    expect(articleDigestSchema().safeParse(stored?.digest).success).toBe(true);
  });

  it('stores the same analysis as the core gives for the file, with the upload time as reference date', async () => {
    const { digestArticle } = await import('../../lambdas/core/digest.ts');
    const event = await stack.put('articles/harbour-expansion.md', ENGLISH, 'text/markdown');
    await stack.deliver(event);
    const stored = await stack.store.getRecord(stack.bucket, 'articles/harbour-expansion.md');
    const direct = digestArticle(
      { bytes: ENGLISH, fileName: 'harbour-expansion.md', contentType: 'text/markdown' },
      { referenceDate: event.Records[0]?.eventTime as string, maxBytes: TEST_MAX_ARTICLE_BYTES },
    );
    const { source: _stored, ...storedAnalysis } = stored?.digest ?? {};
    const { source: _direct, ...directAnalysis } = direct;
    expect(storedAnalysis).toEqual(directAnalysis);
    expect(stored?.digest?.language).toBe('en');
    expect(stored?.digest?.title).toBe('Port of Aldmouth approves a second container terminal');
  });

  it('accepts a direct S3 event (no SQS) and ignores keys outside the upload prefix', async () => {
    const event = await stack.put('articles/direct.txt', ARABIC);
    await expect(stack.handler(event, stack.context())).resolves.toBeUndefined();
    expect((await stack.store.getRecord(stack.bucket, 'articles/direct.txt'))?.status).toBe('ok');

    const outside = await stack.put('elsewhere/direct.txt', ARABIC);
    await stack.handler(outside, stack.context());
    expect(await stack.store.getRecord(stack.bucket, 'elsewhere/direct.txt')).toBeUndefined();
  });

  it("skips S3's test event", async () => {
    const { response } = await stack.deliver({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2026-11-29T00:00:00.000Z',
      Bucket: stack.bucket,
    });
    expect(response?.batchItemFailures).toEqual([]);
  });
});

describe('idempotent and ordered', () => {
  it('a redelivered event changes nothing', async () => {
    const key = 'articles/redelivered.txt';
    const event = await stack.put(key, SEED);
    await stack.deliver(event);
    const first = await stack.store.getRecord(stack.bucket, key);
    const { response } = await stack.deliver(event, event);
    expect(response?.batchItemFailures).toEqual([]);
    expect(await stack.store.getRecord(stack.bucket, key)).toEqual(first);
  });

  it('the same event twice in one batch (handled in parallel) stores one record, still findable by entity', async () => {
    const key = 'articles/twice-at-once.txt';
    const event = await stack.put(key, SEED);
    const { response } = await stack.deliver(event, event);
    expect(response?.batchItemFailures).toEqual([]);
    expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('ok');
    const byEntity = await stack.store.listByEntity('قطر', 100);
    expect(byEntity.map((row) => row.key)).toContain(key);
  });

  it('an older event arriving after a newer one is ignored', async () => {
    const key = 'articles/replaced.txt';
    const older = await stack.put(key, ENGLISH);
    const newer = await stack.put(key, ARABIC);
    await stack.deliver(newer);
    await stack.deliver(older);
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.digest?.language).toBe('ar');
    expect(stored?.sequencer).toBe(newer.Records[0]?.s3.object.sequencer);
  });

  it('an event for a version that was replaced before it was read stores nothing; the newer event does', async () => {
    const key = 'articles/overwritten-quickly.txt';
    const older = await stack.put(key, ENGLISH);
    const newer = await stack.put(key, ARABIC);
    await stack.deliver(older);
    expect(await stack.store.getRecord(stack.bucket, key)).toBeUndefined();
    await stack.deliver(newer);
    expect((await stack.store.getRecord(stack.bucket, key))?.digest?.language).toBe('ar');
  });

  it('sequencers compare as hex of any length, not as strings', async () => {
    const key = 'articles/sequencer-width.txt';
    await stack.put(key, SEED);
    const longer = s3EventOf(
      s3EventRecordFor(stack.bucket, key, SEED.byteLength, 'ObjectCreated:Put', '1000'),
    );
    const shorter = s3EventOf(
      s3EventRecordFor(stack.bucket, key, SEED.byteLength, 'ObjectCreated:Put', 'FFF'),
    );
    await stack.deliver(longer);
    await stack.deliver(shorter);
    expect((await stack.store.getRecord(stack.bucket, key))?.sequencer).toBe('1000');
  });
});

describe('deletion', () => {
  it('marks the record deleted, keeps the digest and drops it from the language listing', async () => {
    const key = 'articles/to-delete.md';
    await stack.deliver(await stack.put(key, ENGLISH));
    const before = await stack.store.getRecord(stack.bucket, key);
    const removal = await stack.remove(key);
    expect(removal.Records[0]?.eventName).toBe('ObjectRemoved:Delete');
    await stack.deliver(removal);

    const after = await stack.store.getRecord(stack.bucket, key);
    expect(after?.status).toBe('deleted');
    expect(after?.deletedAt).toBe(removal.Records[0]?.eventTime);
    expect(after?.digest).toEqual(before?.digest);
    const english = await stack.store.listByLanguage('en', 100);
    expect(english.map((row) => row.key)).not.toContain(key);
  });

  it.each([
    ['an old version permanently deleted', 'articles/versioned old version.md', ENGLISH, 'en'],
    ['a delete marker removed', 'articles/علامة حذف.txt', ARABIC, 'ar'],
  ])(
    '%s (the key still has a current object) leaves the article live',
    async (_label, key, body, language) => {
      const upload = await stack.put(key, body);
      await stack.deliver(upload);
      const before = await stack.store.getRecord(stack.bucket, key);
      // What a versioned bucket sends: a newer ObjectRemoved event naming a version, the object still there.
      const removal = s3EventOf(
        s3EventRecordFor(stack.bucket, key, undefined, 'ObjectRemoved:Delete', undefined, {
          versionId: 'noncurrent-version-1',
        }),
      );
      const { response } = await stack.deliver(removal);
      expect(response?.batchItemFailures).toEqual([]);

      expect(await stack.store.getRecord(stack.bucket, key)).toEqual(before);
      const listed = await stack.store.listByLanguage(language, 100);
      expect(listed.map((row) => row.key)).toContain(key);

      // Once the current object is really gone, its removal marks the record deleted as before.
      await stack.deliver(await stack.remove(key));
      expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('deleted');
    },
  );

  it('a create event that arrives after the deletion does not bring the article back', async () => {
    const key = 'articles/deleted-first.txt';
    const created = await stack.put(key, SEED);
    const removed = await stack.remove(key);
    await stack.deliver(removed);
    await stack.deliver(created);
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.status).toBe('deleted');
    expect(stored?.digest).toBeUndefined();
  });
});

describe('failures', () => {
  it.each([
    [
      'a binary',
      'articles/photo.txt',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0, 1, 2, 3]),
      'BINARY',
    ],
    ['an empty', 'articles/empty.txt', new Uint8Array(0), 'EMPTY'],
    ['a too large', 'articles/huge.txt', new Uint8Array(TEST_MAX_ARTICLE_BYTES + 1).fill(0x61), 'TOO_LARGE'],
  ] as const)('%s object is stored as a failed record and acknowledged', async (_label, key, body, code) => {
    const { response } = await stack.deliver(await stack.put(key, body));
    expect(response?.batchItemFailures).toEqual([]);
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.status).toBe('failed');
    expect(stored?.digest?.error?.code).toBe(code);
  });

  it('an object gone before it was read is a NOT_FOUND record', async () => {
    const key = 'articles/never-uploaded.txt';
    const event = s3EventOf(s3EventRecordFor(stack.bucket, key, 10, 'ObjectCreated:Put'));
    await stack.deliver(event);
    expect((await stack.store.getRecord(stack.bucket, key))?.digest?.error?.code).toBe('NOT_FOUND');
  });

  it('one bad message in a batch is reported alone; the good ones and the undigestable one are stored', async () => {
    const good = await stack.put('articles/batch-good-1.txt', SEED);
    const binary = await stack.put('articles/batch-binary.txt', new Uint8Array([0, 1, 2, 3, 0, 0, 0, 0xff]));
    const good2 = await stack.put('articles/batch-good-2.md', ENGLISH);
    const { messages, response } = await stack.deliver(good, binary, 'not json at all', good2);
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: messages[2]?.messageId }]);
    expect((await stack.store.getRecord(stack.bucket, 'articles/batch-good-1.txt'))?.status).toBe('ok');
    expect((await stack.store.getRecord(stack.bucket, 'articles/batch-good-2.md'))?.status).toBe('ok');
    expect(
      (await stack.store.getRecord(stack.bucket, 'articles/batch-binary.txt'))?.digest?.error?.code,
    ).toBe('BINARY');
  });

  it('a message that keeps failing ends in the dead letters after as many receives as the stack allows; the others are handled once', async () => {
    const deliveries: number[] = [];
    const queue = new LocalQueue(
      async (event, context) => {
        deliveries.push(event.Records.length);
        return stack.handler(event, context);
      },
      { retryDelayMs: 0 },
    );
    const good = await stack.put('articles/queued.txt', ARABIC);
    queue.send({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put' }] });
    queue.send(good);
    await queue.idle();
    expect(queue.deadLetters).toHaveLength(1);
    // The first batch holds both messages; the failing one alone comes back until the receives run out.
    expect(deliveries).toEqual([2, ...Array<number>(DEFAULTS.maxReceiveCount - 1).fill(1)]);
    expect((await stack.store.getRecord(stack.bucket, 'articles/queued.txt'))?.status).toBe('ok');
  });

  it('a transient fault (DynamoDB unreachable) is rethrown so the queue retries the message', async () => {
    const unreachable = wrapClient(
      new DynamoDBClient({
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 500 },
      }),
    );
    const handler = stack.makeHandler({
      source: createS3ArticleSource(),
      store: createDynamoDigestStore(stack.tableName, unreachable),
      uploadPrefix: 'articles/',
      maxArticleBytes: TEST_MAX_ARTICLE_BYTES,
    });
    const event = await stack.put('articles/transient.txt', SEED);
    await expect(handler(event, stack.context())).rejects.toThrow();
    await stack.deliver(event);
    expect((await stack.store.getRecord(stack.bucket, 'articles/transient.txt'))?.status).toBe('ok');
  });
});
