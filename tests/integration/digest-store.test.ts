/**
 * The DynamoDB store's query paths (by language, by entity, by key) and its limits, on a real local
 * DynamoDB. Digests come from the real core; entity lists are set by hand so that the index is
 * tested independently of the entity extractor.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePartitionKey,
  entityIndexKey,
  selectEntityKeys,
  wrapClient,
} from '../../lambdas/adapters/dynamo-digest-store.ts';
import { SUMMARY_ATTRIBUTES, TABLE_INDEXES, TABLE_KEYS } from '../../lambdas/adapters/table-design.ts';
import { renderSummaryTable } from '../../lambdas/cli/records-view.ts';
import { digestArticle } from '../../lambdas/core/digest.ts';
import { type ArticleDigest, articleDigestSchema, type Entity } from '../../lambdas/core/schema.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';
import { scanItems } from './support/scan-items.ts';

const ENGLISH = await readFile(new URL('./fixtures/harbour-expansion.md', import.meta.url));
const ARABIC = await readFile(new URL('./fixtures/library-reopening.txt', import.meta.url));

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

/** The entity index items pointing at an article, read straight from the table. */
async function entityItemsOf(bucket: string, key: string): Promise<Record<string, unknown>[]> {
  return scanItems(stack.tableName, 'article = :pk', { ':pk': articlePartitionKey(bucket, key) });
}

/** Attributes of a digest that no index line needs: the body the byLanguage index must not copy. */
const DIGEST_BODY = [
  'entities',
  'keyFacts',
  'dates',
  'numbers',
  'quotes',
  'keywords',
  'brief',
  'summarySpans',
];

function entity(text: string, type: Entity['type'] = 'location'): Entity {
  return { text, normalized: text.toLowerCase(), type, count: 1, mentions: [], aliases: [] };
}

function digestOf(bytes: Uint8Array, fileName: string, entities: Entity[]): ArticleDigest {
  return { ...digestArticle({ bytes, fileName }), entities };
}

let clock = Date.parse('2026-01-01T00:00:00Z');
/** Stores a digest as if uploaded now, with a fresh, larger sequencer. */
async function store(bucket: string, key: string, digest: ArticleDigest, sequencer?: string) {
  clock += 60_000;
  return stack.store.putDigest({
    bucket,
    key,
    uploadedAt: new Date(clock).toISOString(),
    sequencer: sequencer ?? clock.toString(16),
    digest,
  });
}

describe('by language', () => {
  it('lists articles of one language, newest first, up to the limit', async () => {
    await store('lang-bucket', 'articles/en-1.md', digestOf(ENGLISH, 'en-1.md', []));
    await store('lang-bucket', 'articles/ar-1.txt', digestOf(ARABIC, 'ar-1.txt', []));
    await store('lang-bucket', 'articles/en-2.md', digestOf(ENGLISH, 'en-2.md', []));

    const english = await stack.store.listByLanguage('en', 10);
    expect(english.map((row) => row.key)).toEqual(['articles/en-2.md', 'articles/en-1.md']);
    expect(english[0]).toMatchObject({
      language: 'en',
      status: 'ok',
      title: expect.stringContaining('Aldmouth'),
    });
    expect((await stack.store.listByLanguage('EN', 1)).map((row) => row.key)).toEqual(['articles/en-2.md']);
    expect((await stack.store.listByLanguage('ar', 10)).map((row) => row.key)).toEqual(['articles/ar-1.txt']);
  });

  it.each([
    ['Arabic, digested', 'ar', ARABIC, 'cols/ar.txt'],
    ['English, digested', 'en', ENGLISH, 'cols/en.md'],
    ['a failed record', 'und', new Uint8Array(0), 'cols/empty.txt'],
  ] as const)('%s: shows the same columns as the full listing', async (_name, language, bytes, file) => {
    const key = `articles/${file}`;
    await store('cols-bucket', key, digestArticle({ bytes, fileName: file }));
    const byLanguage = (await stack.store.listByLanguage(language, 100)).filter((row) => row.key === key);
    const everything = (await stack.store.listRecent(1000)).filter((row) => row.key === key);
    expect(byLanguage).toHaveLength(1);
    expect(byLanguage).toEqual(everything);
    expect(renderSummaryTable(byLanguage)).toBe(renderSummaryTable(everything));
    if (language === 'und') expect(byLanguage[0]?.errorCode).toBeDefined();
    else expect(byLanguage[0]?.summary.length).toBeGreaterThan(0);
  });

  it('its index holds the list columns and keys only, never the digest body', async () => {
    await store(
      'cols-bucket',
      'articles/cols/body.md',
      digestArticle({ bytes: ENGLISH, fileName: 'body.md' }),
    );
    const index = TABLE_INDEXES.byLanguage;
    const out = await ddb.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#p = :lang',
        ExpressionAttributeNames: { '#p': index.partitionKey },
        ExpressionAttributeValues: { ':lang': 'LANG#en' },
      }),
    );
    const allowed = new Set<string>([
      TABLE_KEYS.partitionKey,
      TABLE_KEYS.sortKey,
      index.partitionKey,
      index.sortKey,
      ...SUMMARY_ATTRIBUTES,
    ]);
    expect(out.Items?.length).toBeGreaterThan(0);
    for (const item of out.Items ?? []) {
      expect(Object.keys(item).filter((name) => !allowed.has(name))).toEqual([]);
      for (const name of DIGEST_BODY) expect(item).not.toHaveProperty(name);
    }
  });
});

