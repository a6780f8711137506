import { describe, expect, it } from 'vitest';
import { forEachMatch } from '../../lambdas/core/fact-spans.ts';

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
