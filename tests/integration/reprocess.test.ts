/**
 * Reprocessing after a pipelineVersion upgrade, on real local S3 and DynamoDB with the real handler: a
 * record made by an older pipelineVersion is simulated by rewriting the stored items as that version
 * would have left them, then a backfill event (sequencer 0, the object's ETag and upload time) is
 * delivered the production way. The stored version is digested again and keeps its sequencer and
 * upload time; a redelivery changes nothing; a newer upload always wins, even one racing the rewrite.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePartitionKey,
  entityIndexKey,
  entityItemSortKey,
  wrapClient,
} from '../../lambdas/adapters/dynamo-digest-store.ts';
import { createS3ArticleSource } from '../../lambdas/adapters/s3-article-source.ts';
import { BACKFILL_SEQUENCER, backfillRecordFor } from '../../lambdas/backfill.ts';
import { PIPELINE_VERSION } from '../../lambdas/core/schema.ts';
import { s3EventOf, sqsMessageFor } from '../../lambdas/local/s3-events.ts';
import type { DigestStore } from '../../lambdas/ports.ts';
import { type LocalStack, startLocalStack, TEST_MAX_ARTICLE_BYTES } from './support/local-stack.ts';
import { scanItems } from './support/scan-items.ts';

/** The version the simulated old records claim; anything but the current one. */
const OLD_VERSION = '0.9.0';
/** A backfill's event time: far from the upload, so a digest dated from it would show. */
const BACKFILL_TIME = new Date('2030-06-15T12:00:00.000Z');

let stack: LocalStack;
let ddb: ReturnType<typeof wrapClient>;
beforeAll(async () => {
  stack = await startLocalStack();
  ddb = wrapClient(new DynamoDBClient({}));
});
afterAll(async () => {
  ddb?.destroy();
  await stack?.stop();
});

/** Articles with a relative date ("yesterday") whose resolution depends on the reference date. */
const ARTICLES = [
  [
    'Arabic',
    'articles/reprocess/مكتبة.txt',
    'افتتح وزير الثقافة أمس المكتبة الوطنية في الدوحة بعد ترميمها. وقال الوزير إن المكتبة ستستقبل الزوار طوال الأسبوع.',
    'أمس',
    'الدوحة',
  ],
  [
    'English',
    'articles/reprocess/library reopening.md',
    '# Library reopens\n\nThe culture minister reopened the national library in Doha yesterday after a two-year restoration. The minister said it would welcome visitors all week.',
    'yesterday',
    'Doha',
  ],
] as const;

function dayBefore(iso: string): string {
  return new Date(Date.parse(iso) - 86_400_000).toISOString().slice(0, 10);
}

/** The ObjectCreated event `precis backfill` sends for the object as it is in the bucket now. */
function backfillEventFor(upload: S3Event, lastModified = BACKFILL_TIME): S3Event {
  const object = upload.Records[0]?.s3.object;
  if (!object) throw new Error('upload event without an object');
  const key = decodeURIComponent(object.key.replace(/\+/g, ' '));
  return s3EventOf(
    backfillRecordFor(stack.bucket, { key, size: object.size, etag: object.eTag, lastModified }, 'us-east-1'),
  );
}

/**
 * Rewrites a stored record as an older pipelineVersion would have left it: its version, a different
 * title and summary, and its entity index items under that version, plus one for an entity the older
 * version found and the current one does not.
 */
async function ageRecord(key: string, formerEntity: string): Promise<void> {
  const pk = articlePartitionKey(stack.bucket, key);
  const TableName = stack.tableName;
  const stored = await ddb.send(new GetCommand({ TableName, Key: { pk, sk: 'DIGEST' } }));
  const { seq, uploadedAt, pipelineVersion, entityKeys } = stored.Item as {
    seq: string;
    uploadedAt: string;
    pipelineVersion: string;
    entityKeys: string[];
  };
  const agedKeys = [...entityKeys, entityIndexKey(formerEntity).slice('ENT#'.length)];
  await ddb.send(
    new UpdateCommand({
      TableName,
      Key: { pk, sk: 'DIGEST' },
      UpdateExpression: 'SET pipelineVersion = :old, title = :title, summary = :summary, entityKeys = :keys',
      ExpressionAttributeValues: {
        ':old': OLD_VERSION,
        ':title': 'Old title',
        ':summary': ['Old summary.'],
        ':keys': agedKeys,
      },
    }),
  );
  const currentSk = entityItemSortKey(uploadedAt, stack.bucket, key, { seq, pipelineVersion });
  const agedSk = entityItemSortKey(uploadedAt, stack.bucket, key, { seq, pipelineVersion: OLD_VERSION });
  for (const indexKey of entityKeys)
    await ddb.send(new DeleteCommand({ TableName, Key: { pk: `ENT#${indexKey}`, sk: currentSk } }));
  for (const indexKey of agedKeys) {
    await ddb.send(
      new PutCommand({
        TableName,
        Item: { pk: `ENT#${indexKey}`, sk: agedSk, article: pk, seq, pipelineVersion: OLD_VERSION },
      }),
    );
  }
}

/** The pipelineVersion of every entity index item pointing at this article. */
async function entityItemVersionsOf(key: string): Promise<string[]> {
  const items = await scanItems(stack.tableName, 'article = :pk', {
    ':pk': articlePartitionKey(stack.bucket, key),
  });
  return items.map((item) => String(item.pipelineVersion));
}

async function keysMentioning(entity: string): Promise<string[]> {
  return (await stack.store.listByEntity(entity, 100)).map((row) => row.key);
}

