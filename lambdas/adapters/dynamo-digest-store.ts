/**
 * DigestStore over DynamoDB. One item per article (pk = bucket + key, sk = DIGEST) holding the digest,
 * plus one small entity index item per entity spelling, in the entity's own partition (pk = `ENT#` +
 * its matching key), so `list --entity` is a Query of the table: no index copies them, and each costs
 * one write unit instead of two. Every article write is a conditional put that only replaces an older
 * S3 sequencer, so redelivered and out-of-order events change nothing. Entity items carry the revision
 * (sequencer + pipelineVersion) of the digest that wrote them, and readers ignore any that no longer
 * match the article item: a digest remade by a new pipelineVersion keeps its sequencer, so the
 * sequencer alone cannot tell its entity items from the old ones. The article item lists the keys its
 * entity items were written under (`entityKeys`), so whoever replaces it knows which to delete.
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { phraseKey } from '../core/gazetteer.ts';
import { type ArticleDigest, type Entity, type ErrorCode, parseDigest } from '../core/schema.ts';
import { toSortableSequencer } from '../events.ts';
import type { DigestRecord, DigestStore, StoredVersion, WriteOutcome } from '../ports.ts';
import { fitDigestToItem } from './fit-item.ts';
import { SUMMARY_ATTRIBUTES, TABLE_INDEXES } from './table-design.ts';

/** Sort key of the article item. */
const DIGEST_SK = 'DIGEST';
/** Partition key prefix of entity index items; article partitions start with `ART#`. */
const ENTITY_PK_PREFIX = 'ENT#';
/** Entity index items per article (one per distinct spelling): bounds a pathological entity list. */
const MAX_ENTITY_ITEMS = 200;
/** Longer "entity names" are extraction noise; this also keeps keys far below DynamoDB's key-size limits. */
const MAX_ENTITY_KEY_CHARS = 200;
/** UTF-8 bytes of entity keys the article item may list: far above real articles, far below the 400 KB item. */
const MAX_ENTITY_KEYS_BYTES = 20_000;
/** BatchWriteItem accepts at most 25 requests. */
const BATCH_WRITE_SIZE = 25;
/** BatchGetItem accepts at most 100 keys. */
const BATCH_GET_SIZE = 100;
/** Attempts at unprocessed batch items before the fault is treated as transient and rethrown. */
const BATCH_ATTEMPTS = 8;

/** Record lifecycle: the digest's own outcome, or `deleted` once the object is removed. */
export type RecordStatus = 'ok' | 'failed' | 'deleted';

/** An article's record as read back from the table. */
export interface StoredRecord {
  bucket: string;
  key: string;
  uploadedAt: string;
  sequencer: string;
  status: RecordStatus;
  deletedAt?: string;
  /** True when lists were shortened to fit the 400 KB item limit. */
  truncated: boolean;
  /** Absent only for an object deleted before any version was digested. */
  digest?: ArticleDigest;
}

/** One line of `precis list`. */
export interface RecordSummary {
  bucket: string;
  key: string;
  uploadedAt: string;
  status: RecordStatus;
  language: string;
  title: string;
  summary: string[];
  errorCode?: ErrorCode;
}

/** The store plus the read paths the CLI needs. */
export interface DynamoDigestStore extends DigestStore {
  getRecord(bucket: string, key: string): Promise<StoredRecord | undefined>;
  /** Records of this S3 key in any bucket (byKey index). */
  findRecordsByKey(key: string): Promise<StoredRecord[]>;
  /** Most recent first; deleted records are left out. */
  listRecent(limit: number): Promise<RecordSummary[]>;
  listByLanguage(language: string, limit: number): Promise<RecordSummary[]>;
  /** Articles mentioning an entity, matched after Arabic/Latin normalisation. */
  listByEntity(entity: string, limit: number): Promise<RecordSummary[]>;
}

/** A DynamoDB item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

let defaultClient: DynamoDBDocumentClient | undefined;

/** One client per process, created on first use so the endpoint comes from the environment of that moment. */
function getDefaultClient(): DynamoDBDocumentClient {
  defaultClient ??= wrapClient(new DynamoDBClient({}));
  return defaultClient;
}

