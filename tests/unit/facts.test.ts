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
