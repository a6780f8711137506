/**
 * Gazetteer lookups in matching form: places (ICU countries, curated cities), well-known
 * organisations and events, nationality adjectives, given names, titles and trigger words.
 * Every key is built by `baseForm`, so "الدوحة", "بالدوحة" and "دوحة" meet on one key.
 *
 * The tables are built from the word lists (gazetteer/lexicon.ts, gazetteer/places.ts) and ICU's region
 * names by gazetteer/build.ts, ahead of time (`npm run gazetteer` writes gazetteer/tables.ts; a unit test
 * fails when the lists and the tables disagree): a process decodes them in a few milliseconds where
 * building them took the first article of every cold start 50-90 ms of CPU.
 */
import { GAZETTEER_TABLES } from './gazetteer/tables.ts';
import type { EntityType } from './schema.ts';
import { normalizeForMatch, tokenize } from './segment.ts';

/** One gazetteer name: its canonical display text, type and the key every spelling shares. */
export interface GazetteerEntry {
  id: string;
  canonical: string;
  type: EntityType;
}

/** A spelling in the phrase table: `definite` says whether its first word carries the article. */
export interface PhraseEntry {
  rest: string[];
  entry: GazetteerEntry;
  definite: boolean;
}

/** Drops a leading Arabic article so definite and bare forms share a key (keeps two letters at least). */
export function baseForm(norm: string): string {
  if (norm.startsWith('ال') && norm.length >= 4) return norm.slice(2);
  return norm;
}

/** Matching key of a phrase: normalised tokens, article-free, space-joined. */
export function phraseKey(text: string): string {
  if (isPlainPhrase(text)) return plainPhraseKey(text);
  return tokenize(text)
    .map((t) => baseForm(t.norm))
    .join(' ');
}

/**
 * Words of Arabic letters (U+0621-063A, U+0641-064A), ASCII letters and digits, one space between
 * them (most names): the word-break rules make each word one word-like token and break at every
 * space, so the tokens are the words the spaces separate.
 */
function isPlainPhrase(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (space) return false;
      space = true;
      continue;
    }
    space = false;
    if (c >= 0x621 ? c > 0x64a || (c > 0x63a && c < 0x641) : c > 0x7a || !PLAIN_ASCII[c]) return false;
  }
  return true;
}

/** ASCII letters and digits (1), by code. */
const PLAIN_ASCII = (() => {
  const table = new Uint8Array(0x80);
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  return table;
})();

/** `phraseKey` of a plain phrase (see `isPlainPhrase`): each space-separated word normalised, article-free. */
function plainPhraseKey(text: string): string {
  let space = text.indexOf(' ');
  if (space < 0) return baseForm(normalizeForMatch(text));
  let out = baseForm(normalizeForMatch(text.slice(0, space)));
  for (let from = space + 1; ; from = space + 1) {
    space = text.indexOf(' ', from);
    out += ` ${baseForm(normalizeForMatch(space < 0 ? text.slice(from) : text.slice(from, space)))}`;
    if (space < 0) return out;
  }
}

/**
 * Ways to read an Arabic word with clitics: `[prefixLength, rest]` pairs, least stripped first.
 * و/ف then ب/ل/ك then the article (لل = ل + ال). Latin words yield themselves only.
 */
export function cliticReadings(norm: string): Array<[number, string]> {
  const out: Array<[number, string]> = [[0, norm]];
  // Every clitic is an Arabic letter, so a word without Arabic never opens with one: its first
  // letters decide, with no scan for Arabic.
  let i = 0;
  const c0 = norm.charCodeAt(0);
  if ((c0 === 0x648 || c0 === 0x641) && norm.length > 3) i = 1;
  if (i === 1) out.push([1, norm.slice(1)]);
  const c = norm.charCodeAt(i);
  if ((c === 0x628 || c === 0x644 || c === 0x643) && norm.length - i > 3) {
    if (c === 0x644 && norm.charCodeAt(i + 1) === 0x644 && norm.length - i > 4)
      out.push([i + 2, `ال${norm.slice(i + 2)}`]);
    out.push([i + 1, norm.slice(i + 1)]);
  }
  return out;
}

/** The gazetteer's word lists, by field name, in the order the tables hold them. */
export const WORD_LISTS = [
  'givenNames',
  'standaloneNames',
  'personTitles',
  'titleComplements',
  'orgHeads',
  'nameIntroducers',
  'productIntroducers',
  'eventHeads',
  'speechVerbs',
  'stopWords',
] as const;

/** The name of one of the gazetteer's word lists. */
export type GazetteerWordList = (typeof WORD_LISTS)[number];

/** Lookup tables shared by every call; decoded once, on first use. */
export interface Gazetteer {
  /** First-token key -> entries whose remaining token keys follow, longest first. */
  phrases: Map<string, PhraseEntry[]>;
  givenNames: Set<string>;
  /** Given names that make a person on their own before a clause boundary. */
  standaloneNames: Set<string>;
  personTitles: Set<string>;
  titleComplements: Set<string>;
  orgHeads: Set<string>;
  nameIntroducers: Set<string>;
  productIntroducers: Set<string>;
  eventHeads: Set<string>;
  speechVerbs: Set<string>;
  stopWords: Set<string>;
  /** Nationality adjective stem (normalised, article-free, masculine singular) -> country display name. */
  demonyms: Map<string, string>;
  /** English demonym -> English country name. */
  enDemonyms: Map<string, string>;
}

