import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDates } from '../../lambdas/core/dates.ts';
import { extractEntities } from '../../lambdas/core/entities.ts';
import { extractNumbers, matchesMissedNearCores } from '../../lambdas/core/numbers.ts';
import type { DateMention, Entity } from '../../lambdas/core/schema.ts';
import { analyse } from './facts-helpers.ts';

const numbers = (text: string) => {
  const doc = analyse(text);
  const entities = extractEntities(doc);
  return extractNumbers(doc, entities, extractDates(doc, entities));
};

describe('extractNumbers', () => {
  it.each([
    ['ستنشر الوزارة 200 خبير في الدوحة.', { value: 200, kind: 'count', unit: 'خبير' }],
    ['ستنشر الوزارة العشرات من الأفراد.', { value: 10, kind: 'vague', approximate: true, unit: 'الأفراد' }],
    ['ارتفع التضخم إلى ٣٫٥ بالمئة.', { value: 3.5, kind: 'percent' }],
    ['خسرت الشركة 2,500,000 دولار.', { value: 2_500_000, kind: 'currency', unit: 'دولار' }],
    ['قتل خمسة أشخاص في الحادث.', { value: 5, kind: 'count', unit: 'أشخاص' }],
    ['The deal is worth $15 million.', { value: 15_000_000, kind: 'currency', unit: '$' }],
    ['Dozens of people fled.', { value: 10, kind: 'vague', approximate: true }],
    ['The convoy drove 40 km north.', { value: 40, kind: 'measure', unit: 'km' }],
  ])('%s', (text, expected) => {
    expect(numbers(text)[0]).toMatchObject(expected);
  });

  // Later sentences start further into the article: a sign, a code or a word is found where it stands there too.
  it.each([
    ['The talks ended. The firm lost $6.4bn and owes gbp 300 more.', ['$6.4bn', 'gbp 300']],
    ['The talks ended. It paid the bank usd500 in fees.', ['usd500']],
    ['انتهت المحادثات. خسرت الشركة 500 ألف يورو، وقتل خمسة أشخاص.', ['500 ألف يورو', 'خمسة']],
  ])('reads later sentences as the first: %s', (text, expected) => {
    expect(numbers(text).map((n) => n.text)).toEqual(expected);
  });

  it.each([
    ['وقعت شركة 911 Security Cameras العقد مع قطر.'],
    ['وتحالف بين شركة MC2 Technologies وشركة أخرى.'],
    ['سيقام المونديال في عام 2022.'],
    ['The tournament runs Nov. 21-Dec. 18, 2022.'],
  ])('is not a quantity: %s', (text) => {
    expect(numbers(text)).toEqual([]);
  });

  it.each([
    ['The fund holds $12,000 trillion in notional derivatives.', '$12,000 trillion', 'currency'],
    ['بلغت الديون ١٢٠٠٠ تريليون دولار.', '١٢٠٠٠ تريليون دولار', 'currency'],
  ])('keeps a mention beyond 2^53 but stores no value: %s', (text, mention, kind) => {
    const found = numbers(text);
    expect(found[0]).toMatchObject({ text: mention, kind, value: null });
  });

  it.each([['بلغ حجم السوق ٢٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠ دولار.'], ['Call 12345678901234567 dollars now.']])(
    'treats more than 15 digits (either script) as an identifier: %s',
    (text) => {
      expect(numbers(text)).toEqual([]);
    },
  );

  it('still values a 15-digit Arabic-Indic amount', () => {
    expect(numbers('بلغ ١٢٣٤٥٦٧٨٩٠١٢٣٤٥ دولار.')[0]).toMatchObject({
      value: 123_456_789_012_345,
      kind: 'currency',
    });
  });
});

describe('numbers inside names and dates', () => {
  it('are not quantities, whatever order the entities list their mentions in and however they overlap', () => {
    const text = 'Unit 12 met Unit 7 on 3 May; 40 of them came, 15 left.';
    const doc = analyse(text);
    const span = (part: string, from = 0) => {
      const start = text.indexOf(part, from);
      return { text: part, start, end: start + part.length };
    };
    const entity = (mentions: ReturnType<typeof span>[]): Entity => ({
      text: mentions[0]?.text ?? '',
      normalized: mentions[0]?.text ?? '',
      type: 'organization',
      count: mentions.length,
      mentions,
      aliases: [],
    });
    // Mentions out of text order, one entity's mention inside another's, a date starting where one does.
    const entities = [
      entity([span('Unit 7'), span('Unit 12')]),
      entity([span('12 met'), span('Unit 12 met')]),
    ];
    const dates = [
      { ...span('3 May'), granularity: 'day', relative: false, calendar: 'gregorian' } as DateMention,
    ];
    expect(extractNumbers(doc, entities, dates).map((n) => n.text)).toEqual(['40', '15']);
  });
});

describe('the number search near digits, signs and number words', () => {
  it.each([
    ['the seed', readFileSync('seeds/000_1ec30d0ad7525b12.txt', 'utf8')],
    ['an English fixture', readFileSync('tests/fixtures/en-drone-contract.txt', 'utf8')],
    [
      'Arabic clitics, the article and vague quantities',
      'وصل عشرات والعشرات وبالمئات، بالآلاف والملايين (الاف) «مئات» ،آلاف وخمسة عشر وثلاثة آلاف وبخمسين ألفا،ومئتي.',
    ],
    ['a clitic before a number word', 'دفع بخمسين ألفا، وبثلاثة أيام وصل بعشرة جنود، وtwo days later.'],
    [
      'signs, codes and scales',
      'US$5m and $ 3.5 billion, €20, £7bn, ¥100, USD 40, usd 9, eur 7; 45% ٪٥ 3 في المئة 12 km 7 kilometres.',
    ],
    [
      'codes right before or a space before a number',
      'US$ 5, us$5, USD5, EUR 9 and GBP12; Europe 4 and eur-5.',
    ],
    [
      'digit runs and identifiers',
      'في 2022 و١٬٢٠٠٬٠٠٠ و1,200,000 و1.200.000 و555-1234 و12/05 وب15 ول20 x7 7x two hundred five tons.',
    ],
  ])('finds what the plain search finds: %s', (_name, text) => {
    expect(matchesMissedNearCores(text)).toEqual([]);
  });
});
