/** Key facts of an article: entities, dates, numbers, quotes, ranked facts and the who/what/when/where brief. */
import type { AnalysedText } from './analysis.ts';
import { extractDates } from './dates.ts';
import { extractEntities } from './entities.ts';
import { indexAt } from './fact-spans.ts';
import { extractNumbers } from './numbers.ts';
import { extractQuotes } from './quotes.ts';
import type { Brief, DateMention, Entity, KeyFact, NumberMention, Quote, TextSpan } from './schema.ts';
import { ScoreHeap } from './score-heap.ts';
import { ScratchPool } from './scratch.ts';
import { normalizeForMatch, type Sentence, type Token } from './segment.ts';
import {
  type ArticleTerms,
  FormShape,
  isLetterOrNumber,
  normIdOf,
  termsOfArticle,
  wordStepAt,
} from './terms.ts';

/** Everything the fact extractors add to a digest. */
export interface Facts {
  entities: Entity[];
  dates: DateMention[];
  numbers: NumberMention[];
  quotes: Quote[];
  keyFacts: KeyFact[];
  brief: Brief;
}

/** Ranked facts reported: at least three when the article has them, at most eight. */
const MIN_FACTS = 3;
const MAX_FACTS = 8;
/** Sentences considered for key facts: the facts of a news article are in its first screens. */
const MAX_FACT_SENTENCES = 400;
/** Two facts sharing this share of their words say the same thing. */
const DUPLICATE_OVERLAP = 0.6;
/** Longest brief span (characters): a brief is read at a glance. */
const MAX_BRIEF_CHARS = 160;

/** Scratch arrays by slot (see `ScratchPool`): ints, then floats. */
const scratch = new ScratchPool();
const ENTITY_COUNT = 0;
const DATE_COUNT = 1;
const NUMBER_COUNT = 2;
const HEAD = 3;
const TAIL = 4;
const LAST_TEXT = 5;
const CARRIES = 6;
const WORD_START = 7;
const WORD_END = 8;
const MARK = 9;
const WORDS = 10;
const ORDER = 11;
const AGAIN = 12;
const IS_PICKED = 13;
const SCORE = 0;
/** The stamp `SentenceWords` marks its current list with; past MAX_STAMP the marks start over. */
let markStamp = 0;
const MAX_STAMP = 0x3fffffff;

/**
 * Extracts the facts of an analysed article. `sentenceScores[i]` is the summariser's salience of
 * `doc.sentences[i]` (0..1, lead- and centrality-weighted).
 */
export function extractFacts(doc: AnalysedText, sentenceScores: number[]): Facts {
  const entities = extractEntities(doc);
  const dates = extractDates(doc, entities);
  const numbers = extractNumbers(doc, entities, dates);
  const quotes = extractQuotes(doc, entities);
  const keyFacts = rankFacts(doc, sentenceScores, entities, dates, numbers);
  const brief = buildBrief(doc, entities, dates);
  return { entities, dates, numbers, quotes, keyFacts, brief };
}

/**
 * What the first `n` sentences carry: per sentence, how many distinct entity texts, dates and numbers
 * it holds; the lists themselves are read back only for the sentences picked.
 */
interface SentenceItems {
  n: number;
  entityCount: Int32Array;
  dateCount: Int32Array;
  numberCount: Int32Array;
  /** The distinct entity texts of each sentence, as a list through `next` from `head[s]` (-1 ends it). */
  head: Int32Array;
  tail: Int32Array;
  /** Per (sentence, entity text) pair, in the order they were found: the text's number and the next pair. */
  pairText: number[];
  pairNext: number[];
  /** Entity texts by number. */
  texts: string[];
}

