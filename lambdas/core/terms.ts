/**
 * The term a word counts as in the article's statistics (summary vectors, keywords): its light stem,
 * or nothing for a stop word. Both stages read every token of the same sentences, so the article's
 * tokens are turned into term ids once and the second stage reuses them; each distinct normalised
 * word is stemmed once per stop list, and numbered per article through the entry that remembers its
 * stem, so a token costs one table lookup.
 */
import { lightStem, type Sentence, type Token, tokenize } from './segment.ts';
import { isStopToken, stopWordsFor } from './stopwords.ts';

/** Distinct words remembered per stop list: past this many, the memo starts over before the next article. */
const MAX_REMEMBERED = 100_000;

/** A light stem, numbered in the article that last used it (`article`). */
interface StemEntry {
  article: number;
  id: number;
  text: string;
}

/** A normalised word: its stem (undefined for a stop token) and its numbers in the article that last used it. */
interface WordEntry {
  article: number;
  /** Its number among the article's distinct normalised words. */
  norm: number;
  /** Its term id, or -1 for a stop token. */
  term: number;
  stem: StemEntry | undefined;
  /** How it reads as words of letters and digits (`shapeOfForm`). */
  shape: FormShape;
}

/** What one stop list's words stem to, across articles. */
interface Lexicon {
  words: Map<string, WordEntry>;
  stems: Map<string, StemEntry>;
}

const lexicons = new WeakMap<Set<string>, Lexicon>();
/** Numbers the articles: an entry whose `article` is the current one is numbered already. */
let articles = 0;

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
  /** The number of each numbered token's normalised form (`norms[normOf[p]]` is its `norm`). */
  normOf: Int32Array;
  /** The article's distinct normalised forms, in the order they first occur. */
  norms: string[];
  /** The shape of each of `norms` (`shapeOfForm`). */
  shapes: FormShape[];
}

/**
 * An article's terms with what `termsOfArticle` and `normIdOf` need to reuse them: the text and
 * language they were made from, and how to find a form's number (the shared lexicon while no other
 * article has been numbered since).
 */
class NumberedTerms implements ArticleTerms {
  constructor(
    readonly tokens: (readonly Token[])[],
    readonly first: Int32Array,
    readonly termOf: Int32Array,
    readonly stems: string[],
    readonly normOf: Int32Array,
    readonly norms: string[],
    readonly shapes: FormShape[],
    readonly text: string,
    readonly language: string,
    readonly article: number,
    readonly lexicon: Lexicon,
  ) {}

  /** Form -> number, built the first time the lexicon no longer answers for this article. */
  index: Map<string, number> | undefined = undefined;
}

/**
 * Each article's terms, by its sentence array (the digest hands the summary and the keywords the same
 * array, and an entry goes with its array). Sentence arrays are never changed after segmentation; an
 * entry is used only for the same text, language and number of sentences.
 */
const articleMemo = new WeakMap<readonly Sentence[], NumberedTerms>();

function lexiconOf(stops: Set<string>): Lexicon {
  let lexicon = lexicons.get(stops);
  if (!lexicon) {
    lexicon = { words: new Map(), stems: new Map() };
    lexicons.set(stops, lexicon);
  }
  return lexicon;
}

/** The entry of a word not seen yet: its stem (shared by every form with that stem), or none for a stop token. */
function enterWord(norm: string, stops: Set<string>, lexicon: Lexicon): WordEntry {
  let stem: StemEntry | undefined;
  if (!isStopToken(norm, stops)) {
    const text = lightStem(norm);
    stem = lexicon.stems.get(text);
    if (stem === undefined) {
      stem = { article: 0, id: -1, text };
      lexicon.stems.set(text, stem);
    }
  }
  const entry: WordEntry = { article: 0, norm: -1, term: -1, stem, shape: shapeOfForm(norm) };
  lexicon.words.set(norm, entry);
  return entry;
}

