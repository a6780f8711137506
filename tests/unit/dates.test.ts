import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  extractDates,
  hijriToGregorian,
  matchesFailingNeeds,
  matchesMissedNear,
  matchesOutsideStarts,
  monthWordsDisagreeing,
} from '../../lambdas/core/dates.ts';
import { extractEntities } from '../../lambdas/core/entities.ts';
import { analyse } from './facts-helpers.ts';

const REF = '2021-12-06T10:00:00Z';

describe('the month words the sentence scan marks', () => {
  it('are every spelling of the first word of each month pattern, no more', () => {
    expect(monthWordsDisagreeing()).toEqual([]);
  });
});

describe('extractDates', () => {
  it.each([
    [
      'في الفترة من 21 نوفمبر/تشرين الثاني إلى 18 ديسمبر/كانون الأول 2022.',
      '2022-11-21',
      '2022-12-18',
      false,
    ],
    ['The tournament runs Nov. 21-Dec. 18, 2022.', '2022-11-21', '2022-12-18', false],
    ['وصل الوفد في ٢١ مارس ٢٠٢٤.', '2024-03-21', '2024-03-21', false],
    ['It opened on 5 March 2021 in Doha.', '2021-03-05', '2021-03-05', false],
    ['وصل في 15 رمضان 1443 هـ إلى مكة.', '2022-04-16', '2022-04-16', false],
    ['عقد التمرين من 15 إلى 17 نوفمبر/تشرين الثاني بالدوحة.', '2021-11-15', '2021-11-17', true],
    ['وقعت العقد في نوفمبر/تشرين الثاني الماضي.', '2021-11', '2021-11', true],
    ['The contract was signed last November.', '2021-11', '2021-11', true],
    ['وستقام البطولة العام المقبل.', '2022', '2022', true],
    ['Talks resume next year.', '2022', '2022', true],
    ['كشف الموقع، الإثنين، عن الصفقة.', '2021-12-06', '2021-12-06', true],
  ])('%s', (text, startDate, endDate, relative) => {
    const [d] = extractDates(analyse(text, REF));
    expect(d).toMatchObject({ startDate, endDate, relative });
  });

  it.each([
    ['2019-03-14T08:00:00Z', 'The contract was signed last November.', '2018-11'],
    ['2019-03-14', 'وستقام البطولة العام المقبل.', '2020'],
    ['2019', 'The contract was signed last November.', '2021-11'],
    ['not a date', 'وستقام البطولة العام المقبل.', '2022'],
  ])(
    "counts relative dates from the article's day-precise publication date (%s), else the upload",
    (publishedAt, text, startDate) => {
      const doc = { ...analyse(text, REF), publishedAt };
      expect(extractDates(doc)[0]).toMatchObject({ startDate, relative: true });
    },
  );

  it('keeps relative dates unresolved without a reference date (never the clock)', () => {
    const [d] = extractDates(analyse('قالت النائبة الشهر الماضي إن الخطة جاهزة.'));
    expect(d).toMatchObject({ text: 'الشهر الماضي', relative: true, granularity: 'month' });
    expect(d?.startDate).toBeUndefined();
  });

  it('applies a year stated at the end of a range to both ends, across a year boundary', () => {
    const [d] = extractDates(analyse('من 28 ديسمبر إلى 3 يناير 2023 تغلق المدارس.'));
    expect(d).toMatchObject({ startDate: '2022-12-28', endDate: '2023-01-03' });
  });

  it.each([
    ['تنطلق بطولة كأس العالم في 21 نوفمبر 2022 بالدوحة.', 'بطولة كأس العالم'],
    ['The Arab Cup opens on 30 November 2021 in Doha.', 'Arab Cup'],
    [`تنطلق بطولة كأس العالم ${'ثم '.repeat(60)}في 21 نوفمبر 2022 بالدوحة.`, undefined],
  ])('dates the event next to it and never one far away: %s', (text, event) => {
    const doc = analyse(text);
    const [d] = extractDates(doc, extractEntities(doc));
    expect(d?.event).toBe(event);
  });

  it.each([
    [1445, 9, 5, '2024-03-15'],
    [99_999_999, 9, 5, undefined],
    [Number.NaN, 1, 1, undefined],
  ])('converts Hijri %i-%i-%i, or gives up outside the range a Date holds', (y, m, d, iso) => {
    expect(hijriToGregorian(y, m, d)).toBe(iso);
  });

  it('offsets point at the date text', () => {
    const text = 'The tournament runs Nov. 21-Dec. 18, 2022.';
    const [d] = extractDates(analyse(text));
    expect(text.slice(d?.start, d?.end)).toBe(d?.text);
  });
});

