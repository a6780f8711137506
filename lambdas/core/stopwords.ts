/**
 * Stop words from stopwords-iso, normalised the way tokens are, built once per language. Arabic and
 * English, which every digest uses, are named imports of the package's JSON, so esbuild bundles those
 * two lists (14 KB) and not the other 56 (300 KB): those load with the `stopwords` piece when an
 * article in one of their languages first needs them.
 */
import { ar, en } from 'stopwords-iso';
import { loadPiece } from './lazy.ts';
import { normalizeForMatch, stripClitics } from './segment.ts';

/** The lists every digest uses: Arabic and English are always stop words, for mixed text. */
const ALWAYS: Readonly<Record<string, readonly string[]>> = { ar, en };
const cache = new Map<string, Set<string>>();

/** stopwords-iso's list for a language, loading the other languages' lists on first need; undefined when it has none. */
function listOf(language: string): readonly string[] | undefined {
  if (Object.hasOwn(ALWAYS, language)) return ALWAYS[language];
  const all = loadPiece('stopwords').default;
  return Object.hasOwn(all, language) ? all[language] : undefined;
}

/** Arabic function words the package lacks, in normalised form (prepositions with pronouns, reporting fillers). */
const EXTRA_AR = [
  'وفق',
  'حسب',
  'بحسب',
  'خلال',
  'مثل',
  'عبر',
  'ضمن',
  'حاليا',
  'ايضا',
  'كلا',
  'وكان',
  'انه',
  'انها',
  'الي',
  'علي',
  'التي',
  'الذي',
  'فيما',
  'بين',
  'لكن',
  'مثل',
  'اطار',
  'بشان',
  'شان',
  'حول',
  'جاء',
  'ذلك',
  'اكثر',
  'اقل',
  'العام',
  'عام',
  'الماضي',
  'المقبل',
  'اليوم',
  'امس',
];

/** Calendar words: dates are facts, not topics (months and weekdays in English and Arabic). */
const CALENDAR = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'الاثنين',
  'الإثنين',
  'الثلاثاء',
  'الأربعاء',
  'الخميس',
  'الجمعة',
  'السبت',
  'الأحد',
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'ابريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
  'كانون',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين',
];

/** The normalised stop-word set for a language (English for `und`); Arabic and English always included for mixed text. */
export function stopWordsFor(language: string): Set<string> {
  let set = cache.get(language);
  if (set) return set;
  // `und` (no language detected) has no list: English is the default without loading the other lists.
  const key = language !== 'und' && listOf(language) ? language : 'en';
  set = cache.get(key);
  if (!set) {
    set = new Set<string>();
    for (const lang of new Set([key, 'ar', 'en'])) {
      for (const w of listOf(lang) ?? []) set.add(normalizeForMatch(w));
    }
    for (const w of [...EXTRA_AR, ...CALENDAR]) set.add(normalizeForMatch(w));
    cache.set(key, set);
  }
  cache.set(language, set);
  return set;
}

/** Digits, separators (Arabic ٫ ٬ too) and percent signs only. */
const NUMERIC = /^[\d.,\u066B\u066C%]+$/;

/** True for stop words, numbers, punctuation-only and one-letter tokens: terms that carry no topic. */
export function isStopToken(norm: string, stops: Set<string>): boolean {
  // The set lookup first: most tokens of any article are stop words, and it is the cheapest test.
  return norm.length < 2 || stops.has(norm) || NUMERIC.test(norm) || stops.has(stripClitics(norm));
}
