/**
 * Faults against the real handler, real s3rver and dynalite: an outage in the middle of a batch, the
 * same events delivered three times out of order, and a crash between reading and writing. In each,
 * every upload ends as exactly one record of its newest version: nothing is lost or duplicated.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePartitionKey,
  createDynamoDigestStore,
  wrapClient,
} from '../../lambdas/adapters/dynamo-digest-store.ts';
import { createS3ArticleSource } from '../../lambdas/adapters/s3-article-source.ts';
import { DEFAULTS } from '../../lambdas/adapters/table-design.ts';
import { digestArticle } from '../../lambdas/core/digest.ts';
import { toSortableSequencer } from '../../lambdas/events.ts';
import { LocalQueue, makeLambdaContext } from '../../lambdas/local/queue.ts';
import { s3EventOf, s3EventRecordFor, sqsMessageFor } from '../../lambdas/local/s3-events.ts';
import type { PipelineDeps } from '../../lambdas/pipeline.ts';
import type { ArticleSource, DigestStore } from '../../lambdas/ports.ts';
import { type LocalStack, startLocalStack } from '../integration/support/local-stack.ts';
import { scanItems } from '../integration/support/scan-items.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url));
const ARTICLES = [
  read('seeds/000_1ec30d0ad7525b12.txt'),
  read('tests/fixtures/core-en-harbour.txt'),
  read('tests/integration/fixtures/library-reopening.txt'),
  read('tests/fixtures/en-drone-contract.txt'),
];

let stack: LocalStack;
let dynamoProxy: FaultProxy;
let s3Proxy: FaultProxy;

beforeAll(async () => {
  stack = await startLocalStack();
  dynamoProxy = await startFaultProxy(stack.servers.dynamodbEndpoint);
  s3Proxy = await startFaultProxy(stack.servers.s3Endpoint as string);
});
afterAll(async () => {
  await Promise.all([dynamoProxy?.close(), s3Proxy?.close()]);
  await stack?.stop();
});

/** Real adapters whose clients go through the fault proxies (two attempts each, as a busy SDK might). */
function adaptersThroughProxies(): { source: ArticleSource; store: DigestStore } {
  const s3 = new S3Client({ endpoint: s3Proxy.endpoint, forcePathStyle: true, maxAttempts: 2 });
  const dynamo = wrapClient(new DynamoDBClient({ endpoint: dynamoProxy.endpoint, maxAttempts: 2 }));
  return { source: createS3ArticleSource(s3), store: createDynamoDigestStore(stack.tableName, dynamo) };
}

function handlerWith(deps: Pick<PipelineDeps, 'source' | 'store'>) {
  const handler = stack.makeHandler({
    ...deps,
    uploadPrefix: DEFAULTS.uploadPrefix,
    maxArticleBytes: DEFAULTS.maxArticleBytes,
  });
  return (messages: SQSRecord[]) =>
    handler({ Records: messages }, makeLambdaContext()) as Promise<SQSBatchResponse | undefined>;
}

