/** Key facts of an article: entities, dates, numbers, quotes, ranked facts and the who/what/when/where brief. */
import type { AnalysedText } from './analysis.ts';
import type { Brief, DateMention, Entity, KeyFact, NumberMention, Quote } from './schema.ts';

/** Everything the fact extractors add to a digest. */
export interface Facts {
  entities: Entity[];
  dates: DateMention[];
  numbers: NumberMention[];
  quotes: Quote[];
  keyFacts: KeyFact[];
  brief: Brief;
}

/**
 * Extracts the facts of an analysed article. `sentenceScores[i]` is the summariser's salience of
 * `doc.sentences[i]` (0..1, lead- and centrality-weighted).
 */
export function extractFacts(_doc: AnalysedText, _sentenceScores: number[]): Facts {
  return { entities: [], dates: [], numbers: [], quotes: [], keyFacts: [], brief: {} };
}
