import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scansSentencesOf, splitParagraphs, splitSentences } from '../../lambdas/core/segment.ts';
import {
  canScanSentences,
  SENTENCE_BREAK_RUNS,
  scanSentenceStarts,
} from '../../lambdas/core/sentence-scan.ts';

const segmenters = new Map<string, Intl.Segmenter>();

/** Segment starts as `Intl.Segmenter` reports them for the whole string, "0,5,9". */
function segmenterStarts(text: string, locale = 'en'): string {
  let seg = segmenters.get(locale);
  if (!seg) {
    seg = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, seg);
  }
  const out: number[] = [];
  for (const s of seg.segment(text)) out.push(s.index);
  return out.join(',');
}

/** The same from the scan over `text[from, to)` (offsets relative to `from`), or null when it cannot. */
function scannedStarts(text: string, from = 0, to = text.length): string | null {
  const starts: number[] = [];
  const n = scanSentenceStarts(text, from, to, starts);
  if (n < 0) return null;
  return starts
    .slice(0, n)
    .map((s) => s - from)
    .join(',');
}

/**
 * Contexts around terminators that tell every Sentence_Break class from every other (checked below):
 * what follows a full stop, what may stand between a terminator and the next sentence, what SB7 and
 * SB8 look at before and after, and separators.
 */
const CONTEXTS = (c: string) => [
  c,
  `a${c}`,
  `a. ${c}b`,
  `a.${c}b`,
  `a.${c}B`,
  `A.${c}B`,
  `a. ${c}B`,
  `a${c} b`,
  `a${c} B`,
  `a${c}B`,
  `A${c}B`,
  `a${c}1`,
  `a${c}\n`,
  `a${c}.`,
  `a.${c} b`,
  `a.${c} B`,
  `a.${c}. B`,
  `a. ${c} b`,
  `a. ${c}  B`,
  `\n${c}b`,
  `${c}\nb`,
  `a\r${c}b`,
  `a?${c} B`,
  `a?${c}`,
  `a.${c}`,
  `x ${c}. B`,
  `x ${c}.B`,
  `a. 1${c}b`,
  `١.${c}٢ b`,
  `a.)${c} B`,
  `a.) ${c}B`,
  `a ${c}) B`,
];

/** One character of each Sentence_Break class (Extend and Format twice: the scan treats them alike). */
const CLASS_REPRESENTATIVES: Record<string, string> = {
  Other: '#',
  CR: '\r',
  LF: '\n',
  Sep: '\u2029',
  Extend: '\u0301',
  Sp: ' ',
  Lower: 'a',
  Upper: 'A',
  OLetter: 'ب',
  Numeric: '1',
  ATerm: '.',
  STerm: '?',
  Close: ')',
  SContinue: ',',
};

/** The blocks the scan handles, pairs of inclusive bounds. */
const DOMAIN = [0x0000, 0x08ff, 0x1e00, 0x1eff, 0x2000, 0x20cf, 0xfb50, 0xfdff, 0xfe70, 0xfeff];

/**
 * A code point's Sentence_Break class from its Unicode properties, as UAX #29 defines the classes (the
 * Line_Break=Numeric and SContinue lists spelled out for the domain), numbered as the scan numbers them.
 */
function deriveClass(cp: number): number {
  if (!DOMAIN.some((_, k) => k % 2 === 0 && cp >= (DOMAIN[k] as number) && cp <= (DOMAIN[k + 1] as number)))
    return 6;
  const c = String.fromCharCode(cp);
  if (c === '\r') return 1;
  if (c === '\n') return 2;
  if ('\u0085\u2028\u2029'.includes(c)) return 3;
  if ('.\u2024'.includes(c)) return 4;
  if (/[\p{Nd}\u066B\u066C\u0600-\u0605\u06DD\u0890\u0891\u08E2]/u.test(c)) return 13;
  if (/[\p{Grapheme_Extend}\p{Mc}\p{Cf}]/u.test(c)) return 8;
  if (/\s/u.test(c)) return 9;
  if (/\p{Lowercase}/u.test(c)) return 10;
  if (/[\p{Uppercase}\p{Lt}]/u.test(c)) return 11;
  if (/[\p{Alphabetic}\u05F3]/u.test(c)) return 12;
  if (/\p{Sentence_Terminal}/u.test(c)) return 5;
  if (/[\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Quotation_Mark}]/u.test(c)) return 14;
  if (',-:;\u037E\u055D\u060C\u060D\u07F8\u2013\u2014'.includes(c)) return 15;
  return 7;
}

