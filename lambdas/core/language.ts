/**
 * Language (ISO 639-1) and writing direction, from a script check plus franc-min's trigram models. The
 * script settles Arabic (and Hebrew) text alone, so the models, 170 KB, load as a lazy piece only when a
 * text in another script, or Arabic script with Persian or Urdu letters, first needs them.
 */
import { loadPiece } from './lazy.ts';

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
  const { letters, arabic, hebrew } = countScripts(sample);
  const declaredCode = declared ? normalizeDeclared(declared) : 'und';
  let language = 'und';
  if (letters > 0 && arabic / letters > 0.5) {
    // The script settles most of it: Arabic unless letters only Persian/Urdu/Pashto use appear
    // (franc alone calls short Arabic headlines Malay, from Jawi trigrams).
    language = NON_ARABIC_LETTERS.test(sample)
      ? (ISO_639_1[guessLanguage(sample, 1, ARABIC_SCRIPT_LANGUAGES)] ?? 'fa')
      : 'ar';
  } else if (letters > 0 && hebrew / letters > 0.5) {
    language = declaredCode === 'yi' ? 'yi' : 'he';
  } else if (letters >= MIN_LENGTH / 2) {
    language = ISO_639_1[guessLanguage(sample, MIN_LENGTH)] ?? 'und';
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

// ---------------------------------------------------------------- script counts

/** Per UTF-16 code unit: 1 once known to be a letter (\p{L}), 2 once known not to be; 0 not yet seen. */
const letterClass = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;

function isLetterUnit(code: number): boolean {
  let known = letterClass[code];
  if (!known) {
    known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    letterClass[code] = known;
  }
  return known === 1;
}

/**
 * Letters (\p{L}, counted by code point), and the characters of the Arabic blocks and the Hebrew block,
 * in one pass without a regex per character: this runs on every article.
 */
function countScripts(sample: string): { letters: number; arabic: number; hebrew: number } {
  let letters = 0;
  let arabic = 0;
  let hebrew = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
      continue;
    }
    if (
      (code >= 0x0600 && code <= 0x06ff) ||
      (code >= 0x0750 && code <= 0x077f) ||
      (code >= 0x08a0 && code <= 0x08ff) ||
      (code >= 0xfb50 && code <= 0xfdff) ||
      (code >= 0xfe70 && code <= 0xfeff)
    )
      arabic++;
    else if (code >= 0x0590 && code <= 0x05ff) hebrew++;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = sample.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A letter outside the BMP (CJK extensions, historic scripts) is one code point, two units.
        if (LETTER.test(sample.slice(i, i + 2))) letters++;
        i++;
      }
      continue;
    }
    if (isLetterUnit(code)) letters++;
  }
  return { letters, arabic, hebrew };
}

// ---------------------------------------------------------------- franc, indexed

/** franc looks at no more than this many characters. */
const FRANC_MAX_LENGTH = 2048;
/** franc's distance for a trigram a language's model lacks. */
const FRANC_MAX_DIFFERENCE = 300;

/**
 * One script's models inverted: trigram -> (language index, rank) pairs. A trigram is three UTF-16
 * units, as franc cuts them; it is found by open addressing in `slots`, four Int32 per slot: the first
 * unit + 1 (0: empty), the other two as `c1 << 16 | c2`, then the slot's range `[start, end)` in
 * `postings`, each posting one Int32, `language << 16 | rank`. One slot is one 16-byte read: the rest
 * of a digest pushes the index out of the CPU's caches, and a lookup in three parallel arrays paid up
 * to three misses (the language stage of an English article in a digest: 0.23 -> 0.19 ms, median of
 * interleaved runs). For the same reason the table is filled up to three quarters and the postings
 * are packed: Latin's index is 180 KB instead of 360 KB (the slot lookups and posting reads, all
 * cache misses in a digest, were four fifths of the stage).
 */
interface ScriptIndex {
  languages: string[];
  slots: Int32Array;
  /** Slot count - 1 (the count is a power of two). */
  mask: number;
  postings: Int32Array;
}

/** Int32 values per slot of the trigram tables. */
const SLOT = 4;

const scriptIndexes = new Map<string, ScriptIndex>();

function trigramHash(c0: number, c1: number, c2: number): number {
  let h = Math.imul(c0, 0x9e3779b1);
  h = Math.imul(h ^ c1, 0x85ebca77);
  h = Math.imul(h ^ c2, 0xc2b2ae3d);
  return h ^ (h >>> 16);
}

/**
 * The slot of trigram (`first` = c0 + 1, `rest` = c1 << 16 | c2) in a table of `mask + 1` slots of
 * {@link SLOT} values, or the empty slot where it goes.
 */
function slotOf(table: Int32Array, mask: number, first: number, rest: number, hash: number): number {
  let slot = hash & mask;
  for (;;) {
    const at = slot * SLOT;
    const stored = table[at] as number;
    if (stored === 0 || (stored === first && table[at + 1] === rest)) return slot;
    slot = (slot + 1) & mask;
  }
}

/** The smallest power of two holding `n` entries at most half full. */
function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

