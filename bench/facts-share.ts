/**
 * The key-facts extractors' share of a digest: the analysed text is rebuilt with the core's own steps
 * (as digest.ts does), then `extractFacts` is timed on its own and compared with the whole digest.
 */
import type { AnalysedText } from '../lambdas/core/analysis.ts';
import { decodeBytes } from '../lambdas/core/decode.ts';
import { detectFormat, extractDocument } from '../lambdas/core/document.ts';
import { extractFacts } from '../lambdas/core/facts.ts';
import { detectLanguage } from '../lambdas/core/language.ts';
import { extractAttribution, isTitleLine } from '../lambdas/core/metadata.ts';
import { splitParagraphs, splitSentences } from '../lambdas/core/segment.ts';
import { summarise } from '../lambdas/core/summarise.ts';
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

/** Runs one named stage; the phase timer passes one that measures it. */
export type Stage = <T>(name: string, fn: () => T) => T;

const untimed: Stage = (_name, fn) => fn();

/** The extractors' input for these bytes, built exactly as `digestArticle` builds it, stage by stage. */
export function analyseForFacts(
  bytes: Uint8Array,
  fileName: string,
  referenceDate: string,
  step: Stage = untimed,
): { analysed: AnalysedText; scores: number[] } {
  const { text: decoded } = step('decode', () => decodeBytes(bytes));
  const doc = step('document', () => extractDocument(decoded, detectFormat(fileName, undefined, decoded)));
  const text = doc.text;
  const { language } = step('language', () => detectLanguage(text, doc.lang));
  const paragraphs = step('paragraphs', () => splitParagraphs(text));
  const { excluded } = step('attribution', () => extractAttribution(text, paragraphs));
  let titleParagraph = -1;
  if (!doc.title) {
    const first = paragraphs.findIndex((_, i) => !excluded.has(i));
    const p = paragraphs[first];
    if (p && isTitleLine(text.slice(p.start, p.end), paragraphs.length - excluded.size))
      titleParagraph = first;
  }
  const content = paragraphs.filter((_, i) => !excluded.has(i) && i !== titleParagraph);
  const sentences = step('sentences', () => splitSentences(text, content, language));
  const { scores } = step('summarise', () => summarise(text, sentences, language));
  const analysed: AnalysedText = { text, language, paragraphs: content, sentences, referenceDate };
  if (doc.publishedAt) analysed.publishedAt = doc.publishedAt;
  return { analysed, scores };
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
