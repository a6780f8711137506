/**
 * Language (ISO 639-1) and writing direction, from a script check plus franc-min. The script settles
 * Arabic (and Hebrew) text alone, so franc's trigram models, 170 KB, load as a lazy piece only when
 * a text in another script, or Arabic script with Persian or Urdu letters, first needs them.
 */
import { loadPiece } from './lazy.ts';

const franc: typeof import('franc-min').franc = (value, options) => loadPiece('franc').franc(value, options);

/** franc-min's ISO 639-3 codes mapped to ISO 639-1 (macrolanguages folded: arb -> ar, pes -> fa). */
const ISO_639_1: Record<string, string> = {
  spa: 'es',
  eng: 'en',
  por: 'pt',
  ind: 'id',
  fra: 'fr',
  deu: 'de',
  jav: 'jv',
  vie: 'vi',
  ita: 'it',
  tur: 'tr',
  pol: 'pl',
  swh: 'sw',
  sun: 'su',
  ron: 'ro',
  hau: 'ha',
  fuv: 'ff',
  bos: 'bs',
  hrv: 'hr',
  nld: 'nl',
  srp: 'sr',
  ckb: 'ku',
  yor: 'yo',
  uzn: 'uz',
  zlm: 'ms',
  ibo: 'ig',
  ceb: 'ceb',
  tgl: 'tl',
  hun: 'hu',
  azj: 'az',
  ces: 'cs',
  run: 'rn',
  plt: 'mg',
  qug: 'qu',
  nya: 'ny',
  kin: 'rw',
  zul: 'zu',
  swe: 'sv',
  lin: 'ln',
  som: 'so',
  ilo: 'ilo',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  arb: 'ar',
  urd: 'ur',
  pes: 'fa',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  mai: 'mai',
  bho: 'bho',
  npi: 'ne',
  mag: 'mag',
  skr: 'skr',
  mad: 'mad',
  zyb: 'za',
  hms: 'hms',
  hnj: 'hnj',
  koi: 'koi',
};

/** Languages written right to left. */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'ku', 'sd', 'ug', 'dv', 'skr']);

/** franc needs this much text to be trusted; shorter text is `und` unless the script settles it. */
const MIN_LENGTH = 20;
/** franc is O(n); a few thousand characters decide the language of any article. */
const SAMPLE_CHARS = 4000;

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const HEBREW_SCRIPT = /[\u0590-\u05FF]/gu;
const LETTER = /\p{L}/gu;
/** Letters only Persian/Urdu use: their absence with Arabic script means Arabic. */
const NON_ARABIC_LETTERS = /[پچژگکیۀٹڈڑںھے]/u;

/** Arabic-script languages franc-min knows: the only candidates once the script is Arabic. */
const ARABIC_SCRIPT_LANGUAGES = ['arb', 'pes', 'urd', 'pbu', 'skr', 'ckb'];
/** Below this many letters franc's trigram guess is weak: a language the page declares wins. */
const SHORT_TEXT_LETTERS = 120;

/** ISO 639-1 code of the text's language and its direction. `und` when unsure. */
export function detectLanguage(
  text: string,
  declared?: string,
): { language: string; direction: 'rtl' | 'ltr' } {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = sample.match(LETTER)?.length ?? 0;
  const arabic = sample.match(ARABIC_SCRIPT)?.length ?? 0;
  const hebrew = sample.match(HEBREW_SCRIPT)?.length ?? 0;
  const declaredCode = declared ? normalizeDeclared(declared) : 'und';
  let language = 'und';
  if (letters > 0 && arabic / letters > 0.5) {
    // The script settles most of it: Arabic unless letters only Persian/Urdu/Pashto use appear
    // (franc alone calls short Arabic headlines Malay, from Jawi trigrams).
    language = NON_ARABIC_LETTERS.test(sample)
      ? (ISO_639_1[franc(sample, { minLength: 1, only: ARABIC_SCRIPT_LANGUAGES })] ?? 'fa')
      : 'ar';
  } else if (letters > 0 && hebrew / letters > 0.5) {
    language = declaredCode === 'yi' ? 'yi' : 'he';
  } else if (letters >= MIN_LENGTH / 2) {
    language = ISO_639_1[franc(sample, { minLength: MIN_LENGTH })] ?? 'und';
    if (declaredCode !== 'und' && (language === 'und' || letters < SHORT_TEXT_LETTERS))
      language = declaredCode;
  } else if (declaredCode !== 'und') {
    language = declaredCode;
  }
  const rtlShare = letters > 0 ? (arabic + hebrew) / letters : 0;
  const direction = rtlShare > 0.5 || (rtlShare === 0 && RTL_LANGUAGES.has(language)) ? 'rtl' : 'ltr';
  return { language, direction };
}

function normalizeDeclared(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  return ISO_639_1[primary] ?? 'und';
}
