/**
 * DigestStore over DynamoDB. One item per article (pk = bucket + key, sk = DIGEST) holding the digest,
 * plus one small item per entity for the byEntity index. Every article write is a conditional put that
 * only replaces an older S3 sequencer, so redelivered and out-of-order events change nothing. Entity
 * items carry the revision (sequencer + pipelineVersion) of the digest that wrote them, and readers
 * ignore any that no longer match the article item: a digest remade by a new pipelineVersion keeps its
 * sequencer, so the sequencer alone cannot tell its entity items from the old ones.
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
import { type ArticleDigest, ArticleDigestSchema, type Entity, type ErrorCode } from '../core/schema.ts';
import { toSortableSequencer } from '../events.ts';
import type { DigestRecord, DigestStore, StoredVersion, WriteOutcome } from '../ports.ts';
import { fitDigestToItem } from './fit-item.ts';
import { SUMMARY_ATTRIBUTES, TABLE_INDEXES } from './table-design.ts';

/** Sort key of the article item; entity items sort under `ENT#`. */
const DIGEST_SK = 'DIGEST';
const ENTITY_SK_PREFIX = 'ENT#';
/** Entity index items per article (one per distinct spelling): bounds a pathological entity list. */
const MAX_ENTITY_ITEMS = 200;
/** Longer "entity names" are extraction noise; this also keeps keys far below DynamoDB's key-size limits. */
const MAX_ENTITY_KEY_CHARS = 200;
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

type Item = Record<string, unknown>;

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
 * Sort key of an article in the byLanguage and byEntity indexes: newest first by upload time, then a
 * fixed-length digest of bucket + key. The digest, not the key itself, because a sort key is capped at
 * 1,024 bytes and an S3 key alone may be that long; the items carry bucket and key for readers.
 */
export function articleIndexSortKey(uploadedAt: string, bucket: string, key: string): string {
  return `${uploadedAt}#${createHash('sha256').update(`${bucket}/${key}`).digest('hex')}`;
}

/**
 * The byEntity index key of an entity name: the core's matching key (Arabic spelling variants folded,
 * the article ال dropped), so "الدوحة", "الدوحه" and "دوحة" meet. Writes and queries use the same one.
 */
export function entityIndexKey(name: string): string {
  return `ENT#${phraseKey(name)}`;
}

