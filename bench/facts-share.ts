/**
 * The key-facts extractors' share of a digest: the core's own `analyseArticle` builds what the
 * extractors receive, then `extractFacts` is timed on its own and compared with the whole digest.
 */
import type { AnalysedText } from '../lambdas/core/analysis.ts';
import { analyseArticle, type StageRunner } from '../lambdas/core/digest.ts';
import { extractFacts } from '../lambdas/core/facts.ts';
import { measure, median, round } from './stats.ts';

/** Facts time against the rest of the digest (the "core"). */
export interface FactsShare {
  factsMs: number;
  digestMs: number;
  coreMs: number;
  /** facts / core; the target is at most 3. */
  factsToCore: number;
  runs: number;
  counts: { entities: number; dates: number; numbers: number; quotes: number; keyFacts: number };
}

/** The extractors' input for these bytes, exactly as `digestArticle` builds it (each stage run through `stage`). */
export function analyseForFacts(
  bytes: Uint8Array,
  fileName: string,
  referenceDate: string,
  stage?: StageRunner,
): { analysed: AnalysedText; scores: number[] } {
  const { analysed, ranking } = analyseArticle(
    { bytes, fileName },
    stage ? { referenceDate, stage } : { referenceDate },
  );
  return { analysed, scores: ranking.scores };
}

/** Times `extractFacts` alone (median CPU time over the budget) and sets it against the digest's CPU time. */
export function measureFactsShare(
  bytes: Uint8Array,
  fileName: string,
  referenceDate: string,
  budgetMs: number,
  digestMs: number,
): FactsShare {
  const { analysed, scores } = analyseForFacts(bytes, fileName, referenceDate);
  let facts = extractFacts(analysed, scores);
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 5 || (performance.now() - started < budgetMs && times.length < 500)) {
    times.push(
      measure(() => {
        facts = extractFacts(analysed, scores);
      }).cpuMs,
    );
  }
  const factsMs = median(times);
  const coreMs = Math.max(digestMs - factsMs, 1e-6);
  return {
    factsMs: round(factsMs, 3),
    digestMs: round(digestMs, 3),
    coreMs: round(coreMs, 3),
    factsToCore: round(factsMs / coreMs, 2),
    runs: times.length,
    counts: {
      entities: facts.entities.length,
      dates: facts.dates.length,
      numbers: facts.numbers.length,
      quotes: facts.quotes.length,
      keyFacts: facts.keyFacts.length,
    },
  };
}
