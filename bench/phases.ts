/**
 * Where a digest's time goes: each stage of `digestArticle`, and each key-facts extractor, timed on
 * its own over the same input the digest gives it. Used to find hot spots, not to set targets.
 */
import { extractDates } from '../lambdas/core/dates.ts';
import { extractEntities } from '../lambdas/core/entities.ts';
import { extractFacts } from '../lambdas/core/facts.ts';
import { extractKeywords } from '../lambdas/core/keywords.ts';
import { extractCitedSources } from '../lambdas/core/metadata.ts';
import { extractNumbers } from '../lambdas/core/numbers.ts';
import { extractQuotes } from '../lambdas/core/quotes.ts';
import { countWords } from '../lambdas/core/segment.ts';
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

/** Times every stage once, in order, each on the previous stage's output. */
function timePhasesOnce(bytes: Uint8Array, fileName: string, referenceDate: string): PhaseTimes {
  const times: PhaseTimes = {};
  const step = <T>(name: string, fn: () => T): T => {
    let out: T | undefined;
    times[name] = measure(() => {
      out = fn();
    }).cpuMs;
    return out as T;
  };
  const { analysed, scores } = analyseForFacts(bytes, fileName, referenceDate, step);
  const { text, language, paragraphs: content, sentences } = analysed;
  step('keywords', () => extractKeywords(text, sentences, language));
  step('countWords', () => content.reduce((n, p) => n + countWords(text.slice(p.start, p.end), language), 0));
  step('citedSources', () => extractCitedSources(sentences));
  const entities = step('facts.entities', () => extractEntities(analysed));
  const dates = step('facts.dates', () => extractDates(analysed, entities));
  step('facts.numbers', () => extractNumbers(analysed, entities, dates));
  step('facts.quotes', () => extractQuotes(analysed, entities));
  step('facts.all', () => extractFacts(analysed, scores));
  return times;
}
