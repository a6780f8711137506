/**
 * Named entities from rules, gazetteers and document-level propagation, for Arabic and English:
 * trigger words and titles, quoted names after triggers, Latin-script runs inside Arabic,
 * capitalised sequences in English, place/organisation/event gazetteers, nationality adjectives.
 */
import type { AnalysedText } from './analysis.ts';
import { overlapsAny } from './fact-spans.ts';
import { EN_EVENT_WORDS, EN_ORG_WORDS, EN_PERSON_TITLES, EN_SPEECH_VERBS } from './gazetteer/lexicon.ts';
import {
  baseForm,
  findEntryByKey,
  type Gazetteer,
  type GazetteerEntry,
  loadGazetteer,
  lookupDemonym,
  type PhraseEntry,
  phraseKey,
} from './gazetteer.ts';
import { findQuoteSpans } from './quotes.ts';
import type { Entity, EntityType } from './schema.ts';
import {
  hasArabic,
  isRegExpSpace,
  normalizeForMatch,
  type Sentence,
  type Token,
  tokenize,
} from './segment.ts';

/** Characters scanned for entities (about 15 pages): beyond that the text is a dump, and work must stay bounded. */
const MAX_ENTITY_CHARS = 100_000;
/** Most entities reported, most frequent first. */
const MAX_ENTITIES = 300;
/** Longest quoted name (tokens) taken as an entity after a trigger. */
const MAX_QUOTED_NAME_TOKENS = 6;

interface Tok {
  start: number;
  end: number;
  text: string;
  norm: string;
  latin: boolean;
  arabic: boolean;
  digit: boolean;
  cap: boolean;
  /** Where the text between the previous token (or the sentence start) and this one begins. */
  gapStart: number;
  /** Only spaces (or joiners inside Latin names) separate it from the previous token. */
  join: boolean;
  /** What depends on `norm` alone, shared by every token of the article with this form (see `wordOf`). */
  word: WordInfo | undefined;
  /** `matchGazetteer` at this token (null: none), computed on first use; tokens belong to one sentence. */
  gazetteer: GazetteerMatch | null | undefined;
  /** The English word lists holding the text as written (`EN_*` bits, see `enBits`); -1 until asked. */
  en: number;
}

/** One way to read a word with clitics (see `cliticReadings`), with what matching asks of it. */
class Reading {
  /** Arabic and carrying the article: "الملك" must not match a name "ملك". */
  readonly definite: boolean;
  constructor(
    /** Letters of clitics stripped. */
    readonly prefix: number,
    readonly text: string,
    /** `baseForm(text)`. */
    readonly base: string,
    /** `hasArabic(text)`. */
    readonly arabic: boolean,
    /** Starts with the article (Arabic or not). */
    readonly article: boolean,
    /** The word lists holding `text` (`IN_*` bits). */
    readonly sets: number,
  ) {
    this.definite = arabic && article;
  }
}

/** Answers about one normalised word form, each computed on first use. */
class WordInfo {
  /** The stop-word test of `isStop` on the word (digits aside). */
  stop: boolean | undefined = undefined;
  /** `lookupDemonym(norm)` (null: none). */
  demonym: string | null | undefined = undefined;
  /** The `propagate` pass that found no reading among its names (0: none did). */
  unknownIn = 0;
  constructor(
    /** Clitic readings, least stripped first (`cliticReadings`): filled when made, never mutated after. */
    readonly readings: Reading[],
    /** Lists holding a reading with at most one clitic letter stripped (`IN_*` bits). */
    public nearSets: number,
    /** Lists holding any reading (`IN_*` bits). */
    public anySets: number,
    /** A reading starts with the article. */
    public anyDefinite: boolean,
    /** Readings whose base form starts gazetteer phrases, in reading order (null: none). */
    public phrases: Array<{ reading: number; list: PhraseEntry[] }> | null,
  ) {}
}

/**
 * Word forms met so far: a form recurs, within an article and across articles (function words, common
 * nouns), and each answer about it, a function of the form and the word lists alone, is worked out once.
 * Like the terms' lexicon it is shared between articles, emptied when it reaches MAX_WORD_FORMS and
 * whenever the word lists are rebuilt.
 */
let wordForms = new Map<string, WordInfo>();
const MAX_WORD_FORMS = 50_000;

function wordInfo(norm: string): WordInfo {
  let w = wordForms.get(norm);
  if (!w) {
    w = makeWordInfo(norm, lexiconOf(loadGazetteer()));
    wordForms.set(norm, w);
  }
  return w;
}

function makeWordInfo(norm: string, lex: Map<string, LexiconEntry>): WordInfo {
  // The readings of `cliticReadings(norm)`, made in place: the word as written; without و/ف; then
  // without ب/ل/ك (لل read as ل + ال first).
  const n = norm.length;
  const c0 = n > 3 ? norm.charCodeAt(0) : 0;
  const i = c0 === 0x648 || c0 === 0x641 ? 1 : 0;
  const c = n - i > 3 ? norm.charCodeAt(i) : 0;
  const prep = c === 0x628 || c === 0x644 || c === 0x643;
  const lam = prep && c === 0x644 && n - i > 4 && norm.charCodeAt(i + 1) === 0x644;
  const readings: Reading[] = new Array(1 + i + (prep ? 1 : 0) + (lam ? 1 : 0));
  const info = new WordInfo(readings, 0, 0, false, null);
  addReading(info, lex, 0, 0, norm);
  let k = 1;
  if (i === 1) addReading(info, lex, k++, 1, norm.slice(1));
  if (lam) addReading(info, lex, k++, i + 2, `ال${norm.slice(i + 2)}`);
  if (prep) addReading(info, lex, k, i + 1, norm.slice(i + 1));
  return info;
}

/** Makes reading `k` of the word and folds what the lists say of it into the word's answers. */
function addReading(w: WordInfo, lex: Map<string, LexiconEntry>, k: number, prefix: number, text: string) {
  const entry = lexiconEntry(lex, text);
  const sets = entry === undefined ? 0 : entry.sets;
  const arabic = isArabicLetter(text.charCodeAt(0)) || hasArabic(text);
  const article = text.charCodeAt(0) === 0x627 && text.charCodeAt(1) === 0x644;
  const base = article && text.length >= 4 ? text.slice(2) : text;
  w.readings[k] = new Reading(prefix, text, base, arabic, article, sets);
  // One lookup answers both questions unless the article made the base form another string.
  const list = base === text ? entry?.phrases : lexiconEntry(lex, base)?.phrases;
  if (list) {
    w.phrases ??= [];
    w.phrases.push({ reading: k, list });
  }
  w.anySets |= sets;
  if (prefix <= 1) w.nearSets |= sets;
  if (article) w.anyDefinite = true;
}

/** Slots of the lexicon's pre-filter (a power of two). */
const LEXICON_SLOTS = 1 << 15;

/** Bits of the word lists a reading can be in (see `listsOf`). */
const IN_STOP = 1;
const IN_DATE = 2;
const IN_TITLE = 4;
const IN_COMPLEMENT = 8;
const IN_HEAD = 16;
const IN_INTRODUCER = 32;
const IN_PRODUCT = 64;
const IN_EVENT = 128;
const IN_SPEECH = 256;
const IN_GIVEN = 512;
/** A kunya start (ابو، عبد، ام), as written: only the unstripped reading is asked. */
const IN_KUNYA = 1024;
const IN_TRIGGER = IN_TITLE | IN_HEAD | IN_INTRODUCER | IN_PRODUCT | IN_EVENT;

/** What the word lists and the phrase table say about one form. */
interface LexiconEntry {
  /** `IN_*` bits. */
  sets: number;
  /** Gazetteer phrases whose first word (article-free) is this form. */
  phrases: PhraseEntry[] | undefined;
}

let lexicon: Map<string, LexiconEntry> | undefined;
let lexiconFor: Gazetteer | undefined;
/**
 * Per slot of `lexiconSlot`: 1 when some lexicon word falls in it. Most forms of an article are in no
 * list, and this small table says so without hashing the (often freshly sliced) string into the map.
 */
let lexiconSlots = new Uint8Array(0);

/** A slot from a word's length, its first two and last two units and its middle one (an empty word has slot 0). */
function lexiconSlot(word: string): number {
  const n = word.length;
  if (n === 0) return 0;
  // Both ends of the word (articles and clitics make many words share their first letters).
  const front = word.charCodeAt(0) | (word.charCodeAt(n > 1 ? 1 : 0) << 16);
  const back = word.charCodeAt(n - 1) | (word.charCodeAt(n > 1 ? n - 2 : 0) << 16);
  const middle = word.charCodeAt(n >> 1) + n;
  const h = Math.imul(front, 0x9e3779b1) ^ Math.imul(back, 0x85ebca77) ^ Math.imul(middle, 0xc2b2ae3d);
  return (h ^ (h >>> 15)) & (LEXICON_SLOTS - 1);
}

/** `lex.get(word)`, skipped when the word's slot holds no lexicon word. */
function lexiconEntry(lex: Map<string, LexiconEntry>, word: string): LexiconEntry | undefined {
  return lexiconSlots[lexiconSlot(word)] === 0 ? undefined : lex.get(word);
}

/** Arabic letters proper (U+0600-U+06FF): a word opening with one has Arabic without the pattern. */
function isArabicLetter(c: number): boolean {
  return c >= 0x600 && c <= 0x6ff;
}

/**
 * Word -> the lists holding it and the phrases it starts: one lookup instead of one per list; built on
 * the first article (a few thousand entries), not at import.
 */
function lexiconOf(g: Gazetteer): Map<string, LexiconEntry> {
  if (lexicon && lexiconFor === g) return lexicon;
  const out = new Map<string, LexiconEntry>();
  const entryOf = (word: string) => {
    let e = out.get(word);
    if (!e) {
      e = { sets: 0, phrases: undefined };
      out.set(word, e);
    }
    return e;
  };
  const mark = (set: Iterable<string>, bit: number) => {
    for (const word of set) entryOf(word).sets |= bit;
  };
  mark(g.stopWords, IN_STOP);
  mark(AR_DATE_WORDS, IN_DATE);
  mark(g.personTitles, IN_TITLE);
  mark(g.titleComplements, IN_COMPLEMENT);
  mark(g.orgHeads, IN_HEAD);
  mark(g.nameIntroducers, IN_INTRODUCER);
  mark(g.productIntroducers, IN_PRODUCT);
  mark(g.eventHeads, IN_EVENT);
  mark(g.speechVerbs, IN_SPEECH);
  mark(g.givenNames, IN_GIVEN);
  mark(KUNYA, IN_KUNYA);
  for (const [first, list] of g.phrases) entryOf(first).phrases = list;
  const slots = new Uint8Array(LEXICON_SLOTS);
  for (const word of out.keys()) slots[lexiconSlot(word)] = 1;
  lexiconSlots = slots;
  // The word forms' answers came from the lists being replaced.
  wordForms = new Map();
  lexicon = out;
  lexiconFor = g;
  return out;
}