function itemsBySentence(
  doc: AnalysedText,
  entities: Entity[],
  dates: DateMention[],
  numbers: NumberMention[],
): SentenceItems {
  const n = Math.min(doc.sentences.length, MAX_FACT_SENTENCES);
  const items: SentenceItems = {
    n,
    entityCount: scratch.int32(ENTITY_COUNT, n).fill(0, 0, n),
    dateCount: scratch.int32(DATE_COUNT, n).fill(0, 0, n),
    numberCount: scratch.int32(NUMBER_COUNT, n).fill(0, 0, n),
    head: scratch.int32(HEAD, n).fill(-1, 0, n),
    tail: scratch.int32(TAIL, n).fill(-1, 0, n),
    pairText: [],
    pairNext: [],
    texts: [],
  };
  const { head, tail, pairText, pairNext } = items;
  // The text last added to each sentence: an entity's mentions come together, so most repeats stop here.
  const lastText = scratch.int32(LAST_TEXT, n).fill(-1, 0, n);
  const textIds = new Map<string, number>();
  for (const e of entities) {
    let id = textIds.get(e.text);
    if (id === undefined) {
      id = items.texts.length;
      textIds.set(e.text, id);
      items.texts.push(e.text);
    }
    for (const m of e.mentions) {
      const i = indexAt(doc.sentences, m.start);
      if (i < 0 || i >= n || lastText[i] === id) continue;
      lastText[i] = id;
      // Two entities may share a text: the sentence's list (a few texts) is searched before adding one.
      let seen = false;
      for (let k = head[i] as number; k >= 0; k = pairNext[k] as number)
        if (pairText[k] === id) {
          seen = true;
          break;
        }
      if (seen) continue;
      const k = pairText.length;
      pairText.push(id);
      pairNext.push(-1);
      if ((tail[i] as number) < 0) head[i] = k;
      else pairNext[tail[i] as number] = k;
      tail[i] = k;
      items.entityCount[i] = (items.entityCount[i] as number) + 1;
    }
  }
  for (const d of dates)
    if (inRange(d.sentence, n)) items.dateCount[d.sentence] = (items.dateCount[d.sentence] as number) + 1;
  for (const x of numbers)
    if (inRange(x.sentence, n)) items.numberCount[x.sentence] = (items.numberCount[x.sentence] as number) + 1;
  return items;
}

/** True for a sentence index among the first `n` (what indexing an array of `n` items accepts). */
function inRange(i: number | undefined, n: number): i is number {
  return i !== undefined && i >= 0 && i < n && Number.isInteger(i);
}

/**
 * The words (runs of letters and digits) longer than two UTF-16 units of a sentence's matching form:
 * what splitting on /[^\p{L}\p{N}]+/u gives, read in one pass that decides ASCII and Arabic letters
 * from their codes and asks the pattern only about other characters, once each (`isLetterOrNumber`).
 */
function wordSet(text: string): Set<string> {
  const n = normalizeForMatch(text);
  const out = new Set<string>();
  forEachWord(n, (from, to) => out.add(n.slice(from, to)));
  return out;
}

/** Calls `visit(from, to)` for each run of letters and digits longer than two UTF-16 units of `n`. */
function forEachWord(n: string, visit: (from: number, to: number) => void): void {
  let from = -1;
  for (let i = 0; i < n.length; ) {
    const step = wordStepAt(n, i);
    if (step > 0) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      if (i - from > 2) visit(from, i);
      from = -1;
    }
    i += Math.abs(step);
  }
  if (from >= 0 && n.length - from > 2) visit(from, n.length);
}

/** What a character between two tokens becomes in the matching form. */
enum Gap {
  /** Dropped by normalising (diacritics, tatweel, invisible marks). */
  DROPPED = 1,
  /** One character that is neither letter nor digit: words never run across it. */
  SEPARATOR = 2,
  /** Anything else (a letter or digit outside every token, a surrogate, a multi-unit form): read the whole sentence. */
  OTHER = 3,
}
/** `Gap` by UTF-16 unit (0 = not yet known). */
const gapKinds = new Uint8Array(0x10000);

function gapKindOf(c: number): Gap {
  let kind = gapKinds[c] as Gap | 0;
  if (kind === 0) {
    if (c >= 0xd800 && c <= 0xdfff) kind = Gap.OTHER;
    else {
      const form = normalizeForMatch(String.fromCharCode(c));
      if (form.length === 0) kind = Gap.DROPPED;
      else if (form.length === 1 && !isLetterOrNumber(form.charCodeAt(0))) kind = Gap.SEPARATOR;
      else kind = Gap.OTHER;
    }
    gapKinds[c] = kind;
  }
  return kind;
}

/**
 * The distinct words of sentences (what `wordSet` gives) as numbers, read from the tokens the summary
 * already made: a token's normalised form is its words whenever whatever lies between tokens is
 * dropped or separates words, which holds for nearly every sentence; the others are normalised whole.
 * Words are numbered as the article's forms (`normIdOf`), other words after them.
 */
