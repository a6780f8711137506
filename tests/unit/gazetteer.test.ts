import { describe, expect, it } from 'vitest';
import { regionsModule } from '../../lambdas/cli/gazetteer.ts';
import { buildGazetteer, encodeGazetteer, tablesModule } from '../../lambdas/core/gazetteer/build.ts';
import { parseRegions } from '../../lambdas/core/gazetteer/places.ts';
import { ICU_REGIONS } from '../../lambdas/core/gazetteer/regions.ts';
import { GAZETTEER_TABLES } from '../../lambdas/core/gazetteer/tables.ts';
import {
  cliticReadings,
  decodeGazetteer,
  findEntryByKey,
  type Gazetteer,
  loadGazetteer,
  lookupDemonym,
  phraseKey,
} from '../../lambdas/core/gazetteer.ts';
import { normalizeForMatch } from '../../lambdas/core/segment.ts';

/** Every collection as an array in iteration order, so order matters to the comparison as it does to the code. */
function plain(g: Gazetteer) {
  return Object.fromEntries(
    Object.entries(g).map(([name, value]) => [
      name,
      value instanceof Map ? [...value] : value instanceof Set ? [...value] : value,
    ]),
  );
}

describe('gazetteer tables', () => {
  it('are what the word lists and ICU region names build today (run `npm run gazetteer` after editing a list)', () => {
    expect(GAZETTEER_TABLES).toBe(encodeGazetteer(buildGazetteer()));
  });

  it('decode to the gazetteer the build makes, in the same order, one entry object per name', () => {
    const built = buildGazetteer();
    const decoded = decodeGazetteer(encodeGazetteer(built));
    expect(plain(decoded)).toEqual(plain(built));
    // Spellings of one name share its entry, decoded as built: "قطر" and "Qatar" are one place.
    const entryOf = (g: Gazetteer, word: string) => g.phrases.get(phraseKey(word))?.[0]?.entry;
    expect(entryOf(decoded, 'قطر')).toBe(entryOf(decoded, 'Qatar'));
    expect(entryOf(decoded, 'قطر')).toMatchObject({ canonical: 'قطر', type: 'location' });
  });

  it('quote any name the lists may hold, and refuse what the tables module cannot carry', () => {
    const g = buildGazetteer();
    const entry = {
      id: 'organization:x',
      canonical: 'Back\\slash "Quoted" Co',
      type: 'organization' as const,
    };
    g.phrases.set('x', [{ rest: ['y'], entry, definite: false }]);
    const round = decodeGazetteer(encodeGazetteer(g));
    expect(round.phrases.get('x')?.[0]?.entry).toEqual(entry);
    // The module form reads back the same text through String.raw.
    const source = tablesModule(encodeGazetteer(g));
    const text = new Function(`${source.replace('export const', 'const')}; return GAZETTEER_TABLES;`)();
    expect(text).toBe(encodeGazetteer(g));
    entry.canonical = 'Tick`Co';
    expect(() => tablesModule(encodeGazetteer(g))).toThrow(/cannot quote/);
    entry.canonical = `Dollar ${'${'}Co}`;
    expect(() => tablesModule(encodeGazetteer(g))).toThrow(/cannot quote/);
  });

  it('serve lookups from the decoded tables: ICU countries, curated cities, organisations, demonyms', () => {
    loadGazetteer();
    expect(findEntryByKey(phraseKey('فرنسا'))).toMatchObject({ canonical: 'فرنسا', type: 'location' });
    expect(findEntryByKey(phraseKey('France'))).toMatchObject({ canonical: 'فرنسا', type: 'location' });
    expect(findEntryByKey(phraseKey('بالدوحة'.slice(1)))).toMatchObject({ canonical: 'الدوحة' });
    expect(findEntryByKey(phraseKey('مجلس الأمن الدولي'))).toMatchObject({ type: 'organization' });
    expect(lookupDemonym(normalizeForMatch('الفرنسية'))).toBe('فرنسا');
    expect(lookupDemonym(normalizeForMatch('والقطريين'))).toBe('قطر');
  });
});

describe('the snapshot of ICU region names', () => {
  it('names the countries in Arabic and English, one region per line', () => {
    const rows = parseRegions(ICU_REGIONS);
    expect(rows.length).toBeGreaterThan(200);
    expect(rows).toContainEqual(['QA', 'قطر', 'Qatar']);
    expect(rows).toContainEqual(['FR', 'فرنسا', 'France']);
  });

  it('reads back as written, and refuses a name it could not store on one line', () => {
    const rows: Array<[string, string, string]> = [
      ['QA', 'قطر', 'Qatar'],
      ['XK', 'كوسوفو', 'Kosovo'],
    ];
    const source = regionsModule(rows, { icu: '1', cldr: '2' });
    const text = new Function(`${source.replace('export const', 'const')}; return ICU_REGIONS;`)();
    expect(parseRegions(text)).toEqual(rows);
    expect(() => regionsModule([['XX', 'a\tb', 'c']], { icu: '1', cldr: '2' })).toThrow(/one line|a line/);
  });
});

describe('matching keys and readings', () => {
  it.each([
    ['كأس العالم', 'كاس عالم'],
    ['الولايات المتحدة', 'ولايات متحده'],
    ['MC2 Technologies', 'mc2 technologies'],
    ['911 Security Cameras', '911 security cameras'],
    ['Direction des Services de la Navigation Aérienne', 'direction des services de la navigation aérienne'],
    ['Jean-Pierre Raffarin', 'jean pierre raffarin'],
    ['وزارة  الداخلية', 'وزاره داخليه'],
    ["O'Neil", "o'neil"],
  ])('keys %s as %s, with or without spaces around it', (name, key) => {
    // Surrounding spaces send the name through the tokenizer: both readings must agree.
    expect(phraseKey(name)).toBe(key);
    expect(phraseKey(` ${name} `)).toBe(key);
  });

  it.each([
    [
      'وبالدوحه',
      [
        [0, 'وبالدوحه'],
        [1, 'بالدوحه'],
        [2, 'الدوحه'],
      ],
    ],
    [
      'للرئيس',
      [
        [0, 'للرئيس'],
        [2, 'الرئيس'],
        [1, 'لرئيس'],
      ],
    ],
    [
      'فلندن',
      [
        [0, 'فلندن'],
        [1, 'لندن'],
        [2, 'ندن'],
      ],
    ],
    [
      'كتاب',
      [
        [0, 'كتاب'],
        [1, 'تاب'],
      ],
    ],
    ['كتب', [[0, 'كتب']]],
    ['ولد', [[0, 'ولد']]],
    ['london', [[0, 'london']]],
    ['', [[0, '']]],
  ])('reads %s with its clitics off: %j', (norm, readings) => {
    expect(cliticReadings(norm)).toEqual(readings);
  });

  it.each([
    ['فرنسي', 'فرنسا'],
    ['الفرنسيون', 'فرنسا'],
    ['للفرنسيين', 'فرنسا'],
    ['فرنسيان', 'فرنسا'],
    ['الفرنسيتان', 'فرنسا'],
    ['الفرنسيتين', 'فرنسا'],
    ['وبالفرنسية', 'فرنسا'],
    ['القطريين', 'قطر'],
    ['الاقتصادي', undefined],
    ['فرنسا', undefined],
    ['يون', undefined],
  ])('takes %s for a nationality of %s', (word, country) => {
    expect(lookupDemonym(normalizeForMatch(word))).toBe(country);
  });
});
