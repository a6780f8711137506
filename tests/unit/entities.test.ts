import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateEntities, groupIntoDocuments } from '../../lambdas/cli/eval-entities.ts';
import { extractEntities } from '../../lambdas/core/entities.ts';
import { analyse } from './facts-helpers.ts';

const find = (text: string) => extractEntities(analyse(text));

describe('extractEntities', () => {
  it.each([
    ['وقال الرئيس الأمريكي جورج بوش إن بلاده ستدعم الاتفاق.', 'person', 'جورج بوش'],
    ['وقعت شركة Dedrone العقد مع الحكومة.', 'organization', 'Dedrone'],
    ['كشف موقع "إنتلجنس أونلاين" عن الصفقة.', 'organization', 'إنتلجنس أونلاين'],
    ['أعلنت وزارة الداخلية عن خطة جديدة.', 'organization', 'وزارة الداخلية'],
    ['وصل الوفد بالدوحة أمس.', 'location', 'الدوحة'],
    ['اجتمع مجلس الأمن الدولي لبحث الأزمة.', 'organization', 'مجلس الأمن الدولي'],
    ['The French newsletter Intelligence Online reported the deal.', 'organization', 'Intelligence Online'],
    ['Officials in Texas said Mr. John Carter had resigned.', 'person', 'John Carter'],
    ['Prices rose in London and Paris on Friday.', 'location', 'Paris'],
    [
      'The deal went to 911 Security Cameras, a video surveillance company.',
      'organization',
      '911 Security Cameras',
    ],
  ])('%s -> %s %s', (text, type, name) => {
    expect(find(text)).toEqual(expect.arrayContaining([expect.objectContaining({ type, text: name })]));
  });

  it.each([
    ['وقعت شركة Procter & Gamble العقد مع الحكومة.', 'organization', 'Procter & Gamble'],
    ['وقعت شركة Rolls-Royce العقد مع الحكومة.', 'organization', 'Rolls-Royce'],
    [
      'The contract went to Rolls-Royce and Procter & Gamble on Monday, officials said.',
      'other',
      'Rolls-Royce',
    ],
    [
      "The report by O'Brien Consulting Group was published in London.",
      'organization',
      "O'Brien Consulting Group",
    ],
  ])('joins Latin words across a hyphen, an ampersand or an apostrophe: %s', (text, type, name) => {
    expect(find(text)).toEqual(expect.arrayContaining([expect.objectContaining({ type, text: name })]));
  });

  it.each([
    [
      'The agency Blue Harbor Logistics signed. Blue Harbor Logistics said it was pleased.',
      'Blue Harbor Logistics',
      ['BHL'],
    ],
    ['The firm Blue Harbor signed. Blue Harbor said it was pleased.', 'Blue Harbor', []],
  ])(
    'gives a name of three capitalised words its acronym, and a shorter one none: %s',
    (text, name, aliases) => {
      expect(find(text).find((e) => e.text === name)?.aliases).toEqual(aliases);
    },
  );

  it('pairs an Arabic transliteration with its Latin name, which then names the entity', () => {
    const ents = find(
      'وقعت شركة Security Cameras العقد مع الحكومة. وقالت شركة "سيكيوريتي كاميرا" إن النظام جاهز.',
    );
    expect(ents.find((e) => e.text === 'Security Cameras')).toMatchObject({
      count: 2,
      aliases: ['سيكيوريتي كاميرا'],
    });
  });

  it('finds a quoted name after hundreds of other quotes in the same paragraph', () => {
    const ents = find(`${'"أ" '.repeat(300)}كشف موقع "إنتلجنس أونلاين" عن الصفقة.`);
    expect(ents).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'organization', text: 'إنتلجنس أونلاين' })]),
    );
  });

  it('ties a nationality adjective to the name as relatedLocation, not as a location', () => {
    const ents = find('فيما قالت البرلمانية الفرنسية "ناتاليا بوزريف" إن الخطة جاهزة.');
    expect(ents.find((e) => e.text === 'ناتاليا بوزريف')).toMatchObject({
      type: 'person',
      relatedLocation: 'فرنسا',
    });
    expect(ents.some((e) => e.type === 'location')).toBe(false);
  });

  it('merges clitic forms into one entity with offsets into the text', () => {
    const text = 'زار الوزير الدوحة ثم عاد إلى الدوحة، وبالدوحة التقى نظيره.';
    const doha = find(text).find((e) => e.normalized === 'دوحه');
    expect(doha?.count).toBe(3);
    for (const m of doha?.mentions ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('pairs a Latin name with its Arabic transliteration as one entity', () => {
    const ents = find(
      'وقعت شركة 911 Security Cameras العقد. وقالت الشركة الأمريكية "سيكيوريتي كاميرا" إنها جاهزة.',
    );
    const org = ents.find((e) => e.text === '911 Security Cameras');
    expect(org?.aliases).toContain('سيكيوريتي كاميرا');
    expect(ents.filter((e) => e.type === 'organization')).toHaveLength(1);
  });

  it('gives a long Latin name its acronym and folds the acronym into it', () => {
    const ents = find(
      'The deal joined the Direction des Services de la Navigation Aerienne (DSNA) and others. DSNA declined.',
    );
    const dsna = ents.filter((e) => [e.text, ...e.aliases].includes('DSNA'));
    expect(dsna).toHaveLength(1);
    expect([dsna[0]?.text, ...(dsna[0]?.aliases ?? [])]).toContain(
      'Direction des Services de la Navigation Aerienne',
    );
    expect(dsna[0]?.count).toBe(3);
  });

  it('finds a bare surname again after the full name, never a fragment as a second entity', () => {
    const ents = find('وقال كوفي أنان إن الخطة ممكنة. ودعا أنان إلى وقف النار.');
    const annan = ents.filter((e) => e.type === 'person');
    expect(annan).toHaveLength(1);
    expect(annan[0]?.count).toBe(2);
  });

  it.each([
    ['Talks opened at the United Nations on Monday.', 'United Nations', 'organization', 1],
    ['Qatar Airways said it would add flights to Doha.', 'Qatar Airways', 'organization', 1],
    ['Dr. Jane Okafor said the plan was ready. Okafor added more.', 'Jane Okafor', 'person', 2],
    ['Officials from the Ministry of Health agreed on Tuesday.', 'Ministry of Health', 'organization', 1],
  ])('types the English name in %s', (text, name, type, count) => {
    expect(find(text).find((e) => e.text === name)).toMatchObject({ type, count });
  });

  it('takes no lone capitalised word opening a quotation for a name', () => {
    const ents = find('"Marchetti is wrong," the minister said of the plan.');
    expect(ents.some((e) => e.text === 'Marchetti')).toBe(false);
  });

  it.each([[''], ['😀🎉 '.repeat(50)], ['1234567890'.repeat(50)], ['"«“'.repeat(30)]])(
    'never throws on odd input %#',
    (text) => {
      expect(() => find(text)).not.toThrow();
    },
  );
});

describe('evaluateEntities', () => {
  const records = [
    {
      id: 's1',
      lang: 'ar',
      text: 'وقال كوفي أنان في نيويورك',
      entities: [
        { text: 'كوفي أنان', type: 'PERSON', start: 5, end: 14 },
        { text: 'نيويورك', type: 'LOCATION', start: 18, end: 25 },
      ],
    },
    {
      id: 's2',
      lang: 'ar',
      text: 'وزار بالدوحة',
      entities: [{ text: 'بالدوحة', type: 'LOCATION', start: 5, end: 12 }],
    },
  ];

  it('groups sentences into documents, shifting gold offsets', () => {
    const [doc] = groupIntoDocuments(records, 10);
    const gold = doc?.entities?.[2];
    expect(doc?.text.slice(gold?.start, gold?.end)).toBe('بالدوحة');
  });

  it('scores exact token spans by type; a clitic-stripped mention still matches its token', () => {
    const result = evaluateEntities(records, (text) => ({ entities: find(text) }));
    expect(result.byType.LOCATION).toMatchObject({ gold: 2, correct: 2, f1: 100 });
    expect(result.byType.PERSON).toMatchObject({ gold: 1, correct: 1 });
    expect(result.overall.f1).toBe(100);
  });

  it('counts a digest that finds nothing as zero recall, not an error', () => {
    const result = evaluateEntities(records, () => ({ entities: [] }));
    expect(result.overall).toMatchObject({ recall: 0, predicted: 0, gold: 3 });
  });
});

describe('extractEntities between articles', () => {
  // The word forms' answers are kept from one article to the next: what one article found must not
  // change what another finds.
  it('finds the same entities in an article whatever was read before it', () => {
    const ar = readFileSync('seeds/000_1ec30d0ad7525b12.txt', 'utf8');
    const en = readFileSync('tests/fixtures/en-drone-contract.txt', 'utf8');
    const mixed = 'قال وزير الخارجية القطري إن شركة CS Group وقعت العقد في الدوحة مع Thales.';
    const texts = [ar, en, mixed];
    const first = texts.map((t) => find(t));
    expect(first.map((e) => e.length > 0)).toEqual([true, true, true]);
    for (const order of [
      [2, 1, 0],
      [1, 1, 2, 0, 0],
    ])
      for (const i of order) expect(find(texts[i] as string)).toEqual(first[i]);
  });
});
