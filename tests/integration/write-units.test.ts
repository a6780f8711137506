/**
 * The DynamoDB cost of an article, measured from the service: the real store writes the seed and
 * 100 KB articles (Arabic and English) into DynamoDB Local, which reports the units it consumed per
 * table and index (`ReturnConsumedCapacity: INDEXES`); bench/cost.ts must compute exactly those.
 * Always DynamoDB Local, whatever PRECIS_DYNAMODB says: dynalite counts item sizes its own way and
 * reports no index units.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsumedCapacity, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArticle, buildPool, readFixtureTexts } from '../../bench/corpus.ts';
import { countWriteUnits, itemBytes, READ_UNITS_NEW_ARTICLE } from '../../bench/cost.ts';
import {
  buildDigestItems,
  createDynamoDigestStore,
  type DynamoDigestStore,
  type Item,
  wrapClient,
} from '../../lambdas/adapters/dynamo-digest-store.ts';
import { createTableInput, DEFAULTS, TABLE_INDEXES } from '../../lambdas/adapters/table-design.ts';
import { digestArticle } from '../../lambdas/core/digest.ts';
import { type LocalServers, startLocalServers } from '../../lambdas/local/servers.ts';
import type { DigestRecord } from '../../lambdas/ports.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = await readFile(join(ROOT, 'seeds/000_1ec30d0ad7525b12.txt'));
const POOL = buildPool(readFixtureTexts(ROOT));
const encode = (text: string) => new TextEncoder().encode(text);

/** Units one request consumed, summed per table and per index. */
interface Consumed {
  table: number;
  indexes: Record<string, number>;
}

let servers: LocalServers;
let dataDir: string;
let client: DynamoDBClient;
let store: DynamoDigestStore;
/** What the requests since the last `take()` consumed. */
let consumed: Consumed = { table: 0, indexes: {} };

function take(): Consumed {
  const out = consumed;
  consumed = { table: 0, indexes: {} };
  return out;
}

function record(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  for (const entry of [capacity ?? []].flat()) {
    consumed.table += entry.Table?.CapacityUnits ?? 0;
    for (const [name, index] of Object.entries(entry.GlobalSecondaryIndexes ?? {}))
      consumed.indexes[name] = (consumed.indexes[name] ?? 0) + (index.CapacityUnits ?? 0);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'precis-wru-'));
  servers = await startLocalServers({ dataDir, dynamodb: 'dynamodb-local', persist: false, s3: false });
  client = new DynamoDBClient({
    endpoint: servers.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Every request the store makes asks for its consumed capacity, per index.
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      record(
        (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity,
      );
      return result;
    },
    { step: 'initialize', name: 'recordConsumedCapacity' },
  );
  await client.send(new CreateTableCommand(createTableInput(DEFAULTS.tableName)));
  store = createDynamoDigestStore(DEFAULTS.tableName, wrapClient(client));
});
afterAll(async () => {
  client?.destroy();
  await servers?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ARTICLES: Array<[string, Uint8Array, string]> = [
  ['the seed (Arabic news)', SEED, 'seed.txt'],
  ['a 100 KB Arabic article', encode(buildArticle(POOL.ar, 100_000, 7)), 'long-ar.txt'],
  ['a 100 KB English article', encode(buildArticle(POOL.en, 100_000, 7)), 'long-en.txt'],
];

let sequencer = 0x1000;
function recordOf(bytes: Uint8Array, fileName: string): DigestRecord {
  sequencer += 1;
  return {
    bucket: DEFAULTS.bucketName,
    key: `${DEFAULTS.uploadPrefix}wru/${fileName}`,
    uploadedAt: new Date(Date.UTC(2026, 0, 15, 12, 0, sequencer % 60)).toISOString(),
    sequencer: sequencer.toString(16).toUpperCase(),
    digest: digestArticle({ bytes, fileName }, { referenceDate: '2026-01-15T12:00:00Z' }),
  };
}

describe('write units of a new article', () => {
  it.each(ARTICLES)(
    '%s: bench/cost.ts computes exactly what DynamoDB Local consumed',
    async (_name, bytes, file) => {
      const article = recordOf(bytes, file);
      take();
      expect(await store.readStoredVersion(article.bucket, article.key)).toBeUndefined();
      const reads = take();
      expect(await store.putDigest(article)).toBe('written');
      const writes = take();

      const computed = countWriteUnits(article);
      expect(reads.table).toBe(READ_UNITS_NEW_ARTICLE);
      expect(writes.table).toBe(computed.article + computed.entityItems);
      expect(writes.indexes).toEqual(computed.indexes);
      expect(writes.table + Object.values(writes.indexes).reduce((a, b) => a + b, 0)).toBe(computed.total);
      // The list index copies the list columns, never the digest body: a few units whatever the article's size.
      expect(computed.indexes[TABLE_INDEXES.byLanguage.name]).toBeLessThanOrEqual(2);
      expect(computed.indexes[TABLE_INDEXES.byKey.name]).toBe(1);
      // One unit per entity index item: nothing copies them into an index.
      expect(computed.entityItems).toBe(computed.entityItemCount);
      expect(computed.entityItemCount).toBeGreaterThan(0);
    },
  );
});

describe('item size, to the byte', () => {
  let padded = 0;
  /** Units DynamoDB Local charges for putting `item` padded to exactly `bytes` by the computed size. */
  async function unitsAt(item: Item, bytes: number): Promise<number> {
    padded += 1;
    const base = { ...item, pk: `SIZE#${padded.toString().padStart(6, '0')}`, sk: 'S', pad: '' };
    const room = bytes - itemBytes(base);
    if (room < 0) throw new Error(`item is already ${itemBytes(base)} bytes`);
    take();
    await wrapClient(client).send(
      new PutCommand({ TableName: DEFAULTS.tableName, Item: { ...base, pad: 'x'.repeat(room) } }),
    );
    return take().table;
  }

  const seedItems = buildDigestItems(recordOf(SEED, 'seed.txt'));
  const { pk: _pk, sk: _sk, ...seedArticle } = seedItems.article;
  // Index keys left out, so only the table is written.
  for (const name of ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk']) delete seedArticle[name];
  const VALUES: Array<[string, Item]> = [
    ['integers', { v: [0, 1, 12, 123, 1234, 12345, 100, 1_000_000, 99_999_999_999, -7] }],
    [
      'fractions and exponents',
      { v: [0.5, 1.5, 3.25, 10.5, 0.05, 123.4, 1e-7, 12.34, 1.234, 0.8234567891234] },
    ],
    [
      'Arabic and English strings, empty and emoji',
      { ar: 'قطر والدوحة', en: 'Qatar', empty: '', emoji: '📰' },
    ],
    ['booleans, null, empty list and map', { t: true, f: false, n: null, l: [], m: {} }],
    ['nested lists and maps', { v: [{ a: 'b', c: [1, { d: null }] }, ['x', ['y']]] }],
    ['the seed article item (the whole digest)', seedArticle],
    ['an entity index item of the seed', seedItems.entityItems[0] as Item],
  ];

  it.each(VALUES)('%s: one unit at 1,024 bytes by our count, two at 1,025', async (_name, item) => {
    const kb = Math.max(
      1,
      Math.ceil((itemBytes({ ...item, pk: 'SIZE#000000', sk: 'S', pad: '' }) + 1) / 1024),
    );
    expect(await unitsAt(item, kb * 1024)).toBe(kb);
    expect(await unitsAt(item, kb * 1024 + 1)).toBe(kb + 1);
  });
});
