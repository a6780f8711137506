/**
 * The DynamoDB table's shape, shared by the CDK stack, the local table bootstrap and the adapter,
 * so the three can never drift apart.
 */
import { DEFAULT_MAX_BYTES } from '../core/limits.ts';

/** Partition and sort key attribute names of the base table. */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The article attributes one line of `precis list` shows (`RecordSummary`): all byLanguage projects.
 * Every projected byte is written twice (table and index), so the digest body stays out.
 */
export const SUMMARY_ATTRIBUTES = [
  'bucket',
  'key',
  'uploadedAt',
  'status',
  'language',
  'title',
  'summary',
  'error',
] as const;

/** A global secondary index: its key attributes and what it copies from the table. */
export interface TableIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** With INCLUDE: the non-key attributes copied into the index. */
  readonly nonKeyAttributes?: readonly string[];
}

/**
 * Global secondary indexes: the query paths users need. Articles by entity need none: their index items
 * are table items in the entity's own partition (see dynamo-digest-store.ts), written once, not twice.
 */
export const TABLE_INDEXES = {
  /**
   * Recent articles by language: gsi1pk = `LANG#<code>`, gsi1sk = `<uploadedAt>#<sha256(bucket/key)>`
   * (fixed length: DynamoDB caps sort keys at 1,024 bytes). Projects only the list columns: with ALL it
   * copied the whole digest, as many write units again as the article item itself.
   */
  byLanguage: {
    name: 'byLanguage',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    projection: 'INCLUDE',
    nonKeyAttributes: SUMMARY_ATTRIBUTES,
  },
  /** Look up by S3 key across buckets: gsi3pk = the S3 key, gsi3sk = the bucket. */
  byKey: { name: 'byKey', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
} as const satisfies Record<string, TableIndex>;

/** Defaults shared by the local pipeline and the CDK app. */
export const DEFAULTS = {
  bucketName: 'precis-articles',
  tableName: 'precis-digests',
  uploadPrefix: 'articles/',
  maxArticleBytes: DEFAULT_MAX_BYTES,
  /**
   * Receives before an upload message moves to the dead-letter queue (the stack's redrive policy and the
   * local queue): AWS's advice for Lambda consumers is at least 5, so a throttled batch is not lost.
   */
  maxReceiveCount: 5,
} as const;

/** The CreateTable request for the digest table, as the stack defines it (on-demand, two GSIs). */
export function createTableInput(tableName: string) {
  const indexes: TableIndex[] = Object.values(TABLE_INDEXES);
  const attributeNames = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeNames.map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: toProjection(index),
    })),
  };
}

/** The CreateTable/CloudFormation projection of an index. */
export function toProjection(index: TableIndex): {
  ProjectionType: TableIndex['projection'];
  NonKeyAttributes?: string[];
} {
  return index.nonKeyAttributes === undefined
    ? { ProjectionType: index.projection }
    : { ProjectionType: index.projection, NonKeyAttributes: [...index.nonKeyAttributes] };
}
