/**
 * Numbers and quantities in Arabic and English: digits in both scripts, separators, decimals,
 * percentages, currencies, scale words, Arabic number words and vague quantities, each with the
 * noun it counts. Numbers inside names (911 Security Cameras, MC2), dates and years are not quantities.
 */

import type { AnalysedText } from './analysis.ts';
import {
  endNumberStarts,
  findNumberStartsOf,
  foldedRunLetter,
  forEachMatch,
  forEachMatchAt,
  isDigitCode,
  markNumberForms,
  matchesFoundByOneOnly,
  scanned,
  scanSentence,
} from './fact-spans.ts';
import type { DateMention, Entity, NumberMention } from './schema.ts';
import { hasArabic, isRegExpSpace } from './segment.ts';

/** Characters of text scanned: a bound on work for pathological inputs. */
const MAX_NUMBER_CHARS = 200_000;
/** Most number mentions reported. */
const MAX_NUMBERS = 200;

const NUM = '[0-9٠-٩]+(?:[.,٬٫][0-9٠-٩]+)*';
const SCALE_AR = '(?:[أا]لف|آلاف|الاف|[أا]لفا|مليون|ملايين|مليونا|مليار|مليارات|مليارا|تريليون)';
const SCALE_EN = '(?:thousand|million|billion|trillion|bn|m|k)';
const PERCENT = '(?:%|٪|\\s*(?:بالمئة|بالمائة|في المئة|في المائة|percent|per cent))';
const CURRENCY_AFTER =
  '(?:دولار(?:ا|ات)?|يورو|جنيه(?:ا|ات)?|ريال(?:ا|ات)?|درهم(?:ا)?|دراهم|دينار(?:ا)?|دنانير|ليرة|ليرات|شيكل|ين|روبل|dollars?|euros?|pounds?|riyals?|dirhams?|dinars?|yen|USD|EUR|GBP|QAR|SAR|AED|EGP)';
const CURRENCY_BEFORE = '(?:US\\$|\\$|€|£|¥|USD|EUR|GBP)';
const MEASURE =
  '(?:كيلومتر(?:ا|ات)?|كلم|كم|متر(?:ا)?|أمتار|كيلوغرام(?:ا|ات)?|كغ|كلغ|طن(?:ا)?|أطنان|لتر(?:ا)?|برميل(?:ا)?|براميل|ميل(?:ا)?|هكتار(?:ا)?|km|kilometres?|kilometers?|miles?|metres?|meters?|kg|kilograms?|tonnes?|tons?|litres?|liters?|barrels?|hectares?|mph|km/h)';

const AR_WORD_VALUES: Record<string, number> = {
  واحد: 1,
  اثنان: 2,
  اثنين: 2,
  ثلاثة: 3,
  ثلاث: 3,
  أربعة: 4,
  أربع: 4,
  خمسة: 5,
  خمس: 5,
  ستة: 6,
  ست: 6,
  سبعة: 7,
  سبع: 7,
  ثمانية: 8,
  ثماني: 8,
  تسعة: 9,
  تسع: 9,
  عشرة: 10,
  عشر: 10,
  عشرون: 20,
  عشرين: 20,
  ثلاثون: 30,
  ثلاثين: 30,
  أربعون: 40,
  أربعين: 40,
  خمسون: 50,
  خمسين: 50,
  ستون: 60,
  ستين: 60,
  سبعون: 70,
  سبعين: 70,
  ثمانون: 80,
  ثمانين: 80,
  تسعون: 90,
  تسعين: 90,
  مئة: 100,
  مائة: 100,
  مئتان: 200,
  مئتين: 200,
  مائتي: 200,
  مئتي: 200,
  ألف: 1000,
  ألفا: 1000,
  ألفان: 2000,
  ألفين: 2000,
};
const EN_WORD_VALUES: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};
const SCALE_VALUES: Array<[RegExp, number]> = [
  [/^(?:[أا]لف|آلاف|الاف|[أا]لفا|thousand|k)$/i, 1e3],
  [/^(?:مليون|ملايين|مليونا|million|m)$/i, 1e6],
  [/^(?:مليار|مليارات|مليارا|billion|bn)$/i, 1e9],
  [/^(?:تريليون|trillion)$/i, 1e12],
];
const VAGUE: Array<[RegExp, number]> = [
  [/^(?:ال)?عشرات$|^dozens$|^scores$/i, 10],
  [/^(?:ال)?مئات$|^(?:ال)?مئات$|^hundreds$/i, 100],
  [/^(?:ال)?آلاف$|^(?:ال)?الاف$|^thousands$/i, 1000],
  [/^(?:ال)?ملايين$|^millions$/i, 1e6],
];

