/** What the fact extractors (entities, dates, numbers, quotes, key facts) receive from the core. */
import type { Sentence, Span } from './segment.ts';

/** The analysed article: text plus its segmentation. Offsets everywhere are into `text`. */
export interface AnalysedText {
  /** The decoded article body after format extraction. */
  text: string;
  /** ISO 639-1 code, or `und`. */
  language: string;
  paragraphs: Span[];
  /** Content sentences only: attribution and boilerplate lines are already removed. */
  sentences: Sentence[];
  /** ISO date-time that relative dates resolve against when the article states no day of its own (the upload time in the pipeline); never the clock. */
  referenceDate?: string;
  /** The article's own publication date when the source states it (HTML meta, front matter, JSON field); relative dates count from it first. */
  publishedAt?: string;
}
