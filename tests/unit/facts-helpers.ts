/** Builds the analysed text the fact extractors take, straight from segment.ts (no digest needed). */
import type { AnalysedText } from '../../lambdas/core/analysis.ts';
import { hasArabic, splitParagraphs, splitSentences } from '../../lambdas/core/segment.ts';

/** An `AnalysedText` for `text`, optionally with a reference date for relative expressions. */
export function analyse(text: string, referenceDate?: string): AnalysedText {
  const language = hasArabic(text) ? 'ar' : 'en';
  const paragraphs = splitParagraphs(text);
  const doc: AnalysedText = {
    text,
    language,
    paragraphs,
    sentences: splitSentences(text, paragraphs, language),
  };
  if (referenceDate) doc.referenceDate = referenceDate;
  return doc;
}
