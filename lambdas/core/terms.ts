/**
 * The term a word counts as in the article's statistics (summary vectors, keywords): its light stem,
 * or nothing for a stop word. Both stages read every token of the same sentences, so the article's
 * tokens are turned into term ids once and the second stage reuses them; each distinct normalised
 * word is stemmed once per stop list.
 */
import { lightStem, type Sentence, tokenize } from './segment.ts';
import { isStopToken, stopWordsFor } from './stopwords.ts';

/** Distinct words remembered per stop list before the memo starts over (bounds memory on huge inputs). */
const MAX_REMEMBERED = 100_000;
/** `null` marks a stop token. */
const memo = new WeakMap<Set<string>, Map<string, string | null>>();

/** The light stem of a normalised token, or undefined when it carries no topic (see `isStopToken`). */
export function termOf(norm: string, stops: Set<string>): string | undefined {
  let known = memo.get(stops);
  if (!known) {
    known = new Map();
    memo.set(stops, known);
  }
  let term = known.get(norm);
  if (term === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    term = isStopToken(norm, stops) ? null : lightStem(norm);
    known.set(norm, term);
  }
  return term ?? undefined;
}

/** An article's sentences as term ids: ids count from 0 in the order the terms first occur. */
export interface ArticleTerms {
  /**
   * Per sentence, one entry per token of `tokenize(text, language, start, end)`: the token's term
   * id, or -1 for a stop token.
   */
  tokenTerms: Int32Array[];
  /** The stem of each term id. */
  stems: string[];
}

/**
 * The last article's terms, by its sentence array: the digest hands the summary and the keywords the
 * same array, and the entry goes with it.
 */
const articleMemo = new WeakMap<
  readonly Sentence[],
  { text: string; language: string; terms: ArticleTerms }
>();

/** The term ids of every token of the sentences (computed once per sentence array, text and language). */
export function termsOfArticle(text: string, sentences: readonly Sentence[], language: string): ArticleTerms {
  const known = articleMemo.get(sentences);
  if (
    known &&
    known.text === text &&
    known.language === language &&
    known.terms.tokenTerms.length === sentences.length
  )
    return known.terms;
  const stops = stopWordsFor(language);
  // Norm -> term id (-1 for a stop token): one lookup per token once a word has been seen.
  const idOfNorm = new Map<string, number>();
  const idOfStem = new Map<string, number>();
  const stems: string[] = [];
  const tokenTerms: Int32Array[] = [];
  for (const s of sentences) {
    const tokens = tokenize(text, language, s.start, s.end);
    const ids = new Int32Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      const norm = (tokens[k] as (typeof tokens)[number]).norm;
      let id = idOfNorm.get(norm);
      if (id === undefined) {
        const stem = termOf(norm, stops);
        if (stem === undefined) id = -1;
        else {
          id = idOfStem.get(stem);
          if (id === undefined) {
            id = stems.length;
            idOfStem.set(stem, id);
            stems.push(stem);
          }
        }
        idOfNorm.set(norm, id);
      }
      ids[k] = id;
    }
    tokenTerms.push(ids);
  }
  const terms = { tokenTerms, stems };
  articleMemo.set(sentences, { text, language, terms });
  return terms;
}
