/**
 * `npm run load`: 1,000 mixed articles uploaded with concurrency through the local pipeline (s3rver ->
 * genuine S3 events -> local SQS queues -> the real handler -> dynalite), then checked: exactly one
 * record per upload, no duplicates, no failures but the planted bad files, each with its reason.
 * Prints throughput and peak memory; exits 1 when any check fails.
 *
 *   npm run load [-- --articles 1000 --bad-share 0.02 --instances 4 --upload-concurrency 8]
 */
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { createDynamoDigestStore } from '../lambdas/adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../lambdas/adapters/table-design.ts';
import type { ErrorCode } from '../lambdas/core/schema.ts';
import { LocalQueue, type SqsHandler } from '../lambdas/local/queue.ts';
import { genuineEventFromS3rver, type S3rverEvent } from '../lambdas/local/s3-events.ts';
import { ensureBucketAndTable, startLocalServers, useLocalAws } from '../lambdas/local/servers.ts';
import { BAD_INPUTS } from '../tests/reliability/support/bad-inputs.ts';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    'bad-share': { type: 'string', default: '0.02' },
    instances: { type: 'string', default: '4' },
    'upload-concurrency': { type: 'string', default: '8' },
  },
});
const TOTAL = Number(args.articles);
const BAD = Math.round(TOTAL * Number(args['bad-share']));
/** Warm Lambda instances, each with its own queue poller taking batches of 10. */
const INSTANCES = Number(args.instances);
const UPLOAD_CONCURRENCY = Number(args['upload-concurrency']);
const PREFIX = `${DEFAULTS.uploadPrefix}load/`;

// ---------------------------------------------------------------- articles

const fixture = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const SOURCES = [
  { text: fixture('seeds/000_1ec30d0ad7525b12.txt'), arabic: true },
  { text: fixture('tests/integration/fixtures/library-reopening.txt'), arabic: true },
  { text: fixture('tests/fixtures/core-en-harbour.txt'), arabic: false },
  { text: fixture('tests/fixtures/en-drone-contract.txt'), arabic: false },
  { text: fixture('tests/integration/fixtures/harbour-expansion.md'), arabic: false },
];
/** Key names users really choose: spaces, plus signs, percent signs, Arabic. */
const NAME_STYLES = ['story-{i}', 'story {i}', 'a+b {i}', '100% {i}', 'تقرير {i}', 'خبر_{i}'];

interface Upload {
  key: string;
  body: Uint8Array;
  contentType: string;
  /** Set for planted bad files: the code its record must carry. */
  expectedCode?: ErrorCode;
}

const html = (title: string, paragraphs: string[]) =>
  `<!doctype html><html><head><title>${title}</title><script>track()</script></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>© precis</footer></body></html>`;

/** A distinct article from a fixture: its paragraphs rotated, a numbered line added, in one of six forms. */
function goodUpload(i: number): Upload {
  const source = SOURCES[i % SOURCES.length] as (typeof SOURCES)[number];
  const [title = '', ...rest] = source.text.trim().split(/\n\s*\n/);
  const shift = rest.length > 0 ? i % rest.length : 0;
  const paragraphs = [...rest.slice(shift), ...rest.slice(0, shift)];
  paragraphs.push(
    source.arabic ? `وهذا التقرير رقم ${i} في السلسلة.` : `This is report number ${i} in the series.`,
  );
  const name = (NAME_STYLES[i % NAME_STYLES.length] as string).replace('{i}', String(i));
  const form = Math.floor(i / SOURCES.length) % 6;
  const utf8 = (text: string) => new TextEncoder().encode(text);
  switch (form) {
    case 0:
      return {
        key: `${PREFIX}${name}.txt`,
        body: utf8([title, ...paragraphs].join('\n\n')),
        contentType: 'text/plain',
      };
    case 1:
      return {
        key: `${PREFIX}${name}.md`,
        body: utf8(`# ${title.replace(/^#\s*/, '')}\n\n${paragraphs.join('\n\n')}`),
        contentType: 'text/markdown',
      };
    case 2:
      return { key: `${PREFIX}${name}.html`, body: utf8(html(title, paragraphs)), contentType: 'text/html' };
    case 3:
      return {
        key: `${PREFIX}${name}.json`,
        body: utf8(
          JSON.stringify({
            headline: title,
            articleBody: paragraphs.join('\n\n'),
            datePublished: '2026-11-20',
          }),
        ),
        contentType: 'application/json',
      };
    case 4:
      // UTF-16 without a BOM, as some Windows tools save it.
      return {
        key: `${PREFIX}${name}.txt`,
        body: new Uint8Array(iconv.encode([title, ...paragraphs].join('\r\n\r\n'), 'utf-16le')),
        contentType: 'application/octet-stream',
      };
    default:
      // Legacy code pages: windows-1256 for Arabic, windows-1252 for English.
      return {
        key: `${PREFIX}${name}.txt`,
        body: new Uint8Array(
          iconv.encode([title, ...paragraphs].join('\n\n'), source.arabic ? 'windows-1256' : 'windows-1252'),
        ),
        contentType: 'text/plain',
      };
  }
}