/** The smallest power of two holding `n` entries at most three quarters full: a smaller index misses the cache less. */
function indexTableSize(n: number): number {
  let size = 16;
  while (4 * n > 3 * size) size *= 2;
  return size;
}

function indexScript(models: Record<string, string>): ScriptIndex {
  const languages = Object.keys(models);
  if (languages.length > 0x7fff)
    throw new Error(`a script with ${languages.length} languages does not fit a posting`);
  const lists = new Map<string, number[]>();
  for (let index = 0; index < languages.length; index++) {
    const model = (models[languages[index] as string] ?? '').split('|');
    if (model.length > 0xffff) throw new Error(`a model of ${model.length} trigrams does not fit a posting`);
    for (let rank = 0; rank < model.length; rank++) {
      const trigram = model[rank] as string;
      const posting = (index << 16) | rank;
      const list = lists.get(trigram);
      if (!list) lists.set(trigram, [posting]);
      // franc keeps a trigram's first (lowest) rank when a model lists it twice.
      else if ((list[list.length - 1] as number) >>> 16 !== index) list.push(posting);
    }
  }
  const size = indexTableSize(lists.size);
  const slots = new Int32Array(size * SLOT);
  const postings = new Int32Array([...lists.values()].reduce((n, list) => n + list.length, 0));
  let at = 0;
  for (const [trigram, list] of lists) {
    const c0 = trigram.charCodeAt(0);
    const c1 = trigram.charCodeAt(1);
    const c2 = trigram.charCodeAt(2);
    const first = c0 + 1;
    const rest = (c1 << 16) | c2;
    const slot = slotOf(slots, size - 1, first, rest, trigramHash(c0, c1, c2)) * SLOT;
    slots[slot] = first;
    slots[slot + 1] = rest;
    slots[slot + 2] = at;
    postings.set(list, at);
    at += list.length;
    slots[slot + 3] = at;
  }
  return { languages, slots, mask: size - 1, postings };
}

/**
 * The text's trigram counts, reused between calls: slots as in {@link ScriptIndex} with the count third
 * (the fourth value is unused, kept for the same 16-byte stride),
 * only the first `tableSize(positions)` of them used (a short text stays in a few cache lines), and
 * the slots in use.
 */
let textTable = new Int32Array(8192 * SLOT);
let textSlots = new Int32Array(4096);

/**
 * Which of franc's script expressions match each BMP code unit (bit i: the i-th expression; bit 31: known),
 * filled on first sight. franc's expressions match one BMP unit or one surrogate pair, so on a text
 * without surrogates an expression's match count is the number of units it matches.
 */
const scriptMasks = new Uint32Array(0x10000);
const KNOWN = 0x80000000;
let unitTests: RegExp[] | undefined;

function scriptMaskOf(code: number, expressions: RegExp[]): number {
  let mask = scriptMasks[code] as number;
  if (mask === 0) {
    // One bit per expression below the KNOWN bit: franc-min has 20.
    if (expressions.length > 31)
      throw new Error(`franc has ${expressions.length} script expressions, over 31`);
    unitTests ??= expressions.map((e) => new RegExp(`^(?:${e.source})$`));
    const ch = String.fromCharCode(code);
    mask = KNOWN;
    for (let i = 0; i < unitTests.length; i++) if ((unitTests[i] as RegExp).test(ch)) mask |= 1 << i;
    scriptMasks[code] = mask;
  }
  return mask;
}

/**
 * True for the code units franc's cleaning turns into spaces: ASCII 0x21-0x40 (digits, punctuation) and
 * JavaScript's `\s` (ECMAScript's WhiteSpace and LineTerminator: the Zs spaces plus tab, vertical tab,
 * form feed, line and paragraph separators and the BOM). A unit test holds it to the expressions on
 * every BMP unit.
 */
export function isFrancSeparator(code: number): boolean {
  if (code <= 0x40) return code >= 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Per UTF-16 code unit: its lower case + 1 where lower-casing it alone gives what lower-casing a whole
 * text gives it, -1 where it does not (Σ's final form depends on the next letter, İ becomes two units,
 * a surrogate is half a character), 0 not yet seen.
 */
const lowerUnit = new Int32Array(0x10000);

function lowerOf(code: number): number {
  let known = lowerUnit[code] as number;
  if (known === 0) {
    const lower = String.fromCharCode(code).toLowerCase();
    known =
      lower.length === 1 && code !== 0x03a3 && (code < 0xd800 || code > 0xdfff)
        ? lower.charCodeAt(0) + 1
        : -1;
    lowerUnit[code] = known;
  }
  return known - 1;
}

/** franc's cleaned text as code units, reused between calls; {@link cleanForFranc} fills it. */
let cleanedUnits = new Uint16Array(FRANC_MAX_LENGTH + 2);

/**
 * franc's `` ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} ` ``
 * as code units in `cleanedUnits`, returning their count: every run of digits, ASCII punctuation and
 * white space becomes one space, none at either end, one space added at both. One pass without strings
 * (the two replacements made a new string per run: a third of an English article's language stage); a
 * text with a unit whose lower case depends on the text (-1 in `lowerUnit`) is lower-cased whole.
 */
function cleanForFranc(value: string): number {
  let n = 1;
  let pending = false;
  cleanedUnits[0] = 0x20;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isFrancSeparator(code)) {
      pending = n > 1;
      continue;
    }
    const lower = lowerOf(code);
    if (lower < 0) return cleanWholeForFranc(value);
    if (pending) {
      cleanedUnits[n++] = 0x20;
      pending = false;
    }
    cleanedUnits[n++] = lower;
  }
  cleanedUnits[n++] = 0x20;
  return n;
}