/** Every index key an entity answers to: its text, its normalised form and its aliases. */
function entityIndexKeys(entity: Entity): string[] {
  return [entity.text, entity.normalized, ...entity.aliases]
    .map(entityIndexKey)
    .filter((key) => key !== 'ENT#' && key.length <= MAX_ENTITY_KEY_CHARS);
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
    record.digest = ArticleDigestSchema.parse({ ...item, status });
  }
  return record;
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

  /** All entity items of this article, of every version. */
  async function listEntityItems(pk: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ent)',
          ExpressionAttributeValues: { ':pk': pk, ':ent': ENTITY_SK_PREFIX },
          ProjectionExpression: 'pk, sk, seq, pipelineVersion',
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      startKey = out.LastEvaluatedKey as Item | undefined;
    } while (startKey);
    return items;
  }

  async function deleteEntityItems(pk: string, keep: (revision: Revision) => boolean): Promise<void> {
    const stale = (await listEntityItems(pk)).filter((item) => !keep(revisionOf(item)));
    await batchWrite(stale.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })));
  }

  async function queryIndex(
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
   * entity items of the digests it replaced. Readers trust only entity items of the committed revision,
   * so a crash at any point leaves nothing visible wrong, only garbage for the next write to remove.
   */
  async function writeDigest(
    { bucket, key, uploadedAt, sequencer, digest }: DigestRecord,
    condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames'> & {
      ExpressionAttributeValues: Item;
    },
  ): Promise<WriteOutcome> {
    const pk = articlePartitionKey(bucket, key);
    const seq = toSortableSequencer(sequencer);
    const revision: Revision = { seq, pipelineVersion: digest.pipelineVersion };
    const indexSortKey = articleIndexSortKey(uploadedAt, bucket, key);
    const { digest: fitted, truncated } = fitDigestToItem(digest);
    const entities = new Map<string, Entity>();
    for (const entity of digest.entities) {
      for (const indexKey of entityIndexKeys(entity))
        if (!entities.has(indexKey)) entities.set(indexKey, entity);
    }
    const entityItems = [...entities].slice(0, MAX_ENTITY_ITEMS).map(([indexKey, entity]) => ({
      PutRequest: {
        Item: {
          pk,
          sk: `${ENTITY_SK_PREFIX}${seq}#${digest.pipelineVersion}#${indexKey.slice(ENTITY_SK_PREFIX.length)}`,
          [TABLE_INDEXES.byEntity.partitionKey]: indexKey,
          [TABLE_INDEXES.byEntity.sortKey]: indexSortKey,
          seq,
          pipelineVersion: digest.pipelineVersion,
          bucket,
          key,
          entity: entity.text,
          entityType: entity.type,
          count: entity.count,
        },
      },
    }));
    await batchWrite(entityItems);
    const item: Item = {
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
      [TABLE_INDEXES.byLanguage.partitionKey]: `LANG#${fitted.language}`,
      [TABLE_INDEXES.byLanguage.sortKey]: indexSortKey,
      [TABLE_INDEXES.byKey.partitionKey]: key,
      [TABLE_INDEXES.byKey.sortKey]: bucket,
    };
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ...condition,
          ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':seq': seq },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another digest is stored: the entity items just written are garbage, unless the stored one is
      // this very revision (the same event, delivered twice at once), which owns the very same items.
      const stored = await readRevision(pk);
      if (stored === undefined || !isSameRevision(stored, revision))
        await deleteEntityItems(pk, (other) => !isSameRevision(other, revision));
      return 'stale';
    }
    // Entity items of a newer version may already be there, ahead of its own commit: they stay.
    await deleteEntityItems(pk, (other) => other.seq > seq || isSameRevision(other, revision));
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
      try {
        // An update, so the digest stays; on a missing item it leaves a tombstone that keeps an older
        // ObjectCreated event, arriving late, from resurrecting the article.
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: DIGEST_SK },
            UpdateExpression:
              'SET #s = :deleted, deletedAt = :at, seq = :seq, sequencer = :sequencer, #b = :bucket, #k = :key, #kp = :key, #ks = :bucket REMOVE #lp, #ls',
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
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) return 'stale';
        throw error;
      }
      await deleteEntityItems(pk, (other) => other.seq > seq);
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
      const items = await queryIndex(
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
      const index = TABLE_INDEXES.byEntity;
      const seen = new Set<string>();
      const items = await queryIndex(
        {
          TableName: tableName,
          IndexName: index.name,
          KeyConditionExpression: '#p = :ent',
          ExpressionAttributeNames: { '#p': index.partitionKey },
          ExpressionAttributeValues: { ':ent': entityIndexKey(entity) },
          ScanIndexForward: false,
        },
        limit,
        async (page) => {
          const candidates = page.filter((item) => !seen.has(String(item.pk)));
          if (candidates.length === 0) return [];
          const keys = [...new Set(candidates.map((item) => String(item.pk)))].map((pk) => ({
            pk,
            sk: DIGEST_SK,
          }));
          const articles = new Map((await batchGet(keys, SUMMARY_PROJECTION)).map((a) => [String(a.pk), a]));
          const accepted: Item[] = [];
          for (const candidate of candidates) {
            const article = articles.get(String(candidate.pk));
            // Entity items of a replaced or deleted version are ignored, whatever cleanup managed to do.
            if (!article || article.status === 'deleted') continue;
            if (!isSameRevision(revisionOf(article), revisionOf(candidate))) continue;
            if (seen.has(String(candidate.pk))) continue;
            seen.add(String(candidate.pk));
            accepted.push(article);
          }
          return accepted;
        },
      );
      return items.map(toSummary);
    },
  };
}
