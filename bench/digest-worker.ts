/**
 * One benchmark article in a fresh process (bundled by bench.ts and run with plain `node`, as Lambda
 * runs the bundle): digest time, the Lead-3 and segmentation floors on the same bytes, and the peak
 * RSS of the process. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { digestArticle } from '../lambdas/core/digest.ts';
import { buildArticle, buildPool, freshCopy, readFixtureTexts } from './corpus.ts';
import { type FactsShare, measureFactsShare } from './facts-share.ts';
import { type PhaseTimes, timePhases } from './phases.ts';
import { measure, median, type Timing } from './stats.ts';

/** Untimed runs before the timed ones, for every article digested more than once. */
const WARM_UP_MS = 2000;

/** What the parent asks for. */
export interface WorkerRequest {
  /** A file to digest as is (the seed), or a generated article. */
  file?: string;
  lang: 'ar' | 'en';
  bytes?: number;
  root: string;
  /** Stop timing after this long, once `minRuns` are done (articles timed more than once are first warmed up for WARM_UP_MS). */
  budgetMs: number;
  minRuns: number;
  maxRuns: number;
  /** Also time the key-facts extractors apart from the rest of the digest. */
  factsShare?: boolean;
  /** Also time each stage of the digest once. */
  phases?: boolean;
}

/** What the worker reports. */
export interface WorkerResult {
  bytes: number;
  characters: number;
  sentences: number;
  runs: number;
  status: string;
  /** The first digest in this process (JIT cold), then warm medians, wall clock. */
  firstMs: number;
  digestMs: number;
  digestMinMs: number;
  lead3Ms: number;
  segmentMs: number;
  /** The same medians in CPU time, which a loaded machine does not inflate. */
  firstCpuMs: number;
  digestCpuMs: number;
  lead3CpuMs: number;
  segmentCpuMs: number;
  rssBeforeMb: number;
  /** Peak RSS of the process once its first digest is done: what one article needs in a fresh process. */
  firstPeakRssMb: number;
  /** Peak RSS over all runs (repeated runs add garbage the collector has not yet returned). */
  peakRssMb: number;
  heapUsedMb: number;
  facts?: FactsShare;
  phases?: PhaseTimes;
}

/** Fewest timings of the segmentation floor and Lead-3 behind a median. */
const MIN_FLOOR_RUNS = 9;

/** Reference date for relative dates, fixed so every run does the same work. */
const REFERENCE_DATE = '2026-01-15T12:00:00Z';

const decoder = new TextDecoder();

/**
 * The floor any digest pays: decode, then one Intl.Segmenter sentence pass, paragraph by paragraph.
 * (One pass over the whole string would not be a floor: V8's segment iterator costs O(length) per
 * segment, so a 1 MB string takes minutes.)
 */
function segmentOnce(bytes: Uint8Array, segmenter: Intl.Segmenter): number {
  let n = 0;
  for (const paragraph of decoder.decode(bytes).split(/\n[ \t]*\n/)) {
    for (const _ of segmenter.segment(paragraph)) n++;
  }
  return n;
}

/** The classic Lead-3 baseline: the first three non-empty sentences, stopping as soon as it has them. */
function leadThree(bytes: Uint8Array, segmenter: Intl.Segmenter): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(decoder.decode(bytes))) {
    const t = s.segment.trim();
    if (t) out.push(t);
    if (out.length === 3) break;
  }
  return out;
}

const medianOf = (timings: Timing[], key: keyof Timing) => median(timings.map((t) => t[key]));

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

