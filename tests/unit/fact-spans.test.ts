import { describe, expect, it } from 'vitest';
import { forEachMatch, forEachMatchAt, matchesFoundByOneOnly } from '../../lambdas/core/fact-spans.ts';

/** Index, text and groups of each match, as `forEachMatch` visits them. */
function visited(re: RegExp, text: string, stopAfter = Number.POSITIVE_INFINITY) {
  const out: Array<[number, string, Record<string, string> | undefined]> = [];
  forEachMatch(re, text, (m) => {
    out.push([m.index, m[0], m.groups ? { ...m.groups } : undefined]);
    return out.length < stopAfter;
  });
  return out;
}

/** The same, from `String.prototype.matchAll` (the behaviour `forEachMatch` promises). */
function viaMatchAll(re: RegExp, text: string) {
  return [...text.matchAll(re)].map(
    (m) =>
      [m.index, m[0], m.groups ? { ...m.groups } : undefined] as [
        number,
        string,
        Record<string, string> | undefined,
      ],
  );
}

describe('forEachMatch', () => {
  it.each([
    ['Arabic-Indic and ASCII digits', /[0-9٠-٩]+/gu, 'في ٢٠٢٢ دفعت 15 دولة 3 مليارات'],
    ['named groups', /(?<day>\d{1,2}) (?<month>نوفمبر|November)/gu, '21 نوفمبر و18 November و3 مارس'],
    ['empty matches step by code point', /(?:)/gu, 'a😀ب'],
    ['empty matches without the u flag step by unit', /x*/g, 'a😀x'],
    ['look-behind at the start of the text', /(?<=^|\s)و\p{L}+/gu, 'وقال وزير ووزارة'],
    ['no match', /\d+/g, 'no digits here'],
  ])('visits what matchAll yields: %s', (_name, re, text) => {
    expect(visited(re, text)).toEqual(viaMatchAll(re, text));
  });

  it('stops when the visitor returns false, and a later call starts from the beginning again', () => {
    const re = /\d+/g;
    expect(visited(re, '1 22 333 4444', 2).map(([, s]) => s)).toEqual(['1', '22']);
    expect(visited(re, '1 22 333 4444').map(([, s]) => s)).toEqual(['1', '22', '333', '4444']);
  });
});

/** Index and text of each match `forEachMatchAt` visits, tried at `starts`, the expression made sticky. */
function visitedAt(re: RegExp, starts: number[], text: string, stopAfter = Infinity) {
  const sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
  const out: Array<[number, string]> = [];
  forEachMatchAt(sticky, text, starts, starts.length, (m) => {
    out.push([m.index, m[0]]);
    return out.length < stopAfter;
  });
  return out;
}

const matchedAt = (re: RegExp, text: string) => visited(re, text).map(([i, s]) => [i, s]);

describe('forEachMatchAt', () => {
  it('refuses an expression without the y flag', () => {
    expect(() => forEachMatchAt(/\d+/gu, 'a 12', [2], 1, () => true)).toThrow(/sticky/);
  });

  it.each([
    ['every position', /\d+(?:\.\d+)?/gu, 'في 2022 نما 3.5 و12'],
    ['overlapping matches: a later start inside a match is skipped', /aab|ab/g, 'aaab aab xab'],
    ['empty matches', /x*/g, 'axxb'],
    ['astral characters (no start inside a surrogate pair)', /(?<!\p{L})\p{L}+/gu, '😀ab 😀 𝒜bc d'],
  ])('visits what forEachMatch visits, given every position: %s', (_name, re, text) => {
    const every = Array.from({ length: text.length + 1 }, (_, i) => i);
    expect(visitedAt(re, every, text)).toEqual(matchedAt(re, text));
  });

  it('visits what forEachMatch visits, given only the starts of its matches, repeated or not', () => {
    const text = 'في 2022 نما 3.5 و12';
    const starts = visited(/\d+/gu, text).flatMap(([i]) => [i, i]);
    expect(visitedAt(/\d+/gu, starts, text)).toEqual(matchedAt(/\d+/gu, text));
    expect(starts.length).toBe(8);
  });

  it('stops when the visitor returns false', () => {
    expect(visitedAt(/\d+/g, [0, 2, 5], '1 22 333', 2).map(([, s]) => s)).toEqual(['1', '22']);
  });
});

describe('matchesFoundByOneOnly', () => {
  const search = (re: RegExp, text: string) => (visit: (m: RegExpExecArray) => unknown) =>
    forEachMatch(re, text, visit);

  it('is empty when two searches find the same matches, and names what only one of them finds', () => {
    const text = 'in 2021 and 2022, not 1999';
    expect(matchesFoundByOneOnly(search(/\d{4}/g, text), search(/\d{4}/g, text))).toEqual([]);
    expect(matchesFoundByOneOnly(search(/\d{4}/g, text), search(/20\d\d/g, text))).toEqual(['22:1999']);
    expect(matchesFoundByOneOnly(search(/20\d\d/g, text), search(/\d{4}/g, text))).toEqual(['22:1999']);
  });
});
