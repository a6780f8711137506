/**
 * Where a digest's time goes: each stage of `digestArticle` (through its stage hook), and each key-facts
 * extractor timed on its own over the same input the digest gives it. Used to find hot spots, not to set targets.
 */
import { extractDates } from '../lambdas/core/dates.ts';
import { digestArticle } from '../lambdas/core/digest.ts';
import { extractEntities } from '../lambdas/core/entities.ts';
import { extractNumbers } from '../lambdas/core/numbers.ts';
import { extractQuotes } from '../lambdas/core/quotes.ts';
import { freshCopy } from './corpus.ts';
import { analyseForFacts } from './facts-share.ts';
import { measure, median, round } from './stats.ts';

/** CPU milliseconds per stage, in pipeline order. */
export type PhaseTimes = Record<string, number>;

/** Runs the stages `runs` times (call it after a warm-up) and keeps each stage's median CPU time. */
export function timePhases(bytes: Uint8Array, fileName: string, referenceDate: string, runs = 1): PhaseTimes {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [stage, ms] of Object.entries(timePhasesOnce(freshCopy(bytes, i), fileName, referenceDate))) {
      samples[stage] = [...(samples[stage] ?? []), ms];
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([stage, ms]) => [stage, round(median(ms), 2)]));
}

/** Times every stage of one digest, then each key-facts extractor on its own over the same input. */
function timePhasesOnce(bytes: Uint8Array, fileName: string, referenceDate: string): PhaseTimes {
  const times: PhaseTimes = {};
  const step = <T>(name: string, fn: () => T): T => {
    let out: T | undefined;
    times[name] = measure(() => {
      out = fn();
    }).cpuMs;
    return out as T;
  };
  digestArticle({ bytes, fileName }, { referenceDate, stage: step });
  const { analysed } = analyseForFacts(bytes, fileName, referenceDate);
  const entities = step('facts.entities', () => extractEntities(analysed));
  const dates = step('facts.dates', () => extractDates(analysed, entities));
  step('facts.numbers', () => extractNumbers(analysed, entities, dates));
  step('facts.quotes', () => extractQuotes(analysed, entities));
  return times;
}
