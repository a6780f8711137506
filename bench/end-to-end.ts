/**
 * Articles per second through the local pipeline: S3 put -> S3 event -> SQS message -> the real
 * handler -> record in the table, on embedded s3rver and dynalite (`lambdas/local/runner.ts`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocalPipeline } from '../lambdas/local/runner.ts';
import { type BenchLanguage, buildArticle, type ParagraphPool } from './corpus.ts';
import { round } from './stats.ts';

/** What one local run measured. */
export interface EndToEndResult {
  articles: number;
  records: number;
  ok: number;
  totalBytes: number;
  /** From the call to the last record: server start, handler import and every article. */
  elapsedMs: number;
  articlesPerSecond: number;
  /** From the first record to the last: the pipeline's steady rate, start-up excluded. */
  steadyArticlesPerSecond: number;
  msPerArticle: number;
}

/** Typical article sizes for the run: short news items to long reads. */
const SIZES = [2_048, 4_096, 8_192, 16_384];

function writeArticles(dir: string, pool: ParagraphPool, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const lang: BenchLanguage = i % 2 === 0 ? 'ar' : 'en';
    const size = SIZES[i % SIZES.length] as number;
    writeFileSync(
      join(dir, `article-${String(i).padStart(3, '0')}-${lang}.txt`),
      buildArticle(pool[lang], size, 1000 + i),
    );
  }
}

/**
 * Uploads `count` articles through one local run and times it whole and from the first record on
 * (one run only: the handler keeps the SDK clients of the servers it first saw, as in Lambda).
 */
export async function measureEndToEnd(pool: ParagraphPool, count: number): Promise<EndToEndResult> {
  const work = mkdtempSync(join(tmpdir(), 'precis-bench-e2e-'));
  try {
    writeArticles(join(work, 'articles'), pool, count);
    let first: { at: number; done: number } | undefined;
    let last = 0;
    const run = await runLocalPipeline({
      paths: [join(work, 'articles')],
      dataDir: join(work, 'data'),
      reset: true,
      logLevel: 'ERROR',
      timeoutMs: 120_000,
      onProgress: (done) => {
        if (done === 0) return;
        first ??= { at: performance.now(), done };
        last = performance.now();
      },
    });
    await run.servers.close();
    const records = run.uploads.filter((u) => u.record !== undefined);
    const steadyMs = first ? last - first.at : 0;
    const steadyCount = first ? records.length - first.done : 0;
    return {
      articles: count,
      records: records.length,
      ok: records.filter((u) => u.record?.status === 'ok').length,
      totalBytes: run.uploads.reduce((n, u) => n + u.bytes, 0),
      elapsedMs: run.elapsedMs,
      articlesPerSecond: round(records.length / (run.elapsedMs / 1000), 1),
      steadyArticlesPerSecond: steadyMs > 0 ? round(steadyCount / (steadyMs / 1000), 1) : 0,
      msPerArticle: round(run.elapsedMs / Math.max(1, records.length), 1),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
