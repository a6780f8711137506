/**
 * Versioned buckets: deleting the current version of an object makes the previous version current,
 * and S3 sends only ObjectRemoved:Delete for it. s3rver has no versioning, so the previous version
 * coming back is simulated by overwriting the object without delivering that upload's event, then
 * delivering the removal S3 would send: the record must describe what the key now holds.
 */
import { readFile } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3EventOf, s3EventRecordFor } from '../../lambdas/local/s3-events.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';

const ENGLISH = await readFile(new URL('./fixtures/harbour-expansion.md', import.meta.url));
const ARABIC = await readFile(new URL('./fixtures/library-reopening.txt', import.meta.url));

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** The ObjectRemoved:Delete S3 sends when a version of the key is deleted permanently. */
function versionRemoval(key: string, versionId: string) {
  return s3EventOf(
    s3EventRecordFor(stack.bucket, key, undefined, 'ObjectRemoved:Delete', undefined, { versionId }),
  );
}

async function currentEtag(key: string): Promise<string | undefined> {
  const head = await stack.s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: key }));
  return head.ETag?.replace(/^"|"$/g, '');
}

const CASES = [
  // Current version, the previous version that becomes current, and their languages.
  ['English replaced by its Arabic predecessor', 'articles/current-removed.md', ENGLISH, 'en', ARABIC, 'ar'],
  [
    'Arabic replaced by its English predecessor',
    'articles/حذف النسخة الحالية.txt',
    ARABIC,
    'ar',
    ENGLISH,
    'en',
  ],
] as const;

describe('the current version is deleted and the previous one becomes current', () => {
  it.each(CASES)(
    '%s: the record describes the previous version, dated and ordered by the removal',
    async (_label, key, current, currentLanguage, previous, previousLanguage) => {
      await stack.deliver(await stack.put(key, current));
      expect((await stack.store.getRecord(stack.bucket, key))?.digest?.language).toBe(currentLanguage);

      // The previous version is current again; S3 sends no ObjectCreated for that.
      await stack.put(key, previous);
      const removal = versionRemoval(key, 'deleted-current-version');
      const { response } = await stack.deliver(removal);
      expect(response?.batchItemFailures).toEqual([]);

      const record = await stack.store.getRecord(stack.bucket, key);
      expect(record).toMatchObject({
        status: 'ok',
        sequencer: removal.Records[0]?.s3.object.sequencer,
        uploadedAt: removal.Records[0]?.eventTime,
      });
      expect(record?.digest?.language).toBe(previousLanguage);
      expect(record?.digest?.source).toMatchObject({
        etag: await currentEtag(key),
        size: previous.byteLength,
      });
      const listed = async (language: string) =>
        (await stack.store.listByLanguage(language, 100)).map((row) => row.key);
      expect(await listed(previousLanguage)).toContain(key);
      expect(await listed(currentLanguage)).not.toContain(key);

      // Redelivered, the removal finds the record already describing the current object.
      await stack.deliver(removal);
      expect(await stack.store.getRecord(stack.bucket, key)).toEqual(record);
    },
  );

  it('a removal older than the stored record changes nothing', async () => {
    const key = 'articles/late-removal.txt';
    await stack.put(key, ENGLISH);
    // An old removal, delivered only after a newer upload was stored.
    const lateRemoval = versionRemoval(key, 'old-current-version');
    await stack.deliver(await stack.put(key, ARABIC));
    const before = await stack.store.getRecord(stack.bucket, key);
    await stack.put(key, ENGLISH);
    await stack.deliver(lateRemoval);
    expect(await stack.store.getRecord(stack.bucket, key)).toEqual(before);
  });
});

describe('a delete marker is removed and the object it hid becomes current again', () => {
  it.each([
    ['Arabic', 'articles/عودة المقال.txt', ARABIC, 'ar'],
    ['English', 'articles/restored.md', ENGLISH, 'en'],
  ] as const)('%s: the deleted record comes back to life', async (_label, key, body, language) => {
    await stack.deliver(await stack.put(key, body));
    // The delete marker: the key has no current object, so the record is marked deleted.
    await stack.deliver(await stack.remove(key));
    expect((await stack.store.getRecord(stack.bucket, key))?.status).toBe('deleted');

    // Removing the marker brings the same version back; S3 sends ObjectRemoved:Delete for the marker.
    await stack.put(key, body);
    const { response } = await stack.deliver(versionRemoval(key, 'delete-marker'));
    expect(response?.batchItemFailures).toEqual([]);
    const record = await stack.store.getRecord(stack.bucket, key);
    expect(record?.status).toBe('ok');
    expect(record?.digest?.language).toBe(language);
    expect((await stack.store.listByLanguage(language, 100)).map((row) => row.key)).toContain(key);
  });
});
