/**
 * Dates in Arabic and English: days, months, years, ranges, Hijri dates, weekdays and relative
 * expressions, normalised to ISO. Relative dates resolve only against the reference date or the
 * article's own date; without one they keep `relative: true` and no ISO value.
 */
import type { AnalysedText } from './analysis.ts';
import {
  beginNumberStarts,
  DAY_RUN,
  DIGIT_RUN,
  forEachMatch,
  forEachMatchAt,
  HIJRI_YEAR,
  keepNumberStarts,
  markDateWords,
  matchesFoundByOneOnly,
  scanned,
  scanSentence,
  YEAR_RUN,
} from './fact-spans.ts';
import type { DateMention, Entity } from './schema.ts';
import { isRegExpSpace } from './segment.ts';

/** Characters of text scanned: a bound on work for pathological inputs. */
const MAX_DATE_CHARS = 200_000;
/** Most date mentions reported. */
const MAX_DATES = 200;

const D = '[0-9٠-٩]';
const AR_MONTHS: Array<[string, number]> = [
  ['يناير', 1],
  ['فبراير', 2],
  ['مارس', 3],
  ['[أإا]بريل', 4],
  ['مايو', 5],
  ['يوني[وه]', 6],
  ['يولي[وه]', 7],
  ['[أا]غسطس', 8],
  ['سبتمبر', 9],
  ['[أا]كتوبر', 10],
  ['نوفمبر', 11],
  ['ديسمبر', 12],
  ['كانون الثاني', 1],
  ['شباط', 2],
  ['[آا]ذار', 3],
  ['نيسان', 4],
  ['[أا]يار', 5],
  ['حزيران', 6],
  ['تموز', 7],
  ['[آا]ب', 8],
  ['[أا]يلول', 9],
  ['تشرين الأول', 10],
  ['تشرين الثاني', 11],
  ['كانون الأول', 12],
  ['جانفي', 1],
  ['فيفري', 2],
  ['[أا]فريل', 4],
  ['ماي', 5],
  ['جوان', 6],
  ['جويلية', 7],
  ['[أا]وت', 8],
];
const EN_MONTHS: Array<[string, number]> = [
  ['January|Jan\\.?', 1],
  ['February|Feb\\.?', 2],
  ['March|Mar\\.?', 3],
  ['April|Apr\\.?', 4],
  ['May', 5],
  ['June|Jun\\.?', 6],
  ['July|Jul\\.?', 7],
  ['August|Aug\\.?', 8],
  ['September|Sept?\\.?', 9],
  ['October|Oct\\.?', 10],
  ['November|Nov\\.?', 11],
  ['December|Dec\\.?', 12],
];
const HIJRI_MONTHS: Array<[string, number]> = [
  ['محرم', 1],
  ['صفر', 2],
  ['ربيع الأول', 3],
  ['ربيع (?:الثاني|الآخر)', 4],
  ['جمادى الأولى', 5],
  ['جمادى (?:الآخرة|الثانية)', 6],
  ['رجب', 7],
  ['شعبان', 8],
  ['رمضان', 9],
  ['شوال', 10],
  ['ذو القعدة', 11],
  ['ذو الحجة', 12],
];
const AR_WEEKDAYS: Array<[string, number]> = [
  ['الأحد', 0],
  ['الاحد', 0],
  ['الإثنين', 1],
  ['الاثنين', 1],
  ['الثلاثاء', 2],
  ['الأربعاء', 3],
  ['الاربعاء', 3],
  ['الخميس', 4],
  ['الجمعة', 5],
  ['السبت', 6],
];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const alt = (list: Array<[string, number]>) =>
  list
    .map(([p]) => p)
    .sort((a, b) => b.length - a.length)
    .join('|');
const AR_MONTH = `(?:${alt(AR_MONTHS)})`;
const EN_MONTH = `(?:${alt(EN_MONTHS)})`;
/** An Arabic month, optionally paired with its other-series name: نوفمبر/تشرين الثاني, نوفمبر (تشرين الثاني). */
const AR_MONTH_P = `${AR_MONTH}(?:\\s*[/(]\\s*${AR_MONTH}\\s*\\)?)?`;
const YEAR = `${D}{4}`;
const DAY = `${D}{1,2}`;
const AB = '(?<![\\p{L}\\p{N}])';
const AE = '(?![\\p{L}\\p{N}])';
const AR_PREFIX = '(?:(?<=[\\s(«"“،,]|^)[وبفل]?)';

const MONTH_TESTS = [...AR_MONTHS, ...EN_MONTHS].map(
  ([p, n]) => [new RegExp(`^(?:${p})$`, 'iu'), n] as const,
);
const HIJRI_TESTS = HIJRI_MONTHS.map(([p, n]) => [new RegExp(`^(?:${p})$`, 'u'), n] as const);

function monthOf(s: string): number | undefined {
  return memoized(monthMemo, s, () => {
    const t = s.trim();
    for (const [re, n] of MONTH_TESTS) if (re.test(t)) return n;
    return undefined;
  });
}

function hijriMonthOf(s: string): number | undefined {
  return memoized(hijriMonthMemo, s, () => {
    const t = s.trim();
    for (const [re, n] of HIJRI_TESTS) if (re.test(t)) return n;
    return undefined;
  });
}

/** Month numbers by spelling: an article names the same few months again and again (bounded memos). */
const monthMemo = new Map<string, number | undefined>();
const hijriMonthMemo = new Map<string, number | undefined>();
const MONTH_MEMO_MAX = 1024;

function memoized(memo: Map<string, number | undefined>, key: string, find: () => number | undefined) {
  if (memo.has(key)) return memo.get(key);
  const n = find();
  if (memo.size >= MONTH_MEMO_MAX) memo.clear();
  memo.set(key, n);
  return n;
}

