/**
 * Paragraphs, sentences and words: `Intl.Segmenter` plus the corrections news text needs
 * (abbreviations, soft-wrapped lines, `…`, quotes), and normalisation for matching only.
 */
import { canScanSentences, scanSentenceStarts } from './sentence-scan.ts';
import { scanWords } from './word-scan.ts';

/** A half-open range `[start, end)` of UTF-16 indexes into the analysed text. */
export interface Span {
  start: number;
  end: number;
}

/** One sentence of the article, quoted verbatim from the text by its offsets. */
export interface Sentence extends Span {
  text: string;
  /** Index of the paragraph it belongs to. */
  paragraph: number;
}

/** One word-like token with its offsets; `norm` is the matching form (see `normalizeForMatch`). */
export interface Token extends Span {
  text: string;
  norm: string;
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

function foldForMatch(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  switch (c) {
    case 'أ':
    case 'إ':
    case 'آ':
    case 'ٱ':
      return 'ا';
    case 'ى':
    case 'ئ':
      return 'ي';
    case 'ة':
      return 'ه';
    case 'ؤ':
      return 'و';
    default:
      // Diacritics, tatweel and invisibles are dropped.
      return '';
  }
}

/** Folds Arabic spelling variants (diacritics, tatweel, alef/yeh/teh-marbuta forms), digits and case. For matching only. */
export function normalizeForMatch(text: string): string {
  return changedByNormalizing(text) ? foldAndLower(text) : text;
}

/**
 * Whether normalizing changes the text. Most words need no fold and no lower-casing (Arabic has no
 * case): a look at their char codes says so, and they are returned as they are.
 */
function changedByNormalizing(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let known = unchanged[c];
    if (known === 0) {
      known = unchangedByNormalizing(c) ? 1 : 2;
      unchanged[c] = known;
    }
    if (known === 2) return true;
  }
  return false;
}

/** Per UTF-16 code unit: 1 when normalizing leaves it as it is, 2 when not, 0 not yet known. */
const unchanged = new Uint8Array(0x10000);

function unchangedByNormalizing(code: number): boolean {
  // Surrogates pair into characters that may have case (Deseret, Adlam...): never decided alone.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  const c = String.fromCharCode(code);
  return !isFolded(code) && c.toLowerCase() === c;
}

/** The folds applied character by character (`foldForMatch`), then lower case where a character has it. */
function foldAndLower(text: string): string {
  // Folding then lower-casing the rest equals lower-casing the folded text: no fold's result has case.
  // The text is copied in runs between folded characters, not one character at a time.
  let out = '';
  let runStart = 0;
  let cased = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isFolded(c)) {
      out += text.slice(runStart, i) + foldForMatch(text[i] as string);
      runStart = i + 1;
    } else if (!cased && unchanged[c] !== 1) cased = true;
  }
  out = runStart === 0 ? text : out + text.slice(runStart);
  return cased ? out.toLowerCase() : out;
}

/**
 * Every character `normalizeForMatch` folds: Arabic diacritics (U+0610-061A, 064B-065F, 0670,
 * 06D6-06ED), tatweel, invisible direction marks and joiners, hamza-carrying alef forms, alef
 * maqsura, teh marbuta, waw and yeh with hamza, and Arabic-Indic and Persian digits.
 */
function isFolded(c: number): boolean {
  return (
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x06d6 && c <= 0x06ed) ||
    c === 0x0640 ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0x0622 ||
    c === 0x0623 ||
    c === 0x0625 ||
    c === 0x0671 ||
    c === 0x0649 ||
    c === 0x0629 ||
    c === 0x0624 ||
    c === 0x0626 ||
    (c >= 0x0660 && c <= 0x0669) ||
    (c >= 0x06f0 && c <= 0x06f9)
  );
}

/** True when the string contains an Arabic-script letter. */
export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

const PROCLITIC_CONJ = /^[وف]/;
const PROCLITIC_PREP = /^[بلك]/;