interface GazetteerMatch {
  prefix: number;
  to: number;
  end: number;
  entry: GazetteerEntry;
}

interface Candidate {
  start: number;
  end: number;
  /** Token range [from, to). */
  from: number;
  to: number;
  type: EntityType;
  key: string;
  canonical: string | undefined;
  related: string | undefined;
  /** `text.slice(start, end)`, kept when made (see `surfaceOf`): one string per span, hashed once. */
  surface: string | undefined;
}

/**
 * A candidate with every field present, in one order: candidates then share one object shape, and
 * the passes over all of them (overlaps, propagation, grouping) read their fields without lookups
 * across several shapes.
 */
function newCandidate(
  start: number,
  end: number,
  from: number,
  to: number,
  type: EntityType,
  key: string,
  canonical: string | undefined,
  surface: string | undefined,
): Candidate {
  return { start, end, from, to, type, key, canonical, related: undefined, surface };
}

/** The candidate's text (sliced once, then shared by keying, propagation and grouping). */
function surfaceOf(text: string, c: Candidate): string {
  c.surface ??= text.slice(c.start, c.end);
  return c.surface;
}

const LATIN_WORD = /^[\p{Script=Latin}\d][\p{Script=Latin}\d'’.&-]*$/u;
/** English month and weekday names (case as written): never the start of a name. */
const MONTHS_EN = new Set(
  'January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);
const AR_DATE_WORDS = new Set(
  `يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران
  تموز اب ايلول تشرين الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد اثنين ثلاثاء اربعاء خميس جمعه سبت احد امس
  غدا اليوم صباح مساء`
    .split(/\s+/)
    .filter(Boolean),
);
const EN_STOP = new Set(
  `The A An And But Or If In On At Of For To From By With As It Its This That These Those He She They We I You His Her
  Their Our My Your There Here When Where What Who Why How After Before While During Since Until Although Though
  Meanwhile However Also Yet So Then Now Today Yesterday Tomorrow Last Next Mr Mrs Ms According Some Many Most All
  Both Each Every No Not Only More Less One Two Three Four Five Ten Thousands Hundreds Dozens Under Over About
  Inside Outside Despite Because Instead Once Asked Speaking Earlier Later`
    .split(/\s+/)
    .filter(Boolean),
);
const EN_CONNECTORS = new Set([
  'of',
  'de',
  'des',
  'du',
  'la',
  'le',
  'von',
  'van',
  'der',
  'al',
  'bin',
  'the',
  '&',
  'for',
  'y',
  'di',
  'da',
]);
/** ", a video surveillance company": an appositive that says the name is an organisation. */
const ORG_APPOSITIVE =
  /^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:company|firm|group|maker|startup|bank|agency|newspaper|newsletter|broadcaster|consortium|charity|airline|retailer)\b/iu;
/** English descriptors right before an organisation's name ("the newsletter Intelligence Online"). */
const EN_ORG_INTRODUCERS = new Set(
  'company firm newspaper newsletter magazine website site agency group broadcaster channel network outlet daily weekly startup maker carrier airline bank club'.split(
    ' ',
  ),
);
/** Institutions named after their place: "جامعة القاهرة" is one name, not a university plus a city. */
const PLACE_NAMED_HEADS = new Set([
  'جامعه',
  'بلديه',
  'محافظه',
  'بنك',
  'مصرف',
  'نادي',
  'معهد',
  'اكاديميه',
  'كليه',
  'مطار',
  'ميناء',
]);
/** تفاعل/يتفاعل verb forms (تجاوز، تزايد، تناولت): never a surname. */
const VERB_FORM = /^[يت]ت?[^ا]ا[^ا]{2}(?:ت|وا|ون)?$/;
/** Words of a person's name after the first, links (بن، أبو) aside: a third word is more often the verb. */
const MAX_NAME_WORDS = 2;
const AMBIGUOUS_GIVEN = new Set(['علي']);
/** Name starts that are not given names themselves: أبو مازن, عبد الله. */
const KUNYA = new Set(['ابو', 'عبد', 'ام']);
const ORDINALS = new Set([
  'الاول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
]);
const NAME_LINKS = new Set(['بن', 'ابن', 'ابو', 'بنت', 'ال', 'عبد', 'ابي', 'ام']);

/** Extracts entities with merged mentions, aliases and related countries; total and deterministic. */
export function extractEntities(doc: AnalysedText): Entity[] {
  if (!doc.text || !doc.sentences.length) return [];
  try {
    return findEntities(doc);
  } finally {
    forgetArticle();
  }
}

/** Empties the per-article memos (names, skeletons): they never outlive one call; the word forms stay, up to their bound. */
function forgetArticle() {
  // Fresh maps, not clear(): a long-lived map's old tables keep every entry they ever held alive through
  // young-generation collections (old-to-new references), so each article's garbage got copied and promoted.
  nameKeys = new Map();
  skeletons = new Map();
  if (wordForms.size > MAX_WORD_FORMS) wordForms = new Map();
}

/** Keys of the names met in the article being read: a name recurs, and keying it tokenizes it again. */
let nameKeys = new Map<string, string>();

function keyOf(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = phraseKey(name);
    nameKeys.set(name, key);
  }
  return key;
}

/** Shared empty lists for sentences without quotes (never written to). */
const NO_QUOTES: Array<{ start: number; end: number }> = [];
const NO_CANDIDATES: Candidate[] = [];

function findEntities(doc: AnalysedText): Entity[] {
  const g = loadGazetteer();
  const sentences = doc.sentences.filter((s) => s.start < MAX_ENTITY_CHARS);
  const perSentence = sentences.map((s) => tokensOf(doc, s));
  const candidates: Candidate[] = [];
  const quoteSpans = collectQuotes(doc, sentences);
  let q0 = 0;
  perSentence.forEach((toks, si) => {
    const sentence = sentences[si];
    if (!sentence || !toks.length) return;
    // Quotes are sorted by start: walk them alongside the sentences instead of rescanning all of them.
    while (q0 < quoteSpans.length && (quoteSpans[q0]?.end ?? 0) <= sentence.start) q0++;
    let local = NO_QUOTES;
    for (let k = q0; k < quoteSpans.length && (quoteSpans[k]?.start ?? Infinity) < sentence.end; k++) {
      if (local === NO_QUOTES) local = [];
      local.push(quoteSpans[k] as { start: number; end: number });
    }
    const arabicSentence = hasArabicToken(toks) || hasArabic(sentence.text);
    const quoted = local.length ? quotedNames(doc.text, toks, local, g) : NO_CANDIDATES;
    const scanned = scanSentence(doc.text, toks, arabicSentence, g, local);
    const found = quoted.length ? [...quoted, ...scanned] : scanned;
    for (const c of resolveOverlaps(found)) candidates.push(c);
  });
  propagate(doc.text, perSentence, candidates, g);
  return buildEntities(doc.text, candidates);
}

/** A token of the sentence has Arabic (then the sentence has: tokens are parts of it), without scanning its text. */
function hasArabicToken(toks: Tok[]): boolean {
  for (let k = 0; k < toks.length; k++) if ((toks[k] as Tok).arabic) return true;
  return false;
}

function tokensOf(doc: AnalysedText, s: Sentence): Tok[] {
  const raw = tokenize(doc.text, doc.language, s.start, s.end);
  const text = doc.text;
  const out: Tok[] = new Array(raw.length);
  let prevEnd = s.start;
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k] as Token;
    const tok: Tok = {
      start: t.start,
      end: t.end,
      text: t.text,
      norm: t.norm,
      latin: false,
      arabic: false,
      digit: false,
      cap: false,
      gapStart: prevEnd,
      join: false,
      word: undefined,
      gazetteer: undefined,
      en: -1,
    };
    classify(tok);
    tok.join = joinsPrevious(text, prevEnd, t.start, tok.latin);
    out[k] = tok;
    prevEnd = t.end;
  }
  return out;
}

/**
 * Sets a token's script and shape flags. Pure-ASCII words and words opening with an Arabic letter (nearly
 * all of them) are decided from their characters; anything else goes through the defining patterns.
 */
function classify(t: Tok) {
  const w = t.text;
  const c0 = w.charCodeAt(0);
  // An Arabic letter first: not Latin (first character), not a digit string, not capitalised, Arabic.
  if (c0 >= 0x0621 && c0 <= 0x064a) {
    t.arabic = true;
    return;
  }
  // ASCII: Latin letters and digits are [A-Za-z0-9], upper-case letters [A-Z], no Arabic. One pass
  // decides the flags: every character ANDs in what it allows; the first outside ASCII hands over to
  // the patterns.
  const table = asciiWordCharTable();
  let allowed = w.length > 0 && isAsciiAlnum(c0) ? IN_LATIN_WORD | IN_DIGIT_STRING : IN_DIGIT_STRING;
  for (let m = 0; m < w.length; m++) {
    const c = w.charCodeAt(m);
    if (c >= 0x80) {
      t.latin = LATIN_WORD.test(w) && LATIN_OR_DIGIT.test(w);
      t.arabic = hasArabic(w);
      t.digit = DIGITS.test(w);
      t.cap = UPPER_FIRST.test(w) || DIGITS_THEN_LETTER.test(w);
      return;
    }
    allowed &= table[c] as number;
  }
  const latin = (allowed & IN_LATIN_WORD) !== 0;
  const digit = w.length > 0 && (allowed & IN_DIGIT_STRING) !== 0;
  let k = 0;
  while (k < w.length && isAsciiDigit(w.charCodeAt(k))) k++;
  const afterDigits = w.charCodeAt(k);
  t.latin = latin;
  t.digit = digit;
  t.cap = isAsciiUpper(c0) || (k > 0 && (isAsciiUpper(afterDigits) || isAsciiLower(afterDigits)));
}

/** An ASCII character may continue a Latin word: [A-Za-z0-9'.&-]. */
const IN_LATIN_WORD = 1;
/** An ASCII character may be part of a digit string: [0-9.,]. */
const IN_DIGIT_STRING = 2;
/** Per ASCII code: the IN_LATIN_WORD / IN_DIGIT_STRING bits it keeps (128 bytes, filled on first use). */
let asciiWordChars: Uint8Array | undefined;

function asciiWordCharTable(): Uint8Array {
  if (asciiWordChars) return asciiWordChars;
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    table[c] =
      (isAsciiAlnum(c) || c === 0x27 || c === 0x2e || c === 0x26 || c === 0x2d ? IN_LATIN_WORD : 0) |
      (isAsciiDigit(c) || c === 0x2e || c === 0x2c ? IN_DIGIT_STRING : 0);
  }
  asciiWordChars = table;
  return table;
}
const LATIN_OR_DIGIT = /\p{Script=Latin}|\d/u;
/**
 * A letter anywhere. Patterns with \p{...} live at module level: the bundler writes them as
 * `new RegExp(...)`, which inside a function would build the pattern on every call.
 */