function toInt(s: string | undefined): number | undefined {
  if (!s) return undefined;
  // The rules' digit groups hold digits only (of either script): read them as parseInt would.
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) value = value * 10 + (c - 0x30);
    else if (c >= 0x660 && c <= 0x669) value = value * 10 + (c - 0x660);
    else return toIntOtherwise(s);
  }
  return s.length <= 15 ? value : toIntOtherwise(s);
}

function toIntOtherwise(s: string): number | undefined {
  const ascii = s.replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660));
  const n = Number.parseInt(ascii, 10);
  return Number.isFinite(n) ? n : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
const isoMonth = (y: number, m: number) => `${String(y).padStart(4, '0')}-${pad(m)}`;

interface Found {
  start: number;
  end: number;
  priority: number;
  mention: Omit<DateMention, 'text' | 'start' | 'end'>;
}

interface Ref {
  y: number;
  m: number;
  d: number;
  dow: number;
}

/**
 * The day relative dates count from: the article's own publication date when it states one to the
 * day (a backfilled 2019 article's "Thursday" is a 2019 Thursday), else the reference (upload) date.
 */
function parseRef(doc: AnalysedText): Ref | undefined {
  // Every article of a batch shares its reference date: parse each pair of dates once (a Ref is never changed).
  const memo = refMemo;
  if (memo.set && memo.publishedAt === doc.publishedAt && memo.referenceDate === doc.referenceDate)
    return memo.ref;
  const ref = parseRefOnce(doc);
  refMemo = { set: true, publishedAt: doc.publishedAt, referenceDate: doc.referenceDate, ref };
  return ref;
}

let refMemo: {
  set: boolean;
  publishedAt: string | undefined;
  referenceDate: string | undefined;
  ref: Ref | undefined;
} = { set: false, publishedAt: undefined, referenceDate: undefined, ref: undefined };

function parseRefOnce(doc: AnalysedText): Ref | undefined {
  const published = doc.publishedAt?.trim();
  // "2019" or "2019-03" parse as the first day of the period: too coarse to count days from.
  const dayPrecise = published && !/^\d{4}(?:-\d{1,2})?$/.test(published) ? published : undefined;
  for (const s of [dayPrecise, doc.referenceDate]) {
    if (!s) continue;
    const t = Date.parse(s);
    if (Number.isNaN(t)) continue;
    const d = new Date(t);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), dow: d.getUTCDay() };
  }
  return undefined;
}

/** The year that puts month/day nearest the reference (news reports recent or coming events). */
function nearestYear(ref: Ref, m: number): number {
  const diff = m - ref.m;
  if (diff > 6) return ref.y - 1;
  if (diff < -6) return ref.y + 1;
  return ref.y;
}

