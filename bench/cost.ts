/**
 * Estimated AWS cost of digesting articles with the deployed pipeline (S3 -> SQS -> Lambda ->
 * DynamoDB), from measured durations and the requests the code makes per article. DynamoDB write
 * units are computed from the very items the store writes, by DynamoDB's item-size rules; a test
 * (tests/integration/write-units.test.ts) checks them against the units DynamoDB Local reports.
 */
import { buildDigestItems, type Item } from '../lambdas/adapters/dynamo-digest-store.ts';
import { TABLE_INDEXES, TABLE_KEYS, type TableIndex } from '../lambdas/adapters/table-design.ts';
import type { DigestRecord } from '../lambdas/ports.ts';

/**
 * List prices, us-east-1, USD, as published on the AWS pricing pages in 2025 (recorded 2025-06;
 * this machine has no internet, so check them before quoting):
 * https://aws.amazon.com/lambda/pricing/ (Arm, first 7.5 billion GB-s a month),
 * https://aws.amazon.com/s3/pricing/ (S3 Standard requests),
 * https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the November 2024 on-demand price cut),
 * https://aws.amazon.com/sqs/pricing/ (standard queue, after the first million free requests).
 */
export const PRICES = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  s3GetRequest: 0.0004 / 1000,
  s3PutRequest: 0.005 / 1000,
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
  source: 'AWS pricing pages, us-east-1, recorded 2025-06 (not re-checked from this offline machine)',
} as const;

/** Lambda gives a full vCPU at 1,769 MB and a proportional share below (AWS Lambda docs, "Memory and computing power"). */
export const FULL_VCPU_MB = 1769;
/**
 * Wall time of the SDK calls per new article in Lambda: S3 HEAD + GET, DynamoDB GetItem,
 * BatchWriteItem and PutItem, at about 8 ms each in-region (an assumption, not measured here).
 */
export const ASSUMED_IO_MS_PER_ARTICLE = 5 * 8;

/** DynamoDB charges one write request unit per started KB of every item it writes, table and index alike. */
const WRITE_UNIT_BYTES = 1024;
/**
 * Read units of the one read a new article costs: the strongly consistent GetItem of its stored
 * version, which finds nothing (measured on DynamoDB Local; a replaced article's read is its item's size
 * in 4 KB steps).
 */
export const READ_UNITS_NEW_ARTICLE = 1;

/**
 * Bytes DynamoDB counts for a number: its significant decimal digits in base-100 pairs aligned on the
 * decimal point, plus one byte (and one more when negative). Matches DynamoDB Local for integers,
 * fractions and exponents alike.
 */
function numberBytes(value: number): number {
  if (value === 0) return 1;
  const [mantissa = '', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  const integerDigits = Number(exponent) + 1;
  const leadingPad = ((integerDigits % 2) + 2) % 2;
  return Math.ceil((leadingPad + digits.length) / 2) + 1 + (value < 0 ? 1 : 0);
}

/**
 * DynamoDB's size of an attribute value, as the document client marshals it: strings and binaries by
 * their bytes, booleans and null 1, lists and maps 3 plus 1 per element (map keys count as bytes);
 * undefined values are dropped, as the store's client does.
 */
export function attributeValueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return numberBytes(value);
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) {
    return value
      .filter((element) => element !== undefined)
      .reduce((sum: number, element) => sum + 1 + attributeValueBytes(element), 3);
  }
  if (typeof value === 'object' && !(value instanceof Set)) {
    return Object.entries(value as Item)
      .filter(([, element]) => element !== undefined)
      .reduce(
        (sum, [name, element]) => sum + Buffer.byteLength(name, 'utf8') + attributeValueBytes(element) + 1,
        3,
      );
  }
  throw new TypeError(`no DynamoDB size rule for ${typeof value} values here`);
}

/** DynamoDB's size of an item: each attribute's name bytes plus its value's size. */
export function itemBytes(item: Item): number {
  return Object.entries(item)
    .filter(([, value]) => value !== undefined)
    .reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + attributeValueBytes(value), 0);
}

/** Write units of putting a new item of `bytes`: one per started KB. */
export function writeUnitsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

/** What an index copies of an item, or nothing when the item lacks the index's keys (a sparse index). */
export function indexEntryOf(item: Item, index: TableIndex): Item | undefined {
  if (item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return undefined;
  if (index.projection === 'ALL') return item;
  const names = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    index.partitionKey,
    index.sortKey,
    ...(index.projection === 'INCLUDE' ? (index.nonKeyAttributes ?? []) : []),
  ];
  return Object.fromEntries(
    names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]),
  );
}