class SentenceWords {
  private readonly terms: ArticleTerms;
  /** Per word number: the stamp of the last list that marked it (stamps go on rising from call to call). */
  private mark: Int32Array;
  private extra: Map<string, number> | undefined;
  /** The lists read so far, one after another (see `of`). */
  private words: Int32Array;
  /** Where the list being read ends. */
  private count = 0;

  constructor(private readonly doc: AnalysedText) {
    this.terms = termsOfArticle(doc.text, doc.sentences, doc.language);
    const size = this.terms.norms.length + 16;
    // A scratch array holds older stamps, all below the ones this call gives out.
    if (markStamp > MAX_STAMP) {
      markStamp = 0;
      this.mark = scratch.int32(MARK, size);
      this.mark.fill(0);
    } else this.mark = scratch.int32(MARK, size);
    this.words = scratch.int32(WORDS, 256);
  }

  /**
   * Reads the distinct words of sentence `s` into a list from the returned start to `end`, marked
   * (`countMarked`) until the next call.
   */
  of(s: number): number {
    const from = this.count;
    markStamp++;
    if (!this.fromTokens(s)) {
      markStamp++;
      this.count = from;
      const sentence = this.doc.sentences[s] as Sentence;
      for (const w of wordSet(sentence.text)) this.add(this.idOf(w));
    }
    return from;
  }

  /** Where the list `of` read last ends. */
  get end(): number {
    return this.count;
  }

  /** Marks the words of a list again (after other sentences were read). */
  remark(from: number, to: number): void {
    markStamp++;
    for (let k = from; k < to; k++) this.mark[this.words[k] as number] = markStamp;
  }

  /** Words of the list `[from, to)` that the list read or marked last also holds. */
  countMarked(from: number, to: number): number {
    let same = 0;
    for (let k = from; k < to; k++) if (this.mark[this.words[k] as number] === markStamp) same++;
    return same;
  }

  private add(id: number): void {
    if (id >= this.mark.length)
      this.mark = scratch.grow32(MARK, this.mark, Math.max(id + 1, this.mark.length * 2));
    if (this.mark[id] === markStamp) return;
    this.mark[id] = markStamp;
    if (this.count === this.words.length) this.words = scratch.grow32(WORDS, this.words, this.count * 2);
    this.words[this.count++] = id;
  }

  private idOf(word: string): number {
    const id = normIdOf(this.terms, word);
    if (id >= 0) return id;
    this.extra ??= new Map();
    let other = this.extra.get(word);
    if (other === undefined) {
      other = this.terms.norms.length + this.extra.size;
      this.extra.set(word, other);
    }
    return other;
  }

  /** Reads sentence `s`'s words from its tokens; false (words partly read) when the sentence must be normalised whole. */
  private fromTokens(s: number): boolean {
    const sentence = this.doc.sentences[s] as Sentence;
    if (sentence.text.length !== sentence.end - sentence.start) return false;
    const text = this.doc.text;
    const { tokens, first, normOf, norms, shapes } = this.terms;
    const own = tokens[s] as readonly Token[];
    const base = first[s] as number;
    let at = sentence.start;
    for (let k = 0; k <= own.length; k++) {
      const to = k < own.length ? (own[k] as Token).start : sentence.end;
      // Between two tokens, at least one separator; before the first and after the last, none needed.
      let separated = k === 0 || k === own.length;
      for (let i = at; i < to; i++) {
        const c = text.charCodeAt(i);
        const kind = c === 0x20 ? Gap.SEPARATOR : gapKindOf(c);
        if (kind === Gap.OTHER) return false;
        if (kind === Gap.SEPARATOR) separated = true;
      }
      if (!separated) return false;
      if (k === own.length) break;
      at = (own[k] as Token).end;
      const id = normOf[base + k] as number;
      const shape = shapes[id] as number;
      if (shape === FormShape.ONE_WORD) this.add(id);
      else if (shape === FormShape.WORD_RUNS) {
        const norm = norms[id] as string;
        forEachWord(norm, (from, to) => this.add(this.idOf(norm.slice(from, to))));
      } else if (shape === FormShape.CASE_CONTEXT) return false;
    }
    return true;
  }
}