function shiftDays(ref: Ref, days: number): string {
  const t = Date.UTC(ref.y, ref.m - 1, ref.d) + days * 86_400_000;
  const d = new Date(t);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** An expression's source and flags: the expressions a rule runs are built from them on first use (see `globalOf`). */
interface Pattern {
  source: string;
  flags: string;
}

const pattern = (source: string, flags: string): Pattern => ({ source, flags });

type Rule = {
  re: Pattern;
  /** Every character a match can start with (a character class body, under the rule's flags). */
  starts: string;
  /**
   * Marks (see `scanMarks`) every sentence the rule can match holds: one of each mask (the rule is not
   * run on the others).
   */
  gate: number[];
  /** The marks a match can start at: the rule is tried only there. */
  lead: number;
  priority: number;
  build: (m: RegExpExecArray, ref: Ref | undefined) => Found['mention'] | undefined;
};

function validDay(d: number | undefined, m: number | undefined): boolean {
  return d !== undefined && m !== undefined && d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/** Builds a day or day-range mention; a year stated once at the end applies to both ends. */
function dayRange(
  d1: number | undefined,
  m1: number | undefined,
  y1: number | undefined,
  d2: number | undefined,
  m2: number | undefined,
  y2: number | undefined,
  ref: Ref | undefined,
): Found['mention'] | undefined {
  const endMonth = m2 ?? m1;
  const startMonth = m1 ?? m2;
  if (!validDay(d1, startMonth) || !validDay(d2, endMonth)) return undefined;
  let endYear = y2 ?? y1;
  let startYear =
    y1 ??
    (endYear !== undefined && startMonth !== undefined && endMonth !== undefined && startMonth > endMonth
      ? endYear - 1
      : endYear);
  const implicit = endYear === undefined;
  if (implicit) {
    if (!ref) return { granularity: 'day', relative: true, calendar: 'gregorian' };
    startYear = nearestYear(ref, startMonth as number);
    endYear = (startMonth as number) > (endMonth as number) ? startYear + 1 : startYear;
  }
  return {
    startDate: isoDay(startYear as number, startMonth as number, d1 as number),
    endDate: isoDay(endYear as number, endMonth as number, d2 as number),
    granularity: 'day',
    relative: implicit,
    calendar: 'gregorian',
  };
}

function single(d: number | undefined, m: number | undefined, y: number | undefined, ref: Ref | undefined) {
  const mention = dayRange(d, m, y, d, m, y, ref);
  if (mention?.startDate) mention.endDate = mention.startDate;
  return mention;
}

const REL_WORDS: Record<string, number> = {
  الماضي: -1,
  الماضية: -1,
  المنصرم: -1,
  المنصرمة: -1,
  السابق: -1,
  المقبل: 1,
  المقبلة: 1,
  القادم: 1,
  القادمة: 1,
  الحالي: 0,
  الحالية: 0,
  الجاري: 0,
  الجارية: 0,
  last: -1,
  next: 1,
  this: 0,
  coming: 1,
  past: -1,
};
/** The Arabic relative words' masculine singulars: each form of AR_REL holds one (الماضية holds الماضي). */
const AR_REL_ROOTS = ['الماضي', 'المنصرم', 'المقبل', 'القادم', 'الحالي', 'الجاري'];
const AR_REL = `(?:${AR_REL_ROOTS.flatMap((w) => [w, `${w}ة`]).join('|')})`;

/** A relative month ("نوفمبر الماضي", "last November") resolved against the reference. */
function relativeMonth(
  month: number | undefined,
  dir: number,
  ref: Ref | undefined,
): Found['mention'] | undefined {
  if (month === undefined) return undefined;
  if (!ref) return { granularity: 'month', relative: true, calendar: 'gregorian' };
  let y = ref.y;
  if (dir < 0 && month >= ref.m) y--;
  if (dir > 0 && month <= ref.m) y++;
  const iso = isoMonth(y, month);
  return { startDate: iso, endDate: iso, granularity: 'month', relative: true, calendar: 'gregorian' };
}

function relativeUnit(unit: string, dir: number, ref: Ref | undefined): Found['mention'] {
  const u = /^(?:العام|السنة|year)$/i.test(unit)
    ? 'year'
    : /^(?:الشهر|month)$/i.test(unit)
      ? 'month'
      : 'week';
  const granularity = u as 'year' | 'month' | 'week';
  if (!ref) return { granularity, relative: true, calendar: 'gregorian' };
  if (u === 'year')
    return {
      startDate: String(ref.y + dir),
      endDate: String(ref.y + dir),
      granularity,
      relative: true,
      calendar: 'gregorian',
    };
  if (u === 'month') {
    const idx = ref.y * 12 + (ref.m - 1) + dir;
    const iso = isoMonth(Math.floor(idx / 12), (idx % 12) + 1);
    return { startDate: iso, endDate: iso, granularity, relative: true, calendar: 'gregorian' };
  }
  const monday = (ref.dow + 6) % 7;
  return {
    startDate: shiftDays(ref, -monday + 7 * dir),
    endDate: shiftDays(ref, -monday + 7 * dir + 6),
    granularity,
    relative: true,
    calendar: 'gregorian',
  };
}

function weekday(dow: number, ref: Ref | undefined): Found['mention'] {
  if (!ref) return { granularity: 'weekday', relative: true, calendar: 'gregorian' };
  // News reports the past: the most recent such weekday on or before the reference date.
  const back = (ref.dow - dow + 7) % 7;
  const iso = shiftDays(ref, -back);
  return { startDate: iso, endDate: iso, granularity: 'weekday', relative: true, calendar: 'gregorian' };
}

function dayWord(word: string, ref: Ref | undefined): Found['mention'] {
  const offset = /^(?:[أا]مس|البارحة|yesterday)$/i.test(word)
    ? -1
    : /^(?:غدا|غداً|tomorrow)$/i.test(word)
      ? 1
      : 0;
  if (!ref) return { granularity: 'day', relative: true, calendar: 'gregorian' };
  const iso = shiftDays(ref, offset);
  return { startDate: iso, endDate: iso, granularity: 'day', relative: true, calendar: 'gregorian' };
}

/** Converts a Hijri (Umm al-Qura) date to Gregorian by searching around the arithmetic estimate with ICU. */
export function hijriToGregorian(y: number, m: number, d: number): string | undefined {
  // The same Hijri date recurs throughout an article: convert each one once (bounded memo).
  const key = `${y}-${m}-${d}`;
  if (hijriMemo.has(key)) return hijriMemo.get(key);
  const out = convertHijri(y, m, d);
  if (hijriMemo.size >= HIJRI_MEMO_MAX) hijriMemo.clear();
  hijriMemo.set(key, out);
  return out;
}

const HIJRI_MEMO_MAX = 4096;
const hijriMemo = new Map<string, string | undefined>();
let umalqura: Intl.DateTimeFormat | null | undefined;

function umalquraFormat(): Intl.DateTimeFormat | undefined {
  if (umalqura === undefined) {
    try {
      umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    } catch {
      umalqura = null;
    }
  }
  return umalqura ?? undefined;
}

/** Largest time value a Date holds (ECMA-262: 100,000,000 days either side of 1970). */
const MAX_DATE_MS = 8.64e15;

function convertHijri(y: number, m: number, d: number): string | undefined {
  const fmt = umalquraFormat();
  if (!fmt) return undefined;
  const epoch = Date.UTC(622, 6, 16);
  const estimate = epoch + Math.round(((y - 1) * 354.367 + (m - 1) * 29.53 + (d - 1)) * 86_400_000);
  // Outside the range a Date can hold, formatting throws: such a date has no Gregorian equivalent here.
  if (!Number.isFinite(estimate) || Math.abs(estimate) > MAX_DATE_MS - 9 * 86_400_000) return undefined;
  for (let k = 0; k <= 8; k++) {
    for (const sign of k ? [1, -1] : [1]) {
      const t = estimate + sign * k * 86_400_000;
      const parts = fmt.formatToParts(new Date(t));
      const get = (type: string) => Number.parseInt(parts.find((p) => p.type === type)?.value ?? '', 10);
      if (get('year') === y && get('month') === m && get('day') === d) {
        const g = new Date(t);
        return isoDay(g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate());
      }
    }
  }
  return undefined;
}

const YEAR_CUES =
  '(?:عام|العام|سنة|السنة|منذ|حتى|في|خلال|بحلول|مطلع|أواخر|اواخر|أوائل|اوائل|نهاية|بداية|منتصف|مونديال|كأس|بطولة|انتخابات|in|since|by|until|of|from|to|between|and|before|after|during|early|late|mid|the)';

/** First characters of the alternatives of a pattern list: a leading `[...]` class, else the first letter. */
function initials(patterns: string[]): string {
  const out = new Set<string>();
  for (const alternative of patterns.flatMap((p) => p.split('|'))) {
    const lead = /^\[([^\]]+)\]/.exec(alternative)?.[1] ?? alternative[0] ?? '';
    for (const ch of lead) out.add(ch);
  }
  return [...out].join('');
}

const DIGITS = '0-9٠-٩';
const AR_INITIALS = initials(AR_MONTHS.map(([p]) => p));
const EN_INITIALS = initials(EN_MONTHS.map(([p]) => p));
const HIJRI_INITIALS = initials(HIJRI_MONTHS.map(([p]) => p));
const EN_WEEKDAY_INITIALS = initials(EN_WEEKDAYS);
/** The clitics `AR_PREFIX` lets a word carry. */
const AR_PREFIX_LETTERS = 'وبفل';

/*
 * Marks: what a sentence holds that a rule can start at or needs, found by one scan of its characters
 * (`scanSentence`, shared with the numbers) instead of a search per rule and per need. A run of digits
 * (0-9, ٠-٩) is marked where it starts, as a day's too when it is one or two digits (`DAY_RUN`: a rule's
 * day is a whole run, never part of a longer one); a run of letters is marked where it starts when it is, whole or after one clitic (و ب ف ل), a
 * word some rule starts at or needs (the first word of a month's name, a weekday, a relative or day
 * word, يوم, من/بين, from/between). Every match of every rule starts at such a start: after a
 * look-behind that refuses a letter (and, before a digit, a digit), at a clitic, a word or a digit. A
 * run of letters here is of ASCII and Arabic letters (U+0621-U+064A) and ſ and K (which the i flag folds
 * to s and k): all of them letters, so a run never reaches past the word a rule reads, which a space,
 * a mark or a sign follows; the clitics and words are made of them.
 */
const AR_MONTH_WORD = 8;
const EN_MONTH_WORD = 16;
const HIJRI_MONTH_WORD = 32;
const AR_REL_WORD = 64;
const EN_REL_WORD = 128;
const AR_UNIT_WORD = 256;
const EN_UNIT_WORD = 512;
const DAY_WORD = 1024;
const WEEKDAY_WORD = 2048;
const YAWM_WORD = 4096;
const AR_FROM_WORD = 8192;
const EN_FROM_WORD = 16384;

/**
 * The spellings of the first word of each alternative of a pattern list: its character classes and
 * optional letters spelled out, a trailing optional full stop dropped (Jan\.? is the word Jan).
 */
function firstWords(patterns: string[]): string[] {
  // Plain loops, no regular expression: this runs in every cold import, before anything is compiled.
  const out: string[] = [];
  for (const pattern of patterns) {
    for (const alternative of topLevelAlternatives(pattern)) {
      const space = alternative.indexOf(' ');
      let word = space < 0 ? alternative : alternative.slice(0, space);
      if (word.endsWith('\\.?')) word = word.slice(0, -3);
      else if (word.endsWith('\\.')) word = word.slice(0, -2);
      let spellings = [''];
      for (let i = 0; i < word.length; i++) {
        let letters = word[i] as string;
        if (letters === '[') {
          const close = word.indexOf(']', i);
          letters = word.slice(i + 1, close);
          i = close;
        }
        const optional = word[i + 1] === '?';
        if (optional) i++;
        const next: string[] = [];
        for (const s of spellings) {
          for (const letter of letters) next.push(s + letter);
          if (optional) next.push(s);
        }
        spellings = next;
      }
      for (const s of spellings) out.push(s);
    }
  }
  return out;
}

/** The alternatives of a pattern, split at the bars outside its groups. */
function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  out.push(pattern.slice(from));
  return out;
}