const ANY_LETTER = /\p{L}/u;
const DIGITS = /^[\d٠-٩.,٫٬]+$/;
const UPPER_FIRST = /^\p{Lu}/u;
const DIGITS_THEN_LETTER = /^\d+\p{L}/u;
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAsciiUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isAsciiLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isAsciiAlnum = (c: number) => isAsciiDigit(c) || isAsciiUpper(c) || isAsciiLower(c);

/** Only spaces between two tokens, or a hyphen, ampersand or apostrophe inside a Latin name. */
function joinsPrevious(text: string, from: number, to: number, latin: boolean): boolean {
  // One space is nearly every gap: decide it without slicing.
  if (to - from === 1 && text.charCodeAt(from) === 0x20) return true;
  // The gap matches /^[ \t\u00A0]+$/, or (Latin) /^\s*[-&]\s*$|^'$/, read in place: both need a character.
  if (to <= from) return false;
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0) break;
    k++;
  }
  if (k === to) return true;
  if (!latin) return false;
  if (to - from === 1 && text.charCodeAt(from) === 0x27) return true;
  // \s*, a hyphen or an ampersand, \s*, and nothing else.
  k = from;
  while (k < to && isRegExpSpace(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  if (k === to || (c !== 0x2d && c !== 0x26)) return false;
  k++;
  while (k < to && isRegExpSpace(text.charCodeAt(k))) k++;
  return k === to;
}

/** Tokens i-1 and i are in one phrase: only spaces (or joiners inside Latin names) between them. */
function joinable(toks: Tok[], i: number): boolean {
  return toks[i]?.join === true;
}

/** Text between the previous token and this one. */
function gapOf(text: string, t: Tok): string {
  return text.slice(t.gapStart, t.start);
}

/** The token's word-form answers, looked up on first use (most English words never need them). */
function wordOf(t: Tok): WordInfo {
  t.word ??= wordInfo(t.norm);
  return t.word;
}

function demonymOf(t: Tok): string | undefined {
  const w = wordOf(t);
  if (w.demonym === undefined) w.demonym = lookupDemonym(t.norm) ?? null;
  return w.demonym ?? undefined;
}

function collectQuotes(doc: AnalysedText, sentences: Sentence[]) {
  const spans: Array<{ start: number; end: number }> = [];
  const limit = sentences.at(-1)?.end ?? 0;
  for (const p of doc.paragraphs) {
    if (p.start > limit) break;
    spans.push(...findQuoteSpans(doc.text, p.start, Math.min(p.end, limit)));
  }
  return spans.sort((a, b) => a.start - b.start);
}

function isStop(t: Tok, g: Gazetteer): boolean {
  // The word's answer is kept on its form (see `wordStop`).
  return t.digit || wordStop(wordOf(t), g);
}

/** A function word or a date word, as written or once its clitics are read off. */
function wordStop(w: WordInfo, g: Gazetteer): boolean {
  if (w.stop !== undefined) return w.stop;
  let stop = false;
  const readings = w.readings;
  if (((readings[0] as Reading).sets & (IN_STOP | IN_DATE)) !== 0) stop = true;
  for (let k = 1; !stop && k < readings.length; k++) {
    const r = readings[k] as Reading;
    if (r.prefix === 0) continue;
    if ((r.sets & (IN_STOP | IN_DATE)) !== 0) stop = true;
    else if (r.base !== r.text && ((lexiconEntry(lexiconOf(g), r.base)?.sets ?? 0) & IN_DATE) !== 0)
      stop = true;
  }
  w.stop = stop;
  return stop;
}

/** The first reading of a token in the lists `bit` names (after clitics; `allowPrep` false: one letter at most). */
function readingIn(t: Tok, bit: number, allowPrep = true): Reading | undefined {
  const w = wordOf(t);
  if (((allowPrep ? w.anySets : w.nearSets) & bit) === 0) return undefined;
  for (const reading of w.readings) {
    if (!allowPrep && reading.prefix > 1) continue;
    if ((reading.sets & bit) !== 0) return reading;
  }
  return undefined;
}

/** True when the article-free form of `norm` is `key` (`baseForm(norm) === key`, without the slice). */
function baseIs(norm: string, key: string): boolean {
  if (norm.length >= 4 && norm.charCodeAt(0) === 0x627 && norm.charCodeAt(1) === 0x644)
    return norm.length - 2 === key.length && norm.startsWith(key, 2);
  return norm === key;
}

/** Offset in the raw token after `letters` letters of its normalised form (skips diacritics). */
function rawOffset(t: Tok, letters: number): number {
  let seen = 0;
  let i = 0;
  while (seen < letters && i < t.text.length) {
    if (!/[\u0610-\u061A\u064B-\u065F\u0670\u0640]/.test(t.text[i] ?? '')) seen++;
    i++;
  }
  return t.start + i;
}

function matchGazetteer(toks: Tok[], i: number): GazetteerMatch | undefined {
  const t = toks[i];
  if (!t) return undefined;
  if (t.gazetteer === undefined) t.gazetteer = findGazetteerMatch(toks, i, t) ?? null;
  return t.gazetteer ?? undefined;
}

function findGazetteerMatch(toks: Tok[], i: number, t: Tok): GazetteerMatch | undefined {
  if (t.latin && (!t.cap || (t.text.length <= 3 && t.text !== t.text.toUpperCase()))) return undefined;
  const w = wordOf(t);
  if (!w.phrases) return undefined;
  for (const { reading: r, list } of w.phrases) {
    const { prefix: n, arabic: arabicReading, definite } = w.readings[r] as Reading;
    for (const { rest, entry, definite: wantsArticle } of list) {
      if (arabicReading && definite !== wantsArticle) continue;
      let ok = true;
      for (let k = 0; k < rest.length; k++) {
        const next = toks[i + 1 + k];
        if (!next?.join || !baseIs(next.norm, rest[k] as string)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const last = toks[i + rest.length];
      if (!last) continue;
      // Single Arabic words with a stripped preposition must not be a common word misread (ب+لير).
      return { prefix: n, to: i + 1 + rest.length, end: last.end, entry };
    }
  }
  return undefined;
}

function entryCandidate(
  toks: Tok[],
  i: number,
  m: { prefix: number; to: number; end: number; entry: GazetteerEntry },
): Candidate {
  const t = toks[i] as Tok;
  return newCandidate(
    rawOffset(t, m.prefix),
    m.end,
    i,
    m.to,
    m.entry.type,
    m.entry.id,
    m.entry.canonical,
    undefined,
  );
}

/** Index of the first token starting at or after `offset` (toks.length when none). */
function firstTokenAtOrAfter(toks: readonly Tok[], offset: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((toks[mid] as Tok).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Quoted names right after a trigger: شركة "X", البرلمانية الفرنسية "X", تمرين "X". */
function quotedNames(text: string, toks: Tok[], quotes: Array<{ start: number; end: number }>, g: Gazetteer) {
  const out: Candidate[] = [];
  const first = toks[0];
  const last = toks.at(-1);
  if (!first || !last) return out;
  for (const q of quotes) {
    if (q.start < first.start || q.end > last.end) continue;
    // Tokens are sorted and disjoint: find the first one at/after the quote and walk only as far as a
    // name can reach, so each quote costs a few steps instead of a pass over the whole sentence.
    const from = firstTokenAtOrAfter(toks, q.start);
    const inner: Tok[] = [];
    let tooLong = false;
    for (let k = from; k < toks.length; k++) {
      const t = toks[k] as Tok;
      if (t.start >= q.end) break;
      if (t.end > q.end) continue;
      if (inner.length === MAX_QUOTED_NAME_TOKENS) {
        tooLong = true;
        break;
      }
      inner.push(t);
    }
    if (!inner.length || tooLong) continue;
    if (inner.some((t) => g.stopWords.has(t.norm) && !t.latin)) continue;
    let type: EntityType | undefined;
    let related: string | undefined;
    for (let k = from - 1, steps = 0; k >= 0 && steps < 3; k--, steps++) {
      const t = toks[k] as Tok;
      const dem = t.arabic ? demonymOf(t) : undefined;
      if (dem) {
        related ??= dem;
        continue;
      }
      const r = (bit: number) => readingIn(t, bit)?.text;
      if (r(IN_TITLE)) type = 'person';
      else if (r(IN_EVENT)) type = 'event';
      else if (r(IN_PRODUCT)) type = 'product';
      else if (r(IN_INTRODUCER) || r(IN_HEAD)) type = 'organization';
      else if (t.arabic && baseForm(t.norm) !== t.norm && steps === 0) continue;
      break;
    }
    if (!type) continue;
    const a = inner[0] as Tok;
    const b = inner.at(-1) as Tok;
    const surface = text.slice(a.start, b.end);
    const c = newCandidate(
      a.start,
      b.end,
      from,
      from + inner.length,
      type,
      keyOf(surface),
      undefined,
      surface,
    );
    if (related) c.related = related;
    out.push(c);
  }
  return out;
}

function scanSentence(
  text: string,
  toks: Tok[],
  arabicSentence: boolean,
  g: Gazetteer,
  quotes: Array<{ start: number; end: number }>,
): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i] as Tok;
    if (t.latin && !arabicSentence) {
      // Neither a capitalised run nor a gazetteer name starts at a lower-case word.
      if (!t.cap && !t.digit) {
        i++;
        continue;
      }
      const run = capitalisedRun(text, toks, i, g);
      const gazRun = matchGazetteer(toks, i);
      if (run && (!gazRun || run.to > gazRun.to)) {
        out.push(run);
        i = run.to;
        continue;
      }
      if (!gazRun) {
        // No run either (a run without a gazetteer name was taken above): nothing starts here.
        i++;
        continue;
      }
    }
    const gaz = matchGazetteer(toks, i);
    if (gaz) {
      const c = entryCandidate(toks, i, gaz);
      attachDemonym(toks, gaz.to, c);
      out.push(c);
      i = gaz.to;
      continue;
    }
    if (t.latin) {
      const c = latinRun(text, toks, i);
      if (c) {
        out.push(c);
        i = c.to;
        continue;
      }
      i++;
      continue;
    }
    if (!t.arabic) {
      i++;
      continue;
    }
    // Most words are in none of the trigger lists: one test of the word's bits skips the lookups.
    if ((wordOf(t).nearSets & IN_TRIGGER) !== 0 && !opensQuote(toks[i + 1], quotes)) {
      const head = readingIn(t, IN_HEAD, false);
      const intro = readingIn(t, IN_INTRODUCER, false);
      const product = readingIn(t, IN_PRODUCT, false);
      const title = readingIn(t, IN_TITLE, false);
      const event = readingIn(t, IN_EVENT, false);
      const places: Candidate[] = [];
      const named = nameAfterTrigger(
        text,
        toks,
        i,
        g,
        title ? 'person' : product ? 'product' : 'organization',
        intro !== undefined,
        places,
      );
      if (named) {
        out.push(...places);
        out.push(named);
        i = named.to;
        continue;
      }
      if (head || event) {
        const chain = headChain(text, toks, i, g, event && !head ? 'event' : 'organization');
        if (chain) {
          out.push(chain);
          i = chain.to;
          continue;
        }
      }
    }
    if (readingIn(t, IN_SPEECH, false)) {
      const speaker = speakerAfterVerb(text, toks, i + 1, g);
      if (speaker) {
        out.push(speaker);
        i = speaker.to;
        continue;
      }
    }
    const givenReading = readingIn(t, IN_GIVEN, true);
    const given =
      (givenReading && AMBIGUOUS_GIVEN.has(givenReading.text) ? undefined : givenReading) ??
      (((wordOf(t).readings[0] as Reading).sets & IN_KUNYA) !== 0 ? { prefix: 0, text: t.norm } : undefined);
    if (given && !(t.text.endsWith('ى') && given.text.endsWith('ي'))) {
      const person =
        personName(text, toks, i, given.prefix, g, true) ??
        (g.standaloneNames.has(given.text) && clauseEnds(toks, i + 1, g)
          ? spanCandidate(text, toks, i, i + 1, 'person', given.prefix)
          : undefined);
      if (person) {
        out.push(person);
        i = person.to;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The token starts where a quote opens (its mark or the character after it); asked of trigger words only. */
function opensQuote(t: Tok | undefined, quotes: Array<{ start: number; end: number }>): boolean {
  if (!t) return false;
  for (let k = 0; k < quotes.length; k++) {
    const start = (quotes[k] as { start: number }).start;
    if (t.start === start || t.start === start + 1) return true;
  }
  return false;
}

/** A nationality adjective right after the name (or after one adjective) becomes its related country. */
function attachDemonym(toks: Tok[], to: number, c: Candidate) {
  if (c.type === 'location') return;
  for (let k = to; k < Math.min(toks.length, to + 2); k++) {
    const t = toks[k] as Tok;
    if (!t.arabic) return;
    const dem = demonymOf(t);
    if (dem) {
      c.related ??= dem;
      return;
    }
    if (!t.norm.startsWith('ال')) return;
  }
}

/** Name after a title or descriptor: الرئيس الأمريكي جورج بوش, شركة Dedrone, صحيفة هآرتس. */
function nameAfterTrigger(
  text: string,
  toks: Tok[],
  i: number,
  g: Gazetteer,
  type: EntityType,
  introducer = false,
  skippedPlaces: Candidate[] = [],
) {
  let j = i + 1;
  let related: string | undefined;
  let skipped = 0;
  // Role complements, nationality adjectives and definite modifiers sit between title and name.
  while (j < toks.length && skipped < 4 && joinable(toks, j)) {
    const t = toks[j] as Tok;
    if (!t.arabic) break;
    const dem = demonymOf(t);
    if (dem) {
      related ??= dem;
      j++;
      skipped++;
      continue;
    }
    const definiteWord = wordOf(t).anyDefinite;
    if (type === 'person' && (g.titleComplements.has(t.norm) || g.personTitles.has(t.norm) || definiteWord)) {
      j++;
      skipped++;
      continue;
    }
    // "رئيس وزراء إسرائيل إيهود أولمرت": the country of the office, then the name.
    const place = type === 'person' && skipped > 0 ? matchGazetteer(toks, j) : undefined;
    if (place && place.entry.type === 'location') {
      skippedPlaces.push(entryCandidate(toks, j, place));
      related ??= place.entry.canonical;
      skipped += place.to - j;
      j = place.to;
      continue;
    }
    if (type === 'person' && t.norm === 'باسم' && toks[j + 1]) {
      j += 2;
      skipped += 2;
      continue;
    }
    break;
  }
  const t = toks[j];
  if (!t || !joinable(toks, j) || isStop(t, g)) return undefined;
  if (t.latin) {
    const run = latinRun(text, toks, j, type);
    if (run && related) run.related = related;
    return run;
  }
  if (!t.arabic) return undefined;
  if (matchGazetteer(toks, j)) return undefined;
  if (type === 'person') {
    const p = personName(text, toks, j, 0, g, false);
    if (p && related) p.related = related;
    return p;
  }
  const trigger = toks[i] as Tok;
  // Only a bare descriptor (شركة, not الشركة) introduces an unquoted Arabic name.
  if (!introducer || trigger.norm.startsWith('ال') || type !== 'organization') return undefined;
  if (!plausibleNameWord(t, g)) return undefined;
  let to = j + 1;
  const next = toks[to];
  if (next && joinable(toks, to) && plausibleNameWord(next, g) && !demonymOf(next)) to++;
  const c = spanCandidate(text, toks, j, to, 'organization');
  attachDemonym(toks, to, c);
  if (related) c.related ??= related;
  return c;
}

/** A bare Arabic word that could be a name: not a function word, not definite, not a feminine noun. */
function plausibleNameWord(t: Tok, g: Gazetteer): boolean {
  if (!t.arabic || isStop(t, g)) return false;
  if (t.norm.startsWith('ال') || t.norm.endsWith('ه') || t.norm.length < 3) return false;
  if (readingIn(t, IN_SPEECH) || demonymOf(t)) return false;
  if (g.personTitles.has(t.norm) || g.orgHeads.has(t.norm) || g.nameIntroducers.has(t.norm)) return false;
  return true;
}

/** وزارة الداخلية, اتحاد صناعة السيارات, مجلس التعاون الخليجي: the head plus its genitive chain. */
function headChain(text: string, toks: Tok[], i: number, g: Gazetteer, type: EntityType) {
  let j = i + 1;
  let parts = 0;
  let related: string | undefined;
  while (j < toks.length && parts < 4 && joinable(toks, j)) {
    const t = toks[j] as Tok;
    if (!t.arabic || isStop(t, g) || readingIn(t, IN_SPEECH)) break;
    const dem = demonymOf(t);
    if (dem) {
      related = dem;
      j++;
      parts++;
      break;
    }
    // A known name after the head is its own entity ("حركة حماس" is حماس, "شرطة باريس" is باريس),
    // except where the place is part of an institution's proper name (جامعة القاهرة, بلدية دبي).
    const known = matchGazetteer(toks, j);
    if (known) {
      const headWord = readingIn(toks[i] as Tok, IN_HEAD, false)?.base ?? '';
      if (parts === 0 && known.entry.type === 'location' && PLACE_NAMED_HEADS.has(headWord)) {
        j = known.to;
        parts++;
        break;
      }
      if (parts === 0) return undefined;
      // وكالة أنباء الشرق الأوسط: a place closing the genitive chain belongs to the name.
      if (known.entry.type === 'location') {
        j = known.to;
        parts++;
      }
      break;
    }
    if (t.norm.startsWith('ال') || t.norm.startsWith('لل')) {
      j++;
      parts++;
      continue;
    }
    const next = toks[j + 1];
    if (parts === 0 && next && joinable(toks, j + 1) && next.norm.startsWith('ال') && !isStop(next, g)) {
      j++;
      parts++;
      continue;
    }
    break;
  }
  if (parts === 0) return undefined;
  // "الجيش الإسرائيلي", "المحكمة العليا": a definite head with one modifier is a generic institution.
  const headTok = toks[i] as Tok;
  if (parts === 1 && wordOf(headTok).anyDefinite) return undefined;
  const c = spanCandidate(text, toks, i, j, type, readingIn(headTok, IN_HEAD, false)?.prefix ?? 0);
  if (related) c.related = related;
  return c;
}

/** A person's name from token j: given name, links (بن، أبو، عبد), up to three name words. */
function personName(text: string, toks: Tok[], j: number, prefix: number, g: Gazetteer, needsMore: boolean) {
  let to = j + 1;
  let words = NAME_LINKS.has((toks[j] as Tok).norm) ? 0 : 1;
  // A father's name (محمد علي العظمي, جان بيير رافاران) lets the name run to a third word.
  const budget = () =>
    g.givenNames.has((toks[j + 1] as Tok | undefined)?.norm ?? '') ? MAX_NAME_WORDS + 1 : MAX_NAME_WORDS;
  while (to < toks.length && words < budget() && joinable(toks, to)) {
    const t = toks[to] as Tok;
    if (!t.arabic || isStop(t, g) || readingIn(t, IN_SPEECH) || demonymOf(t)) break;
    if (readingIn(t, IN_TITLE) || g.orgHeads.has(t.norm) || g.titleComplements.has(t.norm)) break;
    // تجاوز، تناولت، يتزايد: a verb form right after the name ends it; so does "وبلير" (a second name).
    if (VERB_FORM.test(t.norm) || (/^و/.test(t.norm) && !g.givenNames.has(t.norm) && !NAME_LINKS.has(t.norm)))
      break;
    if (matchGazetteer(toks, to)) break;
    if (NAME_LINKS.has(t.norm)) {
      // بن خليفة, آل ثاني: a link and the name it links come as a pair, outside the word budget.
      const linked = toks[to + 1];
      if (linked?.arabic && joinable(toks, to + 1) && !isStop(linked, g) && !linked.norm.startsWith('ال')) {
        to += 2;
        continue;
      }
      to++;
      continue;
    }
    // نصر الله, فضل الله: "الله" closes a compound name.
    if (t.norm === 'الله') {
      to++;
      continue;
    }
    // "علي" spelled for the preposition على: a following definite word is its object, not a surname.
    if (to === j + 1 && AMBIGUOUS_GIVEN.has((toks[j] as Tok).norm) && t.norm.startsWith('ال')) break;
    to++;
    words++;
  }
  if (toks[to]?.norm === 'الله' && joinable(toks, to)) to++;
  const ordinal = toks[to];
  if (ordinal && joinable(toks, to) && ORDINALS.has(ordinal.norm)) to++;
  while (to > j + 1 && NAME_LINKS.has((toks[to - 1] as Tok).norm)) to--;
  if (needsMore && to === j + 1) return undefined;
  const first = toks[j] as Tok;
  if (!needsMore && (first.norm.startsWith('ال') || !plausiblePersonStart(first, g))) return undefined;
  return spanCandidate(text, toks, j, to, 'person', prefix);
}

/** "وقال بوش إن", "وأكد لافروف في": an unknown bare word (or two) right after a verb of saying, then a boundary. */
function speakerAfterVerb(text: string, toks: Tok[], j: number, g: Gazetteer): Candidate | undefined {
  const first = toks[j];
  if (!first || !joinable(toks, j) || !plausibleNameWord(first, g) || matchGazetteer(toks, j))
    return undefined;
  // Only a clear clause boundary after the name: "وقال بوش إن ...", "وقال بوش، ...", "وقال بوش: ...".
  const boundary = (k: number) => {
    const t = toks[k];
    return (
      !t ||
      /^\s*[،,:؛]\s*$/.test(gapOf(text, t)) ||
      /^(?:ان|انه|انها|في|خلال|امام|لدي|اليوم|امس)$/.test(t.norm)
    );
  };
  if (boundary(j + 1)) return spanCandidate(text, toks, j, j + 1, 'person');
  const second = toks[j + 1] as Tok;
  if (plausibleNameWord(second, g) && !matchGazetteer(toks, j + 1) && boundary(j + 2))
    return spanCandidate(text, toks, j, j + 2, 'person');
  return undefined;
}

/** A name may end before token k: punctuation, the end of the sentence, or a function word. */
function clauseEnds(toks: Tok[], k: number, g: Gazetteer): boolean {
  const t = toks[k];
  return !t || !joinable(toks, k) || isStop(t, g) || readingIn(t, IN_SPEECH) !== undefined;
}

function plausiblePersonStart(t: Tok, g: Gazetteer): boolean {
  // قوله، نفسه: a noun with a pronoun suffix (written ه, not ة) is not a name.
  if (t.arabic && t.text.length >= 4 && /ه$/.test(t.text)) return false;
  if (isStop(t, g) || readingIn(t, IN_SPEECH) || demonymOf(t) || t.norm.length < 2) return false;
  return !readingIn(t, IN_HEAD) && !readingIn(t, IN_INTRODUCER) && !readingIn(t, IN_TITLE);
}

function spanCandidate(
  text: string,
  toks: Tok[],
  from: number,
  to: number,
  type: EntityType,
  prefix = 0,
): Candidate {
  const a = toks[from] as Tok;
  const b = toks[to - 1] as Tok;
  const start = rawOffset(a, prefix);
  const surface = text.slice(start, b.end);
  return newCandidate(start, b.end, from, to, type, keyOf(surface), undefined, surface);
}

/** Latin-script run inside Arabic text: "911 Security Cameras", "CS Group", "Direction des Services ...". */
function latinRun(text: string, toks: Tok[], i: number, forced?: EntityType) {
  let to = i;
  while (to < toks.length) {
    const t = toks[to] as Tok;
    if (!t.latin || !(t.cap || t.digit || isConnector(t.text)) || (to > i && !t.join)) break;
    to++;
  }
  if (to === i) return undefined;
  while (to > i && isConnector((toks[to - 1] as Tok).text)) to--;
  // The run is toks[i, to), read in place.
  let letter = false;
  let cap = false;
  for (let k = i; k < to; k++) {
    const t = toks[k] as Tok;
    if (!letter && ANY_LETTER.test(t.text)) letter = true;
    if (t.cap) cap = true;
  }
  if (!letter || !cap) return undefined;
  let type: EntityType = forced ?? 'organization';
  if (!forced) {
    const before = toks[i - 1];
    if (before && readingIn(before, IN_PRODUCT)) type = 'product';
    else if (before && readingIn(before, IN_TITLE)) type = 'person';
    else if (before && readingIn(before, IN_EVENT)) type = 'event';
  }
  const c = spanCandidate(text, toks, i, to, type);
  attachDemonym(toks, to, c);
  return c;
}

/**
 * `EN_CONNECTORS.has(word.toLowerCase())`: the connectors have at most three letters, and lower-casing
 * never shortens a word, so a longer one is not lower-cased.
 */
function isConnector(word: string): boolean {
  return word.length <= 3 && EN_CONNECTORS.has(word.toLowerCase());
}

/** Capitalised sequence in English text, typed by gazetteer, titles, org/event words and context. */
function capitalisedRun(text: string, toks: Tok[], i: number, g: Gazetteer): Candidate | undefined {
  const t = toks[i] as Tok;
  const digitLed =
    t.digit &&
    toks[i + 1]?.cap === true &&
    joinable(toks, i + 1) &&
    (enBits(toks[i + 1] as Tok, g) & EN_MONTH) === 0;
  if (!t.cap && !digitLed) return undefined;
  const bits = enBits(t, g);
  if ((bits & EN_MONTH) !== 0) return undefined;
  if ((bits & EN_TITLE) !== 0) {
    const next = toks[i + 1];
    if (next?.cap && joinable(toks, i + 1)) {
      const run = capitalisedRun(text, toks, i + 1, g);
      if (run && (run.type === 'other' || run.type === 'person')) run.type = 'person';
      return run;
    }
    return undefined;
  }
  if ((bits & (EN_STOPWORD | EN_DEMONYM)) !== 0) return undefined;
  let to = i + 1;
  while (to < toks.length && joinable(toks, to)) {
    const n = toks[to] as Tok;
    if (n.cap && (enBits(n, g) & (EN_MONTH | EN_STOPWORD)) === 0) {
      to++;
      continue;
    }
    // "de la", "of the": up to two connectors inside a name, never at its end.
    let k = to;
    while (
      k < to + 2 &&
      k < toks.length &&
      (enBits(toks[k] as Tok, g) & EN_CONNECTOR) !== 0 &&
      joinable(toks, k + 1)
    )
      k++;
    const after = toks[k];
    if (k > to && after?.cap && joinable(toks, k) && (enBits(after, g) & EN_STOPWORD) === 0) {
      to = k + 1;
      continue;
    }
    break;
  }
  // The run is toks[i, to): its words are read in place, not copied.
  const length = to - i;
  const sentenceStart = i === 0 || opensAfterQuoteOrParen(text, t);
  if (sentenceStart && length === 1 && !isShortCapsWord(t.text)) return undefined;
  const c = spanCandidate(text, toks, i, to, 'other');
  c.type = typeOfRun(text, toks, i, to, c.end, g);
  const next = toks[to];
  if (next && (enBits(next, g) & EN_DEMONYM) === 0) attachEnDemonym(toks, i, c, g);
  return c;
}

/** The type of the capitalised run toks[from, to) ending at `end`: the first rule that applies, else 'other'. */
function typeOfRun(
  text: string,
  toks: Tok[],
  from: number,
  to: number,
  end: number,
  g: Gazetteer,
): EntityType {
  const t = toks[from] as Tok;
  const length = to - from;
  const prev = toks[from - 1];
  const next = toks[to];
  if (someWordIn(toks, from, to, EN_ORG_WORD, g)) return 'organization';
  if (prev && introducesOrg(prev.text)) return 'organization';
  // The appositive opens with a comma: most names are not followed by one, and need no slice.
  if (
    text.charCodeAt(end) === 0x2c &&
    mayOpenAppositive(text, end) &&
    ORG_APPOSITIVE.test(text.slice(end, end + 80))
  )
    return 'organization';
  const phrases = g.phrases.get(baseForm(t.norm));
  if (phrases?.some((p) => joinedEquals(p.rest, toks, from + 1, to)))
    return phrases.find((p) => p.rest.length === length - 1)?.entry.type ?? 'other';
  if (someWordIn(toks, from, to, EN_EVENT_WORD, g)) return 'event';
  if (prev && (enBits(prev, g) & EN_TITLE) !== 0) return 'person';
  // A token's norm is normalizeForMatch of its text.
  if (g.givenNames.has(t.norm) || (enBits(t, g) & EN_GIVEN_NAME) !== 0) return 'person';
  if (length <= 3 && next && (enBits(next, g) & EN_SPEECH) !== 0 && length >= 2) return 'person';
  if (length <= 3 && prev && (enBits(prev, g) & EN_SPEECH) !== 0 && length >= 2) return 'person';
  if (isCapsAcronym(toks, from, to)) return 'organization';
  if (length === 1 && prev && ['in', 'at', 'from', 'near'].includes(prev.text)) return 'location';
  return 'other';
}

/** `/["“«(]\s*$/` on the gap before `t`: the last character that is not a space opens a quote or a parenthesis. */
function opensAfterQuoteOrParen(text: string, t: Tok): boolean {
  let k = t.start - 1;
  while (k >= t.gapStart && isRegExpSpace(text.charCodeAt(k))) k--;
  if (k < t.gapStart) return false;
  const c = text.charCodeAt(k);
  return c === 0x22 || c === 0x201c || c === 0xab || c === 0x28;
}

/** `/^[A-Z]{2,6}$/` on one word. */
function isShortCapsWord(w: string): boolean {
  if (w.length < 2 || w.length > 6) return false;
  for (let k = 0; k < w.length; k++) if (!isAsciiUpper(w.charCodeAt(k))) return false;
  return true;
}

/** `/^[A-Z]{2,6}$/` on the words of toks[from, to) written together. */
function isCapsAcronym(toks: Tok[], from: number, to: number): boolean {
  let length = 0;
  for (let k = from; k < to; k++) {
    const w = (toks[k] as Tok).text;
    length += w.length;
    if (length > 6) return false;
    for (let m = 0; m < w.length; m++) if (!isAsciiUpper(w.charCodeAt(m))) return false;
  }
  return length >= 2;
}

/** A word of toks[from, to) (as written) is in the English list `bit` names. */
function someWordIn(toks: Tok[], from: number, to: number, bit: number, g: Gazetteer): boolean {
  for (let k = from; k < to; k++) if ((enBits(toks[k] as Tok, g) & bit) !== 0) return true;
  return false;
}

/** Bits of the English word lists, matched as written (see `enBits`). */
const EN_MONTH = 1;
const EN_STOPWORD = 2;
const EN_DEMONYM = 4;
const EN_TITLE = 8;
const EN_CONNECTOR = 16;
const EN_ORG_WORD = 32;
const EN_EVENT_WORD = 64;
const EN_GIVEN_NAME = 128;
const EN_SPEECH = 256;

let enWords: Map<string, number> | undefined;
let enWordsFor: Gazetteer | undefined;

/**
 * The English lists holding the token's text (months, stop words, demonyms, titles with or without
 * their dot, connectors, organisation and event words, given names, verbs of saying): one lookup per
 * token, kept on it, instead of one per list asked. The table is built once per gazetteer.
 */
function enBits(t: Tok, g: Gazetteer): number {
  if (t.en >= 0) return t.en;
  if (!enWords || enWordsFor !== g) {
    const table = new Map<string, number>();
    const mark = (words: Iterable<string>, bit: number) => {
      for (const w of words) table.set(w, (table.get(w) ?? 0) | bit);
    };
    mark(MONTHS_EN, EN_MONTH);
    mark(EN_STOP, EN_STOPWORD);
    mark(g.enDemonyms.keys(), EN_DEMONYM);
    mark(EN_PERSON_TITLES, EN_TITLE);
    for (const title of EN_PERSON_TITLES) if (title.endsWith('.')) mark([title.slice(0, -1)], EN_TITLE);
    mark(EN_CONNECTORS, EN_CONNECTOR);
    mark(EN_ORG_WORDS, EN_ORG_WORD);
    mark(EN_EVENT_WORDS, EN_EVENT_WORD);
    mark(EN_GIVEN, EN_GIVEN_NAME);
    mark(EN_SPEECH_VERBS, EN_SPEECH);
    enWords = table;
    enWordsFor = g;
  }
  t.en = enWords.get(t.text) ?? 0;
  return t.en;
}

/** First letters of EN_ORG_INTRODUCERS (lower case). */
let introducerInitials: Set<number> | undefined;

/** `EN_ORG_INTRODUCERS.has(word.toLowerCase())`, without lower-casing words whose first letter rules them out. */
function introducesOrg(word: string): boolean {
  const c = word.charCodeAt(0);
  // An ASCII first letter lower-cases to one letter (A-Z to a-z): it must open one of the words.
  if (c < 0x80) {
    if (!introducerInitials) {
      introducerInitials = new Set();
      for (const w of EN_ORG_INTRODUCERS) introducerInitials.add(w.charCodeAt(0));
    }
    if (!introducerInitials.has(isAsciiUpper(c) ? c + 0x20 : c)) return false;
  }
  return EN_ORG_INTRODUCERS.has(word.toLowerCase());
}

/**
 * Whether ORG_APPOSITIVE can match at the comma at `end`: after the comma's spaces comes a, an or
 * the, so an A or a T in either case (under /iu no other character folds to them).
 */
function mayOpenAppositive(text: string, end: number): boolean {
  let k = end + 1;
  if (k >= text.length || !isRegExpSpace(text.charCodeAt(k))) return false;
  while (k < text.length && isRegExpSpace(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k) | 0x20;
  return c === 0x61 || c === 0x74;
}

/** `keys.join(' ') === norms of toks[from, to) joined by spaces`, compared in place. */
function joinedEquals(keys: string[], toks: Tok[], from: number, to: number): boolean {
  let length = Math.max(0, keys.length - 1);
  for (const k of keys) length += k.length;
  let other = Math.max(0, to - from - 1);
  for (let k = from; k < to; k++) other += (toks[k] as Tok).norm.length;
  if (length !== other) return false;
  // Equal lengths: walk both joined strings together, a space between parts.
  const left = { parts: keys.length, at: 0, char: 0 };
  const right = { parts: to - from, at: 0, char: 0 };
  for (let n = 0; n < length; n++) {
    if (
      nextJoinedChar(left, keys[left.at] as string) !==
      nextJoinedChar(right, (toks[from + right.at] as Tok).norm)
    )
      return false;
  }
  return true;
}

/** The next character of parts written with a space between them (`part` is the current one). */
function nextJoinedChar(cursor: { parts: number; at: number; char: number }, part: string): number {
  if (cursor.char < part.length) return part.charCodeAt(cursor.char++);
  cursor.at++;
  cursor.char = 0;
  return 0x20;
}

function attachEnDemonym(toks: Tok[], i: number, c: Candidate, g: Gazetteer) {
  const prev = toks[i - 1];
  const dem = prev ? g.enDemonyms.get(prev.text) : undefined;
  if (dem) c.related = dem;
}

/** Common English given names, for typing capitalised pairs as people. */
const EN_GIVEN = new Set(
  `John James Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark
  Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary
  Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Frank Gregory Raymond Alexander Patrick
  Jack Dennis Jerry Tyler Aaron Jose Henry Adam Douglas Nathan Peter Zachary Kyle Walter Harold Jeremy Ethan Carl
  Keith Roger Gerald Christian Terry Sean Arthur Austin Noah Lawrence Jesse Joe Bryan Billy Jordan Albert Dylan
  Bruce Willie Gabriel Alan Juan Logan Wayne Ralph Roy Eugene Randy Vincent Russell Louis Philip Bobby Johnny
  Bradley Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra
  Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
  Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel
  Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren
  Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice
  Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia Marie
  Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Boris Vladimir Angela Emmanuel Nicolas Francois
  Jacques Olaf Xi Narendra Recep Mohammed Muhammad Ahmed Ali Hassan Omar Khalid Abdullah Ibrahim Yusuf Fatima
  Natalia Tony Gordon Theresa Rishi Keir Justin Joe Kamala Hillary Barack Bill Nancy Mike Chuck Ron Ted Rand`
    .split(/\s+/)
    .filter(Boolean),
);

/** Keeps the strongest non-overlapping candidates: longer first, then earlier. */
function resolveOverlaps(found: Candidate[]): Candidate[] {
  if (found.length < 2 || inOrderApart(found)) return found;
  // Claimed characters over the candidates' extent: an overlap test costs the candidate's length,
  // not a pass over everything kept (a sentence of hundreds of quoted names stays linear).
  let lo = Infinity;
  let hi = 0;
  for (const c of found) {
    lo = Math.min(lo, c.start);
    hi = Math.max(hi, c.end);
  }
  // `found` is the caller's scratch list: sorted in place (the sort is stable, as on a copy).
  const sorted = found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const length = Math.max(0, hi - lo);
  const claimed = claimedBuffer(length);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (isClaimed(claimed, length, c.start - lo, c.end - lo)) continue;
    claimed.fill(1, c.start - lo, c.end - lo);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Candidates in strictly increasing start order, each ending before the next starts (the usual
 * sentence): all are kept, and sorting the kept by start gives them back in this order.
 */
function inOrderApart(found: Candidate[]): boolean {
  for (let k = 1; k < found.length; k++) {
    const a = found[k - 1] as Candidate;
    const b = found[k] as Candidate;
    if (a.start >= b.start || a.end > b.start) return false;
  }
  return true;
}

/** Claim flags reused by every sentence up to this extent; a longer sentence gets its own. */
const CLAIMED_REUSED_MAX = 64 * 1024;
let claimedChars = new Uint8Array(1024);

/**
 * A claim buffer with its first `length` flags cleared: one reused buffer (a typed array per sentence
 * costs more than the work), which never grows past CLAIMED_REUSED_MAX, so one huge sentence does not
 * pin its size for the life of the process.
 */
function claimedBuffer(length: number): Uint8Array {
  if (length > CLAIMED_REUSED_MAX) return new Uint8Array(length);
  if (claimedChars.length < length)
    claimedChars = new Uint8Array(Math.min(CLAIMED_REUSED_MAX, Math.max(length, 2 * claimedChars.length)));
  claimedChars.fill(0, 0, length);
  return claimedChars;
}

/** True when a character of `[from, to)` (within the first `length`) is marked (a loop: a subarray view per test costs more). */
function isClaimed(claimed: Uint8Array, length: number, from: number, to: number): boolean {
  for (let k = Math.max(0, from); k < to && k < length; k++) if (claimed[k] === 1) return true;
  return false;
}

/** Counts `propagate` passes, so a word's "not a known name" mark belongs to one pass. */
let propagations = 0;

/** Finds further mentions of names already found (bare surnames, names without their trigger). */
function propagate(text: string, perSentence: Tok[][], candidates: Candidate[], g: Gazetteer) {
  const known = new Map<string, KnownForm[]>();
  const addForm = (keys: string[], c: Candidate, definite: boolean) => {
    const first = keys[0];
    if (!first || first.length < 2) return;
    const rest = keys.length === 1 ? NO_WORDS : keys.slice(1);
    let list = known.get(first);
    if (!list) {
      list = [];
      known.set(first, list);
    }
    for (const x of list) if (x.definite === definite && sameWords(x.rest, rest)) return;
    // Longest rest first, stable: the new form goes after the forms at least as long.
    const form: KnownForm = { rest, c, definite };
    let k = list.length;
    list.push(form);
    for (; k > 0 && (list[k - 1] as KnownForm).rest.length < rest.length; k--)
      list[k] = list[k - 1] as KnownForm;
    list[k] = form;
  };
  // A surface already added (as a person's or not) adds nothing again: its forms are in the lists.
  const seenPerson = new Set<string>();
  const seenOther = new Set<string>();
  for (const c of candidates) {
    if (isGazetteerKey(c.key)) continue;
    const surface = surfaceOf(text, c);
    const seen = c.type === 'person' ? seenPerson : seenOther;
    if (seen.has(surface)) continue;
    seen.add(surface);
    const keys = wordsOfKey(keyOf(surface));
    // Normalising keeps every space but U+FEFF (dropped) and makes none: without that character the
    // first (last) word of the normalised surface is the normalised first (last) word.
    const normSurface = surface.includes('\uFEFF') ? normalizeForMatch(surface) : undefined;
    const firstTok =
      normSurface === undefined ? normalizeForMatch(firstWordOf(surface)) : firstWordOf(normSurface);
    // "الملك" must not match a name "ملك": the article is part of how a name is written (an Arabic
    // start: "ال" is Arabic).
    addForm(keys, c, firstTok.startsWith('ال'));
    if (c.type === 'person' && keys.length >= 2) {
      const last = keys.at(-1) ?? '';
      if (last.length >= 3) {
        const lastTok =
          normSurface === undefined ? normalizeForMatch(lastWordOf(surface)) : lastWordOf(normSurface);
        if (!lastTok.startsWith('ال') && !g.givenNames.has(last) && !g.stopWords.has(last))
          addForm([last], c, false);
      }
    }
  }
  if (!known.size) return;
  const pass = ++propagations;
  // The candidates themselves when in start order (the usual case): the loop only reads them, so they
  // can stand in for a sorted copy of their spans.
  const covered: ReadonlyArray<{ start: number; end: number }> = inStartOrder(candidates)
    ? candidates
    : candidates.map((c) => ({ start: c.start, end: c.end })).sort((a, b) => a.start - b.start);
  const added: Candidate[] = [];
  // Tokens come in text order and the covered spans are sorted and disjoint: a cursor over them
  // answers "does this token overlap one" as the binary search would, in constant time.
  let cur = 0;
  for (const toks of perSentence) {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      while (cur < covered.length && (covered[cur] as { end: number }).end <= t.start) cur++;
      if (cur < covered.length && (covered[cur] as { start: number }).start < t.end) continue;
      if (t.latin && !t.cap) continue;
      const w = wordOf(t);
      // A word form recurs: once none of its readings starts a known name, its other tokens skip the lookups.
      if (w.unknownIn === pass) continue;
      let hit: Candidate | undefined;
      let listed = false;
      for (const { prefix: n, base, arabic: arabicReading, definite } of w.readings) {
        const list = known.get(base);
        if (!list) continue;
        listed = true;
        for (const { rest, c, definite: wantsArticle } of list) {
          if (arabicReading && definite !== wantsArticle) continue;
          if (followsWith(toks, i + 1, rest)) {
            const to = i + 1 + rest.length;
            const last = toks[to - 1] as Tok;
            if (toks.slice(i, to).some((x) => overlapsAny(covered, x.start, x.end))) continue;
            hit = newCandidate(rawOffset(t, n), last.end, i, to, c.type, c.key, c.canonical, undefined);
            hit.related = c.related;
            break;
          }
        }
        if (hit) break;
      }
      if (!listed) w.unknownIn = pass;
      if (hit) {
        added.push(hit);
        i = hit.to - 1;
      }
    }
  }
  candidates.push(...added);
}

/** A key of a gazetteer entry (`loc:`, `organization:` or `event:`): its first letter rules out most others. */
function isGazetteerKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c === 0x6c) return key.startsWith('loc:');
  if (c === 0x6f) return key.startsWith('organization:');
  return c === 0x65 && key.startsWith('event:');
}

/** Starts never decrease along the list. */
function inStartOrder(list: ReadonlyArray<{ start: number }>): boolean {
  for (let k = 1; k < list.length; k++)
    if ((list[k - 1] as { start: number }).start > (list[k] as { start: number }).start) return false;
  return true;
}

/** A name form `propagate` looks for: the words after the first, and the candidate it repeats. */
interface KnownForm {
  rest: string[];
  c: Candidate;
  definite: boolean;
}

/** Shared empty word list (never written to). */
const NO_WORDS: string[] = [];

/** Element-wise equality of two word lists (words hold no spaces, so it is equality of their joins). */
function sameWords(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** `key.split(' ').filter(Boolean)`. */
function wordsOfKey(key: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let k = key.indexOf(' '); k >= 0; k = key.indexOf(' ', from)) {
    if (k > from) out.push(key.slice(from, k));
    from = k + 1;
  }
  if (from < key.length) out.push(from === 0 ? key : key.slice(from));
  return out;
}

/** `s.split(/\s+/)[0]`: the text before the first space ('' when it opens with one). */
function firstWordOf(s: string): string {
  let k = 0;
  while (k < s.length && !isRegExpSpace(s.charCodeAt(k))) k++;
  return k === s.length ? s : s.slice(0, k);
}

/** `s.split(/\s+/).at(-1)`: the text after the last space ('' when it closes with one). */
function lastWordOf(s: string): string {
  let k = s.length - 1;
  while (k >= 0 && !isRegExpSpace(s.charCodeAt(k))) k--;
  return k < 0 ? s : s.slice(k + 1);
}

/** Tokens from `from` on join their predecessors and have the article-free forms `keys`. */
function followsWith(toks: Tok[], from: number, keys: string[]): boolean {
  for (let m = 0; m < keys.length; m++) {
    const t = toks[from + m];
    if (!t?.join || !baseIs(t.norm, keys[m] as string)) return false;
  }
  return true;
}

interface Group {
  key: string;
  type: EntityType;
  canonical?: string;
  related?: string;
  mentions: Array<{ start: number; end: number; text: string }>;
  forms: Map<string, number>;
  /** Paired with an Arabic transliteration (the Latin form then names the entity). */
  paired?: boolean;
}

function buildEntities(text: string, candidates: Candidate[]): Entity[] {
  const groups = new Map<string, Group>();
  for (const c of sortByStart(candidates)) {
    const surface = surfaceOf(text, c);
    if (!c.canonical) {
      const entry = findEntryByKey(c.key);
      if (entry && (entry.type === c.type || c.type === 'organization')) {
        c.key = entry.id;
        c.type = entry.type;
        c.canonical = entry.canonical;
      }
    }
    let grp = groups.get(c.key);
    if (!grp) {
      grp = { key: c.key, type: c.type, mentions: [], forms: new Map() };
      if (c.canonical) grp.canonical = c.canonical;
      groups.set(c.key, grp);
    }
    if (c.related && !grp.related) grp.related = c.related;
    grp.mentions.push({ start: c.start, end: c.end, text: surface });
    const seen = grp.forms.get(surface);
    grp.forms.set(surface, seen === undefined ? 1 : seen + 1);
  }
  mergeFragments(groups);
  mergeTransliterations(groups);
  mergeAcronyms(groups);
  const out: Entity[] = [];
  for (const grp of groups.values()) {
    let display: string;
    const aliases: string[] = [];
    if (grp.forms.size === 1) {
      // One form (most names): it is the display form, and only an acronym can be an alias.
      display = grp.forms.keys().next().value as string;
      const acronym = acronymOf(display);
      if (acronym && normalizeForMatch(display) !== acronym.toLowerCase()) aliases.push(acronym);
    } else {
      const forms = [...grp.forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
      display = pickDisplay(
        grp,
        forms.map(([f]) => f),
      );
      const seen = new Set([normalizeForMatch(display)]);
      for (const [f] of forms) {
        const n = normalizeForMatch(f);
        if (seen.has(n)) continue;
        seen.add(n);
        aliases.push(f);
      }
      const acronym = acronymOf(display);
      if (acronym && !seen.has(acronym.toLowerCase())) aliases.push(acronym);
    }
    const mentions = sortByStart(grp.mentions);
    const e: Entity = {
      text: display,
      normalized: bareKey(grp.key),
      type: grp.type,
      count: mentions.length,
      mentions,
      aliases,
    };
    if (grp.related && grp.related !== display) e.relatedLocation = grp.related;
    out.push(e);
  }
  return out
    .sort((a, b) => b.count - a.count || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
    .slice(0, MAX_ENTITIES);
}

/**
 * `list.sort((a, b) => a.start - b.start)`, skipped when the list is already in that order (most are:
 * candidates come sentence by sentence, a group's mentions in text order unless merged): the sort is
 * stable, so an ordered list is its own result.
 */
function sortByStart<T extends { start: number }>(list: T[]): T[] {
  for (let k = 1; k < list.length; k++) {
    if ((list[k - 1] as T).start > (list[k] as T).start) return list.sort((a, b) => a.start - b.start);
  }
  return list;
}

/** A group key without its type prefix (`loc:`, `organization:`, `event:`); person and other keys have none. */
function bareKey(key: string): string {
  if (key.startsWith('loc:')) return key.slice(4);
  if (key.startsWith('organization:')) return key.slice(13);
  if (key.startsWith('event:')) return key.slice(6);
  return key;
}

/** The display form: a Latin spelling when paired with a transliteration, else the most frequent full form. */
function pickDisplay(grp: Group, forms: string[]): string {
  const latin = forms.find((f) => !hasArabic(f) && ANY_LETTER.test(f) && f.includes(' '));
  if (latin && grp.paired) return latin;
  const definite = forms.find((f) => /^ال/.test(f));
  if (grp.type === 'location' && definite) return definite;
  return forms[0] ?? grp.canonical ?? grp.key;
}

/** "Direction des Services de la Navigation Aérienne" -> "DSNA" (capitalised words of three or more). */
function acronymOf(name: string): string | undefined {
  // Most names have fewer than three such words: counted in place, they need no split.
  if (!hasThreeCapitalisedWords(name) || hasArabic(name)) return undefined;
  const caps = name.split(/\s+/).filter((w) => UPPER_FIRST.test(w) && w.length > 1);
  if (caps.length < 3 || caps.some((w) => /\d/.test(w))) return undefined;
  return caps
    .map((w) => (w[0] ?? '').normalize('NFD')[0] ?? '')
    .join('')
    .toUpperCase();
}

/** At least three words (split at spaces) of two or more units open with an upper-case letter (`UPPER_FIRST`). */
function hasThreeCapitalisedWords(name: string): boolean {
  let found = 0;
  let from = 0;
  for (let k = 0; k <= name.length; k++) {
    if (k < name.length && !isRegExpSpace(name.charCodeAt(k))) continue;
    if (k - from > 1) {
      const c = name.charCodeAt(from);
      if (c < 0x80 ? isAsciiUpper(c) : UPPER_FIRST.test(name.slice(from, k))) found++;
      if (found === 3) return true;
    }
    from = k + 1;
  }
  return false;
}

/** Folds "DSNA" into "Direction des Services de la Navigation Aérienne" when the article uses both. */
function mergeAcronyms(groups: Map<string, Group>) {
  const byAcronym = new Map<string, Group>();
  for (const grp of groups.values()) {
    let form: string | undefined;
    for (const f of grp.forms.keys()) {
      if (hasArabic(f)) continue;
      form = f;
      break;
    }
    const acronym = form ? acronymOf(form) : undefined;
    if (acronym) byAcronym.set(acronym.toLowerCase(), grp);
  }
  if (!byAcronym.size) return;
  for (const grp of [...groups.values()]) {
    const into = byAcronym.get(grp.key.replace(/^\w+:/, ''));
    if (!into || into === grp) continue;
    into.mentions.push(...grp.mentions);
    for (const [f, n] of grp.forms) into.forms.set(f, (into.forms.get(f) ?? 0) + n);
    groups.delete(grp.key);
  }
}

/** Words of a key, as `key.split(' ').length` counts them. */
function keyWordCount(key: string): number {
  let n = 1;
  for (let k = key.indexOf(' '); k >= 0; k = key.indexOf(' ', k + 1)) n++;
  return n;
}

/** A key without a leading `word:` (what `key.replace(/^\w+:/, '')` gives; most keys have no colon). */
function untypedKey(key: string): string {
  return key.includes(':') ? key.replace(/^\w+:/, '') : key;
}

/** Folds an entity whose key is a contiguous part of a longer same-type entity's key into it. */
function mergeFragments(groups: Map<string, Group>) {
  // Type -> contiguous part of a longer key -> that key. Only non-location groups look parts up, and
  // a part is found under its own type: a place's parts would go unread, so none are made.
  const parts = new Map<EntityType, Map<string, string>>();
  const named: Array<{ grp: Group; words: number; bare: string }> = [];
  let longest = 0;
  for (const grp of groups.values()) {
    if (grp.type === 'location') continue;
    const words = keyWordCount(grp.key);
    if (words > longest) longest = words;
    named.push({ grp, words, bare: untypedKey(grp.key) });
  }
  // Parts come from keys of two words or more (the type prefix holds no space), and a part folds one
  // group into another: without either there is nothing to fold.
  if (longest < 2 || named.length < 2) return;
  // Only a part as long as some name of its type can be looked up: the others are never made.
  const lengths = new Map<EntityType, Set<number>>();
  for (const { grp, bare } of named) {
    let set = lengths.get(grp.type);
    if (!set) {
      set = new Set();
      lengths.set(grp.type, set);
    }
    set.add(bare.length);
  }
  // Longest keys first (stable: equal counts keep the groups' order), so a part points to the longest name.
  const ordered = [...named].sort((a, b) => b.words - a.words);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { grp, bare } of ordered) {
    // Words as `bare.split(' ')` gives them, by offsets: word k is bare[starts[k], ends[k]).
    starts.length = 0;
    ends.length = 0;
    let from = 0;
    for (let k = bare.indexOf(' '); k >= 0 && starts.length <= 8; k = bare.indexOf(' ', from)) {
      starts.push(from);
      ends.push(k);
      from = k + 1;
    }
    starts.push(from);
    ends.push(bare.length);
    const words = starts.length;
    if (words < 2 || words > 8) continue;
    let ofType = parts.get(grp.type);
    if (!ofType) {
      ofType = new Map();
      parts.set(grp.type, ofType);
    }
    const wanted = lengths.get(grp.type);
    for (let a = 0; a < words; a++) {
      for (let b = a + 1; b <= words; b++) {
        if (b - a === words) continue;
        // Words a..b-1 joined by spaces are the text from the first's start to the last's end.
        const start = starts[a] as number;
        const end = ends[b - 1] as number;
        if (!wanted?.has(end - start)) continue;
        const sub = bare.slice(start, end);
        if (!ofType.has(sub)) ofType.set(sub, grp.key);
      }
    }
  }
  for (const { grp, bare } of named) {
    const target = parts.get(grp.type)?.get(bare);
    const into = target ? groups.get(target) : undefined;
    if (!into || into === grp) continue;
    into.mentions.push(...grp.mentions);
    for (const [f, n] of grp.forms) into.forms.set(f, (into.forms.get(f) ?? 0) + n);
    if (!into.related && grp.related) into.related = grp.related;
    groups.delete(grp.key);
  }
}

const AR_TO_LATIN: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ڤ: 'v',
  پ: 'p',
  چ: 'j',
  گ: 'g',
};

/** Skeletons of the article being read: names recur in every pairing tried. */
let skeletons = new Map<string, string>();

function skeleton(word: string): string {
  let s = skeletons.get(word);
  if (s === undefined) {
    s = makeSkeleton(word);
    skeletons.set(word, s);
  }
  return s;
}

/** Consonant skeleton for comparing a Latin word with its Arabic transliteration. */
function makeSkeleton(word: string): string {
  const n = normalizeForMatch(word);
  if (hasArabic(n)) {
    const table = arabicLatinTable();
    let out = '';
    // Code units, not code points: every letter of the table is in U+0600-U+06FF, so a surrogate maps to nothing either way.
    for (let k = 0; k < n.length; k++) {
      const c = n.charCodeAt(k);
      if (c >= 0x600 && c <= 0x6ff) out += table[c - 0x600] as string;
    }
    return out;
  }
  return latinSkeleton(n);
}

/** AR_TO_LATIN by code unit over U+0600-U+06FF ('' where it has no letter). */
let arabicLatin: string[] | undefined;

function arabicLatinTable(): string[] {
  if (arabicLatin) return arabicLatin;
  const table = new Array<string>(0x100).fill('');
  for (const [ch, latin] of Object.entries(AR_TO_LATIN)) table[ch.charCodeAt(0) - 0x600] = latin;
  arabicLatin = table;
  return table;
}

const CH_A = 0x61;
const CH_B = 0x62;
const CH_C = 0x63;
const CH_E = 0x65;
const CH_F = 0x66;
const CH_G = 0x67;
const CH_H = 0x68;
const CH_I = 0x69;
const CH_J = 0x6a;
const CH_K = 0x6b;
const CH_O = 0x6f;
const CH_P = 0x70;
const CH_Q = 0x71;
const CH_S = 0x73;
const CH_U = 0x75;
const CH_V = 0x76;
const CH_W = 0x77;
const CH_X = 0x78;
const CH_Y = 0x79;
const CH_Z = 0x7a;

const isFrontVowel = (c: number) => c === CH_E || c === CH_I || c === CH_Y;

/**
 * The Latin skeleton, pass for pass what this chain gives (each step reads the previous one's output):
 * NFD; drop [^a-z]; ph->f; ck|c(?=[aou])|q|c$ -> k; c(?=[eiy]) -> s; x->ks; w dropped; v->f; p->b;
 * g(?=[eiy]) -> j; vowels [aeiouy] dropped; runs of one letter collapsed. Loops over char codes
 * instead of eleven regular-expression passes.
 */
function latinSkeleton(n: string): string {
  let ascii = true;
  for (let k = 0; k < n.length; k++) {
    if (n.charCodeAt(k) >= 0x80) {
      ascii = false;
      break;
    }
  }
  // NFD leaves ASCII as it is.
  const src = ascii ? n : n.normalize('NFD');
  // Each step reads one buffer and writes the other (x -> ks at most doubles the letters).
  if (skeletonA.length < 2 * src.length + 2) {
    skeletonA = new Int32Array(2 * src.length + 2);
    skeletonB = new Int32Array(2 * src.length + 2);
  }
  let s = skeletonA;
  let t = skeletonB;
  let swap: Int32Array = s;
  let len = 0;
  for (let k = 0; k < src.length; k++) {
    const c = src.charCodeAt(k);
    if (c >= CH_A && c <= CH_Z) s[len++] = c;
  }
  // ph -> f
  let m = 0;
  for (let k = 0; k < len; k++) {
    if (s[k] === CH_P && at(s, k + 1, len) === CH_H) {
      t[m++] = CH_F;
      k++;
    } else t[m++] = s[k] as number;
  }
  len = m;
  m = 0;
  swap = s;
  s = t;
  t = swap;
  // ck | c before a, o, u | q | a final c -> k (alternatives tried in that order at each position)
  for (let k = 0; k < len; k++) {
    const c = s[k] as number;
    const next = at(s, k + 1, len);
    if (c === CH_C && next === CH_K) {
      t[m++] = CH_K;
      k++;
    } else if (c === CH_C && (next === CH_A || next === CH_O || next === CH_U)) t[m++] = CH_K;
    else if (c === CH_Q) t[m++] = CH_K;
    else if (c === CH_C && k === len - 1) t[m++] = CH_K;
    else t[m++] = c;
  }
  len = m;
  m = 0;
  swap = s;
  s = t;
  t = swap;
  // c before e, i, y -> s
  for (let k = 0; k < len; k++)
    t[m++] = s[k] === CH_C && isFrontVowel(at(s, k + 1, len)) ? CH_S : (s[k] as number);
  len = m;
  m = 0;
  swap = s;
  s = t;
  t = swap;
  // x -> ks, w dropped, v -> f, p -> b (none of them makes a letter another of them changes)
  for (let k = 0; k < len; k++) {
    const c = s[k] as number;
    if (c === CH_X) {
      t[m++] = CH_K;
      t[m++] = CH_S;
    } else if (c === CH_V) t[m++] = CH_F;
    else if (c === CH_P) t[m++] = CH_B;
    else if (c !== CH_W) t[m++] = c;
  }
  len = m;
  s = t;
  // g before e, i, y -> j (read before the vowels go), vowels dropped, runs collapsed
  let out = '';
  let last = -1;
  for (let k = 0; k < len; k++) {
    let c = s[k] as number;
    if (c === CH_G && isFrontVowel(at(s, k + 1, len))) c = CH_J;
    if (c === CH_A || c === CH_E || c === CH_I || c === CH_O || c === CH_U || c === CH_Y) continue;
    if (c === last) continue;
    out += String.fromCharCode(c);
    last = c;
  }
  return out;
}

/** Letter k of the first n in the buffer, or -1 past them (no letter, as reading past a list's end gave). */
function at(b: Int32Array, k: number, n: number): number {
  return k < n ? (b[k] as number) : -1;
}

/** `latinSkeleton`'s two letter buffers, reused by every word (grown for a longer one). */
let skeletonA: Int32Array = new Int32Array(64);
let skeletonB: Int32Array = new Int32Array(64);

/** Pairs an Arabic-script name with a Latin one whose words it transliterates, in order. */
function mergeTransliterations(groups: Map<string, Group>) {
  // A group has a form, so "some form is not Arabic" and "every form is Arabic" split the groups in two.
  const latin: Group[] = [];
  const arabic: Group[] = [];
  for (const grp of groups.values()) {
    if (grp.type === 'location') continue;
    let allArabic = true;
    for (const f of grp.forms.keys()) {
      if (hasArabic(f)) continue;
      allArabic = false;
      break;
    }
    (allArabic ? arabic : latin).push(grp);
  }
  if (latin.length * arabic.length > 10_000 || !latin.length || !arabic.length) return;
  // Skeletons of the Latin names, made once: merging only appends forms, so each group's first form stays.
  const latinWords = new Map<Group, string[]>();
  const wordsOf = (la: Group) => {
    let words = latinWords.get(la);
    if (!words) {
      const form = (la.forms.keys().next().value as string | undefined) ?? '';
      // `form.split(/\s+/).map(skeleton)` without the empty skeletons, by offsets.
      words = [];
      let from = 0;
      for (let k = 0; k <= form.length; k++) {
        if (k < form.length && !isRegExpSpace(form.charCodeAt(k))) continue;
        if (k > from) {
          const sk = skeleton(from === 0 && k === form.length ? form : form.slice(from, k));
          if (sk.length > 0) words.push(sk);
        }
        from = k + 1;
      }
      latinWords.set(la, words);
    }
    return words;
  };
  for (const ar of arabic) {
    const arWords: string[] = [];
    let letters = 0;
    // The key's words (`key.split(' ')`), by offsets.
    const key = ar.key;
    for (let from = 0, space = key.indexOf(' '); ; from = space + 1, space = key.indexOf(' ', from)) {
      const end = space < 0 ? key.length : space;
      const sk = skeleton(from === 0 && end === key.length ? key : key.slice(from, end));
      if (sk) {
        arWords.push(sk);
        letters += sk.length;
      }
      if (space < 0) break;
    }
    if (!arWords.length || letters < 4) continue;
    for (const la of latin) {
      if (!groups.has(la.key) || !groups.has(ar.key)) continue;
      if (!matchesInOrder(arWords, wordsOf(la))) continue;
      la.mentions.push(...ar.mentions);
      for (const [f, n] of ar.forms) la.forms.set(f, (la.forms.get(f) ?? 0) + n);
      if (!la.related && ar.related) la.related = ar.related;
      la.paired = true;
      groups.delete(ar.key);
      break;
    }
  }
}

function matchesInOrder(arWords: string[], laWords: string[]): boolean {
  let k = 0;
  for (const a of arWords) {
    let found = false;
    while (k < laWords.length) {
      const l = laWords[k++] ?? '';
      if (similar(a, l)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function similar(a: string, b: string): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (shorter.length < 2) return false;
  if (longer.startsWith(shorter) && shorter.length >= longer.length - 1) return true;
  let same = 0;
  for (let i = 0; i < shorter.length; i++) if (shorter.charCodeAt(i) === longer.charCodeAt(i)) same++;
  return same / longer.length >= 0.75;
}
