/**
 * `precis backfill` against real local servers (s3rver + dynalite) and the real handler: objects put
 * straight into the bucket, with no notification consumer, get their digests; what is already stored
 * stays as it is; a later genuine upload still wins. The SQS route is exercised through a loopback
 * endpoint that speaks SQS's JSON protocol and hands each message to the same local queue and handler.
 *
 * s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its legacy
 * provider: so that listings really page, s3rver runs here in a child process with that provider.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDigestStore } from '../../lambdas/adapters/dynamo-digest-store.ts';
import { BACKFILL_SEQUENCER } from '../../lambdas/backfill.ts';
import { backfill, localTarget, sqsTarget } from '../../lambdas/cli/backfill.ts';
import { deliverS3Events, LocalQueue, type SqsHandler } from '../../lambdas/local/queue.ts';
import { s3EventRecordFor } from '../../lambdas/local/s3-events.ts';
import {
  ensureBucketAndTable,
  type LocalServers,
  startLocalServers,
  useLocalAws,
} from '../../lambdas/local/servers.ts';

const REGION = 'us-east-1';
const TABLE = 'backfill-digests';

const ARTICLES: Record<string, string> = {
  'articles/قطر.txt':
    'افتتحت وزارة المواصلات في الدوحة يوم الأحد محطة جديدة للمترو. وقال الوزير إن المحطة ستخدم خمسين ألف راكب يوميا.',
  'articles/اقتصاد/تقرير السوق.md':
    '# تقرير السوق\n\nارتفعت أسهم البنوك في بورصة قطر بنسبة ثلاثة في المئة. وأرجع المحللون ذلك إلى نتائج الربع الثالث.',
  'articles/rail news.md':
    '# New metro station\n\nThe transport ministry opened a new metro station in Doha on Sunday. It will serve fifty thousand riders a day.',
  'articles/markets.html':
    '<html><body><h1>Markets</h1><p>Bank shares rose three percent on the Qatar exchange. Analysts pointed to third-quarter results.</p></body></html>',
};
/** Listed but not notified by S3 (other formats, other prefixes): backfill must not send them either. */
const NOT_ARTICLES: Record<string, string> = {
  'articles/photo.jpg': 'not an image, but named like one',
  'articles/SHOUT.TXT': 'S3 suffix filters are case-sensitive',
  'drafts/مسودة.txt': 'outside the prefix',
};

let servers: LocalServers;
let s3rver: ChildProcess;
let handler: SqsHandler;
let s3: S3Client;

