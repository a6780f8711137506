import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestArticle } from '../../lambdas/core/digest.ts';

const SEED = 'seeds/000_1ec30d0ad7525b12.txt';
const golden = JSON.parse(readFileSync('seeds/expected/000_1ec30d0ad7525b12.json', 'utf8'));
const digest = digestArticle({ bytes: readFileSync(SEED), fileName: '000_1ec30d0ad7525b12.txt' });

describe('seed golden file (key facts)', () => {
  const wanted: Array<[string, string, object]> = golden.entities.map((e: { type: string; text: string }) => [
    e.type,
    e.text,
    e,
  ]);
  it.each(wanted)('has %s %s', (_type, _text, want) => {
    expect(digest.entities).toEqual(expect.arrayContaining([expect.objectContaining(want)]));
  });

  it('dates the World Cup 2022-11-21..2022-12-18 and keeps relative dates relative', () => {
    expect(digest.dates).toEqual(
      expect.arrayContaining(golden.dates.map((d: object) => expect.objectContaining(d))),
    );
    const relative = digest.dates.filter((d) => d.relative).map((d) => d.text);
    expect(relative).toEqual(golden.relativeDates);
  });

  it('counts 200 experts and dozens of personnel, never 911, MC2 or the year', () => {
    expect(digest.numbers.map((n) => ({ text: n.text, value: n.value, kind: n.kind, unit: n.unit }))).toEqual(
      golden.numbers,
    );
    for (const text of golden.notNumbers) expect(digest.numbers.some((n) => n.text === text)).toBe(false);
  });

  it('attributes the quoted report to its outlet and leads the facts with the lead sentence', () => {
    const speakers = digest.quotes
      .filter((q) => q.speaker)
      .map((q) => ({ start: q.text.slice(0, 30), speaker: q.speaker }));
    expect(speakers).toEqual(golden.quoteSpeakers);
    expect(digest.keyFacts[0]?.text.startsWith(golden.leadFact)).toBe(true);
    expect({
      who: digest.brief.who?.text,
      where: digest.brief.where?.text,
      when: digest.brief.when?.text,
    }).toEqual(golden.brief);
  });

  it('every offset points at its text', () => {
    const text = readFileSync(SEED, 'utf8').replace(/^\uFEFF/, '');
    for (const e of digest.entities)
      for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    for (const d of [...digest.dates, ...digest.numbers, ...digest.quotes, ...digest.keyFacts])
      expect(text.slice(d.start, d.end)).toBe(d.text);
  });
});
