import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../lambdas/core/facts.ts';
import { analyse } from './facts-helpers.ts';

const facts = (text: string, ref?: string) => {
  const doc = analyse(text, ref);
  return extractFacts(
    doc,
    doc.sentences.map((_, i) => 1 / (i + 1)),
  );
};

describe('extractFacts on the English fixture', () => {
  // The digest takes the headline off as the title; the extractors see the body.
  const text = readFileSync('tests/fixtures/en-drone-contract.txt', 'utf8')
    .split('\n\n')
    .slice(1)
    .join('\n\n');
  const f = facts(text, '2021-12-06T00:00:00Z');

  it.each([
    ['organization', '911 Security Cameras'],
    ['organization', 'Intelligence Online'],
    ['organization', 'CS Group'],
    ['organization', 'MC2 Technologies'],
    ['person', 'Natalia Pouzyreff'],
    ['location', 'Doha'],
    ['location', 'Texas'],
    ['event', 'World Cup'],
  ])('finds %s %s', (type, name) => {
    expect(f.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type, text: name })]));
  });

  it('dates the tournament and resolves relative dates against the reference date', () => {
    expect(f.dates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ startDate: '2022-11-21', endDate: '2022-12-18' }),
        expect.objectContaining({ text: 'last November', startDate: '2021-11', relative: true }),
      ]),
    );
  });

  it('counts 200 experts and never the 911 of the company name', () => {
    expect(f.numbers).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 200, unit: 'experts' })]),
    );
    expect(f.numbers.some((n) => n.value === 911)).toBe(false);
  });

  it('ranks 3-8 verbatim facts, lead first, no near-duplicates', () => {
    expect(f.keyFacts.length).toBeGreaterThanOrEqual(3);
    expect(f.keyFacts.length).toBeLessThanOrEqual(8);
    expect(f.keyFacts[0]?.text.startsWith('The French intelligence newsletter')).toBe(true);
    for (const k of f.keyFacts) expect(text.slice(k.start, k.end)).toBe(k.text);
    expect(new Set(f.keyFacts.map((k) => k.start)).size).toBe(f.keyFacts.length);
  });

  it('briefs who/when/where from the lead', () => {
    expect(f.brief.when?.text).toBe('Monday');
    expect(f.brief.where?.text).toBe('Texas');
    expect(f.brief.who?.text).toBeDefined();
  });
});

describe('extractFacts on odd input', () => {
  it.each([
    ['empty', ''],
    ['emoji', '😀🎉 '.repeat(500)],
    ['digits only', '1234567890'.repeat(1000)],
    ['one long line', 'وقال الرئيس إن 200 خبير وصلوا الدوحة في 21 نوفمبر 2022 '.repeat(3000)],
  ])('%s: never throws and stays within bounds', (_name, text) => {
    const f = facts(text);
    expect(f.keyFacts.length).toBeLessThanOrEqual(8);
    expect(f.dates.length).toBeLessThanOrEqual(200);
  });
});

describe('extractFacts stores only finite, safe numbers', () => {
  it.each([
    [
      'English',
      'The fund holds $12,000 trillion in derivatives. Officials met in Paris on Monday. Dozens of people left.',
    ],
    [
      'Arabic',
      'بلغت الديون ١٢٠٠٠ تريليون دولار. واجتمع المسؤولون في الدوحة يوم الإثنين. وغادر العشرات من الناس.',
    ],
  ])('%s: NaN and infinite rank scores, a value beyond 2^53', (_name, text) => {
    const doc = analyse(text, '2021-12-06T10:00:00Z');
    const f = extractFacts(doc, [Number.NaN, Number.POSITIVE_INFINITY, -1]);
    const numbers: number[] = [];
    JSON.stringify(f, (_k, v) => {
      if (typeof v === 'number') numbers.push(v);
      return v;
    });
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) {
      expect(Number.isFinite(n)).toBe(true);
      expect(Math.abs(n)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    }
    expect(f.keyFacts.length).toBeGreaterThan(0);
  });
});

describe('extractFacts reports a sentence and its near-duplicate once', () => {
  // Two facts sharing at least 60% of the shorter one's words (runs of letters and digits longer than
  // two characters, after normalising) say the same thing, however the words are written.
  it.each([
    ['diacritics', 'أعلنت الوزارة إطلاق المشروع الجديد.', 'أعلَنَت الوزارةُ إطلاقَ المشروعِ الجديد.', 1],
    [
      'tatweel and a new word',
      'أعلنت الوزارة إطلاق المشروع الجديد.',
      'أعلـــنت الوزارة إطلاق المشروع القديم.',
      1,
    ],
    ['different news', 'أعلنت الوزارة إطلاق المشروع الجديد.', 'وصلت الطائرات إلى المطار صباحا.', 2],
    // "1,000" holds the word "000" (and "1", too short): 3 of the first sentence's 4 words recur.
    ['digits split by a comma', 'Sales hit 1,000 units.', 'Sales of 000 units fell, wrote Ann.', 1],
    // "U.S." holds no word of three letters or more: only "sales" and "fell" count, and both recur.
    ['short runs around stops', 'U.S. sales fell.', 'Sales fell in the U.K. and Japan.', 1],
    ['an apostrophe', "Officials don't expect rain.", 'Officials don expect snow, rain or hail anywhere.', 1],
    [
      'case and spacing',
      'OFFICIALS   EXPECT RAIN TOMORROW.',
      'Officials expect rain tomorrow in the north.',
      1,
    ],
    [
      'invisible joiner inside a word',
      'The new\u200cbridge opened today.',
      'The newbridge opened today again.',
      1,
    ],
    // "½" is a number the tokenizer leaves out: "12½34" is one word of the sentence all the same.
    ['a number sign between digits', 'Gauge 12½34 today.', 'Gauge 12½34 showed readings.', 1],
    ['number signs on their own', 'Gauge ½½½ today.', 'Gauge ½½½ showed readings.', 1],
    ['Greek final sigma', 'ΟΔΟΣ ΚΛΕΙΣΤΟΣ ΣΗΜΕΡΑ.', 'Ο δρόμος οδος κλειστος σημερα.', 1],
    ['different English news', 'Sales hit 1,000 units.', 'Drones flew over the capital at dawn.', 2],
  ])('%s', (_name, first, second, reported) => {
    const text = `${first}\n\n${second}`;
    const { keyFacts } = facts(text);
    expect(keyFacts).toHaveLength(reported);
    expect(keyFacts[0]?.text).toBe(first);
  });
});

describe('extractFacts between articles', () => {
  // The ranking's tables are reused from one article to the next: nothing may carry over.
  it('gives an article the same key facts whatever was digested before it', () => {
    const en = readFileSync('tests/fixtures/en-drone-contract.txt', 'utf8');
    const ar = readFileSync('seeds/000_1ec30d0ad7525b12.txt', 'utf8');
    const dup =
      'أعلنت الوزارة إطلاق المشروع الجديد.\n\nأعلَنَت الوزارةُ إطلاقَ المشروعِ الجديد.\n\nوصلت الطائرات.';
    const first = [en, ar, dup].map((t) => facts(t).keyFacts);
    expect(first.map((k) => k.length)).toEqual([expect.any(Number), expect.any(Number), 2]);
    for (const order of [
      [2, 1, 0],
      [1, 1, 2, 0, 0],
    ])
      for (const i of order) expect(facts([en, ar, dup][i] as string).keyFacts).toEqual(first[i]);
  });
});