describe('a backfill after a pipelineVersion upgrade', () => {
  it.each(ARTICLES)(
    '%s: digests the stored version again, dated from its upload, keeping its sequencer; a redelivery changes nothing',
    async (_language, key, text, yesterday, place) => {
      const upload = await stack.put(key, text);
      await stack.deliver(upload);
      const original = await stack.store.getRecord(stack.bucket, key);
      expect(original?.digest?.pipelineVersion).toBe(PIPELINE_VERSION);
      await ageRecord(key, 'Atlantis');
      expect((await stack.store.getRecord(stack.bucket, key))?.digest?.pipelineVersion).toBe(OLD_VERSION);
      expect(await keysMentioning('Atlantis')).toContain(key);

      const backfill = backfillEventFor(upload);
      expect(backfill.Records[0]?.s3.object.sequencer).toBe(BACKFILL_SEQUENCER);
      const { response } = await stack.deliver(backfill);
      expect(response?.batchItemFailures).toEqual([]);

      const reprocessed = await stack.store.getRecord(stack.bucket, key);
      expect(reprocessed).toEqual(original);
      expect(reprocessed?.sequencer).toBe(upload.Records[0]?.s3.object.sequencer);
      expect(reprocessed?.uploadedAt).toBe(upload.Records[0]?.eventTime);
      const relative = reprocessed?.digest?.dates.find((date) => date.text === yesterday);
      expect(relative?.startDate).toBe(dayBefore(reprocessed?.uploadedAt ?? ''));
      // The older version's entity items are gone; the current ones answer.
      expect(await keysMentioning('Atlantis')).not.toContain(key);
      expect(await keysMentioning(place)).toContain(key);
      const versions = await entityItemVersionsOf(key);
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions)).toEqual(new Set([PIPELINE_VERSION]));

      await stack.deliver(backfill, backfill);
      expect(await stack.store.getRecord(stack.bucket, key)).toEqual(reprocessed);
      expect(await keysMentioning(place)).toContain(key);
    },
  );

  it('a newer upload delivered in between stays; the backfill event then changes nothing', async () => {
    const key = 'articles/reprocess/newer-first.txt';
    const first = await stack.put(key, ARTICLES[1][2]);
    await stack.deliver(first);
    await ageRecord(key, 'Atlantis');
    const newer = await stack.put(key, ARTICLES[0][2]);
    await stack.deliver(newer);
    const current = await stack.store.getRecord(stack.bucket, key);
    expect(current).toMatchObject({ sequencer: newer.Records[0]?.s3.object.sequencer });
    expect(current?.digest).toMatchObject({ language: 'ar', pipelineVersion: PIPELINE_VERSION });

    await stack.deliver(backfillEventFor(first), backfillEventFor(newer));
    expect(await stack.store.getRecord(stack.bucket, key)).toEqual(current);
    expect(await keysMentioning('Atlantis')).not.toContain(key);
  });

  it('an object replaced since the stored version was digested is left to its own event', async () => {
    const key = 'articles/reprocess/replaced-meanwhile.md';
    const first = await stack.put(key, ARTICLES[1][2]);
    await stack.deliver(first);
    await ageRecord(key, 'Atlantis');
    const aged = await stack.store.getRecord(stack.bucket, key);
    // The backfill lists the new object, whose own event has not been handled yet.
    const newer = await stack.put(key, ARTICLES[0][2]);
    await stack.deliver(backfillEventFor(newer));
    expect(await stack.store.getRecord(stack.bucket, key)).toEqual(aged);

    await stack.deliver(newer);
    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.sequencer).toBe(newer.Records[0]?.s3.object.sequencer);
    expect(stored?.digest).toMatchObject({ language: 'ar', pipelineVersion: PIPELINE_VERSION });
  });

  it('a newer upload that lands while the old version is being digested again wins', async () => {
    const key = 'articles/reprocess/racing.md';
    const first = await stack.put(key, ARTICLES[1][2]);
    await stack.deliver(first);
    await ageRecord(key, 'Atlantis');
    let newer: S3Event | undefined;
    // The newer upload and its delivery happen after the backfill read and digested the old object,
    // right before its conditional write.
    const racingStore: DigestStore = {
      ...stack.store,
      async replaceDigest(record) {
        newer = await stack.put(key, ARTICLES[0][2]);
        await stack.deliver(newer);
        return stack.store.replaceDigest(record);
      },
    };
    const handler = stack.makeHandler({
      source: createS3ArticleSource(),
      store: racingStore,
      uploadPrefix: 'articles/',
      maxArticleBytes: TEST_MAX_ARTICLE_BYTES,
    });
    const response = await handler({ Records: [sqsMessageFor(backfillEventFor(first))] }, stack.context());
    expect(response?.batchItemFailures).toEqual([]);

    const stored = await stack.store.getRecord(stack.bucket, key);
    expect(stored?.sequencer).toBe(newer?.Records[0]?.s3.object.sequencer);
    expect(stored?.digest).toMatchObject({ language: 'ar', pipelineVersion: PIPELINE_VERSION });
    // The English version's entity items, written by the losing rewrite, answer for nothing.
    expect(await keysMentioning('Doha')).not.toContain(key);
    expect(await keysMentioning('الدوحة')).toContain(key);
  });

  it('a deleted article is not brought back', async () => {
    const key = 'articles/reprocess/deleted.txt';
    const upload = await stack.put(key, ARTICLES[0][2]);
    await stack.deliver(upload);
    await ageRecord(key, 'Atlantis');
    await stack.deliver(await stack.remove(key));
    const deleted = await stack.store.getRecord(stack.bucket, key);
    expect(deleted?.status).toBe('deleted');
    // Uploaded again under the same content (same ETag) but its event not delivered yet.
    await stack.put(key, ARTICLES[0][2]);
    await stack.deliver(backfillEventFor(upload));
    expect(await stack.store.getRecord(stack.bucket, key)).toEqual(deleted);
  });
});
