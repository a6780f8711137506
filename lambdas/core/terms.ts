/**
 * The term a word counts as in the article's statistics (summary vectors, keywords): its light stem,
 * or nothing for a stop word. Both stages read every token of the same sentences, so the article's
 * tokens are turned into term ids once and the second stage reuses them; each distinct normalised
 * word is stemmed once per stop list.
 */
import { lightStem, type Sentence, type Token, tokenize } from './segment.ts';
import { isStopToken, stopWordsFor } from './stopwords.ts';

/** Distinct words remembered per stop list before the memo starts over (bounds memory on huge inputs). */
const MAX_REMEMBERED = 100_000;
/** `null` marks a stop token. */
const memo = new WeakMap<Set<string>, Map<string, string | null>>();

/** The light stem of a normalised token, or undefined when it carries no topic (see `isStopToken`). */
function stemOf(norm: string, stops: Set<string>): string | undefined {
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
  /** The tokens of each sentence, as `tokenize(text, language, start, end)` gives them. */
  tokens: (readonly Token[])[];
  /** The article's tokens are numbered in order: sentence `s` holds numbers `first[s]` to `first[s + 1]`. */
  first: Int32Array;
  /** The term id of each numbered token, or -1 for a stop token. */
  termOf: Int32Array;
  /** The stem of each term id. */
  stems: string[];
}

/**
 * Each article's terms, by its sentence array (the digest hands the summary and the keywords the same
 * array, and an entry goes with its array). Sentence arrays are never changed after segmentation; an
 * entry is used only for the same text, language and number of sentences.
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
    known.terms.tokens.length === sentences.length
  )
    return known.terms;
  const stops = stopWordsFor(language);
  const tokens: (readonly Token[])[] = [];
  const first = new Int32Array(sentences.length + 1);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    const own = tokenize(text, language, sentence.start, sentence.end);
    tokens.push(own);
    first[s + 1] = (first[s] as number) + own.length;
  }
  const termOf = new Int32Array(first[sentences.length] as number);
  // Norm -> term id (-1 for a stop token): one lookup per token once a word has been seen.
  const idOfNorm = new Map<string, number>();
  const idOfStem = new Map<string, number>();
  const stems: string[] = [];
  let p = 0;
  for (const own of tokens) {
    for (let k = 0; k < own.length; k++) {
      const norm = (own[k] as Token).norm;
      let id = idOfNorm.get(norm);
      if (id === undefined) {
        const stem = stemOf(norm, stops);
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
      termOf[p++] = id;
    }
  }
  const terms = { tokens, first, termOf, stems };
  articleMemo.set(sentences, { text, language, terms });
  return terms;
}