async function uploadAll(prefix: string, count: number): Promise<{ keys: string[]; events: S3Event[] }> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}${i}.txt`);
  const events: S3Event[] = [];
  for (const [i, key] of keys.entries())
    events.push(await stack.put(key, ARTICLES[i % ARTICLES.length] as Buffer));
  return { keys, events };
}

/** Each key's DIGEST and entity items, read straight from the table (entity items live in their entities' partitions). */
async function itemsOf(key: string): Promise<Array<{ sk: string; seq?: string }>> {
  const items = await scanItems(stack.tableName, 'pk = :pk OR article = :pk', {
    ':pk': articlePartitionKey(stack.bucket, key),
  });
  return items as Array<{ sk: string; seq?: string }>;
}

/** The key an adapter call is about: `(bucket, key, ...)` or `({ key, ... })`. */
function keyOfCall(args: unknown[]): string | undefined {
  if (typeof args[1] === 'string') return args[1];
  return (args[0] as { key?: string } | undefined)?.key;
}

/**
 * The same adapter with `before` run ahead of every method call and `after` once it resolved: the
 * calls themselves go to the real adapter, whatever methods its port has.
 */
function intercept<T extends object>(
  adapter: T,
  hooks: {
    before?: (method: string, key: string | undefined) => Promise<void> | void;
    after?: (method: string, key: string | undefined) => void;
  },
): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const key = keyOfCall(args);
        await hooks.before?.(String(property), key);
        const result = await value.apply(target, args);
        hooks.after?.(String(property), key);
        return result;
      };
    },
  });
}

/**
 * Runs a batch in which the records of `lateKeys` reach `service` only after the early records are
 * stored and the service has gone down: the outage falls in the middle of the batch, every time.
 */
function outageMidBatch(service: 'dynamodb' | 's3', lateKeys: Set<string>, earlyCount: number) {
  const { source, store } = adaptersThroughProxies();
  const proxy = service === 'dynamodb' ? dynamoProxy : s3Proxy;
  let stored = 0;
  let startOutage: () => void = () => undefined;
  const outage = new Promise<void>((resolve) => {
    startOutage = resolve;
  });
  const waitIfLate = async (key: string | undefined) => {
    if (key !== undefined && lateKeys.has(key)) await outage;
  };
  return handlerWith({
    source: intercept(source, { before: (_method, key) => (service === 's3' ? waitIfLate(key) : undefined) }),
    store: intercept(store, {
      before: (_method, key) => (service === 'dynamodb' ? waitIfLate(key) : undefined),
      after: (method, key) => {
        if (method !== 'putDigest' || key === undefined || lateKeys.has(key) || ++stored !== earlyCount)
          return;
        proxy.down();
        startOutage();
      },
    }),
  });
}

describe('an outage in the middle of a batch', () => {
  it.each(['dynamodb', 's3'] as const)(
    '%s down: the records it hit are reported for retry, the others are stored; the retry completes all',
    async (service) => {
      const { keys, events } = await uploadAll(`articles/outage-${service}/`, 8);
      const late = new Set(keys.slice(5));
      const messages = events.map((event) => sqsMessageFor(event));
      const refusedBefore = (service === 'dynamodb' ? dynamoProxy : s3Proxy).refused;

      const response = await outageMidBatch(service, late, 5)(messages);
      const reported = new Set(response?.batchItemFailures.map((failure) => failure.itemIdentifier));
      expect(reported).toEqual(new Set(messages.slice(5).map((message) => message.messageId)));
      expect((service === 'dynamodb' ? dynamoProxy : s3Proxy).refused).toBeGreaterThan(refusedBefore);
      for (const [i, key] of keys.entries()) {
        const record = await stack.store.getRecord(stack.bucket, key);
        expect(record?.status, key).toBe(i < 5 ? 'ok' : undefined);
      }

      // The service returns; SQS redelivers only the reported messages.
      dynamoProxy.up();
      s3Proxy.up();
      const retry = await handlerWith(adaptersThroughProxies())(
        messages.filter((m) => reported.has(m.messageId)),
      );
      expect(retry?.batchItemFailures).toEqual([]);
      for (const [i, key] of keys.entries()) {
        const record = await stack.store.getRecord(stack.bucket, key);
        expect(record?.status, key).toBe('ok');
        expect(record?.sequencer).toBe(events[i]?.Records[0]?.s3.object.sequencer);
        expect((await itemsOf(key)).filter((item) => item.sk === 'DIGEST')).toHaveLength(1);
      }
    },
  );

  it('everything down for a whole batch: the invocation fails as a whole and a later delivery stores all', async () => {
    const { keys, events } = await uploadAll('articles/outage-all/', 4);
    const handle = handlerWith(adaptersThroughProxies());
    let invocations = 0;
    const queue = new LocalQueue(
      (event) => {
        invocations++;
        return handle(event.Records);
      },
      { retryDelayMs: 300, maxReceiveCount: 5 },
    );
    dynamoProxy.down();
    s3Proxy.down();
    for (const event of events) queue.send(event);
    // Back up while the queue waits to redeliver: no message may be lost in between.
    setTimeout(() => {
      dynamoProxy.up();
      s3Proxy.up();
    }, 150);
    await queue.idle();
    expect(invocations).toBeGreaterThan(1);
    expect(queue.deadLetters).toEqual([]);
    for (const key of keys) expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('ok');
  });
});

describe('duplicates and disorder', () => {
  /** Three deliveries of each event, shuffled: first all in one parallel batch, then one by one. */
  function shuffledTriples<T>(events: T[]): T[] {
    const order = [2, 0, 1, 1, 2, 0, 0, 2, 1];
    return order.map((i) => events[i] as T);
  }

  it('three versions, each event delivered three times out of order: one record, the newest version', async () => {
    const key = 'articles/dup/three-versions.txt';
    const events: S3Event[] = [];
    for (const body of ARTICLES.slice(0, 3)) events.push(await stack.put(key, body));
    const handle = handlerWith({ source: createS3ArticleSource(), store: stack.store });

    const batch = await handle(shuffledTriples(events).map((event) => sqsMessageFor(event)));
    expect(batch?.batchItemFailures).toEqual([]);
    for (const event of shuffledTriples(events)) {
      expect((await handle([sqsMessageFor(event)]))?.batchItemFailures).toEqual([]);
    }

    const newest = events[2]?.Records[0]?.s3.object.sequencer as string;
    const record = await stack.store.getRecord(stack.bucket, key);
    expect(record?.sequencer).toBe(newest);
    const direct = digestArticle({ bytes: ARTICLES[2] as Buffer, fileName: 'three-versions.txt' });
    expect(record?.digest?.title).toBe(direct.title);
    expect(record?.digest?.summary).toEqual(direct.summary);
    const items = await itemsOf(key);
    expect(items.filter((item) => item.sk === 'DIGEST')).toHaveLength(1);
    // Entity index items of older versions never survive next to the newest.
    const entityItems = items.filter((item) => item.sk !== 'DIGEST');
    expect(entityItems.length).toBeGreaterThan(0);
    for (const item of entityItems) expect(item.seq).toBe(toSortableSequencer(newest));
  });

  it('events for the same object with growing sequencers, replayed out of order: the greatest wins', async () => {
    const key = 'articles/dup/replayed.txt';
    await stack.put(key, ARTICLES[1] as Buffer);
    // No ETag: the ordering alone (the S3 sequencer) decides; the object is the same each time.
    const sequencers = ['0A1000', '0A2000', '0A3000'];
    const events = sequencers.map((sequencer) =>
      s3EventOf(s3EventRecordFor(stack.bucket, key, ARTICLES[1]?.byteLength, 'ObjectCreated:Put', sequencer)),
    );
    const handle = handlerWith({ source: createS3ArticleSource(), store: stack.store });
    expect((await handle(shuffledTriples(events).map((e) => sqsMessageFor(e))))?.batchItemFailures).toEqual(
      [],
    );
    expect((await stack.store.getRecord(stack.bucket, key))?.sequencer).toBe('0A3000');
    expect((await itemsOf(key)).filter((item) => item.sk === 'DIGEST')).toHaveLength(1);
  });
});

describe('a crash between reading and writing', () => {
  it('the store throws once after the article was read and digested: the message is retried and stored once', async () => {
    const { keys, events } = await uploadAll('articles/crash-before-write/', 3);
    let crashes = 0;
    const store = intercept(stack.store, {
      before: (method, key) => {
        if (method === 'putDigest' && key === keys[1] && crashes++ === 0)
          throw new Error('process killed before the write');
      },
    });
    const deliveries: number[] = [];
    const handle = handlerWith({ source: createS3ArticleSource(), store });
    const queue = new LocalQueue(
      async (event) => {
        deliveries.push(event.Records.length);
        return handle(event.Records);
      },
      { retryDelayMs: 0 },
    );
    for (const event of events) queue.send(event);
    await queue.idle();
    expect(crashes).toBe(2);
    expect(deliveries).toEqual([3, 1]);
    expect(queue.deadLetters).toEqual([]);
    for (const key of keys) expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('ok');
  });

  it('DynamoDB fails after the entity items and before the article item: the retry leaves one consistent record', async () => {
    const key = 'articles/crash-mid-write/story.txt';
    const event = await stack.put(key, ARTICLES[0] as Buffer);
    const real = wrapClient(new DynamoDBClient({}));
    let failed = 0;
    // The article put is the commit; failing exactly it leaves entity items written without it.
    const crashing = new Proxy(real, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return (command: unknown, ...rest: unknown[]) => {
          if (command instanceof PutCommand && failed++ === 0)
            return Promise.reject(new Error('connection lost before the article item was written'));
          return (target.send as (...args: unknown[]) => unknown)(command, ...rest);
        };
      },
    });
    const handle = handlerWith({
      source: createS3ArticleSource(),
      store: createDynamoDigestStore(stack.tableName, crashing),
    });
    const message = sqsMessageFor(event);
    // The only record failed, so the whole invocation fails and SQS keeps the message.
    await expect(handle([message])).rejects.toThrow(/All records failed/);
    expect(failed).toBe(1);
    expect(await stack.store.getRecord(stack.bucket, key)).toBeUndefined();
    const orphans = (await itemsOf(key)).length;
    expect(orphans).toBeGreaterThan(0);
    // Entity items without their article are invisible to readers.
    const record = digestArticle({ bytes: ARTICLES[0] as Buffer, fileName: 'story.txt' });
    const entity = record.entities[0]?.text as string;
    expect((await stack.store.listByEntity(entity, 50)).map((row) => row.key)).not.toContain(key);

    expect((await handle([message]))?.batchItemFailures).toEqual([]);
    expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('ok');
    const items = await itemsOf(key);
    expect(items.filter((item) => item.sk === 'DIGEST')).toHaveLength(1);
    expect(items.length).toBe(orphans + 1);
    expect((await stack.store.listByEntity(entity, 50)).filter((row) => row.key === key)).toHaveLength(1);
    real.destroy();
  });
});