/**
 * Light Arabic stemming for matching: strips the conjunctions و/ف, the prepositions ب/ل/ك and the
 * article ال (including لل) from a normalised word, keeping at least two letters. Latin words pass through.
 */
export function stripClitics(norm: string): string {
  if (!hasArabic(norm)) return norm;
  let w = norm;
  const keep = (candidate: string) => candidate.length >= 3;
  if (w.startsWith('ال') && keep(w.slice(2))) return w.slice(2);
  if (w.startsWith('لل') && keep(w.slice(2))) return w.slice(2);
  if (PROCLITIC_CONJ.test(w) && keep(w.slice(1))) {
    const rest = w.slice(1);
    if (rest.startsWith('ال') || rest.startsWith('لل') || PROCLITIC_PREP.test(rest)) w = rest;
    else if (rest.length >= 4) w = rest;
  }
  if ((w.startsWith('بال') || w.startsWith('كال') || w.startsWith('فال')) && keep(w.slice(3)))
    return w.slice(3);
  if (w.startsWith('لل') && keep(w.slice(2))) return w.slice(2);
  if (w.startsWith('ال') && keep(w.slice(2))) return w.slice(2);
  return w;
}

/**
 * Light stem for term statistics: clitics stripped, then the commonest inflectional suffixes
 * (feminine ة/ه, plurals ات/ون/ين, dual ان) so "مضاد"/"مضادة" and "طائرة"/"طائرات" count as one term.
 */
export function lightStem(norm: string): string {
  const w = stripClitics(norm);
  if (!hasArabic(w)) return w;
  if (w.length >= 5 && /(?:ات|ون|ين|ان)$/.test(w)) return w.slice(0, -2);
  if (w.length >= 4 && w.endsWith('ه')) return w.slice(0, -1);
  return w;
}

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, lang: string, granularity: 'word' | 'sentence') {
  const locale = lang === 'und' ? 'en' : lang;
  let s = cache.get(locale);
  if (!s) {
    try {
      s = new Intl.Segmenter(locale, { granularity });
    } catch {
      s = new Intl.Segmenter('en', { granularity });
    }
    cache.set(locale, s);
  }
  return s;
}

/**
 * An article's sentences keep their tokens for the next stage: the summary, the keywords and the
 * entities each tokenize every analysed sentence. The memo holds at most this many characters' worth
 * of sentences (the analysed prefix of any real article); past it, ranges are tokenized afresh, so
 * memory stays bounded on a pathological input.
 */
const TOKEN_MEMO_MAX_CHARS = 1_000_000;
/**
 * Shorter texts (a name being keyed, the context of a quote) are tokenized without touching the memo,
 * so a stage that tokenizes them between the article's sentences does not empty it.
 */
const TOKEN_MEMO_MIN_CHARS = 512;
let memoText: string | undefined;
let memoLang = '';
let memoChars = 0;
let tokenMemo = new Map<number, Token[]>();

/** Word-like tokens of `text[start, end)` with offsets relative to `text`. The array and its tokens are shared with later calls: read only. */
export function tokenize(text: string, lang = 'und', start = 0, end = text.length): readonly Token[] {
  if (text.length < TOKEN_MEMO_MIN_CHARS) return segmentTokens(text, lang, start, end);
  if (text !== memoText || lang !== memoLang) {
    // A fresh map, not clear(): the next article's tokens start in a young table of their own.
    tokenMemo = new Map();
    foldedWords = new Map();
    memoText = text;
    memoLang = lang;
    memoChars = 0;
  }
  // Equal text in another string object (the same article decoded again): keep its tokens, and
  // remember this object so the next call's comparison is by reference, not over the whole text.
  memoText = text;
  // A number, not a `${start},${end}` string built per call: unique while both are at most text.length.
  const key = start * (text.length + 1) + end;
  let tokens = tokenMemo.get(key);
  if (!tokens) {
    tokens = segmentTokens(text, lang, start, end);
    if (memoChars + (end - start) > TOKEN_MEMO_MAX_CHARS) return tokens;
    memoChars += end - start;
    tokenMemo.set(key, tokens);
  }
  return tokens;
}

