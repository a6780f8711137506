import { describe, expect, it } from 'vitest';
import {
  BACKFILL_SEQUENCER,
  backfillRecordFor,
  chunk,
  isUploadKey,
  UPLOAD_SUFFIXES,
} from '../../lambdas/backfill.ts';
import { regionOfQueueUrl } from '../../lambdas/cli/backfill.ts';
import { compareSequencers, parseS3Event } from '../../lambdas/events.ts';

describe('isUploadKey', () => {
  it.each([
    ['articles/مقال.txt', true],
    ['articles/2026/news item.md', true],
    ['articles/page.markdown', true],
    ['articles/خبر.html', true],
    ['articles/page.htm', true],
    ['articles/feed.json', true],
    // S3 suffix filters are case-sensitive, so S3 sends nothing for these: neither does backfill.
    ['articles/SHOUT.TXT', false],
    ['articles/photo.jpg', false],
    ['articles/', false],
    ['other/مقال.txt', false],
    ['articles.txt', false],
  ])('%s -> %s', (key, expected) => {
    expect(isUploadKey(key, 'articles/')).toBe(expected);
  });

  it('knows the formats the pipeline reads', () => {
    expect([...UPLOAD_SUFFIXES].sort()).toEqual(['.htm', '.html', '.json', '.markdown', '.md', '.txt']);
  });
});

describe('chunk', () => {
  it.each([
    [0, []],
    [1, [1]],
    [10, [10]],
    [11, [10, 1]],
    [25, [10, 10, 5]],
  ])('splits %i items into batches of at most 10: %j', (count, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const groups = chunk(items, 10);
    expect(groups.map((g) => g.length)).toEqual(sizes);
    expect(groups.flat()).toEqual(items);
  });

  it('refuses a size that would loop forever', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('backfillRecordFor', () => {
  const lastModified = new Date('2026-11-20T08:30:00.000Z');

  it.each([
    ['articles/مقال عن قطر.txt', 'Arabic with spaces'],
    ['articles/news item (1).md', 'English with brackets'],
  ])('is an S3 event the pipeline parses back to the same object: %s (%s)', (key) => {
    const record = backfillRecordFor(
      'my-bucket',
      { key, size: 1234, etag: 'abc123', lastModified },
      'eu-west-1',
    );
    const [upload] = parseS3Event({ Records: [record] });
    expect(upload).toEqual({
      kind: 'created',
      bucket: 'my-bucket',
      key,
      sequencer: BACKFILL_SEQUENCER,
      eventTime: lastModified.toISOString(),
      size: 1234,
      etag: 'abc123',
    });
    expect(record.awsRegion).toBe('eu-west-1');
  });

  it('is older than any genuine S3 sequencer, so it never hides a later upload or deletion', () => {
    for (const genuine of ['0055AED6DCD90281E5', '1', '00000000000000000001', '005F7B1A2C3D4E5F60']) {
      expect(compareSequencers(BACKFILL_SEQUENCER, genuine)).toBeLessThan(0);
    }
  });
});

describe('regionOfQueueUrl', () => {
  it.each([
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/PrecisProcessing-Uploads', 'eu-west-1'],
    ['https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q', 'cn-north-1'],
    ['http://127.0.0.1:9324/000000000000/q', undefined],
  ])('%s -> %s', (url, region) => {
    expect(regionOfQueueUrl(url)).toBe(region);
  });
});