describe('by entity', () => {
  it.each([
    ['قطر', 'articles/qatar.txt'],
    ['قَطَر', 'articles/qatar.txt'],
    ['الدوحة', 'articles/qatar.txt'],
    ['الدوحه', 'articles/qatar.txt'],
    ['دوحة', 'articles/qatar.txt'],
    ['الدوحة', 'articles/qatar.txt'],
    ['Aldmouth', 'articles/aldmouth.md'],
    ['ALDMOUTH', 'articles/aldmouth.md'],
  ])('finds the article mentioning %j (spelling variants fold together)', async (query, key) => {
    await store(
      'ent-bucket',
      'articles/qatar.txt',
      digestOf(ARABIC, 'qatar.txt', [entity('قطر'), entity('الدوحة')]),
    );
    await store('ent-bucket', 'articles/aldmouth.md', digestOf(ENGLISH, 'aldmouth.md', [entity('Aldmouth')]));
    const rows = await stack.store.listByEntity(query, 10);
    expect(rows.filter((row) => row.bucket === 'ent-bucket').map((row) => row.key)).toEqual([key]);
  });

  it('forgets entities of a replaced version, and ignores the entity items of a stale write', async () => {
    const key = 'articles/versions.txt';
    await store('ver-bucket', key, digestOf(ARABIC, 'v.txt', [entity('عمان'), entity('الأردن')]));
    await store('ver-bucket', key, digestOf(ARABIC, 'v.txt', [entity('عمان')]));
    const stale = await store('ver-bucket', key, digestOf(ARABIC, 'v.txt', [entity('إربد')]), '1');
    expect(stale).toBe('stale');

    const keysFor = async (name: string) =>
      (await stack.store.listByEntity(name, 10))
        .filter((row) => row.bucket === 'ver-bucket')
        .map((row) => row.key);
    expect(await keysFor('عمان')).toEqual([key]);
    expect(await keysFor('الأردن')).toEqual([]);
    expect(await keysFor('إربد')).toEqual([]);
    // The replaced version's and the stale write's items are deleted, not merely ignored.
    const items = await entityItemsOf('ver-bucket', key);
    expect(items).toHaveLength(1);
    expect(items[0]?.pk).toBe('ENT#عمان');
  });

  it.each<[string, Uint8Array, string, Entity[]]>([
    ['Arabic', ARABIC, 'items.txt', [entity('قطر'), { ...entity('الدوحة'), aliases: ['Doha'] }]],
    ['English', ENGLISH, 'items.md', [entity('Aldmouth'), entity('Harbour Board', 'organization')]],
  ])(
    '%s: one small table item per entity spelling, in the entity partition, with no digest body',
    async (_language, bytes, file, entities) => {
      const key = `articles/${file}`;
      await store('item-bucket', key, digestOf(bytes, file, entities));
      const items = await entityItemsOf('item-bucket', key);
      expect(items.map((item) => item.pk).sort()).toEqual(
        selectEntityKeys(entities)
          .map((indexKey) => `ENT#${indexKey}`)
          .sort(),
      );
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['article', 'pipelineVersion', 'pk', 'seq', 'sk']);
        // No index key: nothing copies these items again.
        for (const index of Object.values(TABLE_INDEXES)) expect(item).not.toHaveProperty(index.partitionKey);
      }
    },
  );

  it('leaves out deleted articles', async () => {
    const key = 'articles/deleted-entity.txt';
    await store('del-bucket', key, digestOf(ARABIC, 'd.txt', [entity('الزرقاء')]));
    expect((await stack.store.listByEntity('الزرقاء', 10)).map((row) => row.key)).toEqual([key]);
    clock += 60_000;
    await stack.store.markDeleted({
      bucket: 'del-bucket',
      key,
      sequencer: clock.toString(16),
      deletedAt: new Date(clock).toISOString(),
    });
    expect(await stack.store.listByEntity('الزرقاء', 10)).toEqual([]);
    expect((await stack.store.listRecent(100)).map((row) => row.key)).not.toContain(key);
    expect(await entityItemsOf('del-bucket', key)).toEqual([]);
  });
});