/**
 * The matching forms of the article's words that normalizing changes (in Arabic, every word with ة, أ
 * or ى: a third of them), by the word as written: a word recurs, and folding builds a new string each
 * time. Emptied with the token memo, at most MAX_FOLDED_WORDS entries.
 */
let foldedWords = new Map<string, string>();
const MAX_FOLDED_WORDS = 100_000;

/** `normalizeForMatch` of a token's word, through `foldedWords`. */
function normalizeWord(word: string): string {
  if (!changedByNormalizing(word)) return word;
  let norm = foldedWords.get(word);
  if (norm === undefined) {
    norm = foldAndLower(word);
    if (foldedWords.size < MAX_FOLDED_WORDS) foldedWords.set(word, norm);
  }
  return norm;
}

/** Token arrays the word segmenter made (a dictionary script): their count may differ from `scanWords`'. */
const segmentedTokens = new WeakSet<readonly Token[]>();

function segmentTokens(text: string, lang: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  // The rule-based scan finds the same words as the segmenter at a fraction of its cost; scripts
  // written without spaces (Chinese, Japanese, Thai...) still need the segmenter's dictionaries.
  const scanned = scanWords(text, start, end, (s, e) => {
    const word = text.slice(s, e);
    out.push({ start: s, end: e, text: word, norm: normalizeWord(word) });
  });
  if (scanned >= 0) return out;
  // A dictionary script: the words the scan found before it are dropped, the segmenter finds them all.
  out.length = 0;
  segmentedTokens.add(out);
  for (const seg of segmentWords(segmenter(wordSegmenters, lang, 'word'), text, start, end)) {
    if (!seg.isWordLike) continue;
    const s = seg.index;
    out.push({
      start: s,
      end: s + seg.segment.length,
      text: seg.segment,
      norm: normalizeForMatch(seg.segment),
    });
  }
  return out;
}

/** Counts word-like tokens without allocating them. */
export function countWords(text: string, lang = 'und'): number {
  const scanned = scanWords(text, 0, text.length);
  if (scanned >= 0) return scanned;
  let n = 0;
  for (const seg of segmentWords(segmenter(wordSegmenters, lang, 'word'), text, 0, text.length))
    if (seg.isWordLike) n++;
  return n;
}

/**
 * Words of the sentences, by their tokens where given (`known[i]` for sentence i) and a count of the
 * rest: the count of the paragraphs they cover, since sentences cover every non-space character of
 * their paragraphs. Undefined where that could differ: two sentences with no space between them may
 * split one word ("الاجتماع.وقال"), and scripts segmented with a dictionary depend on the context.
 */
export function countSentenceWords(
  text: string,
  sentences: readonly Sentence[],
  known: readonly (readonly Token[])[] = [],
): number | undefined {
  let words = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as Sentence;
    const prev = sentences[i - 1];
    if (prev && !breaksWords(text, prev.end, s.start)) return undefined;
    const tokens = known[i];
    // The scan answers -1 itself for a range in a dictionary script; tokens the scan made (every array
    // the segmenter did not) hold its count.
    const n = tokens && !segmentedTokens.has(tokens) ? tokens.length : scanWords(text, s.start, s.end);
    if (n < 0) return undefined;
    words += n;
  }
  return words;
}

/** Whether `text[from, to)` holds a space or a line break, which no word runs across (U+FEFF, a format character words ignore, does not count). */
function breaksWords(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0xfeff && isRegExpSpace(c)) return true;
  }
  return false;
}

/**
 * Node 20's segment iterator costs time proportional to the whole string at every step, so one long
 * paragraph (a 5 MB line) would take hours. The segmenter only ever sees windows of this many
 * UTF-16 units; beyond the window's last segment it is asked again, so the result is unchanged.
 */
const SEGMENT_WINDOW = 256;

