/**
 * S3 keys up to S3's own limit (1,024 bytes of UTF-8) are stored, listed and deleted. DynamoDB caps a
 * sort key at 1,024 bytes and a partition key at 2,048; DynamoDB Local enforces both (dynalite does
 * not), so run this file with PRECIS_DYNAMODB=dynamodb-local too.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestArticle } from '../../lambdas/core/digest.ts';
import type { ArticleDigest, Entity } from '../../lambdas/core/schema.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';

const ENGLISH = await readFile(new URL('./fixtures/harbour-expansion.md', import.meta.url));
const ARABIC = await readFile(new URL('./fixtures/library-reopening.txt', import.meta.url));

/** S3's maximum key length, in UTF-8 bytes. */
const MAX_S3_KEY_BYTES = 1024;
/** S3's maximum bucket name length: the worst case for the partition key `ART#<bucket>#<key>`. */
const LONGEST_BUCKET = `long-${'b'.repeat(58)}`;

/** `prefix + unit * n + tail`, with the tail padded so the whole key is exactly 1,024 bytes. */
function keyOfMaxLength(prefix: string, unit: string, tail: string): string {
  const room = MAX_S3_KEY_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(tail);
  const units = Math.floor(room / Buffer.byteLength(unit));
  const pad = 'x'.repeat(room - units * Buffer.byteLength(unit));
  return `${prefix}${unit.repeat(units)}${pad}${tail}`;
}

const KEYS = [
  // One long path segment: fine for DynamoDB, too long for a file name, so only the store sees it.
  ['Arabic', keyOfMaxLength('articles/', 'مقال', '.txt'), ARABIC, 'ar', 'المكتبة'],
  ['English', keyOfMaxLength('articles/', 'article', '.md'), ENGLISH, 'en', 'Aldmouth'],
] as const;

/** Short segments, so s3rver can keep the object on disk under its key. */
const UPLOAD_KEYS = [
  ['Arabic', keyOfMaxLength('articles/', 'مقال/', 'تقرير.txt'), ARABIC, 'ar'],
  ['English', keyOfMaxLength('articles/', 'section/', 'report.md'), ENGLISH, 'en'],
] as const;

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

function digestWith(bytes: Uint8Array, fileName: string, entityText: string): ArticleDigest {
  const entity: Entity = {
    text: entityText,
    normalized: entityText.toLowerCase(),
    type: 'location',
    count: 1,
    mentions: [],
    aliases: [],
  };
  return { ...digestArticle({ bytes, fileName }), entities: [entity] };
}

describe('a 1,024-byte S3 key', () => {
  it.each(KEYS)(
    '%s: is stored and found by every query path, then deleted',
    async (_language, key, bytes, language, entityText) => {
      expect(Buffer.byteLength(key)).toBe(MAX_S3_KEY_BYTES);
      const written = await stack.store.putDigest({
        bucket: LONGEST_BUCKET,
        key,
        uploadedAt: '2026-02-01T10:00:00.000Z',
        sequencer: '0A',
        digest: digestWith(bytes, 'long', entityText),
      });
      expect(written).toBe('written');

      expect(await stack.store.getRecord(LONGEST_BUCKET, key)).toMatchObject({ key, status: 'ok' });
      expect((await stack.store.findRecordsByKey(key)).map((record) => record.bucket)).toEqual([
        LONGEST_BUCKET,
      ]);
      const byLanguage = await stack.store.listByLanguage(language, 100);
      expect(byLanguage.filter((row) => row.key === key)).toEqual([
        expect.objectContaining({ bucket: LONGEST_BUCKET, key, language }),
      ]);
      const byEntity = await stack.store.listByEntity(entityText, 100);
      expect(byEntity.map((row) => row.key)).toContain(key);

      const deleted = await stack.store.markDeleted({
        bucket: LONGEST_BUCKET,
        key,
        sequencer: '0B',
        deletedAt: '2026-02-01T11:00:00.000Z',
      });
      expect(deleted).toBe('written');
      expect((await stack.store.getRecord(LONGEST_BUCKET, key))?.status).toBe('deleted');
      expect((await stack.store.listByEntity(entityText, 100)).map((row) => row.key)).not.toContain(key);
    },
  );

  it.each(UPLOAD_KEYS)(
    '%s: an upload through the handler becomes a record, and its removal marks it deleted',
    async (_language, key, bytes, language) => {
      expect(Buffer.byteLength(key)).toBe(MAX_S3_KEY_BYTES);
      const { response } = await stack.deliver(await stack.put(key, bytes));
      expect(response?.batchItemFailures).toEqual([]);
      const stored = await stack.store.getRecord(stack.bucket, key);
      expect(stored).toMatchObject({ key, status: 'ok' });
      expect(stored?.digest?.language).toBe(language);
      expect((await stack.store.listByLanguage(language, 100)).map((row) => row.key)).toContain(key);

      const removal = await stack.deliver(await stack.remove(key));
      expect(removal.response?.batchItemFailures).toEqual([]);
      expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('deleted');
    },
  );
});

describe('index order', () => {
  it('lists articles newest first by upload time whatever their keys', async () => {
    const times = ['2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z'];
    // Keys in the reverse order of their upload times, so an order by key would show.
    const keys = ['articles/zz-first.txt', 'articles/mm-second.txt', 'articles/aa-third.txt'];
    for (const [index, key] of keys.entries()) {
      await stack.store.putDigest({
        bucket: 'order-bucket',
        key,
        uploadedAt: times[index] as string,
        sequencer: '01',
        digest: digestWith(ARABIC, key, 'قرطبة'),
      });
    }
    const rows = await stack.store.listByEntity('قرطبة', 10);
    expect(rows.map((row) => row.key)).toEqual([...keys].reverse());
    const arabic = (await stack.store.listByLanguage('ar', 100)).filter(
      (row) => row.bucket === 'order-bucket',
    );
    expect(arabic.map((row) => row.key)).toEqual([...keys].reverse());
  });
});