function run(request: WorkerRequest): WorkerResult {
  const text = request.file
    ? readFileSync(request.file, 'utf8')
    : buildArticle(
        buildPool(readFixtureTexts(request.root))[request.lang],
        request.bytes ?? 1024,
        request.bytes ?? 1,
      );
  const bytes = new TextEncoder().encode(text);
  const fileName = request.file
    ? (request.file.split('/').pop() ?? 'article.txt')
    : `bench-${request.lang}.txt`;
  const segmenter = new Intl.Segmenter(request.lang, { granularity: 'sentence' });
  let run = 0;
  const digest = () =>
    digestArticle({ bytes: freshCopy(bytes, run++), fileName }, { referenceDate: REFERENCE_DATE });
  const rssBefore = process.memoryUsage().rss;

  let first: ReturnType<typeof digestArticle> | undefined;
  const firstRun = measure(() => {
    first = digest();
  });
  const firstPeakRss = process.resourceUsage().maxRSS * 1024;
  // A warm process: V8 optimises a function only after many calls, on background threads whose CPU
  // time counts here, and a digest calls hundreds of functions, so the first second or so of runs is
  // slower. Those runs are not counted.
  if (request.maxRuns > 1) {
    const warmUntil = performance.now() + WARM_UP_MS;
    while (performance.now() < warmUntil) {
      segmentOnce(bytes, segmenter);
      leadThree(bytes, segmenter);
      digest();
    }
  }
  const digestTimes: Timing[] = [];
  const segmentTimes: Timing[] = [];
  const leadTimes: Timing[] = [];
  const started = performance.now();
  // Interleaved, so a noisy neighbour slows all three alike and the ratios hold.
  while (
    digestTimes.length < request.maxRuns &&
    request.maxRuns > 0 &&
    (digestTimes.length < request.minRuns || performance.now() - started < request.budgetMs)
  ) {
    segmentTimes.push(measure(() => segmentOnce(bytes, segmenter)));
    leadTimes.push(measure(() => leadThree(bytes, segmenter)));
    digestTimes.push(measure(digest));
  }
  // A request for no timed run reports the first digest.
  if (digestTimes.length === 0) {
    digestTimes.push(firstRun);
    segmentTimes.push(measure(() => segmentOnce(bytes, segmenter)));
    leadTimes.push(measure(() => leadThree(bytes, segmenter)));
  }
  // Large articles get few digest runs, and a collector pause inside one of few floor runs would move
  // the ratio by a factor: the floor and Lead-3 are cheap, so they get a few runs more.
  while (segmentTimes.length < MIN_FLOOR_RUNS) {
    segmentTimes.push(measure(() => segmentOnce(bytes, segmenter)));
    leadTimes.push(measure(() => leadThree(bytes, segmenter)));
  }
  const result: WorkerResult = {
    bytes: bytes.length,
    characters: text.length,
    sentences: first?.stats.sentences ?? 0,
    runs: digestTimes.length,
    status: first?.status === 'ok' ? 'ok' : `${first?.status} ${first?.error?.code ?? ''}`.trim(),
    firstMs: firstRun.wallMs,
    digestMs: medianOf(digestTimes, 'wallMs'),
    digestMinMs: Math.min(...digestTimes.map((t) => t.wallMs)),
    lead3Ms: medianOf(leadTimes, 'wallMs'),
    segmentMs: medianOf(segmentTimes, 'wallMs'),
    firstCpuMs: firstRun.cpuMs,
    digestCpuMs: medianOf(digestTimes, 'cpuMs'),
    lead3CpuMs: medianOf(leadTimes, 'cpuMs'),
    segmentCpuMs: medianOf(segmentTimes, 'cpuMs'),
    rssBeforeMb: mb(rssBefore),
    firstPeakRssMb: mb(firstPeakRss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
  };
  // Small articles take the median of several passes; a large one is timed once.
  if (request.phases)
    result.phases = timePhases(bytes, fileName, REFERENCE_DATE, bytes.length < 64 * 1024 ? 15 : 1);
  if (request.factsShare) {
    result.facts = measureFactsShare(bytes, fileName, REFERENCE_DATE, request.budgetMs, result.digestCpuMs);
  }
  return result;
}

const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
process.stdout.write(`${JSON.stringify(run(request))}\n`);
