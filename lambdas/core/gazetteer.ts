/**
 * Gazetteer lookups in matching form: places (ICU countries, curated cities), well-known
 * organisations and events, nationality adjectives, given names, titles and trigger words.
 * Every key is built by `baseForm`, so "الدوحة", "بالدوحة" and "دوحة" meet on one key.
 */
import {
  AR_EVENT_HEADS,
  AR_NAME_INTRODUCERS,
  AR_ORG_HEADS,
  AR_PERSON_TITLES,
  AR_PRODUCT_INTRODUCERS,
  AR_SPEECH_VERBS,
  AR_STOP_EXTRA,
  AR_TITLE_COMPLEMENTS,
  GIVEN_NAMES,
  KNOWN_EVENTS,
  KNOWN_ORGS,
  STANDALONE_GIVEN_NAMES,
} from './gazetteer/lexicon.ts';
import { AR_DEMONYM_EXCEPTIONS, EN_DEMONYMS, listPlaces } from './gazetteer/places.ts';
import type { EntityType } from './schema.ts';
import { hasArabic, normalizeForMatch, tokenize } from './segment.ts';

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
  return tokenize(text)
    .map((t) => baseForm(t.norm))
    .join(' ');
}

/**
 * Ways to read an Arabic word with clitics: `[prefixLength, rest]` pairs, least stripped first.
 * و/ف then ب/ل/ك then the article (لل = ل + ال). Latin words yield themselves only.
 */
export function cliticReadings(norm: string): Array<[number, string]> {
  const out: Array<[number, string]> = [[0, norm]];
  if (!hasArabic(norm)) return out;
  let i = 0;
  if ((norm[0] === 'و' || norm[0] === 'ف') && norm.length > 3) {
    i = 1;
    out.push([1, norm.slice(1)]);
  }
  const rest = norm.slice(i);
  if ((rest[0] === 'ب' || rest[0] === 'ل' || rest[0] === 'ك') && rest.length > 3) {
    if (rest.startsWith('لل') && rest.length > 4) out.push([i + 2, `ال${rest.slice(2)}`]);
    out.push([i + 1, rest.slice(1)]);
  }
  return out;
}

function words(list: string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => normalizeForMatch(w)),
  );
}

/** Lookup tables shared by every call; built once on first use. */
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

/** Builds (once) and returns the gazetteer. */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const phrases = new Map<string, PhraseEntry[]>();
  const add = (surface: string, entry: GazetteerEntry) => {
    const keys = phraseKey(surface).split(' ').filter(Boolean);
    const [first, ...rest] = keys;
    if (!first) return;
    const definite =
      /^ال/.test(normalizeForMatch(surface)) &&
      baseForm(normalizeForMatch(surface)) !== normalizeForMatch(surface);
    const list = phrases.get(first) ?? [];
    if (!list.some((x) => x.rest.join(' ') === rest.join(' ') && x.definite === definite))
      list.push({ rest, entry, definite });
    phrases.set(first, list);
  };
  const demonyms = new Map<string, string>();
  const { countries, others } = listPlaces();
  for (const place of [...countries, ...others]) {
    const entry: GazetteerEntry = {
      id: `loc:${phraseKey(place.name)}`,
      canonical: place.name,
      type: 'location',
    };
    for (const s of [place.name, place.en, ...place.variants]) add(s, entry);
  }
  for (const place of countries) {
    for (const name of [place.name, ...place.variants]) {
      if (!hasArabic(name) || name.includes(' ')) continue;
      const stem = demonymStem(baseForm(normalizeForMatch(name)));
      if (stem.length >= 3 && !demonyms.has(stem)) demonyms.set(stem, place.name);
    }
  }
  for (const [adj, country] of Object.entries(AR_DEMONYM_EXCEPTIONS))
    demonyms.set(baseForm(normalizeForMatch(adj)), country);
  for (const [rows, type] of [
    [KNOWN_ORGS, 'organization'],
    [KNOWN_EVENTS, 'event'],
  ] as const) {
    for (const row of rows) {
      const canonical = row[0] ?? '';
      const entry: GazetteerEntry = { id: `${type}:${phraseKey(canonical)}`, canonical, type };
      for (const s of row) add(s, entry);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  entryIndex = new Map();
  for (const [first, list] of phrases) {
    for (const p of list) {
      const lookup = p.rest.length ? `${first} ${p.rest.join(' ')}` : first;
      if (!entryIndex.has(lookup)) entryIndex.set(lookup, p.entry);
    }
  }
  const stopWords = words(AR_STOP_EXTRA);
  cached = {
    phrases,
    givenNames: words(GIVEN_NAMES),
    standaloneNames: words(STANDALONE_GIVEN_NAMES),
    personTitles: words(AR_PERSON_TITLES),
    titleComplements: words(AR_TITLE_COMPLEMENTS),
    orgHeads: words(AR_ORG_HEADS),
    nameIntroducers: words(AR_NAME_INTRODUCERS),
    productIntroducers: words(AR_PRODUCT_INTRODUCERS),
    eventHeads: words(AR_EVENT_HEADS),
    speechVerbs: words(AR_SPEECH_VERBS),
    stopWords,
    demonyms,
    enDemonyms: new Map(Object.entries(EN_DEMONYMS)),
  };
  return cached;
}

/** فرنسا -> فرنسي, ألمانيا -> ألماني, السعودية -> سعودي, قطر -> قطري (normalised forms). */
function demonymStem(base: string): string {
  if (base.endsWith('يا')) return base.slice(0, -1);
  if (base.endsWith('ا') || base.endsWith('ه')) return `${base.slice(0, -1)}ي`;
  return `${base}ي`;
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
    for (const suffix of ['', 'ه', 'ون', 'ين', 'ان', 'تان', 'تين']) {
      if (suffix && !base.endsWith(suffix)) continue;
      let stem = suffix ? base.slice(0, -suffix.length) : base;
      if (suffix === 'ون' || suffix === 'ين' || suffix === 'ان') {
        if (!stem.endsWith('ي')) continue;
      } else if (suffix === 'تان' || suffix === 'تين') stem = stem.endsWith('ي') ? stem : '';
      if (!stem.endsWith('ي')) continue;
      const hit = g.demonyms.get(stem);
      if (hit) return hit;
    }
  }
  return undefined;
}