/** {@link cleanForFranc} by franc's own expressions, for the rare text that needs them. */
function cleanWholeForFranc(value: string): number {
  const cleaned = ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `;
  if (cleanedUnits.length < cleaned.length) cleanedUnits = new Uint16Array(cleaned.length);
  for (let i = 0; i < cleaned.length; i++) cleanedUnits[i] = cleaned.charCodeAt(i);
  return cleaned.length;
}

/** How many times each expression matches `value` (franc's `value.match(expression).length`). */
function countScriptMatches(value: string, expressions: RegExp[]): number[] {
  const counts = new Array<number>(expressions.length).fill(0);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      // Supplementary-plane characters (emoji, rare CJK): franc's own way, exactly.
      return expressions.map((e) => value.match(e)?.length ?? 0);
    }
    let mask = scriptMasks[code] as number;
    if (mask === 0) mask = scriptMaskOf(code, expressions);
    mask &= ~KNOWN;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask);
      counts[bit] = (counts[bit] as number) + 1;
      mask &= ~(1 << bit);
    }
  }
  return counts;
}

/**
 * franc-min's `franc(value, { minLength, only })`, to the same answer on every input, without its cost:
 * franc compares the text's trigrams with each language's model in turn (about 4 ms for 1 KB of English),
 * where one lookup per trigram in an inverted index of the models gives every language's distance at
 * once. Distances are the same integers, and ties go to the first language in franc's order.
 */
export function guessLanguage(text: string, minLength: number, only?: readonly string[]): string {
  if (!text || text.length < minLength) return 'und';
  const value = text.slice(0, FRANC_MAX_LENGTH);
  const { data, expressions } = loadPiece('franc');
  let script: string | undefined;
  let topShare = -1;
  const names = Object.keys(expressions);
  const counts = countScriptMatches(value, Object.values(expressions));
  for (let i = 0; i < names.length; i++) {
    const share = (counts[i] as number) / value.length || 0;
    if (share > topShare) {
      topShare = share;
      script = names[i];
    }
  }
  if (script === undefined) return 'und';
  const models = data[script];
  // A script with a single language (Greek, Han, Thai ...) names that language.
  if (!models) return topShare === 0 || (only && !only.includes(script)) ? 'und' : script;
  let index = scriptIndexes.get(script);
  if (!index) {
    index = indexScript(models);
    scriptIndexes.set(script, index);
  }

  const length = cleanForFranc(value);
  const units = cleanedUnits;
  const positions = Math.max(0, length - 2);
  const size = tableSize(positions);
  if (textTable.length < size * SLOT) {
    textTable = new Int32Array(size * SLOT);
    textSlots = new Int32Array(size / 2);
  }
  const textMask = size - 1;
  let distinct = 0;
  for (let i = 0; i < positions; i++) {
    const c0 = units[i] as number;
    const c1 = units[i + 1] as number;
    const c2 = units[i + 2] as number;
    const first = c0 + 1;
    const rest = (c1 << 16) | c2;
    const slot = slotOf(textTable, textMask, first, rest, trigramHash(c0, c1, c2));
    const at = slot * SLOT;
    if (textTable[at] === 0) {
      textTable[at] = first;
      textTable[at + 1] = rest;
      textSlots[distinct++] = slot;
    }
    textTable[at + 2] = (textTable[at + 2] as number) + 1;
  }
  const distances = new Array<number>(index.languages.length).fill(distinct * FRANC_MAX_DIFFERENCE);
  const { postings, slots, mask } = index;
  for (let d = 0; d < distinct; d++) {
    const at = (textSlots[d] as number) * SLOT;
    const first = textTable[at] as number;
    const rest = textTable[at + 1] as number;
    const count = textTable[at + 2] as number;
    // The table is left empty for the next call.
    textTable[at] = 0;
    textTable[at + 1] = 0;
    textTable[at + 2] = 0;
    const found = slotOf(slots, mask, first, rest, trigramHash(first - 1, rest >>> 16, rest & 0xffff)) * SLOT;
    if (slots[found] === 0) continue;
    const end = slots[found + 3] as number;
    for (let k = slots[found + 2] as number; k < end; k++) {
      const posting = postings[k] as number;
      const language = posting >>> 16;
      const difference = count - (posting & 0xffff) - 1;
      distances[language] = (distances[language] as number) + Math.abs(difference) - FRANC_MAX_DIFFERENCE;
    }
  }
  let best = 'und';
  let bestDistance = Number.POSITIVE_INFINITY;
  index.languages.forEach((language, i) => {
    if (only && !only.includes(language)) return;
    const distance = distances[i] as number;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = language;
    }
  });
  return best;
}