let cached: Gazetteer | undefined;
/**
 * A spelling's whole key (first word and the other words, space-joined) -> the entry the phrase table
 * lists first. Words hold no spaces, so a key splits back into first word and rest one way only:
 * the key itself is the lookup, with no string built per call.
 */
let entryIndex: Map<string, GazetteerEntry> | undefined;

/** The gazetteer entry whose full spelling has this key (see `phraseKey`), if any. */
export function findEntryByKey(key: string): GazetteerEntry | undefined {
  if (!entryIndex) loadGazetteer();
  // "word " (a word whose successor normalised to nothing) splits as that word and no rest.
  const last = key.length - 1;
  if (key.charCodeAt(last) === 0x20 && key.indexOf(' ') === last) return entryIndex?.get(key.slice(0, last));
  return entryIndex?.get(key);
}

/** The gazetteer (decoded once per process from the tables generated from the word lists). */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const g = decodeGazetteer(GAZETTEER_TABLES);
  entryIndex = new Map();
  for (const [first, list] of g.phrases) {
    for (const p of list) {
      const lookup = p.rest.length ? `${first} ${p.rest.join(' ')}` : first;
      if (!entryIndex.has(lookup)) entryIndex.set(lookup, p.entry);
    }
  }
  cached = g;
  return g;
}

/**
 * The gazetteer's tables as `encodeGazetteer` (gazetteer/build.ts) writes them: one JSON object whose
 * `entries` are `[type, canonical, id]` rows, `phrases` `[first, rest (space-joined), entry row,
 * definite (0 or 1)]` rows in table order, `sets` each word list's words and `demonyms`/`enDemonyms`
 * `[form, country]` rows, every collection in the order the build made it. Spellings of one entry
 * share one entry object, as they do when built.
 */
export function decodeGazetteer(tables: string): Gazetteer {
  const raw = JSON.parse(tables) as {
    entries: Array<[EntityType, string, string]>;
    phrases: Array<[string, string, number, 0 | 1]>;
    sets: Record<GazetteerWordList, string[]>;
    demonyms: Array<[string, string]>;
    enDemonyms: Array<[string, string]>;
  };
  const entries = raw.entries.map(([type, canonical, id]): GazetteerEntry => ({ id, canonical, type }));
  const phrases = new Map<string, PhraseEntry[]>();
  for (const [first, rest, entry, definite] of raw.phrases) {
    let list = phrases.get(first);
    if (!list) {
      list = [];
      phrases.set(first, list);
    }
    list.push({
      rest: rest ? rest.split(' ') : [],
      entry: entries[entry] as GazetteerEntry,
      definite: definite === 1,
    });
  }
  const lists = Object.fromEntries(WORD_LISTS.map((name) => [name, new Set(raw.sets[name])])) as Record<
    GazetteerWordList,
    Set<string>
  >;
  return {
    phrases,
    ...lists,
    demonyms: new Map(raw.demonyms),
    enDemonyms: new Map(raw.enDemonyms),
  };
}

/**
 * The country a nationality adjective points to: الفرنسية/الفرنسيين/فرنسي -> فرنسا, or undefined.
 * Accepts a normalised token with clitics.
 */
export function lookupDemonym(norm: string): string | undefined {
  // Every form below ends as the word does (readings only drop letters in front), and each ends in
  // ي, ه or ن: any other last letter (most words) has no reading to try.
  const last = norm.charCodeAt(norm.length - 1);
  if (last !== 0x64a && last !== 0x647 && last !== 0x646) return undefined;
  const g = loadGazetteer();
  for (const [, reading] of cliticReadings(norm)) {
    const base = baseForm(reading);
    // Suffixes '', ه, ون, ين, ان, تان, تين in that order, each leaving a stem that must end in ي:
    // the letters are compared before any stem is sliced.
    const n = base.length;
    const z = base.charCodeAt(n - 1);
    const y = base.charCodeAt(n - 2);
    const x = base.charCodeAt(n - 3);
    const w = base.charCodeAt(n - 4);
    let hit: string | undefined;
    if (z === YEH) hit = g.demonyms.get(base);
    else if (z === HEH) hit = y === YEH ? g.demonyms.get(base.slice(0, n - 1)) : undefined;
    else if (z === NOON && (y === WAW || y === YEH || y === ALEF)) {
      if (x === YEH) hit = g.demonyms.get(base.slice(0, n - 2));
      if (!hit && x === TEH && y !== WAW && w === YEH) hit = g.demonyms.get(base.slice(0, n - 3));
    }
    if (hit) return hit;
  }
  return undefined;
}

const YEH = 0x64a;
const HEH = 0x647;
const NOON = 0x646;
const WAW = 0x648;
const ALEF = 0x627;
const TEH = 0x62a;