const AB = '(?<![\\p{L}\\p{N}_.,٫٬])';
const AE = '(?![\\p{N}])';

const VAGUE_AR = ['عشرات', 'مئات', 'آلاف', 'الاف', 'ملايين'];
const VAGUE_EN = ['dozens', 'hundreds', 'thousands', 'millions', 'scores'];

/**
 * Every character a number mention can start with: a digit, a currency sign or code, the clitics و/ب
 * and the article, or the first letter of a vague quantity or a number word.
 */
const NUMBER_STARTS = [
  ...new Set([
    ...'$€£¥UEGوبا',
    ...[...VAGUE_AR, ...VAGUE_EN, ...Object.keys(AR_WORD_VALUES), ...Object.keys(EN_WORD_VALUES)].map(
      (w) => w[0] ?? '',
    ),
  ]),
].join('');

/** The number expression's alternatives: a sign or code first, digits, a vague quantity, a number word. */
const NUMBER_ALTERNATIVES = [
  `(?<cur1>${CURRENCY_BEFORE})\\s?(?<n1>${NUM})(?:\\s*(?<s1>${SCALE_EN}|${SCALE_AR})(?![\\p{L}]))?`,
  `(?:${AB}|(?<=(?:^|[\\s(«"“،,])[وبل]))(?<n2>${NUM})${AE}(?:\\s*(?<s2>${SCALE_AR}|${SCALE_EN})(?![\\p{L}]))?(?:(?<pct>${PERCENT})|\\s*(?<cur2>${CURRENCY_AFTER})(?![\\p{L}])|\\s*(?<meas>${MEASURE})(?![\\p{L}]))?`,
  `(?<=^|[\\s(«"“،,])(?<vague>(?:[وب]?ال)?(?:${VAGUE_AR.join('|')})|${VAGUE_EN.join('|')})(?![\\p{L}])`,
  `(?<=^|[\\s(«"“،,])[وب]?(?<word>${Object.keys(AR_WORD_VALUES)
    .sort((a, b) => b.length - a.length)
    .join('|')}|${Object.keys(EN_WORD_VALUES).join('|')})(?:\\s+(?<s3>${SCALE_AR}|${SCALE_EN}))?(?![\\p{L}])`,
].join('|');
/**
 * Behind a look-ahead for `NUMBER_STARTS`, so V8 skips other positions on that test alone instead of
 * trying the look-behinds of every alternative there; every match starts so, and the matches are the same.
 */
const NUMBER_SOURCE = `(?=[0-9٠-٩${NUMBER_STARTS}])(?:${NUMBER_ALTERNATIVES})`;

/*
 * The number expression, global (for the plain search the unit tests compare with) and sticky (tried
 * at one position: `forEachMatchAt` runs it where `scanSentence` says), each made on first use:
 * constructing it costs V8 a fraction of a millisecond (its Unicode classes), which a cold start would pay.
 */
let numberRe: RegExp | undefined;
let numberAt: RegExp | undefined;
const numberExpression = () => {
  numberRe ??= new RegExp(NUMBER_SOURCE, 'giu');
  return numberRe;
};
const numberAtOnePosition = () => {
  // Tried only where a match can start (see `scanSentence`): without the look-ahead, which every match passes.
  numberAt ??= new RegExp(`(?:${NUMBER_ALTERNATIVES})`, 'iuy');
  return numberAt;
};

