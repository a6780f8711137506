/** Quoted speech, titles and terms in "..." «...» “...”, with the speaker when the sentence names one. */
import type { AnalysedText } from './analysis.ts';
import { forEachMatch, indexAt } from './fact-spans.ts';
import { loadGazetteer } from './gazetteer.ts';
import type { Entity, Quote } from './schema.ts';
import { isRegExpSpace, normalizeForMatch, tokenize } from './segment.ts';

/** Longest quotation we pair (characters): longer "quotes" are unbalanced marks, not quotations. */
const MAX_QUOTE_CHARS = 3000;

/** A pair of quotation marks: `start`/`end` cover the content (inside the marks). */
export interface QuoteSpan {
  start: number;
  end: number;
  depth: number;
}

/** Characters scanned, quotes reported and context read around each: bounds on work for pathological inputs. */
const MAX_QUOTE_SCAN_CHARS = 100_000;
const MAX_QUOTES = 100;
const CONTEXT_CHARS = 400;

const OPENERS: Record<string, string> = { '«': '»', '“': '”', '„': '“', '‹': '›' };
const CLOSERS = new Set(['»', '”', '›']);

/**
 * Pairs quotation marks in `text[start, end)`. Straight quotes open after a space or opening
 * punctuation and close before one, so nested straight quotes ("... "X" ...") pair correctly.
 */
export function findQuoteSpans(text: string, start = 0, end = text.length): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const stack: Array<{ mark: string; at: number }> = [];
  // Nearly every character is none of the marks (nor a newline): a regular-expression search skips
  // them faster than a loop over character codes.
  MARK_OR_NEWLINE.lastIndex = start;
  for (let hit = MARK_OR_NEWLINE.exec(text); hit !== null; hit = MARK_OR_NEWLINE.exec(text)) {
    const i = hit.index;
    if (i >= end) break;
    const ch = text[i] ?? '';
    if (ch === '\n' && text[i + 1] === '\n') stack.length = 0;
    if (ch in OPENERS && !(ch === '“' && stack.at(-1)?.mark === '„')) {
      stack.push({ mark: ch, at: i });
      continue;
    }
    const isStraight = ch === '"';
    if (!isStraight && !CLOSERS.has(ch)) continue;
    let closes: boolean;
    if (isStraight) {
      // Outside the text reads as a space. (Character codes, not one-character strings tested by expressions.)
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0x20;
      const opensHere = (isRegExpSpace(prev) || OPEN_BEFORE.includes(prev)) && !isRegExpSpace(next);
      const closesHere = !isRegExpSpace(prev) && (isRegExpSpace(next) || CLOSE_AFTER.includes(next));
      const top = stack.at(-1);
      if (opensHere && !closesHere) closes = false;
      else if (closesHere && !opensHere) closes = top?.mark === '"';
      else closes = top?.mark === '"';
    } else closes = true;
    if (!closes) {
      stack.push({ mark: '"', at: i });
      continue;
    }
    for (let k = stack.length - 1; k >= 0; k--) {
      const open = stack[k];
      if (!open) break;
      const want = open.mark === '"' ? '"' : OPENERS[open.mark];
      if (want === ch || (open.mark === '„' && ch === '“')) {
        stack.length = k;
        if (i - open.at - 1 > 0 && i - open.at <= MAX_QUOTE_CHARS)
          out.push({ start: open.at + 1, end: i, depth: k });
        break;
      }
    }
  }
  MARK_OR_NEWLINE.lastIndex = 0;
  return out.sort((a, b) => a.start - b.start);
}

/** What a straight quote opens after, besides white space: ([«“:،,—- */
const OPEN_BEFORE = [...'([«“:،,—-'].map((c) => c.charCodeAt(0));
/** What a straight quote closes before, besides white space: .,،؛;:!?؟)]»”…- */
const CLOSE_AFTER = [...'.,،؛;:!?؟)]»”…-'].map((c) => c.charCodeAt(0));