/** `SENTENCE_BREAK_RUNS` as `deriveClass` makes it: run-length letters, Upper-Lower pairs folded. */
function deriveRuns(): string {
  const runs: Array<[number, number]> = [];
  for (let cp = 0; cp <= 0xfeff; cp++) {
    const k = deriveClass(cp);
    const last = runs.at(-1);
    if (last && last[0] === k) last[1]++;
    else runs.push([k, 1]);
  }
  const tokens = runs.map(([k, n]) => String.fromCharCode(0x60 + k) + (n > 1 ? String(n) : ''));
  let out = '';
  for (let i = 0; i < tokens.length; ) {
    let pairs = 0;
    while (tokens[i + 2 * pairs] === 'k' && tokens[i + 2 * pairs + 1] === 'j') pairs++;
    if (pairs >= 2) {
      out += `p${pairs}`;
      i += 2 * pairs;
    } else out += tokens[i++];
  }
  return out;
}

describe('scanSentenceStarts', () => {
  it.each([
    ['English sentences', 'He left. She stayed! Why? Nobody knew.', [0, 9, 21, 26]],
    ['Arabic question mark and full stop', 'غادر الوفد. هل عاد؟ لا.', [0, 12, 20]],
    ['a lower-case word after a full stop continues (SB8)', 'It costs 5 p. m. daily. Then', [0, 24]],
    ['initials and decimals do not break (SB6, SB7)', 'U.S.A. rose 3.5 points. Yes', [0, 24]],
    ['closing quotes and spaces stay with the terminator (SB9, SB10)', 'He said "Stop." Then', [0, 16]],
    ['a line break ends a segment, CR LF as one (SB3, SB4)', 'one\r\ntwo\nthree', [0, 5, 9]],
    ['a comma after a terminator continues (SB8a)', 'Really?, he asked. Yes', [0, 19]],
  ])('%s', (_, text, starts) => {
    expect(scannedStarts(text)).toBe(starts.join(','));
    expect(segmenterStarts(text)).toBe(starts.join(','));
  });

  it('classifies by a table that is the Unicode properties read as UAX #29 defines the classes', () => {
    expect(SENTENCE_BREAK_RUNS).toBe(deriveRuns());
  });

  it('refuses text with a character outside its domain, having reported nothing', () => {
    for (const text of ['会议。结束。', 'Hello 😀. World.', 'ประชุม. ต่อ', 'Done\uD800. Next']) {
      expect(canScanSentences(text, 0, text.length)).toBe(false);
      expect(scannedStarts(text)).toBeNull();
    }
  });

  it('has contexts that tell every class from every other, so a misclassified character shows', () => {
    const signatures = new Map<string, string>();
    for (const [name, c] of Object.entries(CLASS_REPRESENTATIVES)) {
      const signature = CONTEXTS(c)
        .map((probe) => segmenterStarts(probe))
        .join('|');
      const clash = signatures.get(signature);
      expect(clash, `${name} looks like ${clash}`).toBeUndefined();
      signatures.set(signature, name);
    }
  });

  it('breaks exactly where Intl.Segmenter does, for every character of its domain in every context', () => {
    const mismatches: string[] = [];
    let domain = 0;
    for (let cp = 0; cp < 0x10000; cp++) {
      const c = String.fromCharCode(cp);
      if (!canScanSentences(c, 0, 1)) continue;
      domain++;
      for (const probe of CONTEXTS(c)) {
        const ours = scannedStarts(probe);
        for (const locale of ['en', 'ar']) {
          if (ours !== segmenterStarts(probe, locale))
            mismatches.push(`U+${cp.toString(16)} ${locale} ${JSON.stringify(probe)}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Latin, Greek, Cyrillic, Hebrew, Arabic and their neighbours, general punctuation, Arabic presentation forms.
    expect(domain).toBeGreaterThan(3000);
  });

  /** Seeded pseudo-random strings over characters of every class, the interesting ones more often. */
  function fuzzStrings(seed: number, count: number, maxLength: number): string[] {
    const alphabet = [
      ...['#', '%', 'ـ', '\r', '\n', '\u2029', '\u0085', '\u0301', '\u064E', '\u200D', '\u00AD'],
      ...['\uFEFF', ' ', ' ', ' ', '\u00A0', '\t', 'a', 'a', 'é', 'A', 'A', 'Ж', 'ب', 'ب', '1', '٣'],
      ...['\u0600', '.', '.', '.', '\u2024', '?', '!', '؟', '\u06D4', '"', ')', '(', '«', '»', '“'],
      ...['”', "'", ',', '،', '-', ':', ';', '…', '\u2013'],
    ];
    let state = seed;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const out: string[] = [];
    for (let t = 0; t < count; t++) {
      const length = 1 + Math.floor(next() * maxLength);
      let s = '';
      for (let k = 0; k < length; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      out.push(s);
    }
    return out;
  }

  it('agrees with Intl.Segmenter on thousands of random strings of the interesting classes', () => {
    const mismatches: string[] = [];
    for (const text of fuzzStrings(1, 12000, 24)) {
      const ours = scannedStarts(text);
      for (const locale of ['en', 'ar']) {
        const theirs = segmenterStarts(text, locale);
        if (ours !== theirs) mismatches.push(`${locale} ${JSON.stringify(text)} ${theirs} vs ${ours}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('agrees on any window of a long text, read as a string of its own', () => {
    // segmentSentences asks for windows that end anywhere, inside a sentence or between its parts.
    const text = fuzzStrings(2, 400, 12).join('');
    const mismatches: string[] = [];
    for (let from = 0; from < text.length; from += 37) {
      for (const to of [from + 1, from + 50, from + 333, text.length]) {
        if (to > text.length) continue;
        if (scannedStarts(text, from, to) !== segmenterStarts(text.slice(from, to)))
          mismatches.push(`[${from}, ${to})`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('is used for exactly the languages whose sentence rules are the root rules', () => {
    // Every language the detector names (franc-min's, Hebrew, Yiddish) and `und`, read as English.
    const scanned =
      'und en ar es pt id fr de jv vi it tr pl sw su ro ha ff bs hr nl sr ku yo uz ms ig ceb tl hu az cs rn mg qu ny rw zu sv ln so ilo ru uk be bg kk ur fa ps hi mr mai bho ne mag skr mad za hms hnj koi he yi';
    const probes = fuzzStrings(3, 300, 16);
    for (const lang of scanned.split(' ')) {
      expect(scansSentencesOf(lang), lang).toBe(true);
      const locale = lang === 'und' ? 'en' : lang;
      const wrong = probes.filter((p) => scannedStarts(p) !== segmenterStarts(p, locale));
      expect(wrong.slice(0, 3), lang).toEqual([]);
    }
    // Greek's semicolon is a question mark to ICU: Greek keeps the segmenter, as does any language
    // not known to follow the root rules.
    expect(segmenterStarts('Τι; Ναι.', 'el')).not.toBe(scannedStarts('Τι; Ναι.'));
    for (const lang of ['el', 'ja', 'zh', 'th', 'en-US', 'xx'])
      expect(scansSentencesOf(lang), lang).toBe(false);
  });

  it.each([
    'seeds/000_1ec30d0ad7525b12.txt',
    'tests/fixtures/core-en-harbour.txt',
    'tests/fixtures/en-drone-contract.txt',
  ])('agrees with Intl.Segmenter on every paragraph of %s', (file) => {
    const text = readFileSync(file, 'utf8');
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.length).toBeGreaterThan(3);
    for (const p of paragraphs) {
      const paragraph = text.slice(p.start, p.end);
      expect(scannedStarts(paragraph)).toBe(segmenterStarts(paragraph));
    }
    // and the whole file as one string, blank lines and all.
    expect(scannedStarts(text)).toBe(segmenterStarts(text));
  });
});

describe('splitSentences beyond the scan', () => {
  it.each([
    ['ja', '東京で会議が開かれた。次に大阪へ向かった。', ['東京で会議が開かれた。', '次に大阪へ向かった。']],
    ['en', 'The team won 😀. Fans cheered.', ['The team won 😀.', 'Fans cheered.']],
    ['el', 'Τι έγινε; Ήρθαν.', ['Τι έγινε;', 'Ήρθαν.']],
    ['en', 'What now; Then.', ['What now; Then.']],
  ])('%s: %s', (lang, text, expected) => {
    expect(splitSentences(text, splitParagraphs(text), lang).map((s) => s.text)).toEqual(expected);
  });
});