/** 3-8 verbatim sentences ranked by salience and by the entities, dates and numbers they carry; the lead first. */
export function rankFacts(
  doc: AnalysedText,
  scores: number[],
  entities: Entity[],
  dates: DateMention[],
  numbers: NumberMention[],
): KeyFact[] {
  const items = itemsBySentence(doc, entities, dates, numbers);
  const n = items.n;
  if (n === 0) return [];
  let maxScore = 1e-9;
  for (let i = 0; i < n && i < scores.length; i++) {
    const x = scores[i] as number;
    if (Number.isFinite(x) && x > maxScore) maxScore = x;
  }
  const score = scratch.float64(SCORE, n);
  const carries = scratch.int32(CARRIES, n).fill(0, 0, n);
  let lead = -1;
  for (let i = 0; i < n; i++) {
    // A NaN or infinite rank score would make the stored score NaN/Infinity, which JSON and DynamoDB refuse.
    const raw = scores[i] ?? 0;
    const salience = Number.isFinite(raw) ? Math.max(0, raw) / maxScore : 0;
    const entityCount = items.entityCount[i] as number;
    const dateCount = items.dateCount[i] as number;
    const numberCount = items.numberCount[i] as number;
    const density =
      (0.25 * Math.min(entityCount, 4)) / 4 + 0.15 * (dateCount ? 1 : 0) + 0.1 * (numberCount ? 1 : 0);
    const value = 0.5 * salience + density + (i === 0 ? 0.1 : 0);
    score[i] = Math.round(value * 1000) / 1000;
    if (entityCount + dateCount + numberCount > 0) {
      carries[i] = 1;
      if (lead < 0) lead = i;
    }
  }
  const picked: number[] = [];
  const isPicked = scratch.int32(IS_PICKED, n).fill(0, 0, n);
  // Sentences turned down as near-duplicates come back in the second pass: their words are kept.
  const wordStart = scratch.int32(WORD_START, n).fill(-1, 0, n);
  const wordEnd = scratch.int32(WORD_END, n);
  const words = new SentenceWords(doc);
  const tryPick = (i: number) => {
    if (isPicked[i]) return;
    let from = wordStart[i] as number;
    let to: number;
    if (from < 0) {
      from = words.of(i);
      to = words.end;
      wordStart[i] = from;
      wordEnd[i] = to;
    } else {
      to = wordEnd[i] as number;
      words.remark(from, to);
    }
    const length = to - from;
    if (length > 0) {
      for (const o of picked) {
        const oFrom = wordStart[o] as number;
        const oLength = (wordEnd[o] as number) - oFrom;
        if (oLength === 0) continue;
        // Two facts sharing most of the shorter one's words say the same thing.
        if (words.countMarked(oFrom, oFrom + oLength) / Math.min(oLength, length) >= DUPLICATE_OVERLAP)
          return;
      }
    }
    isPicked[i] = 1;
    picked.push(i);
  };
  tryPick(Math.max(lead, 0));
  // Best score first, ties by position; the carrying sentences until MAX_FACTS, then any until MIN_FACTS.
  const order = new ScoreHeap(score, n, scratch.int32(ORDER, n));
  while (picked.length < MAX_FACTS && order.size > 0) {
    const i = order.pop();
    if (carries[i]) tryPick(i);
  }
  if (picked.length < MIN_FACTS) {
    const again = new ScoreHeap(score, n, scratch.int32(AGAIN, n));
    while (picked.length < MIN_FACTS && again.size > 0) tryPick(again.pop());
  }
  return picked.map((i) => {
    const s = doc.sentences[i] as Sentence;
    const texts: string[] = [];
    for (let k = items.head[i] as number; k >= 0; k = items.pairNext[k] as number)
      texts.push(items.texts[items.pairText[k] as number] as string);
    return {
      text: s.text,
      start: s.start,
      end: s.end,
      score: score[i] as number,
      entities: texts,
      dates: (items.dateCount[i] as number) > 0 ? textsIn(dates, i) : [],
      numbers: (items.numberCount[i] as number) > 0 ? textsIn(numbers, i) : [],
    };
  });
}

/** The texts of the mentions in sentence `i`, in list order. */
function textsIn(
  mentions: ReadonlyArray<{ text: string; sentence?: number | undefined }>,
  i: number,
): string[] {
  const out: string[] = [];
  for (const m of mentions) if (m.sentence === i) out.push(m.text);
  return out;
}