/** The bad files of the reliability suite that must fail, cycled: empty, binary, malformed, too large... */
const PLANTABLE = BAD_INPUTS.filter((input) => input.expected.status === 'failed' && !input.heavy);

function badUpload(n: number): Upload {
  const input = PLANTABLE[n % PLANTABLE.length] as (typeof PLANTABLE)[number];
  const code = input.expected.status === 'failed' ? input.expected.code : 'INTERNAL';
  return {
    key: `${PREFIX}bad/${n}-${input.fileName}`,
    body: input.bytes(),
    contentType: 'application/octet-stream',
    expectedCode: code,
  };
}

/** The uploads, bad ones spread evenly among the good. */
function planUploads(): Upload[] {
  const uploads: Upload[] = [];
  const every = BAD > 0 ? Math.floor(TOTAL / BAD) : Number.POSITIVE_INFINITY;
  let bad = 0;
  for (let i = 0; i < TOTAL; i++) {
    if (bad < BAD && i % every === every - 1) uploads.push(badUpload(bad++));
    else uploads.push(goodUpload(i));
  }
  return uploads;
}

// ---------------------------------------------------------------- run

async function mapLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const dataDir = await mkdtemp(join(tmpdir(), 'precis-load-'));
  const servers = await startLocalServers({ dataDir, persist: false });
  try {
    useLocalAws(servers);
    Object.assign(process.env, {
      TABLE_NAME: DEFAULTS.tableName,
      UPLOAD_PREFIX: DEFAULTS.uploadPrefix,
      MAX_ARTICLE_BYTES: String(DEFAULTS.maxArticleBytes),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    await ensureBucketAndTable(DEFAULTS.bucketName, DEFAULTS.tableName);
    const { handler } = await import('../lambdas/handlers/digest-upload.ts');

    const queues = Array.from(
      { length: INSTANCES },
      () => new LocalQueue(handler as SqsHandler, { retryDelayMs: 100 }),
    );
    let events = 0;
    (servers.s3rver as unknown as EventEmitter).on('event', (event: S3rverEvent) => {
      (queues[events++ % INSTANCES] as LocalQueue).send(genuineEventFromS3rver(event));
    });

    const uploads = planUploads();
    const bytes = uploads.reduce((n, u) => n + u.body.byteLength, 0);
    console.log(
      `uploading ${uploads.length} articles (${BAD} planted bad files, ${(bytes / 1e6).toFixed(1)} MB) with ${UPLOAD_CONCURRENCY} parallel uploads into ${INSTANCES} handler instances...`,
    );
    const started = performance.now();
    const s3 = new S3Client({});
    await mapLimit(uploads, UPLOAD_CONCURRENCY, async (upload) => {
      await s3.send(
        new PutObjectCommand({
          Bucket: DEFAULTS.bucketName,
          Key: upload.key,
          Body: upload.body,
          ContentType: upload.contentType,
        }),
      );
    });
    s3.destroy();
    const uploadedMs = performance.now() - started;
    while (events < uploads.length) await sleep(20);
    for (let busy = true; busy; ) {
      await Promise.all(queues.map((queue) => queue.idle()));
      await sleep(50);
      busy = false;
      for (const queue of queues) {
        const before = performance.now();
        await queue.idle();
        if (performance.now() - before > 1) busy = true;
      }
    }
    const processedMs = performance.now() - started;

    // ---------------------------------------------------------------- checks
    const store = createDynamoDigestStore(DEFAULTS.tableName);
    const records = (await store.listRecent(Number.MAX_SAFE_INTEGER)).filter((r) => r.key.startsWith(PREFIX));
    const byKey = new Map<string, typeof records>();
    for (const record of records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
    const expected = new Map(uploads.map((u) => [u.key, u]));
    const problems: string[] = [];
    const duplicates = [...byKey].filter(([, list]) => list.length > 1).map(([key]) => key);
    const missing = [...expected.keys()].filter((key) => !byKey.has(key));
    const unexpected = [...byKey.keys()].filter((key) => !expected.has(key));
    if (records.length !== uploads.length)
      problems.push(`${records.length} records for ${uploads.length} uploads`);
    if (duplicates.length > 0) problems.push(`duplicate records: ${duplicates.slice(0, 5).join(', ')}`);
    if (missing.length > 0) problems.push(`uploads without a record: ${missing.slice(0, 5).join(', ')}`);
    if (unexpected.length > 0)
      problems.push(`records without an upload: ${unexpected.slice(0, 5).join(', ')}`);
    const failures: Array<{ key: string; code: string }> = [];
    for (const [key, upload] of expected) {
      const record = byKey.get(key)?.[0];
      if (!record) continue;
      if (record.status === 'failed') failures.push({ key, code: record.errorCode ?? '?' });
      if (upload.expectedCode === undefined && record.status !== 'ok')
        problems.push(`${key}: ${record.status} ${record.errorCode ?? ''} (expected a digest)`);
      if (upload.expectedCode !== undefined && record.errorCode !== upload.expectedCode)
        problems.push(`${key}: ${record.status} ${record.errorCode ?? ''} (expected ${upload.expectedCode})`);
    }
    const deadLetters = queues.reduce((n, queue) => n + queue.deadLetters.length, 0);
    if (deadLetters > 0) problems.push(`${deadLetters} messages in the dead-letter queue`);
    const lost = missing.length;

    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const seconds = processedMs / 1000;
    const codes = new Map<string, number>();
    for (const failure of failures) codes.set(failure.code, (codes.get(failure.code) ?? 0) + 1);
    console.log(`
uploads            ${uploads.length} (${uploads.length - BAD} articles + ${BAD} planted bad files)
records            ${records.length} (${byKey.size} distinct keys, ${duplicates.length} duplicates, ${lost} lost)
failed records     ${failures.length}: ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}
dead letters       ${deadLetters}
uploads done in    ${(uploadedMs / 1000).toFixed(1)} s
all records in     ${seconds.toFixed(1)} s
throughput         ${(uploads.length / seconds).toFixed(1)} articles/s (${(bytes / 1e6 / seconds).toFixed(2)} MB/s), ${INSTANCES} instances in one process
peak memory (RSS)  ${(peakRss / 1024 / 1024).toFixed(0)} MB (servers, queues and handler in one process)
`);
    for (const failure of failures) {
      const upload = expected.get(failure.key);
      console.log(
        `  planted ${failure.key}: ${failure.code}${upload?.expectedCode === failure.code ? '' : ' (NOT PLANTED)'}`,
      );
    }
    if (problems.length > 0) {
      console.error(`\nFAILED: ${problems.length} problem(s)\n${problems.slice(0, 30).join('\n')}`);
      return 1;
    }
    console.log(
      '\nOK: every upload has exactly one record; only the planted files failed, each for its reason.',
    );
    return 0;
  } finally {
    clearInterval(sampler);
    await servers.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