/** s3rver in a child Node.js with OpenSSL's legacy provider; resolves to its endpoint. */
async function startPagingS3rver(directory: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const script = `
    import S3rver from 's3rver';
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: ${JSON.stringify(directory)} });
    const { port } = await server.run();
    process.stdout.write(JSON.stringify({ port }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`s3rver exited with code ${code}`)));
    child.stdout?.once('data', (data: Buffer) =>
      resolve((JSON.parse(data.toString()) as { port: number }).port),
    );
  });
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

async function putObjects(bucket: string, objects: Record<string, string>): Promise<void> {
  for (const [key, body] of Object.entries(objects)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }
}

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'precis-backfill-'));
  servers = await startLocalServers({ dataDir, persist: false, s3: false });
  const paging = await startPagingS3rver(join(dataDir, 's3'));
  s3rver = paging.child;
  useLocalAws({ ...servers, s3Endpoint: paging.endpoint }, REGION);
  // What the stack sets; the handler reads it at import, as in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    UPLOAD_PREFIX: 'articles/',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  ({ handler } = (await import('../../lambdas/handlers/digest-upload.ts')) as { handler: SqsHandler });
  s3 = new S3Client({});
});

afterAll(async () => {
  s3?.destroy();
  s3rver?.kill();
  await servers?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('backfill to the local pipeline', () => {
  const bucket = 'backfill-local';
  const store = () => createDynamoDigestStore(TABLE);

  beforeAll(async () => {
    await ensureBucketAndTable(bucket, TABLE);
    await putObjects(bucket, { ...ARTICLES, ...NOT_ARTICLES });
  });

  it('digests every article that has no record, across listing pages, and nothing else', async () => {
    for (const key of Object.keys(ARTICLES)) expect(await store().getRecord(bucket, key)).toBeUndefined();

    // Two keys per page: the listing is paged several times, as a large bucket would be.
    const summary = await backfill({
      s3,
      bucket,
      prefix: 'articles/',
      region: REGION,
      target: localTarget(handler),
      pageSize: 2,
    });

    expect(summary).toMatchObject({ listed: 6, skipped: 2, sent: 4, failed: [] });
    for (const key of Object.keys(ARTICLES)) {
      const record = await store().getRecord(bucket, key);
      expect(record, key).toMatchObject({ status: 'ok', sequencer: BACKFILL_SEQUENCER });
      expect(record?.digest?.summary.length, key).toBeGreaterThan(0);
    }
    expect((await store().getRecord(bucket, 'articles/قطر.txt'))?.digest?.language).toBe('ar');
    expect((await store().getRecord(bucket, 'articles/rail news.md'))?.digest?.language).toBe('en');
    for (const key of Object.keys(NOT_ARTICLES))
      expect(await store().getRecord(bucket, key), key).toBeUndefined();
  });

  it('leaves stored records as they are when run again', async () => {
    const before = await store().getRecord(bucket, 'articles/rail news.md');
    const summary = await backfill({
      s3,
      bucket,
      prefix: 'articles/',
      region: REGION,
      target: localTarget(handler),
    });
    expect(summary).toMatchObject({ listed: 6, sent: 4, failed: [] });
    expect(await store().getRecord(bucket, 'articles/rail news.md')).toEqual(before);
  });

  it('never hides a later genuine upload of the same key', async () => {
    const key = 'articles/قطر.txt';
    const text =
      'أعلنت الخطوط الجوية القطرية يوم الاثنين عن رحلات جديدة إلى نيروبي. وتبدأ الرحلات في شهر مارس.';
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
    const record = s3EventRecordFor(bucket, key, Buffer.byteLength(text), 'ObjectCreated:Put', undefined, {
      ...(put.ETag === undefined ? {} : { etag: put.ETag }),
    });
    expect(await deliverS3Events(handler, [record])).toEqual([]);

    const stored = await store().getRecord(bucket, key);
    expect(stored?.sequencer).not.toBe(BACKFILL_SEQUENCER);
    expect(stored?.digest?.summary.join(' ')).toContain('نيروبي');
  });
});

/**
 * A loopback endpoint for SendMessageBatch in SQS's JSON protocol: each accepted message goes to the
 * local queue and handler; the first entry of the first call is refused once as a server-side fault.
 */
async function startSqsEndpoint(
  queue: LocalQueue,
): Promise<{ url: string; calls: number[]; server: Server }> {
  const calls: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (target !== 'AmazonSQS.SendMessageBatch') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'InvalidAction', message: `unexpected ${String(target)}` }));
        return;
      }
      const input = JSON.parse(body) as { Entries: { Id: string; MessageBody: string }[] };
      calls.push(input.Entries.length);
      const refuseFirst = calls.length === 1;
      const Successful = [];
      const Failed = [];
      for (const [index, entry] of input.Entries.entries()) {
        if (refuseFirst && index === 0) {
          Failed.push({ Id: entry.Id, SenderFault: false, Code: 'InternalError', Message: 'try again' });
          continue;
        }
        queue.send(JSON.parse(entry.MessageBody));
        Successful.push({
          Id: entry.Id,
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
        });
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ Successful, Failed }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, calls, server };
}

describe('backfill to a queue', () => {
  const bucket = 'backfill-queue';

  it('sends one S3 event per message, at most ten per call, retries what SQS refused, and the handler digests them', async () => {
    await ensureBucketAndTable(bucket, TABLE);
    const many: Record<string, string> = {};
    for (let i = 1; i <= 23; i++) {
      many[`articles/item-${String(i).padStart(2, '0')}.txt`] =
        i % 2 === 0
          ? `The council approved budget number ${i} on Monday. The vote passed with a clear majority.`
          : `وافق المجلس على الميزانية رقم ${i} يوم الاثنين. وصوتت الأغلبية لصالح القرار.`;
    }
    await putObjects(bucket, many);

    const queue = new LocalQueue(handler, { region: REGION });
    const endpoint = await startSqsEndpoint(queue);
    const sqs = new SQSClient({ endpoint: endpoint.url, region: REGION });
    try {
      const summary = await backfill({
        s3,
        bucket,
        prefix: 'articles/',
        region: REGION,
        target: sqsTarget(sqs, `${endpoint.url}/000000000000/uploads`),
      });
      await queue.idle();

      expect(summary).toMatchObject({ listed: 23, skipped: 0, sent: 23, failed: [] });
      // 10 + 10 + 3, plus one call to resend the entry refused the first time.
      expect(endpoint.calls).toEqual([10, 1, 10, 3]);
      expect(queue.deadLetters).toEqual([]);
      const store = createDynamoDigestStore(TABLE);
      for (const key of Object.keys(many)) {
        expect(await store.getRecord(bucket, key), key).toMatchObject({ status: 'ok' });
      }
    } finally {
      sqs.destroy();
      await new Promise((resolve) => endpoint.server.close(resolve));
    }
  });
});
