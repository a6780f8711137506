/** Stop words from stopwords-iso, normalised the way tokens are, built once per language. */
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import { normalizeForMatch, stripClitics } from './segment.ts';

const lists = stopwordsIso as Record<string, string[]>;
const cache = new Map<string, Set<string>>();

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
  const key = language in lists ? language : 'en';
  let set = cache.get(key);
  if (!set) {
    set = new Set<string>();
    for (const lang of new Set([key, 'ar', 'en'])) {
      for (const w of lists[lang] ?? []) {
        const n = normalizeForMatch(w);
        set.add(n);
      }
    }
    for (const w of [...EXTRA_AR, ...CALENDAR]) set.add(normalizeForMatch(w));
    cache.set(key, set);
  }
  return set;
}

/** True for stop words, numbers, punctuation-only and one-letter tokens: terms that carry no topic. */
export function isStopToken(norm: string, stops: Set<string>): boolean {
  if (norm.length < 2 || /^[\d.,٫٬%]+$/u.test(norm)) return true;
  return stops.has(norm) || stops.has(stripClitics(norm));
}