/*
 * Where the number expression can start, found by one scan of the text (`scanSentence`, shared with
 * the dates) instead of a search for its many alternatives: a digit that follows no digit, a currency
 * sign, a currency code three or four characters before such a digit, or the start of a run of letters
 * that is a number word with the clitics and article the expression lets it carry. Every match starts
 * so: a digit's number at its first digit (either look-behind refuses a digit before it), a sign or code
 * where it stands (and a code has its number after at most one space), and a number word after ^ or a
 * delimiter, so at the start of its run of letters, which ends where the word does (no letter follows
 * it). A run of letters there is of ASCII and Arabic letters and ſ and K (which the i flag folds to s
 * and k): all of them letters, so a run never reaches past a word's end, and they hold every letter of a
 * clitic or a number word. The run is looked up by a hash of its letters (folded to lower case); another
 * run sharing a word's hash only costs the expression a try where it fails.
 */

// Every run of letters a number word makes, with what the expression lets it carry: و/ب before a
// number word, و/ب and the article before an Arabic vague quantity.
markNumberForms(VAGUE_EN, []);
markNumberForms(VAGUE_AR, ['ال', 'وال', 'بال']);
markNumberForms(Object.keys(AR_WORD_VALUES), ['و', 'ب']);
markNumberForms(Object.keys(EN_WORD_VALUES), ['و', 'ب']);

/**
 * Where trying the number expression at the starts `scanSentence` finds other matches than its plain search in
 * `text` (as `index:match` lines): empty when every match starts where the scan says (a unit test holds it).
 */
export function matchesMissedNearCores(text: string): string[] {
  return matchesFoundByOneOnly(
    (visit) => forEachMatch(numberExpression(), text, visit),
    (visit) => {
      scanSentence(text);
      forEachMatchAt(numberAtOnePosition(), text, scanned.numberAt, scanned.numbers, visit);
    },
  );
}

/**
 * The value as stored, or null when it cannot be: DynamoDB's document client refuses integers beyond
 * 2^53 and JSON has no NaN/Infinity, so "$12,000 trillion" keeps its mention but loses its value.
 */
function storableValue(v: number | null): number | null {
  if (v === null || !Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) return null;
  return v;
}

function parseDigits(s: string): number | null {
  // Plain ASCII digits (most numbers) read as themselves: what the general path below gives them.
  if (isAsciiDigits(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  const ascii = s
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/٫/g, '.')
    .replace(/٬/g, ',');
  // "1,200,000" and "1.200.000": groups of three are thousands; otherwise the mark is a decimal point.
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(ascii)) return Number(ascii.replace(/,/g, ''));
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(ascii)) return Number(ascii.replace(/\./g, ''));
  const n = Number(ascii.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return s.length > 0;
}

/** Digits of either script in `s`. */
function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) n++;
  return n;
}

function scaleOf(s: string | undefined): number {
  if (!s) return 1;
  for (const [re, v] of SCALE_VALUES) if (re.test(s.trim())) return v;
  return 1;
}

const UNIT_SKIP = /^(?:من|of|the|a|an|more|than|أكثر|حوالي|نحو)$/i;

const NOT_A_NOUN = /^(?:في|على|إلى|الى|عن|مع|و|and|or|to|in|on|at|for|by|with|from|is|was|were|are)$/i;

