import { describe, expect, it } from 'vitest';
import { countWords, tokenize } from '../../lambdas/core/segment.ts';
import { scanWords } from '../../lambdas/core/word-scan.ts';

const intl = new Intl.Segmenter('en', { granularity: 'word' });

/** Word-like segments as `Intl.Segmenter` reports them: "offset:word|offset:word". */
function segmenterWords(text: string): string {
  const out: string[] = [];
  for (const s of intl.segment(text)) if (s.isWordLike) out.push(`${s.index}:${s.segment}`);
  return out.join('|');
}

/** The same from the scan, or null when the scan leaves the text to the segmenter. */
function scannedWords(text: string): string | null {
  const out: string[] = [];
  const count = scanWords(text, 0, text.length, (start, end) =>
    out.push(`${start}:${text.slice(start, end)}`),
  );
  if (count < 0) return null;
  expect(count).toBe(out.length);
  return out.join('|');
}

describe('scanWords', () => {
  it.each([
    ['Arabic with diacritics and tatweel', 'قالَ المُتحدّث إنّ الـشركة', ['قالَ', 'المُتحدّث', 'إنّ', 'الـشركة']],
    ['Latin names inside Arabic', 'شركة CS Group الفرنسية', ['شركة', 'CS', 'Group', 'الفرنسية']],
    ['abbreviations keep inner dots only', 'the U.S. and e.g. this', ['the', 'U.S', 'and', 'e.g', 'this']],
    [
      'decimals and thousands in both digit sets',
      'rose 3.5% to 1,200 or ٣٫٥ و١٬٢٠٠',
      ['rose', '3.5', 'to', '1,200', 'or', '٣٫٥', 'و١٬٢٠٠'],
    ],
    ['apostrophes join, hyphens split', "don't re-elect O’Neil", ["don't", 're', 'elect', 'O’Neil']],
    ['letters and digits join', '911 Security Cameras F16', ['911', 'Security', 'Cameras', 'F16']],
    ['Arabic comma splits words but not numbers', 'قطر،مصر 1،5', ['قطر', 'مصر', '1،5']],
  ])('%s', (_, text, words) => {
    const found: string[] = [];
    expect(scanWords(text, 0, text.length, (s, e) => found.push(text.slice(s, e)))).toBe(words.length);
    expect(found).toEqual(words);
  });

  it('leaves scripts written without spaces to the segmenter', () => {
    for (const text of ['東京で会議が開かれた', 'ประชุมที่กรุงเทพ', '서울에서 회의']) {
      expect(scannedWords(text)).toBeNull();
    }
    // tokenize falls back to Intl.Segmenter there, so those words are still found.
    expect(tokenize('東京で会議が開かれた', 'ja').length).toBeGreaterThan(1);
    expect(countWords('ประชุมที่กรุงเทพ', 'th')).toBeGreaterThan(1);
  });

  it('gives a text whose dictionary script comes after other words to the segmenter whole', () => {
    // The scan meets the Thai and Japanese only after reporting the Latin and Arabic words before them.
    for (const [text, lang] of [
      ['Talks in Bangkok ประชุมที่กรุงเทพ ended', 'th'],
      ['قال المتحدث 東京で会議が開かれた', 'ja'],
    ] as const) {
      expect(scannedWords(text)).toBeNull();
      const words = [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)]
        .filter((s) => s.isWordLike)
        .map((s) => s.segment);
      expect(tokenize(text, lang).map((t) => t.text)).toEqual(words);
      expect(countWords(text, lang)).toBe(words.length);
    }
  });

  it('keeps the letter after a lone surrogate', () => {
    const text = '\uD800announced tariffs \uDC00now';
    const found: string[] = [];
    scanWords(text, 0, text.length, (s, e) => found.push(text.slice(s, e)));
    expect(found).toEqual(['announced', 'tariffs', 'now']);
  });

  it('reports only the given range, with offsets into the whole text', () => {
    const text = 'one two three';
    const found: Array<[number, number]> = [];
    scanWords(text, 4, 13, (s, e) => found.push([s, e]));
    expect(found).toEqual([
      [4, 7],
      [8, 13],
    ]);
  });

  it('finds exactly the words Intl.Segmenter finds, for every BMP character in word contexts', () => {
    const mismatches: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      for (const probe of [c, `a${c}a`, `1${c}1`, `${c}b`, ` ${c} `, `ب${c}ب`, `\n${c}b`, `${c}${c}`]) {
        const ours = scannedWords(probe);
        if (ours !== null && ours !== segmenterWords(probe))
          mismatches.push(`U+${cp.toString(16)} ${JSON.stringify(probe)}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('finds exactly the words Intl.Segmenter finds in random mixes of joiners, marks and punctuation', () => {
    // Lone surrogates too: JSON input can carry them ("\ud800"), and they must not swallow a letter.
    const pool = [
      ...'aZé1٣بא"\'’.,:;_\u202F\u0651\u200C\u200D\u200F\u00AD \n\r\t-@٫٬،·ـ׳״',
      '😀',
      '🏻',
      '𝐀',
      '𐐀',
      '\uD800',
      '\uDC00',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const mismatches: string[] = [];
    for (let n = 0; n < 30_000; n++) {
      let probe = '';
      for (let k = 1 + Math.floor(random() * 12); k > 0; k--)
        probe += pool[Math.floor(random() * pool.length)];
      if (scannedWords(probe) !== segmenterWords(probe)) mismatches.push(JSON.stringify(probe));
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