/**
 * Every spelling of the first word of each month name, as `firstWords` derives them from the month
 * patterns (`monthWordsDisagreeing` tells a unit test where they differ). Spelled out because deriving
 * them at import cost 2-3 ms of every cold start: V8 compiling and first running the derivation.
 */
const AR_MONTH_WORDS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'إبريل',
  'ابريل',
  'مايو',
  'يونيو',
  'يونيه',
  'يوليو',
  'يوليه',
  'أغسطس',
  'اغسطس',
  'سبتمبر',
  'أكتوبر',
  'اكتوبر',
  'نوفمبر',
  'ديسمبر',
  'كانون',
  'شباط',
  'آذار',
  'اذار',
  'نيسان',
  'أيار',
  'ايار',
  'حزيران',
  'تموز',
  'آب',
  'اب',
  'أيلول',
  'ايلول',
  'تشرين',
  'جانفي',
  'فيفري',
  'أفريل',
  'افريل',
  'ماي',
  'جوان',
  'جويلية',
  'أوت',
  'اوت',
];
const EN_MONTH_WORDS = [
  'January',
  'Jan',
  'February',
  'Feb',
  'March',
  'Mar',
  'April',
  'Apr',
  'May',
  'June',
  'Jun',
  'July',
  'Jul',
  'August',
  'Aug',
  'September',
  'Sept',
  'Sep',
  'October',
  'Oct',
  'November',
  'Nov',
  'December',
  'Dec',
];
const HIJRI_MONTH_WORDS = ['محرم', 'صفر', 'ربيع', 'جمادى', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو'];

/** Where the spelled-out month words and the month patterns' first words differ (empty when they agree). */
export function monthWordsDisagreeing(): string[] {
  const out: string[] = [];
  for (const [name, patterns, words] of [
    ['Arabic', AR_MONTHS, AR_MONTH_WORDS],
    ['English', EN_MONTHS, EN_MONTH_WORDS],
    ['Hijri', HIJRI_MONTHS, HIJRI_MONTH_WORDS],
  ] as const) {
    const derived = new Set(firstWords(patterns.map(([p]) => p)));
    for (const w of derived) if (!words.includes(w)) out.push(`${name}: ${w} is missing`);
    for (const w of words) if (!derived.has(w)) out.push(`${name}: ${w} starts no month`);
  }
  return out;
}

/** Each marked word (the hash folds case), with its marks. */
const MARKED_WORDS: Array<[string[], number]> = [
  [AR_MONTH_WORDS, AR_MONTH_WORD],
  [EN_MONTH_WORDS, EN_MONTH_WORD],
  [HIJRI_MONTH_WORDS, HIJRI_MONTH_WORD],
  [AR_REL_ROOTS.flatMap((w) => [w, `${w}ة`]), AR_REL_WORD],
  [['last', 'next', 'this', 'coming', 'past'], EN_REL_WORD],
  [['العام', 'السنة', 'الشهر', 'الأسبوع', 'الاسبوع'], AR_UNIT_WORD],
  [['year', 'month', 'week'], EN_UNIT_WORD],
  // غداً: its tanween is a mark, not a letter, so the run of letters is غدا.
  [['أمس', 'امس', 'البارحة', 'غدا', 'yesterday', 'tomorrow'], DAY_WORD],
  [[...AR_WEEKDAYS.map(([w]) => w), ...EN_WEEKDAYS], WEEKDAY_WORD],
  [['يوم'], YAWM_WORD],
  [['من', 'بين'], AR_FROM_WORD],
  [['from', 'between'], EN_FROM_WORD],
];

/** The clitics a marked word may carry (`AR_PREFIX` and the day words' [وف]). */
const CLITICS = [...'وبفل'];

for (const [words, mark] of MARKED_WORDS) markDateWords(words, CLITICS, mark);

/** Reads `text` (see `scanSentence`); returns how many marks it holds, in `scanned.markAt`/`markOf`. */
function scanMarks(text: string): number {
  scanSentence(text);
  return scanned.marks;
}

/** Whether marks `has` meet every mask of `gate`. */
function passesGate(gate: readonly number[], has: number): boolean {
  for (const mask of gate) if ((has & mask) === 0) return false;
  return true;
}

/** Where the rule being tried starts: one buffer, reused. */
const ruleStarts: number[] = [];

/** Each match of a rule in `text`, whose `count` marks `scanMarks` has just found: tried at its lead marks only. */
function forEachRuleMatch(
  rule: RunRule,
  text: string,
  count: number,
  visit: (m: RegExpExecArray) => unknown,
) {
  const { markAt, markOf } = scanned;
  let n = 0;
  for (let k = 0; k < count; k++)
    if (((markOf[k] as number) & rule.lead) !== 0) ruleStarts[n++] = markAt[k] as number;
  if (n > 0) forEachMatchAt(stickyOf(rule), text, ruleStarts, n, visit);
}

/** The marks `text` holds, all together. */
function marksOf(text: string): number {
  const count = scanMarks(text);
  let has = 0;
  for (let k = 0; k < count; k++) has |= scanned.markOf[k] as number;
  return has;
}

const RULE_PATTERNS: Rule[] = [
  // من 21 نوفمبر/تشرين الثاني إلى 18 ديسمبر/كانون الأول 2022 ; 15 إلى 17 نوفمبر ; بين 15 و17 نوفمبر 2022
  {
    starts: `مب${DIGITS}`,
    gate: [DAY_RUN, AR_MONTH_WORD],
    lead: DAY_RUN | AR_FROM_WORD,
    priority: 0,
    re: pattern(
      `${AB}(?:(?:من|بين)\\s+)?(${DAY})(?:\\s+(${AR_MONTH_P}))?(?:\\s+(${YEAR}))?\\s*(?:إلى|الى|حتى|و|-|–)\\s*(${DAY})\\s+(${AR_MONTH_P})(?:\\s+(?:عام\\s+)?(${YEAR}))?${AE}`,
      'gu',
    ),
    build: (m, ref) =>
      dayRange(
        toInt(m[1]),
        monthOf(firstMonth(m[2])),
        toInt(m[3]),
        toInt(m[4]),
        monthOf(firstMonth(m[5])),
        toInt(m[6]),
        ref,
      ),
  },
  // Nov. 21-Dec. 18, 2022 ; November 21 to December 18 ; Nov 15-17, 2022
  {
    starts: `fb${EN_INITIALS}`,
    gate: [DAY_RUN, EN_MONTH_WORD],
    lead: EN_FROM_WORD | EN_MONTH_WORD,
    priority: 0,
    re: pattern(
      `${AB}(?:from\\s+|between\\s+)?(${EN_MONTH})\\s+(${DAY})(?:,?\\s+(${YEAR}))?\\s*(?:-|–|to|until|through|and)\\s*(?:(${EN_MONTH})\\s+)?(${DAY})(?:,?\\s+(${YEAR}))?${AE}`,
      'giu',
    ),
    build: (m, ref) =>
      dayRange(
        toInt(m[2]),
        monthOf(m[1] ?? ''),
        toInt(m[3]),
        toInt(m[5]),
        m[4] ? monthOf(m[4]) : undefined,
        toInt(m[6]),
        ref,
      ),
  },
  // 21-23 November 2022 ; from 21 November to 18 December 2022
  {
    starts: `fb${DIGITS}`,
    gate: [DAY_RUN, EN_MONTH_WORD],
    lead: EN_FROM_WORD | DAY_RUN,
    priority: 0,
    re: pattern(
      `${AB}(?:from\\s+|between\\s+)?(${DAY})(?:\\s+(${EN_MONTH}))?\\s*(?:-|–|to|until|and)\\s*(${DAY})\\s+(${EN_MONTH})(?:,?\\s+(${YEAR}))?${AE}`,
      'giu',
    ),
    build: (m, ref) =>
      dayRange(
        toInt(m[1]),
        m[2] ? monthOf(m[2]) : undefined,
        undefined,
        toInt(m[3]),
        monthOf(m[4] ?? ''),
        toInt(m[5]),
        ref,
      ),
  },
  // Hijri: 15 رمضان 1443 هـ ; رمضان 1443هـ ; 1443 هـ
  {
    starts: `${DIGITS}${HIJRI_INITIALS}`,
    gate: [HIJRI_YEAR],
    lead: DIGIT_RUN | HIJRI_MONTH_WORD,
    priority: 1,
    re: pattern(
      `${AB}(?:(${DAY})\\s+)?(?:(${alt(HIJRI_MONTHS)})\\s+)?(${D}{3,4})\\s*(?:هـ|ه)(?![\\p{L}])`,
      'gu',
    ),
    build: (m) => {
      const y = toInt(m[3]);
      const mo = m[2] ? hijriMonthOf(m[2]) : undefined;
      const d = toInt(m[1]);
      if (y === undefined) return undefined;
      if (mo && d) {
        const g = hijriToGregorian(y, mo, d);
        return g
          ? { startDate: g, endDate: g, granularity: 'day', relative: false, calendar: 'hijri' }
          : { granularity: 'day', relative: false, calendar: 'hijri' };
      }
      if (mo) {
        const a = hijriToGregorian(y, mo, 1);
        const b = hijriToGregorian(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1);
        const out: Found['mention'] = { granularity: 'month', relative: false, calendar: 'hijri' };
        if (a) out.startDate = a;
        if (a && b) out.endDate = shiftDays(refOf(b), -1);
        return out;
      }
      const a = hijriToGregorian(y, 1, 1);
      const b = hijriToGregorian(y + 1, 1, 1);
      const out: Found['mention'] = { granularity: 'year', relative: false, calendar: 'hijri' };
      if (a) out.startDate = a;
      if (a && b) out.endDate = shiftDays(refOf(b), -1);
      return out;
    },
  },
  // 21 نوفمبر/تشرين الثاني 2022 ; 21 November 2022 ; (الإثنين) 21 نوفمبر
  {
    starts: DIGITS,
    gate: [DAY_RUN, AR_MONTH_WORD | EN_MONTH_WORD],
    lead: DAY_RUN,
    priority: 2,
    re: pattern(`${AB}(${DAY})\\s+(${AR_MONTH_P}|${EN_MONTH})(?:,?\\s+(?:عام\\s+)?(${YEAR}))?${AE}`, 'giu'),
    build: (m, ref) => single(toInt(m[1]), monthOf(firstMonth(m[2])), toInt(m[3]), ref),
  },
  // November 21, 2022 ; Nov. 21
  {
    starts: EN_INITIALS,
    gate: [DAY_RUN, EN_MONTH_WORD],
    lead: EN_MONTH_WORD,
    priority: 2,
    re: pattern(`${AB}(${EN_MONTH})\\s+(${DAY})(?:st|nd|rd|th)?(?:,?\\s+(${YEAR}))?${AE}`, 'giu'),
    build: (m, ref) => single(toInt(m[2]), monthOf(m[1] ?? ''), toInt(m[3]), ref),
  },
  // نوفمبر/تشرين الثاني الماضي ; last November ; next March
  {
    starts: `${AR_PREFIX_LETTERS}${AR_INITIALS}`,
    gate: [AR_REL_WORD, AR_MONTH_WORD],
    lead: AR_MONTH_WORD,
    priority: 3,
    re: pattern(`${AR_PREFIX}(${AR_MONTH_P})\\s+(${AR_REL})${AE}`, 'gu'),
    build: (m, ref) => relativeMonth(monthOf(firstMonth(m[1])), REL_WORDS[m[2] ?? ''] ?? 0, ref),
  },
  {
    starts: 'lntcp',
    gate: [EN_REL_WORD, EN_MONTH_WORD],
    lead: EN_REL_WORD,
    priority: 3,
    re: pattern(`${AB}(last|next|this|coming|past)\\s+(${EN_MONTH})${AE}`, 'giu'),
    build: (m, ref) => relativeMonth(monthOf(m[2] ?? ''), REL_WORDS[(m[1] ?? '').toLowerCase()] ?? 0, ref),
  },
  // نوفمبر 2022 ; November 2022
  {
    starts: `${AR_PREFIX_LETTERS}${AR_INITIALS}${EN_INITIALS}`,
    gate: [DIGIT_RUN, AR_MONTH_WORD | EN_MONTH_WORD],
    lead: AR_MONTH_WORD | EN_MONTH_WORD,
    priority: 4,
    re: pattern(`${AR_PREFIX}(${AR_MONTH_P}|${EN_MONTH})\\s+(?:عام\\s+|of\\s+)?(${YEAR})${AE}`, 'giu'),
    build: (m) => {
      const mo = monthOf(firstMonth(m[1]));
      const y = toInt(m[2]);
      if (!mo || y === undefined) return undefined;
      return {
        startDate: isoMonth(y, mo),
        endDate: isoMonth(y, mo),
        granularity: 'month',
        relative: false,
        calendar: 'gregorian',
      };
    },
  },
  // العام المقبل ; الشهر الماضي ; last year ; next week
  {
    starts: `${AR_PREFIX_LETTERS}ا`,
    gate: [AR_REL_WORD, AR_UNIT_WORD],
    lead: AR_UNIT_WORD,
    priority: 5,
    re: pattern(`${AR_PREFIX}(العام|السنة|الشهر|الأسبوع|الاسبوع)\\s+(${AR_REL})${AE}`, 'gu'),
    build: (m, ref) => relativeUnit(m[1] ?? '', REL_WORDS[m[2] ?? ''] ?? 0, ref),
  },
  {
    starts: 'lntcp',
    gate: [EN_REL_WORD, EN_UNIT_WORD],
    lead: EN_REL_WORD,
    priority: 5,
    re: pattern(`${AB}(last|next|this|coming|past)\\s+(year|month|week)${AE}`, 'giu'),
    build: (m, ref) =>
      relativeUnit((m[2] ?? '').toLowerCase(), REL_WORDS[(m[1] ?? '').toLowerCase()] ?? 0, ref),
  },
  // في عام 2022 ; مونديال 2022 ; in 2022 ; 2022.
  {
    starts: '12١٢',
    gate: [YEAR_RUN],
    lead: YEAR_RUN,
    priority: 6,
    re: pattern(
      `(?<=${YEAR_CUES}\\s+)((?:19|20)${D}{2}|[١٢][٩٠]${D}{2})${AE}|${AB}((?:19|20)${D}{2})(?=\\s*[.،,؛;)"»”]|\\s*$)`,
      'giu',
    ),
    build: (m) => {
      const y = toInt(m[1] ?? m[2]);
      if (y === undefined) return undefined;
      return {
        startDate: String(y),
        endDate: String(y),
        granularity: 'year',
        relative: false,
        calendar: 'gregorian',
      };
    },
  },
  // أمس ; اليوم ; غدا ; yesterday ; today ; tomorrow
  {
    starts: 'وفأاغyt',
    gate: [DAY_WORD],
    lead: DAY_WORD,
    priority: 7,
    re: pattern('(?<=[\\s(«"“،,]|^)[وف]?([أا]مس|البارحة|غداً?|yesterday|tomorrow)(?![\\p{L}\\p{N}])', 'giu'),
    build: (m, ref) => dayWord(m[1] ?? '', ref),
  },
  // الإثنين ; يوم الخميس ; Monday
  {
    starts: `${AR_PREFIX_LETTERS}يا${EN_WEEKDAY_INITIALS}`,
    gate: [WEEKDAY_WORD],
    lead: WEEKDAY_WORD | YAWM_WORD,
    priority: 8,
    re: pattern(
      `${AR_PREFIX}(?:يوم\\s+)?(${AR_WEEKDAYS.map(([w]) => w).join('|')})${AE}|${AB}(${EN_WEEKDAYS.join('|')})${AE}`,
      'gu',
    ),
    build: (m, ref) => {
      const word = m[1] ?? m[2] ?? '';
      const dow = AR_WEEKDAYS.find(([w]) => w === word)?.[1] ?? EN_WEEKDAYS.indexOf(word);
      return dow >= 0 ? weekday(dow, ref) : undefined;
    },
  },
];

/**
 * The rules as run: each expression behind a look-ahead for the characters its matches start with.
 * V8 then skips every other position on that one test instead of trying the look-behinds and long
 * alternations there (3-7 times faster); the matches are the same, since every match starts so.
 */
const RULES: RunRule[] = RULE_PATTERNS.map((rule) => ({
  ...rule,
  source: `(?=[${rule.starts}])(?:${rule.re.source})`,
}));

interface RunRule extends Rule {
  /** The expression's source behind its look-ahead, with `re.flags`. */
  source: string;
  global?: RegExp;
  sticky?: RegExp;
}

/*
 * The expressions as run are made on first use: constructing one with a Unicode property class costs
 * V8 a fraction of a millisecond, which every cold start would pay for rules it may never run.
 */
function globalOf(rule: RunRule): RegExp {
  rule.global ??= new RegExp(rule.source, rule.re.flags);
  return rule.global;
}

function stickyOf(rule: RunRule): RegExp {
  // Tried only where a match can start (a character of `starts`, at a lead mark): no look-ahead to test.
  rule.sticky ??= new RegExp(rule.re.source, `${rule.re.flags.replace('g', '')}y`);
  return rule.sticky;
}

/**
 * Matches of the rules run without their look-ahead that start with a character outside their
 * `starts`: the look-ahead would lose them. Empty when every `starts` is right (a unit test holds it).
 */
export function matchesOutsideStarts(text: string): string[] {
  const lost: string[] = [];
  for (const rule of RULE_PATTERNS) {
    const starts = new RegExp(`^[${rule.starts}]`, rule.re.flags.replace('g', ''));
    const re = new RegExp(rule.re.source, rule.re.flags.includes('g') ? rule.re.flags : `${rule.re.flags}g`);
    for (const m of text.matchAll(re)) if (m[0] && !starts.test(m[0])) lost.push(m[0]);
  }
  return lost;
}

/**
 * Matches of the rules in `sentence` that the gates would have skipped: the marks of the sentence, or
 * of the match alone, fail the rule's gate (every mark a gate asks for is inside the match, so a test
 * sentence with more dates in it cannot hide a gate that is wrong). Empty when every gate is necessary
 * (a unit test holds it).
 */
export function matchesFailingNeeds(sentence: string): string[] {
  const lost: string[] = [];
  for (const rule of RULES) {
    forEachMatch(globalOf(rule), sentence, (m) => {
      if (!passesGate(rule.gate, marksOf(sentence)) || !passesGate(rule.gate, marksOf(m[0]))) lost.push(m[0]);
    });
  }
  return lost;
}

function refOf(iso: string): Ref {
  const d = new Date(`${iso}T00:00:00Z`);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), dow: d.getUTCDay() };
}