/** The noun counted: the next word (after "من"/"of"), trimmed of punctuation. */
function countedNoun(text: string, from: number, limit: number): string | undefined {
  const to = Math.min(limit, from + 80);
  // A letter must follow the white space: the ASCII characters that are not letters settle it without
  // an expression (the digits, signs and stops that follow most numbers).
  let at = from;
  while (at < to && isRegExpSpace(text.charCodeAt(at))) at++;
  const first = at < to ? text.charCodeAt(at) : -1;
  if (first < 0x80 && foldedRunLetter(first) < 0) return undefined;
  const rest = text.slice(from, to);
  if (!/^\s*(\p{L}[\p{L}\p{M}'-]*)/u.test(rest)) return undefined;
  // The first word that is not a skipped one, else the last word: read word by word, as far as needed.
  // (Literals here, not at module level: a Unicode class costs V8 time to construct, at cold start there.)
  const word = /\p{L}[\p{L}\p{M}'-]*/gu;
  let w = word.exec(rest)?.[0];
  while (w !== undefined && UNIT_SKIP.test(w)) {
    const next = word.exec(rest);
    if (next === null) break;
    w = next[0];
  }
  if (!w || NOT_A_NOUN.test(w)) return undefined;
  return w;
}

/** Quantities of the article, in text order; `entities` and `dates` mark the numbers that are names or dates. */
export function extractNumbers(
  doc: AnalysedText,
  entities: Entity[] = [],
  dates: DateMention[] = [],
): NumberMention[] {
  const blocked = blockedSpans(entities, dates);
  const out: NumberMention[] = [];
  doc.sentences.forEach((s, sentence) => {
    if (s.start > MAX_NUMBER_CHARS || out.length >= MAX_NUMBERS) return;
    findNumberStartsOf(doc.sentences, sentence);
    if (scanned.numbers === 0) return;
    // forEachMatchAt reads the starts before it calls back: nothing scans in between.
    forEachMatchAt(numberAtOnePosition(), s.text, scanned.numberAt, scanned.numbers, (m) => {
      const gr = m.groups ?? {};
      const start = s.start + m.index;
      const trimmed = m[0].trimEnd();
      const end = start + trimmed.length;
      if (overlapsBlocked(blocked, start, end)) return;
      // 555-1234, 12/05: parts of identifiers; "911 Security" inside Arabic text: part of a Latin name.
      const text = doc.text;
      if (isDashOrSlash(text.charCodeAt(end)) && isDigitCode(text.charCodeAt(end + 1))) return;
      if (start >= 2 && isDashOrSlash(text.charCodeAt(start - 1)) && isDigitCode(text.charCodeAt(start - 2)))
        return;
      // (The white space and the final digit tested first, by their codes: the tests the expressions make.)
      if (
        isRegExpSpace(text.charCodeAt(end)) &&
        isDigitCode(trimmed.charCodeAt(trimmed.length - 1)) &&
        /^\s\p{Lu}/u.test(text.slice(end, end + 3)) &&
        hasArabic(s.text)
      )
        return;
      const mention = buildMention(gr, doc.text, start, end, s.end);
      if (!mention) return;
      mention.sentence = sentence;
      out.push(mention);
      if (out.length >= MAX_NUMBERS) return false;
    });
  });
  endNumberStarts();
  return out;
}

/** Spans no number may overlap, in the order of their starts: `start[k]`, `end[k]` for k < `count`. */
interface BlockedSpans {
  start: Int32Array;
  end: Int32Array;
  count: number;
}

/** Buffers for the blocked spans, kept for the next article unless longer than this many spans. */
const BLOCKED_KEEP = 4096;
let blockedBuffers = makeBlockedBuffers(64);

function makeBlockedBuffers(size: number) {
  return {
    keys: new Float64Array(size),
    givenStart: new Int32Array(size),
    givenEnd: new Int32Array(size),
    start: new Int32Array(size),
    end: new Int32Array(size),
  };
}

/**
 * Entity mentions in entity order, then dates, put in order of their starts as a stable sort would
 * (equal starts keep that order): each is keyed by its start and then its place, and the keys sorted as
 * plain numbers, in reused buffers, without a comparison callback or an object per span.
 */
function blockedSpans(entities: Entity[], dates: DateMention[]): BlockedSpans {
  let count = dates.length;
  for (const e of entities) count += e.mentions.length;
  let buffers = blockedBuffers;
  if (count > buffers.keys.length) {
    buffers = makeBlockedBuffers(Math.max(count, buffers.keys.length * 2));
    if (buffers.keys.length <= BLOCKED_KEEP) blockedBuffers = buffers;
  }
  const { keys, givenStart, givenEnd, start, end } = buffers;
  let n = 0;
  let last = 0;
  for (const e of entities)
    for (const m of e.mentions) {
      givenStart[n] = m.start;
      givenEnd[n++] = m.end;
      last = Math.max(last, m.start);
    }
  for (const d of dates) {
    givenStart[n] = d.start;
    givenEnd[n++] = d.end;
    last = Math.max(last, d.start);
  }
  if ((last + 1) * count <= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < count; i++) keys[i] = (givenStart[i] as number) * count + i;
    keys.subarray(0, count).sort();
    for (let k = 0; k < count; k++) {
      const i = (keys[k] as number) % count;
      start[k] = givenStart[i] as number;
      end[k] = givenEnd[i] as number;
    }
  } else {
    // Past what a double keys exactly (offsets in the billions): the stable sort itself.
    const order = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => (givenStart[a] as number) - (givenStart[b] as number),
    );
    for (let k = 0; k < count; k++) {
      start[k] = givenStart[order[k] as number] as number;
      end[k] = givenEnd[order[k] as number] as number;
    }
  }
  return { start, end, count };
}

/**
 * Whether `[start, end)` overlaps a blocked span, found by the same binary search as `overlapsAny`
 * over the same spans in the same order (so with the same answers where blocked spans overlap).
 */
function overlapsBlocked(blocked: BlockedSpans, start: number, end: number): boolean {
  let lo = 0;
  let hi = blocked.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((blocked.end[mid] as number) <= start) lo = mid + 1;
    else if ((blocked.start[mid] as number) >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

function withUnit(m: NumberMention, unit: string): NumberMention {
  m.unit = unit;
  return m;
}

function isDashOrSlash(c: number): boolean {
  return c === 0x2d || c === 0x2f;
}

function buildMention(
  gr: Record<string, string | undefined>,
  text: string,
  start: number,
  end: number,
  limit: number,
): NumberMention | undefined {
  // Built field by field in the stored order (text, start, end, value, approximate, kind, unit).
  const mention = (
    value: number | null,
    approximate: boolean,
    kind: NumberMention['kind'],
  ): NumberMention => ({
    text: text.slice(start, end),
    start,
    end,
    value,
    approximate,
    kind,
  });
  if (gr.vague) {
    const word = gr.vague.replace(/^[وب](?=ال)/, '');
    const hit = VAGUE.find(([re]) => re.test(word));
    const unit = countedNoun(text, end, limit);
    const v = mention(storableValue(hit?.[1] ?? null), true, 'vague');
    if (unit) v.unit = unit;
    return v;
  }
  if (gr.word) {
    const product = (AR_WORD_VALUES[gr.word] ?? EN_WORD_VALUES[gr.word.toLowerCase()] ?? 0) * scaleOf(gr.s3);
    if (!product) return undefined;
    const value = storableValue(product);
    // A lone small number word ("five") is a quantity only with a noun after it.
    const unit = countedNoun(text, end, limit);
    if (!unit && !gr.s3) return undefined;
    const w = mention(value, false, 'count');
    if (unit) w.unit = unit;
    return w;
  }
  const digits = gr.n1 ?? gr.n2;
  if (!digits) return undefined;
  const raw = parseDigits(digits);
  if (raw === null) return undefined;
  // Long digit strings are identifiers (phone numbers, codes), not quantities; count both scripts.
  if (countDigits(digits) > 15) return undefined;
  const value = storableValue(raw * scaleOf(gr.s1 ?? gr.s2));
  if (gr.pct) return withUnit(mention(value, false, 'percent'), '%');
  const currency = gr.cur1 ?? gr.cur2;
  if (currency) return withUnit(mention(value, false, 'currency'), currency);
  if (gr.meas) return withUnit(mention(value, false, 'measure'), gr.meas);
  const unit = countedNoun(text, end, limit);
  const n = mention(value, false, 'count');
  if (unit) n.unit = unit;
  return n;
}