/** Word segments of `text[start, end)` with absolute indexes, cut into windows at whitespace. */
function* segmentWords(seg: Intl.Segmenter, text: string, start: number, end: number) {
  let from = start;
  while (from < end) {
    let to = Math.min(end, from + SEGMENT_WINDOW);
    if (to < end) {
      // Cut before a whitespace character: a word boundary in every language Intl knows.
      let cut = to;
      while (cut > from && !/\s/.test(text[cut] ?? '')) cut--;
      if (cut > from) to = cut;
      else if (/[\uDC00-\uDFFF]/.test(text[to] ?? '')) to--;
    }
    for (const s of seg.segment(text.slice(from, to))) {
      yield { segment: s.segment, index: from + s.index, isWordLike: s.isWordLike === true };
    }
    from = to;
  }
}

/** Longest sentence the segmenter is asked to find: longer runs without a break are cut here. */
const MAX_SENTENCE_WINDOW = 64 * 1024;

/**
 * Languages whose sentences ICU breaks by its root rules (every language the detector names, and `und`,
 * read as English): the scan, which follows those rules, stands in for the segmenter there. Greek, for
 * one, is tailored (`;` ends a question) and keeps the segmenter.
 */
const ROOT_RULE_LANGUAGES = new Set(
  'und en ar es pt id fr de jv vi it tr pl sw su ro ha ff bs hr nl sr ku yo uz ms ig ceb tl hu az cs rn mg qu ny rw zu sv ln so ilo ru uk be bg kk ur fa ps hi mr mai bho ne mag skr mad za hms hnj koi he yi'.split(
    ' ',
  ),
);

/** Whether `segmentSentences` may scan for sentences in this language instead of asking the segmenter. */
export function scansSentencesOf(lang: string): boolean {
  return ROOT_RULE_LANGUAGES.has(lang);
}

/** Starts of one window's segments, reused from window to window (a file has millions of segments). */
const windowStarts: number[] = [];

/**
 * Sentence segments of `text[start, end)`, asked for in bounded windows, each passed to `visit` as its
 * absolute range (a callback, not a generator: a file has millions of segments). With `scan`, the
 * rule-based scan finds what the segmenter would in each window, when every character of the range is
 * one it knows.
 */
function segmentSentences(
  lang: string,
  text: string,
  start: number,
  end: number,
  visit: (start: number, end: number) => void,
  scan: boolean,
): void {
  // A range the first window covers is checked by the scan itself as it goes (it answers -1 before
  // anything is visited); a longer one first, since a later window's answer would come too late.
  let scanned = scan && (end - start <= SEGMENT_WINDOW * 4 || canScanSentences(text, start, end));
  // Sentences break only after terminal punctuation or a separator: text of letters, digits, marks and
  // spaces alone is one sentence, without a segmenter call (a file of short lines has millions).
  if (
    !scanned &&
    end - start < SEGMENT_WINDOW &&
    /^[\p{L}\p{N}\p{M}\p{Zs}]*$/u.test(text.slice(start, end))
  ) {
    if (end > start) visit(start, end);
    return;
  }
  const starts = windowStarts;
  let from = start;
  let window = SEGMENT_WINDOW * 4;
  while (from < end) {
    const to = Math.min(end, from + window);
    // The window is read as a string of its own, by the scan as by the segmenter.
    let pieces = scanned ? scanSentenceStarts(text, from, to, starts) : 0;
    if (pieces < 0) {
      scanned = false;
      continue;
    }
    if (!scanned) {
      // Made on first need: most texts never need it, and the first one costs a load of ICU's rules.
      const seg = segmenter(sentenceSegmenters, lang, 'sentence');
      for (const s of seg.segment(text.slice(from, to))) starts[pieces++] = from + s.index;
    }
    // One segment filling the window may go on past it: widen the window (cheap, one step) and ask again.
    if (to < end && pieces === 1 && window < MAX_SENTENCE_WINDOW) {
      window *= 2;
      continue;
    }
    window = SEGMENT_WINDOW * 4;
    // The window's last segment may continue past it: ask again from its start, unless it is the only one.
    const keep = to < end && pieces > 1 ? pieces - 1 : pieces;
    for (let i = 0; i < keep; i++)
      visit(starts[i] as number, i + 1 < pieces ? (starts[i + 1] as number) : to);
    from = keep > 0 && keep < pieces ? (starts[keep] as number) : to;
  }
}