/** Wraps a low-level client the way this adapter needs (optional fields dropped, not stored as NULL). */
export function wrapClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Partition key of an article: bucket names cannot contain `#`, so bucket + key is unambiguous. */
export function articlePartitionKey(bucket: string, key: string): string {
  return `ART#${bucket}#${key}`;
}

/**
 * Sort key of an article in the byLanguage index and in entity partitions: newest first by upload
 * time, then a fixed-length digest of bucket + key. The digest, not the key itself, because a sort key
 * is capped at 1,024 bytes and an S3 key alone may be that long; the items lead readers to the article.
 */
export function articleIndexSortKey(uploadedAt: string, bucket: string, key: string): string {
  return `${uploadedAt}#${createHash('sha256').update(`${bucket}/${key}`).digest('hex')}`;
}

/**
 * The partition key of an entity's index items: the core's matching key (Arabic spelling variants
 * folded, the article ال dropped), so "الدوحة", "الدوحه" and "دوحة" meet. Writes and queries use the same one.
 */
export function entityIndexKey(name: string): string {
  return `${ENTITY_PK_PREFIX}${phraseKey(name)}`;
}

/**
 * Sort key of an entity index item: the article's index sort key (newest first), then the revision
 * that wrote it, so a rewrite of the same version never overwrites the items its predecessor still owns.
 */
export function entityItemSortKey(
  uploadedAt: string,
  bucket: string,
  key: string,
  revision: { seq: string; pipelineVersion: string | undefined },
): string {
  return `${articleIndexSortKey(uploadedAt, bucket, key)}#${revision.seq}#${revision.pipelineVersion ?? ''}`;
}

/**
 * The matching keys (without `ENT#`) a digest's entities are indexed under, in entity order: each
 * entity's text, normalised form and aliases, deduplicated and bounded.
 */
export function selectEntityKeys(entities: readonly Entity[]): string[] {
  const keys = new Set<string>();
  let bytes = 0;
  for (const entity of entities) {
    for (const name of [entity.text, entity.normalized, ...entity.aliases]) {
      const indexKey = phraseKey(name);
      if (indexKey === '' || keys.has(indexKey)) continue;
      if (ENTITY_PK_PREFIX.length + indexKey.length > MAX_ENTITY_KEY_CHARS) continue;
      const size = Buffer.byteLength(indexKey, 'utf8');
      if (keys.size === MAX_ENTITY_ITEMS || bytes + size > MAX_ENTITY_KEYS_BYTES) return [...keys];
      keys.add(indexKey);
      bytes += size;
    }
  }
  return [...keys];
}

/** The digest an item belongs to: entity items are trusted only while it equals the article item's. */
interface Revision {
  seq: string;
  pipelineVersion: string | undefined;
}

function revisionOf(item: Item): Revision {
  return {
    seq: String(item.seq),
    pipelineVersion: typeof item.pipelineVersion === 'string' ? item.pipelineVersion : undefined,
  };
}