/** Write units of storing one new article, by where they go. */
export interface WriteUnits {
  /** The article item in the table. */
  article: number;
  /** The article item's copy in each index that holds it, by index name. */
  indexes: Record<string, number>;
  /** The entity index items (table only; no index copies them). */
  entityItems: number;
  /** How many entity index items the article has. */
  entityItemCount: number;
  /** Size of the article item by DynamoDB's rules. */
  articleBytes: number;
  total: number;
}

/**
 * Write units the store consumes for a new article (no earlier version stored), computed from the
 * items `buildDigestItems` makes, exactly as DynamoDB counts them.
 */
export function countWriteUnits(record: DigestRecord): WriteUnits {
  const { article, entityItems } = buildDigestItems(record);
  const indexes: Record<string, number> = {};
  for (const index of Object.values(TABLE_INDEXES) as TableIndex[]) {
    const entry = indexEntryOf(article, index);
    if (entry !== undefined) indexes[index.name] = writeUnitsFor(itemBytes(entry));
  }
  // Entity items carry no index keys; checking keeps this honest should one ever be added.
  for (const item of entityItems) {
    for (const index of Object.values(TABLE_INDEXES) as TableIndex[]) {
      if (indexEntryOf(item, index) !== undefined) throw new Error(`entity item in ${index.name}`);
    }
  }
  const articleBytes = itemBytes(article);
  const articleUnits = writeUnitsFor(articleBytes);
  const entityUnits = entityItems.reduce((sum, item) => sum + writeUnitsFor(itemBytes(item)), 0);
  const indexUnits = Object.values(indexes).reduce((sum, units) => sum + units, 0);
  return {
    article: articleUnits,
    indexes,
    entityItems: entityUnits,
    entityItemCount: entityItems.length,
    articleBytes,
    total: articleUnits + indexUnits + entityUnits,
  };
}

/** What one article costs to digest, given how it was measured. */
export interface CostInput {
  /** Digest time on one full core of this machine, in ms. */
  digestMs: number;
  /** The function's configured memory (infra/config.ts). */
  memoryMb: number;
  /** Messages per invocation (the SQS batch size). */
  batchSize: number;
  /** The article's write units, from `countWriteUnits`. */
  writes: WriteUnits;
}

/** One line of the estimate, in USD per 1,000 articles. */
export interface CostLine {
  item: string;
  per1000: number;
  basis: string;
}

/** Describes where an article's write units go, for the cost table. */
export function describeWrites(writes: WriteUnits): string {
  const indexes = Object.entries(writes.indexes).map(([name, units]) => ` + ${name} ${units}`);
  const kb = (writes.articleBytes / 1024).toFixed(1);
  return `${writes.total} WRU = article item ${writes.article} (${kb} KB)${indexes.join('')} + ${writes.entityItemCount} entity items ${writes.entityItems}`;
}

/** Cost per 1,000 articles, line by line, with the Lambda duration it assumes. */
export function estimateCost(input: CostInput): {
  lambdaMs: number;
  writes: WriteUnits;
  lines: CostLine[];
  total: number;
} {
  const cpuShare = Math.min(1, input.memoryMb / FULL_VCPU_MB);
  const lambdaMs = Math.ceil(input.digestMs / cpuShare + ASSUMED_IO_MS_PER_ARTICLE);
  const gbSeconds = (lambdaMs / 1000) * (input.memoryMb / 1024);
  const { writes } = input;
  const lines: CostLine[] = [
    {
      item: 'Lambda duration',
      per1000: 1000 * gbSeconds * PRICES.lambdaArmGbSecond,
      basis: `${lambdaMs} ms at ${input.memoryMb} MB arm64 (${input.digestMs.toFixed(1)} ms digest / ${cpuShare.toFixed(2)} vCPU + ${ASSUMED_IO_MS_PER_ARTICLE} ms I/O)`,
    },
    {
      item: 'Lambda requests',
      per1000: (1000 / input.batchSize) * PRICES.lambdaRequest,
      basis: `one invocation per ${input.batchSize} messages`,
    },
    { item: 'S3 HEAD + GET', per1000: 1000 * 2 * PRICES.s3GetRequest, basis: '2 GET-class requests' },
    {
      item: 'DynamoDB writes',
      per1000: 1000 * writes.total * PRICES.dynamoWriteRequestUnit,
      basis: describeWrites(writes),
    },
    {
      item: 'DynamoDB reads',
      per1000: 1000 * READ_UNITS_NEW_ARTICLE * PRICES.dynamoReadRequestUnit,
      basis: `${READ_UNITS_NEW_ARTICLE} RRU: the stored-version GetItem (strongly consistent)`,
    },
    {
      item: 'SQS',
      per1000: 1000 * (1 + 2 / input.batchSize) * PRICES.sqsRequest,
      basis: `S3's SendMessage + batched Receive and Delete (1 + 2/${input.batchSize} requests)`,
    },
  ];
  const total = lines.reduce((sum, line) => sum + line.per1000, 0);
  return { lambdaMs, writes, lines, total };
}