/** Paragraph spans: blocks separated by blank lines; inside a block, lines that end a sentence or look like headings stand alone. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const blockRe = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (const m of text.matchAll(blockRe)) {
    const blockStart = m.index;
    const lines = m[0].split('\n');
    let offset = blockStart;
    let paraStart = -1;
    let paraEnd = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const lineStart = offset;
      offset += line.length + 1;
      const trimmed = line.trim();
      if (!trimmed) continue;
      const ls = lineStart + line.indexOf(trimmed);
      const le = ls + trimmed.length;
      if (paraStart < 0) paraStart = ls;
      paraEnd = le;
      const next = lines[i + 1]?.trim() ?? '';
      if (!next || endsLine(trimmed) || /^([-*•·]|\d+[.)])\s/.test(next)) {
        out.push({ start: paraStart, end: paraEnd });
        paraStart = -1;
      }
    }
    if (paraStart >= 0) out.push({ start: paraStart, end: paraEnd });
  }
  return out;
}

const TERMINAL = /[.!?؟。…:؛»"”'’)\]]$/u;
/** What a sentence may not start with after an abbreviation (`LOWER_OR_DIGIT_START`) or a soft line wrap (`LOWER_START`). */
const LOWER_OR_DIGIT_START = /^[\p{Ll}\d]/u;
const LOWER_START = /^\p{Ll}/u;
/** A line ends its paragraph when it ends a sentence or is short enough to be a heading or a byline. */
function endsLine(line: string): boolean {
  return TERMINAL.test(line) || line.length < 60;
}