describe('replacing the digest of a stored version (a new pipelineVersion)', () => {
  const bucket = 'rev-bucket';
  const keysFor = async (name: string) =>
    (await stack.store.listByEntity(name, 10)).filter((row) => row.bucket === bucket).map((row) => row.key);

  it('replaces it once, keeping its sequencer and upload time, and moves the entity index with it', async () => {
    const key = 'articles/revision.txt';
    const older = {
      ...digestOf(ARABIC, 'r.txt', [entity('عمان'), entity('الكرك')]),
      pipelineVersion: '0.9.0',
    };
    await store(bucket, key, older);
    const stored = await stack.store.readStoredVersion(bucket, key);
    expect(stored).toMatchObject({ status: 'ok', pipelineVersion: '0.9.0' });
    const { sequencer, uploadedAt } = stored ?? { sequencer: '', uploadedAt: '' };
    const current = digestOf(ARABIC, 'r.txt', [entity('عمان'), entity('العقبة')]);

    // Another sequencer is another version: the rewrite is refused and its entity items answer nothing.
    const elsewhere = { bucket, key, uploadedAt, sequencer: '1', digest: current };
    expect(await stack.store.replaceDigest(elsewhere)).toBe('stale');
    expect(await keysFor('العقبة')).toEqual([]);
    expect(await keysFor('الكرك')).toEqual([key]);

    const replacement = { bucket, key, uploadedAt, sequencer, digest: current };
    expect(await stack.store.replaceDigest(replacement)).toBe('written');
    const record = await stack.store.getRecord(bucket, key);
    expect(record).toMatchObject({ sequencer, uploadedAt, status: 'ok' });
    expect(record?.digest).toEqual(current);
    expect(await keysFor('العقبة')).toEqual([key]);
    expect(await keysFor('عمان')).toEqual([key]);
    expect(await keysFor('الكرك')).toEqual([]);
    const items = await entityItemsOf(bucket, key);
    expect(items.map((item) => item.pk).sort()).toEqual(
      [entityIndexKey('العقبة'), entityIndexKey('عمان')].sort(),
    );
    expect(new Set(items.map((item) => item.pipelineVersion))).toEqual(new Set([current.pipelineVersion]));

    // Done by this pipelineVersion already (a redelivery, or its twin delivered at once): nothing changes.
    expect(await stack.store.replaceDigest(replacement)).toBe('stale');
    expect(await stack.store.getRecord(bucket, key)).toEqual(record);
    expect(await keysFor('العقبة')).toEqual([key]);
  });

  it('never replaces a deleted article', async () => {
    const key = 'articles/revision-deleted.txt';
    await store(bucket, key, {
      ...digestOf(ENGLISH, 'd.md', [entity('Aldmouth')]),
      pipelineVersion: '0.9.0',
    });
    clock += 60_000;
    const deletion = { bucket, key, sequencer: clock.toString(16), deletedAt: new Date(clock).toISOString() };
    await stack.store.markDeleted(deletion);
    const deleted = await stack.store.getRecord(bucket, key);
    const current = digestOf(ENGLISH, 'd.md', [entity('Aldmouth')]);
    const attempt = {
      bucket,
      key,
      uploadedAt: deletion.deletedAt,
      sequencer: deletion.sequencer,
      digest: current,
    };
    expect(await stack.store.replaceDigest(attempt)).toBe('stale');
    expect(await stack.store.getRecord(bucket, key)).toEqual(deleted);
    expect(await keysFor('Aldmouth')).toEqual([]);
  });
});

describe('by key', () => {
  it('finds the record of a key in every bucket that has it', async () => {
    await store('bucket-a', 'articles/shared-name.md', digestOf(ENGLISH, 'shared-name.md', []));
    await store('bucket-b', 'articles/shared-name.md', digestOf(ARABIC, 'shared-name.md', []));
    const records = await stack.store.findRecordsByKey('articles/shared-name.md');
    expect(records.map((record) => [record.bucket, record.digest?.language]).sort()).toEqual([
      ['bucket-a', 'en'],
      ['bucket-b', 'ar'],
    ]);
    expect(await stack.store.findRecordsByKey('articles/no-such-key.md')).toEqual([]);
  });
});

describe('item size', () => {
  it('shortens the lists of a digest too big for one item, and says so', async () => {
    const base = digestArticle({ bytes: ENGLISH, fileName: 'big.md' });
    const sentence = 'The terminal will add four berths and raise capacity by 40 percent. '.repeat(3);
    const huge: ArticleDigest = {
      ...base,
      numbers: Array.from({ length: 6000 }, (_, i) => ({
        text: `${i} ${sentence}`,
        start: i,
        end: i + 1,
        value: i,
        approximate: false,
        kind: 'count' as const,
      })),
      entities: Array.from({ length: 300 }, (_, i) => ({ ...entity(`Place ${i}`), count: 2 })),
    };
    expect(await store('big-bucket', 'articles/big.md', huge)).toBe('written');
    const record = await stack.store.getRecord('big-bucket', 'articles/big.md');
    expect(record?.truncated).toBe(true);
    expect(articleDigestSchema().safeParse(record?.digest).success).toBe(true);
    expect(record?.digest?.numbers.length).toBeLessThan(6000);
    expect(record?.digest?.summary).toEqual(base.summary);
  });

  it('stores an ordinary digest unchanged', async () => {
    const digest = digestArticle({ bytes: ARABIC, fileName: 'small.txt' });
    await store('big-bucket', 'articles/small.txt', digest);
    const record = await stack.store.getRecord('big-bucket', 'articles/small.txt');
    expect(record?.truncated).toBe(false);
    expect(record?.digest).toEqual(digest);
  });
});