const RULE_TEXTS = [
  readFileSync('seeds/000_1ec30d0ad7525b12.txt', 'utf8'),
  readFileSync('tests/fixtures/core-en-harbour.txt', 'utf8'),
  readFileSync('tests/fixtures/en-drone-contract.txt', 'utf8'),
  'وصل الوفد في 12 نوفمبر/تشرين الثاني 2022، وغادر يوم الأحد الماضي، بعد أن زار الدوحة في 3-5 ديسمبر.',
  'وبحلول عام 2030، وفي منتصف مارس/آذار، وخلال شهر رمضان 1445هـ، وفي 15 شعبان 1444 هـ، والأسبوع المقبل وأمس واليوم وغدا.',
  'في ١٢ كانون الأول ٢٠٢٣ و٢٠٢٤/٠١/٠٥ و05/01/2024، ومنذ يناير الماضي، وقبل يومين، وبعد ثلاثة أسابيع.',
  'On Tuesday, 12 March 2024, and from 3 to 5 May; by 2030, since January, in mid-2023, on Jan. 4, 2021.',
  'Last week, yesterday, today, tomorrow, two days ago, next month, on 2024-03-12 and on March 12th, 2024.',
  'وفي أيار الماضي وفي آب 2021 ومنذ (تموز) الماضي، ووصل غداً، «وأمس» قالت، والسبت، ويوم الجمعة وصل.',
  'Talks run Nov. 21 through Dec. 18, 2022.',
  'From Sept. 3 to Oct. 4, 2021; between 3 and 5 MAY 2022; this December; past week; "Monday" (Friday).',
  'وصل الوفد وNovember 2021، وعاد بMay 2022، في Jan. 2023.',
  '1443هـ و١٤٤٤ ه، بين 1 و3 يناير/كانون الثاني، و5-7 نوفمبر (تشرين الثاني) 2022، وفبراير 2023.',
  'منذ عام ١٩٩٠ وحتى عام ٢٠٢٠، ومنذ ١٩٨٨. وفي 1443 ه صام، وفي ١٤٤٤\u00a0هـ، وفي (ربيع الأول 1445 هـ).',
  'وصل غداً والبارحة، وفأمس؛ لليوم الثلاثاء، ويوم السبت، وبالعام الماضي، وفي الشهر المقبل، والسنة القادمة.',
  'SEPTEMBER 3, 2021; ſept. 4; between Monday and Tuesday; from 3 to 5 JUNE; in 1990, since 2001.',
];

describe("the date rules' first-character look-aheads", () => {
  it('never skip a position where a rule matches', () => {
    expect(RULE_TEXTS.flatMap((t) => matchesOutsideStarts(t))).toEqual([]);
  });
});

describe('the date rules run near their cores', () => {
  it('find what the plain search finds', () => {
    expect(RULE_TEXTS.flatMap((t) => matchesMissedNear(t))).toEqual([]);
  });
});

describe("the date rules' needs", () => {
  it('never skip a sentence where a rule matches', () => {
    const sentences = RULE_TEXTS.flatMap((t) => analyse(t).sentences.map((s) => s.text));
    expect(sentences.length).toBeGreaterThan(RULE_TEXTS.length);
    expect(sentences.flatMap((s) => matchesFailingNeeds(s))).toEqual([]);
  });
});
