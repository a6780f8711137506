/**
 * Estimated AWS cost of digesting articles with the deployed pipeline (S3 -> SQS -> Lambda ->
 * DynamoDB), from measured durations and the requests the code makes per article.
 */

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
 * Wall time of the SDK calls per article in Lambda: S3 HEAD + GET, DynamoDB GetItem, BatchWriteItem,
 * PutItem and Query, at about 8 ms each in-region (an assumption, not measured here).
 */
export const ASSUMED_IO_MS_PER_ARTICLE = 6 * 8;

/** What one article costs to digest, given how it was measured. */
export interface CostInput {
  /** Digest time on one full core of this machine, in ms. */
  digestMs: number;
  /** The function's configured memory (infra/config.ts). */
  memoryMb: number;
  /** Messages per invocation (the SQS batch size). */
  batchSize: number;
  /** Size of the stored article item (digest plus keys), in bytes. */
  itemBytes: number;
  /** Entity index items written per article. */
  entityItems: number;
}

/** One line of the estimate, in USD per 1,000 articles. */
export interface CostLine {
  item: string;
  per1000: number;
  basis: string;
}

/** Cost per 1,000 articles, line by line, with the Lambda duration it assumes. */
export function estimateCost(input: CostInput): { lambdaMs: number; lines: CostLine[]; total: number } {
  const cpuShare = Math.min(1, input.memoryMb / FULL_VCPU_MB);
  const lambdaMs = Math.ceil(input.digestMs / cpuShare + ASSUMED_IO_MS_PER_ARTICLE);
  const gbSeconds = (lambdaMs / 1000) * (input.memoryMb / 1024);
  const itemKb = Math.ceil(input.itemBytes / 1024);
  // The article item is written to the table and to byLanguage (ALL projection) and byKey (keys only);
  // each entity item to the table and to byEntity (ALL projection).
  const writeUnits = itemKb * 2 + 1 + input.entityItems * 2;
  // GetItem of the stored sequencer (strongly consistent, 1 unit) and the Query of old entity items
  // (eventually consistent, 0.5 unit per 4 KB).
  const readUnits = 1 + 0.5 * Math.max(1, Math.ceil((input.entityItems * 150) / 4096));
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
      per1000: 1000 * writeUnits * PRICES.dynamoWriteRequestUnit,
      basis: `${writeUnits} WRU: ${itemKb} KB item x2 (table + byLanguage) + 1 byKey + ${input.entityItems} entity items x2`,
    },
    {
      item: 'DynamoDB reads',
      per1000: 1000 * readUnits * PRICES.dynamoReadRequestUnit,
      basis: `${readUnits} RRU: sequencer GetItem + entity Query`,
    },
    {
      item: 'SQS',
      per1000: 1000 * (1 + 2 / input.batchSize) * PRICES.sqsRequest,
      basis: `S3's SendMessage + batched Receive and Delete (1 + 2/${input.batchSize} requests)`,
    },
  ];
  const total = lines.reduce((sum, line) => sum + line.per1000, 0);
  return { lambdaMs, lines, total };
}
