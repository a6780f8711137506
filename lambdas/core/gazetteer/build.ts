/**
 * Builds the gazetteer from its sources (the curated lists of lexicon.ts and places.ts, and the snapshot
 * of ICU's region names in regions.ts) and writes it as the source of tables.ts. Pure: `npm run
 * gazetteer` (lambdas/cli/gazetteer.ts) writes the file, a unit test holds tables.ts to the lists, and
 * nothing here is in the Lambda bundle.
 */
import {
  baseForm,
  type Gazetteer,
  type GazetteerEntry,
  type PhraseEntry,
  phraseKey,
  WORD_LISTS,
} from '../gazetteer.ts';
import { hasArabic, normalizeForMatch } from '../segment.ts';
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
} from './lexicon.ts';
import { AR_DEMONYM_EXCEPTIONS, EN_DEMONYMS, listPlaces } from './places.ts';

function words(list: string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => normalizeForMatch(w)),
  );
}

/** فرنسا -> فرنسي, ألمانيا -> ألماني, السعودية -> سعودي, قطر -> قطري (normalised forms). */
function demonymStem(base: string): string {
  if (base.endsWith('يا')) return base.slice(0, -1);
  if (base.endsWith('ا') || base.endsWith('ه')) return `${base.slice(0, -1)}ي`;
  return `${base}ي`;
}

/** The gazetteer as its sources make it today. */
export function buildGazetteer(): Gazetteer {
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
  return {
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
    stopWords: words(AR_STOP_EXTRA),
    demonyms,
    enDemonyms: new Map(Object.entries(EN_DEMONYMS)),
  };
}

/**
 * The gazetteer as `decodeGazetteer` (gazetteer.ts) reads it: JSON, one row or word per line so that a
 * change to a list shows as a readable diff of tables.ts.
 */
export function encodeGazetteer(g: Gazetteer): string {
  const entryRows = new Map<GazetteerEntry, number>();
  const phraseRows: string[] = [];
  for (const [first, list] of g.phrases) {
    for (const p of list) {
      // A key word never holds a space (phraseKey splits on them), so the rest joins and splits back.
      if (first.includes(' ') || p.rest.some((w) => w.includes(' ') || w === ''))
        throw new Error(
          `gazetteer key words must be non-empty and space-free: "${first} ${p.rest.join(' ')}"`,
        );
      let row = entryRows.get(p.entry);
      if (row === undefined) {
        row = entryRows.size;
        entryRows.set(p.entry, row);
      }
      phraseRows.push(JSON.stringify([first, p.rest.join(' '), row, p.definite ? 1 : 0]));
    }
  }
  const entries = [...entryRows.keys()].map((e) => JSON.stringify([e.type, e.canonical, e.id]));
  const block = (rows: string[]) => `[\n${rows.join(',\n')}\n]`;
  const sets = WORD_LISTS.map(
    (name) => `${JSON.stringify(name)}: ${block([...g[name]].map((w) => JSON.stringify(w)))}`,
  );
  const pairs = (m: Map<string, string>) => block([...m].map((pair) => JSON.stringify(pair)));
  return [
    '{',
    `"entries": ${block(entries)},`,
    `"phrases": ${block(phraseRows)},`,
    `"sets": {\n${sets.join(',\n')}\n},`,
    `"demonyms": ${pairs(g.demonyms)},`,
    `"enDemonyms": ${pairs(g.enDemonyms)}`,
    '}',
  ].join('\n');
}

/** The source of tables.ts for these tables. */
export function tablesModule(tables: string): string {
  // The JSON sits in a String.raw template, so its escapes reach JSON.parse as written; nothing in it
  // may end the template or open a substitution.
  if (tables.includes('`') || tables.includes('${'))
    throw new Error('gazetteer text holds ` or ${, which the tables module cannot quote');
  return `/**
 * Generated by \`npm run gazetteer\` (lambdas/core/gazetteer/build.ts) from lexicon.ts, places.ts and
 * ICU's region names: edit those and run it again, never this file. Read by \`decodeGazetteer\`.
 */
export const GAZETTEER_TABLES = String.raw\`${tables}\`;
`;
}