function firstMonth(s: string | undefined): string {
  if (s === undefined) return '';
  // What s.split(/\s*[/(]\s*/)[0] gives, without the split: the text before the first slash or
  // parenthesis and the white space just before it (the leftmost match of the separator starts there).
  let at = 0;
  while (at < s.length) {
    const c = s.charCodeAt(at);
    if (c === 0x2f || c === 0x28) break;
    at++;
  }
  if (at === s.length) return s;
  while (at > 0 && isRegExpSpace(s.charCodeAt(at - 1))) at--;
  return s.slice(0, at);
}

/**
 * Date mentions of the article, in text order, each tied to its sentence and, when the sentence
 * names one, to the event it dates (the nearest event mention, preferring the one before).
 */
export function extractDates(doc: AnalysedText, entities: Entity[] = []): DateMention[] {
  const ref = parseRef(doc);
  // Event mentions in entity order (`order`), then sorted by start; plain loops, as this runs per article.
  const events: EventMention[] = [];
  let longestEvent = 0;
  for (const e of entities) {
    if (e.type !== 'event') continue;
    for (const m of e.mentions) {
      events.push({ start: m.start, end: m.end, name: e.text, order: events.length });
      longestEvent = Math.max(longestEvent, m.end - m.start);
    }
  }
  events.sort((a, b) => a.start - b.start || a.order - b.order);
  const out: DateMention[] = [];
  const sentences = doc.sentences;
  beginNumberStarts(sentences);
  for (let sentence = 0; sentence < sentences.length; sentence++) {
    const s = sentences[sentence] as (typeof sentences)[number];
    if (s.start > MAX_DATE_CHARS || out.length >= MAX_DATES) continue;
    // The sentence read in the article's text where it is that text's slice (as `splitSentences` makes
    // it); indexOf tells so by a native comparison, where startsWith would compare character by character.
    if (doc.text.indexOf(s.text, s.start) === s.start)
      scanSentence(doc.text, s.start, s.start + s.text.length);
    else scanSentence(s.text);
    keepNumberStarts(sentence);
    const found = findInSentence(s, ref);
    if (!found.length) continue;
    for (const f of keepByPriority(found, s)) {
      const dm: DateMention = {
        text: doc.text.slice(f.start, f.end),
        start: f.start,
        end: f.end,
        ...f.mention,
        sentence,
      };
      const event = nearestEvent(doc.text, events, longestEvent, s, f);
      if (event) dm.event = event;
      out.push(dm);
    }
  }
  return out.slice(0, MAX_DATES);
}