/** Newline, '"', '«', '»', '“', '”', '„', '‹' or '›': the only characters the pairing looks at. */
const MARK_OR_NEWLINE = /[\n"«»“”„‹›]/g;

const TITLE_CUES =
  /(?:عنوان|بعنوان|كتاب|كتابه|كتابها|رواية|روايته|فيلم|مسلسل|برنامج|قصيدة|أغنية|مقال|مقالة|تقرير|تمرين|عملية|titled|entitled|headlined|book|novel|film|movie|song|series|report|operation)\s*[:،,]?\s*$/iu;
/** Longest cue word of `TITLE_CUES` (UTF-16 units): "headlined", "operation". */
const LONGEST_TITLE_CUE = 9;

/**
 * `TITLE_CUES.test(span)`, on the span's tail only: a cue ends where the trailing spaces and colon or
 * comma begin, so it starts at most `LONGEST_TITLE_CUE` units before; the pattern has no start anchor
 * or look-behind, so cutting the text there changes nothing (and spares a search of 400 characters).
 */
function endsWithTitleCue(span: string): boolean {
  let at = skipSpacesBack(span, span.length);
  if (at > 0 && ':،,'.includes(span[at - 1] as string)) at = skipSpacesBack(span, at - 1);
  return TITLE_CUES.test(span.slice(Math.max(0, at - LONGEST_TITLE_CUE)));
}

/** The start of the run of white space that ends at `end`. */
function skipSpacesBack(text: string, end: number): number {
  let at = end;
  while (at > 0 && isRegExpSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/**
 * Whether `text` ends with `word` after white space or at its start, then white space and at most one
 * opening quotation mark: what new RegExp(`(?:^|\\s)${word}\\s*["«“]?$`, 'u') tests, for a word of
 * letters, without compiling an expression per word.
 */
function endsWithWord(text: string, word: string): boolean {
  let end = text.length;
  if (end > 0 && '"«“'.includes(text[end - 1] as string)) end--;
  end = skipSpacesBack(text, end);
  const start = end - word.length;
  if (start < 0 || text.slice(start, end) !== word) return false;
  return start === 0 || isRegExpSpace(text.charCodeAt(start - 1));
}

const EN_SPEECH = /\b(?:said|says|told|added|stated|asked|wrote|warned|insisted|according to)\b/i;

/**
 * Quotes of the article with their kind and speaker. `entities` (from `extractEntities`) lets the
 * speaker be a named person or organisation rather than a pronoun.
 */
export function extractQuotes(doc: AnalysedText, entities: Entity[] = []): Quote[] {
  const out: Quote[] = [];
  const g = loadGazetteer();
  // Person and organisation mentions (the possible speakers), built when a paragraph first has a quote.
  let mentions: SpeakerMention[] | undefined;
  for (const para of doc.paragraphs) {
    if (para.start > MAX_QUOTE_SCAN_CHARS || out.length >= MAX_QUOTES) break;
    const spans = findQuoteSpans(doc.text, para.start, Math.min(para.end, MAX_QUOTE_SCAN_CHARS)).slice(
      0,
      MAX_QUOTES - out.length,
    );
    if (!spans.length) continue;
    mentions ??= speakerMentions(entities);
    // Mentions are sorted by start: only those from the paragraph's start on, up to its end, can be in it.
    const outside: typeof mentions = [];
    for (let k = firstStartingAt(mentions, para.start); k < mentions.length; k++) {
      const m = mentions[k] as (typeof mentions)[number];
      if (m.start > para.end) break;
      if (m.end <= para.end && !spans.some((q) => m.start >= q.start && m.end <= q.end)) outside.push(m);
    }
    for (const q of spans) {
      const raw = doc.text.slice(q.start, q.end);
      const text = raw.trim();
      if (!text) continue;
      // The span is trimmed with the text ("« قال»"), so text.slice(start, end) is always the quote.
      const start = q.start + (raw.length - raw.trimStart().length);
      const end = start + text.length;
      const sentence = indexAt(doc.sentences, q.start);
      const sent = sentence >= 0 ? doc.sentences[sentence] : undefined;
      // The words around a quote that can attribute it: its sentence, and never more than a few hundred characters.
      const from = Math.max(sent ? sent.start : para.start, q.start - 1 - CONTEXT_CHARS);
      const before = doc.text.slice(from, q.start - 1);
      const to = Math.min(sent ? Math.max(sent.end, q.end + 1) : para.end, q.end + 1 + CONTEXT_CHARS);
      const after = doc.text.slice(q.end + 1, to);
      const wordCount = countWordsOf(text, TERM_WORDS_MAX + 1);
      // A speech cue decides only between a short term and a three- or four-word quotation: look for one then.
      const hasSpeech = () => hasSpeechCue(before, g.speechVerbs) || hasSpeechCue(after, g.speechVerbs);
      let kind: Quote['kind'];
      if (endsWithTitleCue(before)) kind = 'title';
      else if (wordCount <= TERM_WORDS_MAX && !(wordCount >= 3 && hasSpeech())) kind = 'term';
      else kind = 'speech';
      const quote: Quote = { text, start, end, kind };
      if (sentence >= 0) quote.sentence = sentence;
      if (kind === 'speech' && sent) {
        const speaker = findSpeaker(doc.text, sent.start, sent.end, q, outside, mentions);
        if (speaker) quote.speaker = speaker;
      }
      out.push(quote);
    }
  }
  return out;
}

/** Most words a quotation of no speech can have and still be a term. */
const TERM_WORDS_MAX = 4;

/**
 * What `text.split(/\s+/).length` gives for a trimmed, non-empty text (runs of white space plus one),
 * without building the array; counting stops at `atMost` (only whether a quotation is short matters,
 * and a long one would be read to its end).
 */
function countWordsOf(text: string, atMost: number): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < text.length && n < atMost; i++) {
    const space = isRegExpSpace(text.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

interface SpeakerMention {
  start: number;
  end: number;
  entity: string;
}

/** Person and organisation mentions in entity order, then sorted by start (a stable sort). */
function speakerMentions(entities: Entity[]): SpeakerMention[] {
  const mentions: SpeakerMention[] = [];
  for (const e of entities) {
    if (e.type !== 'person' && e.type !== 'organization') continue;
    for (const m of e.mentions)
      if (m.start < MAX_QUOTE_SCAN_CHARS) mentions.push({ start: m.start, end: m.end, entity: e.text });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Index of the first of `sorted` (by start) starting at or after `offset`. */
function firstStartingAt(sorted: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as { start: number }).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasSpeechCue(span: string, verbs: Set<string>): boolean {
  if (EN_SPEECH.test(span)) return true;
  const tail = span.slice(-400);
  // A token can match only where the normalised text holds a verb or a source word (normalising folds
  // character by character, so a token's form is a substring of the whole's): most spans need no tokens.
  if (!speechWordsIn(verbs).test(normalizeForMatch(tail))) return false;
  for (const t of tokenize(tail)) {
    const n = t.norm.replace(/^[وف]/, '');
    if (verbs.has(t.norm) || verbs.has(n) || /^(?:وفق|بحسب|حسب)/.test(n)) return true;
  }
  return false;
}

let speechWords: { verbs: Set<string>; re: RegExp } | undefined;

/** Any speech verb, or وفق/حسب (بحسب holds حسب), anywhere in a normalised text. */
function speechWordsIn(verbs: Set<string>): RegExp {
  if (speechWords?.verbs !== verbs) {
    const words = [...verbs, 'وفق', 'حسب'].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    speechWords = { verbs, re: new RegExp(words.join('|'), 'u') };
  }
  return speechWords.re;
}

/**
 * The English cues spelled case by case instead of under the i flag, which would fold every character
 * the search compares: what /(?:...|according to|said|told)\s*\/giu matches (under i and u, ſ is an s;
 * no other letter of these folds to another).
 */
const SOURCE_CUE =
  /(?:وفق|وفقا ل|بحسب|حسب|نقل|ذكر|قال|قالت|أكد|أكدت|أضاف|أضافت|[aA][cC][cC][oO][rR][dD][iI][nN][gG] [tT][oO]|[sSſ][aA][iI][dD]|[tT][oO][lL][dD])\s*/gu;

/** The speech cues of the sentence read last: where each starts and where the words after it start. */
const sentenceCues = { text: '', start: -1, end: -1, at: [] as number[], after: [] as number[] };

/** The `SOURCE_CUE` matches of `text[start, end)`, found once for all the quotes of one sentence. */
function cuesOf(text: string, start: number, end: number) {
  const c = sentenceCues;
  if (c.text === text && c.start === start && c.end === end) return c;
  c.text = text;
  c.start = start;
  c.end = end;
  c.at.length = 0;
  c.after.length = 0;
  forEachMatch(SOURCE_CUE, text.slice(start, end), (m) => {
    c.at.push(start + m.index);
    c.after.push(start + m.index + m[0].length);
  });
  return c;
}

/** The named speaker of a quote: the person/organisation mention nearest a speech cue outside the quote. */
function findSpeaker(
  text: string,
  sStart: number,
  sEnd: number,
  q: QuoteSpan,
  mentions: Array<{ start: number; end: number; entity: string }>,
  all: Array<{ start: number; end: number; entity: string }>,
): string | undefined {
  const inSentence = mentions.filter(
    (m) => m.start >= sStart && m.end <= sEnd && (m.end <= q.start - 1 || m.start >= q.end + 1),
  );
  const found = cuesOf(text, sStart, sEnd);
  const cues: number[] = [];
  for (let k = 0; k < found.at.length; k++) {
    const at = found.at[k] as number;
    if (at < q.start - 1 || at > q.end) cues.push(found.after[k] as number);
  }
  if (!cues.length) return undefined;
  let best: { d: number; name: string } | undefined;
  for (const m of inSentence) {
    for (const c of cues) {
      const d = Math.abs(m.start - c);
      if (!best || d < best.d) best = { d, name: m.entity };
    }
  }
  if (best && best.d <= 80) return best.name;
  return resolveDescriptor(text, cues[0] ?? sStart, all);
}

/**
 * "ووفق الموقع، ..." names the speaker by its descriptor: the organisation the article introduced
 * with the same bare word (موقع "إنتلجنس أونلاين") is the speaker.
 */
function resolveDescriptor(
  text: string,
  at: number,
  mentions: Array<{ start: number; end: number; entity: string }>,
): string | undefined {
  const word = /^\s*(?:عن\s+)?ال([\p{L}]{3,})/u.exec(text.slice(at, at + 40))?.[1];
  if (!word) return undefined;
  for (const m of mentions) {
    if (m.start >= at) break;
    const before = text.slice(Math.max(0, m.start - word.length - 3), m.start);
    if (endsWithWord(before, word)) return m.entity;
  }
  return undefined;
}

/** Normalised text of a quote, for comparing quotes across languages and spellings. */
export function quoteKey(q: Quote): string {
  return normalizeForMatch(q.text).replace(/\s+/g, ' ');
}
