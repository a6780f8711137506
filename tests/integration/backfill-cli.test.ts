/**
 * `npx precis backfill` as a user runs it locally: articles already in the local bucket (put there with
 * no pipeline running) get their digests; a second run changes nothing; a missing bucket is explained.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoDigestStore,
  type StoredRecord,
  wrapClient,
} from '../../lambdas/adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../../lambdas/adapters/table-design.ts';
import { loadLocalSettings } from '../../lambdas/config.ts';
import { ensureBucketAndTable, startLocalServers, useLocalAws } from '../../lambdas/local/servers.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../lambdas/cli/bin.js', import.meta.url));

const ARTICLES: Record<string, string> = {
  'articles/بلدية.txt':
    'أعلنت بلدية الدوحة يوم الثلاثاء عن خطة لزراعة عشرة آلاف شجرة. وقال رئيس البلدية إن الخطة تنتهي في عام 2027.',
  'articles/city trees.md':
    '# Ten thousand trees\n\nDoha municipality announced a plan on Tuesday to plant ten thousand trees. The mayor said the plan ends in 2027.',
};

let work: string;

async function precis(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
      cwd: work,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

/** Opens the data directory's servers just long enough to run `use`. */
async function withLocalData<T>(
  dataDir: string,
  use: (s3: S3Client, read: (key: string) => Promise<StoredRecord | undefined>) => Promise<T>,
) {
  // The emulator the CLI picks too (PRECIS_DYNAMODB): each keeps its data in its own format.
  const servers = await startLocalServers({ dataDir, dynamodb: loadLocalSettings().dynamodb });
  try {
    useLocalAws(servers);
    const s3 = new S3Client({ endpoint: servers.s3Endpoint as string, forcePathStyle: true });
    const store = createDynamoDigestStore(
      DEFAULTS.tableName,
      wrapClient(new DynamoDBClient({ endpoint: servers.dynamodbEndpoint })),
    );
    try {
      return await use(s3, (key) => store.getRecord(DEFAULTS.bucketName, key));
    } finally {
      s3.destroy();
    }
  } finally {
    await servers.close();
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'precis-backfill-cli-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npx precis backfill (local)', () => {
  it('digests the articles already in the local bucket, then leaves them alone', async () => {
    const dataDir = join(work, 'data');
    await withLocalData(dataDir, async (s3) => {
      await ensureBucketAndTable(DEFAULTS.bucketName, DEFAULTS.tableName);
      for (const [key, body] of Object.entries(ARTICLES)) {
        await s3.send(new PutObjectCommand({ Bucket: DEFAULTS.bucketName, Key: key, Body: body }));
      }
      await s3.send(
        new PutObjectCommand({ Bucket: DEFAULTS.bucketName, Key: 'articles/logo.png', Body: 'png' }),
      );
    });

    const first = await precis(dataDir, 'backfill', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      bucket: DEFAULTS.bucketName,
      prefix: 'articles/',
      listed: 3,
      skipped: 1,
      sent: 2,
      failed: [],
    });
    const before = await withLocalData(dataDir, async (_, read) => {
      const arabic = await read('articles/بلدية.txt');
      const english = await read('articles/city trees.md');
      expect(arabic).toMatchObject({ status: 'ok', digest: { language: 'ar' } });
      expect(english).toMatchObject({ status: 'ok', digest: { language: 'en' } });
      return [arabic, english];
    });

    const second = await precis(dataDir, 'backfill');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('3 objects listed, 1 skipped');
    expect(second.stdout).toContain('2 events delivered');
    const after = await withLocalData(dataDir, async (_, read) =>
      Promise.all([read('articles/بلدية.txt'), read('articles/city trees.md')]),
    );
    expect(after).toEqual(before);
  });

  it('explains a missing local bucket instead of failing with a stack trace', async () => {
    const result = await precis(join(work, 'empty'), 'backfill');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no local bucket "precis-articles"');
    expect(result.stderr).toContain('precis run');
    expect(result.stderr).not.toContain('    at ');
  });

  it('asks for the bucket when sending to a deployed queue', async () => {
    const result = await precis(
      join(work, 'empty'),
      'backfill',
      '--queue-url',
      'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--bucket is required with --queue-url');
  });
});