/** The term ids of every token of the sentences (computed once per sentence array, text and language). */
export function termsOfArticle(text: string, sentences: readonly Sentence[], language: string): ArticleTerms {
  const known = articleMemo.get(sentences);
  if (known && known.text === text && known.language === language && known.tokens.length === sentences.length)
    return known;
  const stops = stopWordsFor(language);
  const lexicon = lexiconOf(stops);
  // Emptied only between articles: an article's words keep one entry (and one number) each throughout.
  if (lexicon.words.size >= MAX_REMEMBERED) {
    lexicon.words.clear();
    lexicon.stems.clear();
  }
  const article = ++articles;
  const tokens: (readonly Token[])[] = [];
  const first = new Int32Array(sentences.length + 1);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    const own = tokenize(text, language, sentence.start, sentence.end);
    tokens.push(own);
    first[s + 1] = (first[s] as number) + own.length;
  }
  const count = first[sentences.length] as number;
  // Both tables in one buffer: an allocation costs more than filling a short article's tables.
  const buffer = new ArrayBuffer(count * 8);
  const termOf = new Int32Array(buffer, 0, count);
  const normOf = new Int32Array(buffer, count * 4, count);
  const stems: string[] = [];
  const norms: string[] = [];
  const shapes: FormShape[] = [];
  const words = lexicon.words;
  let p = 0;
  for (const own of tokens) {
    for (let k = 0; k < own.length; k++) {
      const norm = (own[k] as Token).norm;
      let entry = words.get(norm);
      if (entry === undefined) entry = enterWord(norm, stops, lexicon);
      if (entry.article !== article) {
        // The word's first occurrence in this article numbers it, and its stem when that is new here too.
        entry.article = article;
        entry.norm = norms.length;
        norms.push(norm);
        shapes.push(entry.shape);
        const stem = entry.stem;
        if (stem === undefined) entry.term = -1;
        else {
          if (stem.article !== article) {
            stem.article = article;
            stem.id = stems.length;
            stems.push(stem.text);
          }
          entry.term = stem.id;
        }
      }
      termOf[p] = entry.term;
      normOf[p] = entry.norm;
      p++;
    }
  }
  const terms = new NumberedTerms(
    tokens,
    first,
    termOf,
    stems,
    normOf,
    norms,
    shapes,
    text,
    language,
    article,
    lexicon,
  );
  articleMemo.set(sentences, terms);
  return terms;
}

/** The number of a normalised form among the article's `norms`, or -1 when no token of the article has it. */
export function normIdOf(terms: ArticleTerms, norm: string): number {
  if (!(terms instanceof NumberedTerms)) return terms.norms.indexOf(norm);
  if (terms.article === articles) {
    const entry = terms.lexicon.words.get(norm);
    return entry !== undefined && entry.article === terms.article ? entry.norm : -1;
  }
  // Another article has been numbered since: the lexicon's entries speak for that one now.
  if (terms.index === undefined) {
    terms.index = new Map();
    for (let i = 0; i < terms.norms.length; i++) terms.index.set(terms.norms[i] as string, i);
  }
  return terms.index.get(norm) ?? -1;
}

/** How a normalised form splits into runs of letters and digits, for the key facts' overlap test. */
export enum FormShape {
  /** Letters and digits only, more than two UTF-16 units long: one word. */
  ONE_WORD = 1,
  /** Letters and digits only, two units or fewer: no word. */
  NO_WORD = 2,
  /** Other characters inside ("u.s", "3,000"): its runs of letters and digits are the words. */
  WORD_RUNS = 3,
  /** Greek sigma: its lower case depends on the letters around it, so only a whole sentence tells its words. */
  CASE_CONTEXT = 4,
}

/** How a normalised form splits into runs of letters and digits (\p{L}, \p{N}): a `FormShape`. */
export function shapeOfForm(norm: string): FormShape {
  let runs = false;
  for (let i = 0; i < norm.length; ) {
    const c = norm.charCodeAt(i);
    if (c === 0x03c2 || c === 0x03c3) return FormShape.CASE_CONTEXT;
    const step = wordStepAt(norm, i);
    if (step < 0) runs = true;
    i += Math.abs(step);
  }
  if (runs) return FormShape.WORD_RUNS;
  return norm.length > 2 ? FormShape.ONE_WORD : FormShape.NO_WORD;
}

/**
 * The character at `i` of `text` as words of letters and digits read it: its length in UTF-16 units,
 * negative when it is neither letter nor digit. ASCII and the Arabic letters are decided by their codes.
 */
export function wordStepAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : -1;
  if (c >= 0x0621 && c <= 0x064a) return 1;
  const cp = text.codePointAt(i) as number;
  const size = cp > 0xffff ? 2 : 1;
  return isLetterOrNumber(cp) ? size : -size;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/** Answers of `LETTER_OR_NUMBER` by code point: text repeats its punctuation and marks. */
const letterOrNumber = new Map<number, boolean>();
const LETTER_OR_NUMBER_MEMO_MAX = 4096;

/** True for a letter or digit (\p{L} or \p{N}) code point. */
export function isLetterOrNumber(cp: number): boolean {
  let yes = letterOrNumber.get(cp);
  if (yes === undefined) {
    yes = LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
    if (letterOrNumber.size >= LETTER_OR_NUMBER_MEMO_MAX) letterOrNumber.clear();
    letterOrNumber.set(cp, yes);
  }
  return yes;
}