/** Every rule's matches in one sentence, unresolved (they may overlap), whose marks `scanSentence` has just found. */
function findInSentence(s: { text: string; start: number }, ref: Ref | undefined): Found[] {
  const found: Found[] = [];
  const text = s.text;
  const count = scanned.marks;
  if (count === 0) return found;
  const markOf = scanned.markOf;
  let has = 0;
  for (let k = 0; k < count; k++) has |= markOf[k] as number;
  for (const rule of RULES) {
    if (!passesGate(rule.gate, has)) continue;
    forEachRuleMatch(rule, text, count, (m) => {
      const mention = rule.build(m, ref);
      if (!mention) return;
      // The match less its white space at either end, as trimStart/trimEnd count it (no copies).
      const whole = m[0];
      let lead = 0;
      while (lead < whole.length && isRegExpSpace(whole.charCodeAt(lead))) lead++;
      let length = whole.length;
      while (length > 0 && isRegExpSpace(whole.charCodeAt(length - 1))) length--;
      found.push({
        start: s.start + m.index + lead,
        end: s.start + m.index + length,
        priority: rule.priority,
        mention,
      });
    });
  }
  return found;
}

/**
 * Where trying the rules at their lead marks finds other matches than the plain search (as
 * `rule:index:match`): empty when every match of a rule starts at one (a unit test holds it).
 */