const REPORTING =
  /^(?:[وف]?(?:كشف|كشفت|ذكر|ذكرت|قال|قالت|أفاد|أفادت|أعلن|أعلنت|أكد|أكدت|نقل|نقلت|أوردت|أورد)\s.*?\s(?:عن|أن|إن|بأن)\s+)|^(?:.*?\b(?:reported|said|says|announced|revealed|told)\b(?:[^,.]{0,40}?\bthat\b)?\s*)/u;
const WHY =
  /(?:بهدف|من أجل|بخصوص|بسبب|لأن|نظرا ل|نظراً ل|بغية|because(?: of)?|due to|in order to|in a bid to|aimed at)\s+/iu;
const HOW = /(?:عن طريق|من خلال|بواسطة|باستخدام|by means of|through|using|via)\s+/iu;

function clauseFrom(text: string, base: number, from: number): TextSpan | undefined {
  const rest = text.slice(from);
  // A comma ends the clause only once it says something (Arabic leads put the date between commas).
  const hard = rest.search(/[؛;.:!?؟"«»“”()]/u);
  const soft = rest.slice(0, hard < 0 ? undefined : hard).search(/[،,](?<=^.{40,}[،,])/su);
  const stop = soft >= 0 ? soft : hard;
  let len = stop < 0 ? rest.length : stop;
  if (len > MAX_BRIEF_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_BRIEF_CHARS);
    len = cut > 20 ? cut : MAX_BRIEF_CHARS;
  }
  const span = rest.slice(0, len).trimEnd();
  if (span.length < 3) return undefined;
  return { text: span, start: base + from, end: base + from + span.length };
}

function mentionSpan(doc: AnalysedText, m: { start: number; end: number }): TextSpan {
  return { text: doc.text.slice(m.start, m.end), start: m.start, end: m.end };
}

/** An entity mention in the lead sentence, with its entity's type. */
interface LeadMention {
  start: number;
  end: number;
  type: Entity['type'];
}

/** Who/what/when/where (why/how when stated) of the lead event, as short verbatim spans. */
export function buildBrief(doc: AnalysedText, entities: Entity[], dates: DateMention[]): Brief {
  const brief: Brief = {};
  // The first of the first five sentences holding an entity mention, else the first.
  let leadIndex = 0;
  for (let i = 0; i < 5 && i < doc.sentences.length; i++) {
    const s = doc.sentences[i] as Sentence;
    if (entities.some((e) => e.mentions.some((m) => m.start >= s.start && m.end <= s.end))) {
      leadIndex = i;
      break;
    }
  }
  const lead = doc.sentences[leadIndex];
  if (!lead) return brief;
  const reporting = REPORTING.exec(lead.text);
  const whatFrom = reporting ? reporting[0].length : 0;
  const what = clauseFrom(lead.text, lead.start, whatFrom);
  if (what) brief.what = what;
  const inLead: LeadMention[] = [];
  for (const e of entities)
    for (const m of e.mentions)
      if (m.start >= lead.start && m.end <= lead.end)
        inLead.push({ start: m.start, end: m.end, type: e.type });
  inLead.sort((a, b) => a.start - b.start);
  const inWhat = what ? inLead.filter((m) => m.start >= what.start && m.end <= what.end) : inLead;
  const actor =
    inWhat.find((m) => m.type === 'person' || m.type === 'organization') ??
    inWhat.find((m) => m.type === 'location') ??
    inLead.find((m) => m.type === 'person' || m.type === 'organization');
  if (actor) brief.who = mentionSpan(doc, actor);
  const place = inLead.find((m) => m.type === 'location' && m.start !== actor?.start);
  if (place) brief.where = mentionSpan(doc, place);
  const when = dates.find((d) => d.sentence === leadIndex) ?? dates.find((d) => !d.relative);
  if (when) brief.when = mentionSpan(doc, when);
  const why = WHY.exec(lead.text);
  if (why) {
    const span = clauseFrom(lead.text, lead.start, why.index);
    if (span) brief.why = span;
  }
  const how = HOW.exec(lead.text);
  if (how) {
    const span = clauseFrom(lead.text, lead.start, how.index);
    if (span) brief.how = span;
  }
  return brief;
}