/** Titles that are never followed by a sentence break. */
const TITLE_ABBREVIATIONS =
  /(?:^|[\s(\-–])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Rev|Gov|Sen|Rep|Pres|Hon|Messrs|Mt|Ft|No|Nos|vs|v|cf|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$/;
/** Abbreviations that end a sentence only when a capitalised word follows. */
const SOFT_ABBREVIATIONS =
  /(?:^|[\s(])(?:Inc|Ltd|Co|Corp|Bros|Plc|LLC|etc|e\.g|i\.e|a\.m|p\.m|(?:[A-Z]\.){2,}[A-Z]?)\.?$/;
/** Arabic one-letter abbreviations (د. doctor, م. engineer or AD, ق.م, ص., أ.) never end a sentence. */
const ARABIC_ABBREVIATIONS = /(?:^|[\s(])(?:[دمصقأج]|ق\.م|أ\.د)\.$/;

/**
 * Sentences of the given paragraphs. `Intl.Segmenter` (or the scan that finds the same) proposes
 * breaks; we undo those after abbreviations and inside open quotes, split at `…` before a new
 * sentence, and trim whitespace.
 */
export function splitSentences(text: string, paragraphs: Span[], lang = 'und'): Sentence[] {
  const out: Sentence[] = [];
  const scan = scansSentencesOf(lang);
  // The paragraph's sentence being built: spans join it as they come (a span joins the one before
  // it, or not), and only the last one is ever looked at.
  let pendingStart = -1;
  let pendingEnd = -1;
  let paragraph = 0;
  const flush = () => {
    let start = pendingStart;
    let end = pendingEnd;
    while (start < end && isRegExpSpace(text.charCodeAt(start))) start++;
    while (end > start && isRegExpSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end), paragraph });
  };
  // The pending sentence's quotation marks, counted as its spans join it (counts add up), so that
  // whether a quote is open costs nothing per test and a sentence of many joined spans stays linear.
  let straight = 0;
  let guillemets = 0;
  let curly = 0;
  const straightQuotes = new CharCounter(text, '"');
  const openGuillemets = new CharCounter(text, '«');
  const closeGuillemets = new CharCounter(text, '»');
  const openCurly = new CharCounter(text, '“');
  const closeCurly = new CharCounter(text, '”');
  const add = (start: number, end: number) => {
    const spanStraight = straightQuotes.count(start, end);
    const spanCloseGuillemets = closeGuillemets.count(start, end);
    const spanCloseCurly = closeCurly.count(start, end);
    const spanGuillemets = openGuillemets.count(start, end) - spanCloseGuillemets;
    const spanCurly = openCurly.count(start, end) - spanCloseCurly;
    if (
      pendingStart >= 0 &&
      shouldJoin(
        text,
        pendingStart,
        pendingEnd,
        start,
        end,
        straight % 2 === 1 || guillemets > 0 || curly > 0,
        spanStraight % 2 === 1 || spanCloseGuillemets > 0 || spanCloseCurly > 0,
      )
    ) {
      pendingEnd = end;
      straight += spanStraight;
      guillemets += spanGuillemets;
      curly += spanCurly;
      return;
    }
    if (pendingStart >= 0) flush();
    pendingStart = start;
    pendingEnd = end;
    straight = spanStraight;
    guillemets = spanGuillemets;
    curly = spanCurly;
  };
  // Where the next `…` and `...` are, from where they were looked for: segments come in text order, so
  // each is searched for once per stretch of text, not once per segment.
  let ellipsisFrom = text.length;
  let ellipsisAt = -1;
  let dotsFrom = text.length;
  let dotsAt = -1;
  const holdsEllipsis = (start: number, end: number) => {
    if (start < ellipsisFrom || start > ellipsisAt) {
      ellipsisFrom = start;
      ellipsisAt = text.indexOf('…', start);
      if (ellipsisAt < 0) ellipsisAt = text.length;
    }
    if (ellipsisAt < end) return true;
    if (start < dotsFrom || start > dotsAt) {
      dotsFrom = start;
      dotsAt = text.indexOf('...', start);
      if (dotsAt < 0) dotsAt = text.length;
    }
    return dotsAt + 3 <= end;
  };
  const addSegment = (start: number, end: number) => {
    // `splitAtEllipsis` only where there is an ellipsis: the common segment makes no string and no array.
    if (!holdsEllipsis(start, end)) add(start, end);
    else for (const piece of splitAtEllipsis(text.slice(start, end), start)) add(piece.start, piece.end);
  };
  for (; paragraph < paragraphs.length; paragraph++) {
    const p = paragraphs[paragraph] as Span;
    pendingStart = -1;
    segmentSentences(lang, text, p.start, p.end, addSegment, scan);
    if (pendingStart >= 0) flush();
  }
  return out;
}

function splitAtEllipsis(segment: string, base: number): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (const m of segment.matchAll(/(?:…|\.\.\.)(?=\s+[\p{Lu}\p{Script=Arabic}"«“])/gu)) {
    const cut = m.index + m[0].length;
    out.push({ start: base + from, end: base + cut });
    from = cut;
  }
  out.push({ start: base + from, end: base + segment.length });
  return out;
}

/**
 * Longest match of TITLE_ABBREVIATIONS or ARABIC_ABBREVIATIONS, boundary character included ("Messrs."
 * after a space): a sentence is tested on its last characters only, not scanned from its start.
 */
const ABBREVIATION_TAIL = 12;

/**
 * Whether the segment `text[nextStart, nextEnd)` continues the sentence `text[prevStart, prevEnd)`:
 * read in place, where the tests look (the previous sentence without its trailing spaces, `p`, and the
 * next without its leading ones, `n`), so that a sentence costs no copies. `openQuote` tells whether
 * `p` leaves a quotation open (an odd number of straight quotes, or more opening than closing
 * guillemets or curly quotes), `closesQuote` whether `n` closes one (an odd number of straight quotes,
 * or a closing guillemet or curly quote).
 */
function shouldJoin(
  text: string,
  prevStart: number,
  prevEnd: number,
  nextStart: number,
  nextEnd: number,
  openQuote: boolean,
  closesQuote: boolean,
): boolean {
  let nStart = nextStart;
  while (nStart < nextEnd && isRegExpSpace(text.charCodeAt(nStart))) nStart++;
  if (nStart === nextEnd) return true;
  let pEnd = prevEnd;
  while (pEnd > prevStart && isRegExpSpace(text.charCodeAt(pEnd - 1))) pEnd--;
  if (pEnd === prevStart) return false;
  const pLength = pEnd - prevStart;
  // Both end-anchored abbreviation patterns end with a full stop, and read only the sentence's last
  // characters; a NUL stands before a cut, so `^` cannot match there.
  if (text.charCodeAt(pEnd - 1) === 0x2e) {
    const tail =
      pLength > ABBREVIATION_TAIL
        ? `\0${text.slice(pEnd - ABBREVIATION_TAIL, pEnd)}`
        : text.slice(prevStart, pEnd);
    if (TITLE_ABBREVIATIONS.test(tail) || ARABIC_ABBREVIATIONS.test(tail)) return true;
  }
  // The tests on the start of `n` read its first code point: two units at most.
  const nHead = text.slice(nStart, Math.min(nStart + 2, nextEnd));
  if (LOWER_OR_DIGIT_START.test(nHead) && endsWithSoftAbbreviation(text, prevStart, pEnd)) return true;
  // A break right before closing punctuation belongs to the previous sentence.
  if (isClosingMark(text.charCodeAt(nStart)) && openQuote) return true;
  // Inside an unbalanced quotation the sentence goes on until the quote closes.
  if (closesQuote && pLength + (nextEnd - nStart) < 800 && openQuote) return true;
  // A sentence never starts with a lower-case letter after a soft line wrap.
  if (
    text.charCodeAt(prevEnd - 1) === 0x0a &&
    !TERMINAL.test(text.slice(Math.max(prevStart, pEnd - 2), pEnd)) &&
    LOWER_START.test(nHead)
  )
    return true;
  return false;
}

/**
 * `SOFT_ABBREVIATIONS` tested on `text[start, end)` by its last word only: every abbreviation it knows
 * is letters and full stops after a space, a `(` or the start, so the match can begin nowhere else,
 * and a sentence that grows by many joined spans is not read again at each one.
 */
function endsWithSoftAbbreviation(text: string, start: number, end: number): boolean {
  let from = end;
  while (from > start) {
    const c = text.charCodeAt(from - 1);
    if (c === 0x28 || isRegExpSpace(c)) {
      from--;
      break;
    }
    if (c !== 0x2e && !((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
    from--;
  }
  return SOFT_ABBREVIATIONS.test(text.slice(from, end));
}

/** `"`, `'`, `”`, `’`, `»`, `)` or `]`: what may close a quotation or a parenthesis. */
function isClosingMark(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x29 || c === 0x5d;
}

/**
 * Occurrences of one character in ranges of a text that mostly come in text order: the next occurrence
 * is found by `indexOf` and kept, so the text is searched about once in all, not once per range.
 */
class CharCounter {
  /** The first occurrence at or after `from` (the text's length when there is none). */
  private at = -1;
  private from = 0;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** How many times the character occurs in `text[start, end)`. */
  count(start: number, end: number): number {
    let at = this.at;
    if (start < this.from || start > at) at = this.next(start);
    let n = 0;
    while (at < end) {
      n++;
      at = this.next(at + 1);
    }
    // No occurrence lies in [end, at): `at` is the first at or after `end`.
    this.from = end;
    this.at = at;
    return n;
  }

  private next(from: number): number {
    const at = this.text.indexOf(this.char, from);
    return at < 0 ? this.text.length : at;
  }
}

/** Whether a UTF-16 unit is `\s` in a JavaScript regular expression (WhiteSpace and LineTerminator). */
export function isRegExpSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}