function isSameRevision(a: Revision, b: Revision): boolean {
  return a.seq === b.seq && a.pipelineVersion === b.pipelineVersion;
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A ProjectionExpression of plain attribute names, each behind a placeholder (several are reserved words). */
function projectionOf(names: readonly string[]) {
  return {
    ProjectionExpression: names.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
  };
}

/** What a list line needs: exactly the attributes byLanguage projects. */
const LIST_PROJECTION = projectionOf(SUMMARY_ATTRIBUTES);
/** A list line plus what tells whether an entity item still belongs to the stored digest. */
const SUMMARY_PROJECTION = projectionOf([...SUMMARY_ATTRIBUTES, 'pk', 'seq', 'pipelineVersion']);

/** Keys of the entity index items an article item (or its replaced former self) owns. */
function ownedEntityItemKeys(article: Item): Item[] {
  if (!Array.isArray(article.entityKeys) || article.entityKeys.length === 0) return [];
  const sk = entityItemSortKey(
    String(article.uploadedAt ?? ''),
    String(article.bucket),
    String(article.key),
    revisionOf(article),
  );
  return article.entityKeys.map((indexKey) => ({ pk: `${ENTITY_PK_PREFIX}${String(indexKey)}`, sk }));
}

function toSummary(item: Item): RecordSummary {
  const summary: RecordSummary = {
    bucket: String(item.bucket),
    key: String(item.key),
    uploadedAt: String(item.uploadedAt ?? ''),
    status: item.status as RecordStatus,
    language: String(item.language ?? 'und'),
    title: String(item.title ?? ''),
    summary: Array.isArray(item.summary) ? item.summary.map(String) : [],
  };
  const code = (item.error as { code?: ErrorCode } | undefined)?.code;
  if (code !== undefined) summary.errorCode = code;
  return summary;
}

function toStoredRecord(item: Item): StoredRecord {
  const record: StoredRecord = {
    bucket: String(item.bucket),
    key: String(item.key),
    uploadedAt: String(item.uploadedAt ?? ''),
    sequencer: String(item.sequencer),
    status: item.status as RecordStatus,
    truncated: item.truncated === true,
  };
  if (typeof item.deletedAt === 'string') record.deletedAt = item.deletedAt;
  if (item.pipelineVersion !== undefined) {
    // A deleted record keeps its digest; the digest's own outcome is whether it carries an error.
    const status = item.error === undefined ? 'ok' : 'failed';
    record.digest = parseDigest({ ...item, status });
  }
  return record;
}

/**
 * The items one digest write puts: its entity index items (written first) and the article item (the
 * commit). Pure, so bench/cost.ts prices exactly what the store writes.
 */
export function buildDigestItems({ bucket, key, uploadedAt, sequencer, digest }: DigestRecord): {
  article: Item;
  entityItems: Item[];
} {
  const pk = articlePartitionKey(bucket, key);
  const seq = toSortableSequencer(sequencer);
  const { digest: fitted, truncated } = fitDigestToItem(digest);
  const entityKeys = selectEntityKeys(digest.entities);
  const entityItemSk = entityItemSortKey(uploadedAt, bucket, key, {
    seq,
    pipelineVersion: digest.pipelineVersion,
  });
  const indexSortKey = articleIndexSortKey(uploadedAt, bucket, key);
  return {
    article: {
      ...fitted,
      pk,
      sk: DIGEST_SK,
      bucket,
      key,
      uploadedAt,
      sequencer,
      seq,
      status: fitted.status,
      truncated,
      entityKeys,
      [TABLE_INDEXES.byLanguage.partitionKey]: `LANG#${fitted.language}`,
      [TABLE_INDEXES.byLanguage.sortKey]: indexSortKey,
      [TABLE_INDEXES.byKey.partitionKey]: key,
      [TABLE_INDEXES.byKey.sortKey]: bucket,
    },
    entityItems: entityKeys.map((indexKey) => ({
      pk: `${ENTITY_PK_PREFIX}${indexKey}`,
      sk: entityItemSk,
      article: pk,
      seq,
      pipelineVersion: digest.pipelineVersion,
    })),
  };
}

/** Creates the DynamoDB digest store for `tableName`; the CLI may pass a client for another region. */
export function createDynamoDigestStore(
  tableName: string,
  client: DynamoDBDocumentClient = getDefaultClient(),
): DynamoDigestStore {
  async function batchWrite(requests: Item[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_WRITE_SIZE) {
      let pending = requests.slice(i, i + BATCH_WRITE_SIZE);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === BATCH_ATTEMPTS) {
          throw new Error(
            `BatchWriteItem left ${pending.length} items unprocessed after ${BATCH_ATTEMPTS} attempts`,
          );
        }
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as Item[];
      }
    }
  }

  async function batchGet(keys: Item[], projection: typeof SUMMARY_PROJECTION): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_SIZE) {
      let pending = keys.slice(i, i + BATCH_GET_SIZE);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === BATCH_ATTEMPTS) throw new Error('BatchGetItem left keys unprocessed');
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        const out = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ...projection } } }),
        );
        items.push(...((out.Responses?.[tableName] ?? []) as Item[]));
        pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
      }
    }
    return items;
  }

  async function deleteItems(keys: Item[]): Promise<void> {
    await batchWrite(keys.map((Key) => ({ DeleteRequest: { Key } })));
  }

  async function queryPages(
    input: QueryCommandInput,
    limit: number,
    accept: (items: Item[]) => Promise<Item[]>,
  ) {
    const results: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      results.push(...(await accept((out.Items ?? []) as Item[])));
      startKey = out.LastEvaluatedKey as Item | undefined;
    } while (startKey && results.length < limit);
    return results.slice(0, limit);
  }

  async function readRevision(pk: string): Promise<Revision | undefined> {
    const out = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk, sk: DIGEST_SK },
        ProjectionExpression: 'seq, pipelineVersion',
        ConsistentRead: true,
      }),
    );
    return out.Item ? revisionOf(out.Item) : undefined;
  }

  /**
   * Writes a digest's entity items, then its article item under `condition` (the commit), then removes
   * the entity items of the digest it replaced. Readers trust only entity items of the committed
   * revision, so a crash at any point leaves nothing visible wrong; the retry rewrites the same items
   * and commits them. Only a crashed write that is never retried to its commit (overtaken by a newer
   * version first) leaves its entity items behind: unseen by readers, found by no cleanup.
   */
  async function writeDigest(
    record: DigestRecord,
    condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames'> & {
      ExpressionAttributeValues: Item;
    },
  ): Promise<WriteOutcome> {
    const { article: item, entityItems } = buildDigestItems(record);
    const pk = String(item.pk);
    const revision = revisionOf(item);
    const ownKeys = entityItems.map(({ pk, sk }) => ({ pk, sk }));
    await batchWrite(entityItems.map((Item) => ({ PutRequest: { Item } })));
    let replaced: Item | undefined;
    try {
      // The replaced item comes back with the write at no read cost: it names the entity items to delete.
      const out = await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ...condition,
          ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':seq': revision.seq },
          ReturnValues: 'ALL_OLD',
        }),
      );
      replaced = out.Attributes as Item | undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another digest is stored: the entity items just written are garbage, unless the stored one is
      // this very revision (the same event, delivered twice at once), which owns the very same items.
      const stored = await readRevision(pk);
      if (stored === undefined || !isSameRevision(stored, revision)) await deleteItems(ownKeys);
      return 'stale';
    }
    if (replaced !== undefined && !isSameRevision(revisionOf(replaced), revision))
      await deleteItems(ownedEntityItemKeys(replaced));
    return 'written';
  }

  return {
    async readStoredVersion(bucket, key): Promise<StoredVersion | undefined> {
      const out = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: articlePartitionKey(bucket, key), sk: DIGEST_SK },
          ProjectionExpression: 'sequencer, #s, uploadedAt, pipelineVersion, #src.etag',
          ExpressionAttributeNames: { '#s': 'status', '#src': 'source' },
          ConsistentRead: true,
        }),
      );
      if (!out.Item) return undefined;
      const stored: StoredVersion = {
        sequencer: String(out.Item.sequencer),
        status: out.Item.status as RecordStatus,
        uploadedAt: String(out.Item.uploadedAt ?? ''),
      };
      if (typeof out.Item.pipelineVersion === 'string') stored.pipelineVersion = out.Item.pipelineVersion;
      const etag = (out.Item.source as { etag?: unknown } | undefined)?.etag;
      if (typeof etag === 'string') stored.etag = etag;
      return stored;
    },

    putDigest(record) {
      return writeDigest(record, {
        ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
        ExpressionAttributeValues: {},
      });
    },

    replaceDigest(record) {
      // Same version, still made by another pipelineVersion, not deleted meanwhile: a newer upload, a
      // deletion or a twin delivery that got there first all make this write stale.
      return writeDigest(record, {
        ConditionExpression: 'seq = :seq AND pipelineVersion <> :pv AND #s <> :deleted',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pv': record.digest.pipelineVersion, ':deleted': 'deleted' },
      });
    },

    async markDeleted({ bucket, key, sequencer, deletedAt }): Promise<WriteOutcome> {
      const pk = articlePartitionKey(bucket, key);
      const seq = toSortableSequencer(sequencer);
      let replaced: Item | undefined;
      try {
        // An update, so the digest stays; on a missing item it leaves a tombstone that keeps an older
        // ObjectCreated event, arriving late, from resurrecting the article.
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: DIGEST_SK },
            UpdateExpression:
              'SET #s = :deleted, deletedAt = :at, seq = :seq, sequencer = :sequencer, #b = :bucket, #k = :key, #kp = :key, #ks = :bucket REMOVE #lp, #ls, entityKeys',
            ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
            ExpressionAttributeNames: {
              '#s': 'status',
              '#b': 'bucket',
              '#k': 'key',
              '#kp': TABLE_INDEXES.byKey.partitionKey,
              '#ks': TABLE_INDEXES.byKey.sortKey,
              '#lp': TABLE_INDEXES.byLanguage.partitionKey,
              '#ls': TABLE_INDEXES.byLanguage.sortKey,
            },
            ExpressionAttributeValues: {
              ':deleted': 'deleted',
              ':at': deletedAt,
              ':seq': seq,
              ':sequencer': sequencer,
              ':bucket': bucket,
              ':key': key,
            },
            // The digest it marks deleted comes back at no read cost: it names the entity items to delete.
            ReturnValues: 'ALL_OLD',
          }),
        );
        replaced = out.Attributes as Item | undefined;
      } catch (error) {
        if (isConditionFailure(error)) return 'stale';
        throw error;
      }
      if (replaced !== undefined) await deleteItems(ownedEntityItemKeys(replaced));
      return 'written';
    },

    async getRecord(bucket, key) {
      const out = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: articlePartitionKey(bucket, key), sk: DIGEST_SK },
        }),
      );
      return out.Item ? toStoredRecord(out.Item) : undefined;
    },

    async findRecordsByKey(key) {
      const index = TABLE_INDEXES.byKey;
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index.name,
          KeyConditionExpression: '#p = :key',
          ExpressionAttributeNames: { '#p': index.partitionKey },
          ExpressionAttributeValues: { ':key': key },
        }),
      );
      const records: StoredRecord[] = [];
      for (const hit of out.Items ?? []) {
        const got = await client.send(
          new GetCommand({ TableName: tableName, Key: { pk: hit.pk, sk: hit.sk } }),
        );
        if (got.Item) records.push(toStoredRecord(got.Item));
      }
      return records;
    },

    async listRecent(limit) {
      const items: Item[] = [];
      let startKey: Item | undefined;
      do {
        const out = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :digest AND #s <> :deleted',
            ...LIST_PROJECTION,
            ExpressionAttributeNames: { ...LIST_PROJECTION.ExpressionAttributeNames, '#s': 'status' },
            ExpressionAttributeValues: { ':digest': DIGEST_SK, ':deleted': 'deleted' },
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...((out.Items ?? []) as Item[]));
        startKey = out.LastEvaluatedKey as Item | undefined;
      } while (startKey);
      return items
        .map(toSummary)
        .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || a.key.localeCompare(b.key))
        .slice(0, limit);
    },

    async listByLanguage(language, limit) {
      const index = TABLE_INDEXES.byLanguage;
      const items = await queryPages(
        {
          TableName: tableName,
          IndexName: index.name,
          KeyConditionExpression: '#p = :lang',
          ...LIST_PROJECTION,
          ExpressionAttributeNames: {
            ...LIST_PROJECTION.ExpressionAttributeNames,
            '#p': index.partitionKey,
          },
          ExpressionAttributeValues: { ':lang': `LANG#${language.toLowerCase()}` },
          ScanIndexForward: false,
          Limit: limit,
        },
        limit,
        async (page) => page,
      );
      return items.map(toSummary);
    },

    async listByEntity(entity, limit) {
      const seen = new Set<string>();
      const items = await queryPages(
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :ent',
          ExpressionAttributeValues: { ':ent': entityIndexKey(entity) },
          ProjectionExpression: 'article, seq, pipelineVersion',
          ScanIndexForward: false,
        },
        limit,
        async (page) => {
          const candidates = page.filter((item) => !seen.has(String(item.article)));
          if (candidates.length === 0) return [];
          const keys = [...new Set(candidates.map((item) => String(item.article)))].map((pk) => ({
            pk,
            sk: DIGEST_SK,
          }));
          const articles = new Map((await batchGet(keys, SUMMARY_PROJECTION)).map((a) => [String(a.pk), a]));
          const accepted: Item[] = [];
          for (const candidate of candidates) {
            const article = articles.get(String(candidate.article));
            // Entity items of a replaced or deleted version are ignored, whatever cleanup managed to do.
            if (!article || article.status === 'deleted') continue;
            if (!isSameRevision(revisionOf(article), revisionOf(candidate))) continue;
            if (seen.has(String(candidate.article))) continue;
            seen.add(String(candidate.article));
            accepted.push(article);
          }
          return accepted;
        },
      );
      return items.map(toSummary);
    },
  };
}