export function matchesMissedNear(text: string): string[] {
  return RULES.flatMap((rule, r) =>
    matchesFoundByOneOnly(
      (visit) => forEachMatch(globalOf(rule), text, visit),
      (visit) => forEachRuleMatch(rule, text, scanMarks(text), visit),
    ).map((lost) => `${r}:${lost}`),
  );
}

/** Above this many candidates a sentence marks claimed characters instead of comparing spans pairwise. */
const PAIRWISE_MAX = 16;

/**
 * The candidates that survive, in text order: by priority, then longest, then first, each kept unless
 * it overlaps one kept before.
 */
function keepByPriority(found: Found[], s: { start: number; end: number }): Found[] {
  found.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  if (found.length <= PAIRWISE_MAX) {
    // Overlap as the claimed characters would tell it: an empty or reversed span claims and meets nothing.
    for (const f of found)
      if (!kept.some((k) => Math.max(k.start, f.start) < Math.min(k.end, f.end))) kept.push(f);
  } else {
    // Claimed characters of the sentence: an overlap test costs the match's length, not the number kept.
    const claimed = new Uint8Array(s.end - s.start);
    for (const f of found) {
      const a = f.start - s.start;
      const b = f.end - s.start;
      if (claimed.subarray(a, b).includes(1)) continue;
      claimed.fill(1, a, b);
      kept.push(f);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Farthest an event may sit from a date and still be the one it dates (later events count triple). */
const MAX_EVENT_DISTANCE = 120;

interface EventMention {
  start: number;
  end: number;
  name: string;
  order: number;
}

function nearestEvent(
  text: string,
  events: readonly EventMention[],
  longestEvent: number,
  s: { start: number; end: number },
  f: Found,
): string | undefined {
  // Events are sorted by start; only those within MAX_EVENT_DISTANCE can win, so look at that window
  // only (a long unpunctuated "sentence" would otherwise pair every date with every event).
  const from = Math.max(s.start, f.start - MAX_EVENT_DISTANCE - longestEvent);
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as EventMention).start < from) lo = mid + 1;
    else hi = mid;
  }
  let best: { d: number; name: string; order: number } | undefined;
  for (let k = lo; k < events.length; k++) {
    const e = events[k] as EventMention;
    if (e.start > f.end + MAX_EVENT_DISTANCE / 3) break;
    if (e.end > s.end) continue;
    let d: number;
    if (e.end <= f.start) d = f.start - e.end;
    else if (e.start >= f.end) {
      // "before the Arab Cup", "، إنه من أجل كأس العالم": a later event is dated only when nothing separates them.
      const between = text.slice(f.end, e.start);
      if (/[،,؛;]|قبل|بعد|before|after/iu.test(between)) continue;
      d = (e.start - f.end) * 3;
    } else d = 0;
    if (d > MAX_EVENT_DISTANCE) continue;
    // Ties go to the earlier-listed event, as they did when events were visited in entity order.
    if (!best || d < best.d || (d === best.d && e.order < best.order))
      best = { d, name: e.name, order: e.order };
  }
  return best?.name;
}
