/**
 * Benchmark articles of a chosen size, built only from our own fixture paragraphs (the seed and
 * tests/fixtures), repeated in a shuffled order fixed by a seeded PRNG, so every run digests the
 * same bytes and no third-party text is ever copied.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The benchmark's two languages. */
export type BenchLanguage = 'ar' | 'en';

/** Paragraphs to build from, by language. */
export type ParagraphPool = Record<BenchLanguage, string[]>;

/** Share of Arabic letters above which a paragraph counts as Arabic (the seed quotes Latin names). */
const ARABIC_SHARE = 0.5;

/** mulberry32: a tiny, well-mixed 32-bit PRNG, enough to shuffle deterministically. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher-Yates) driven by `rng`. */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Paragraphs of a text: blocks separated by blank lines, trimmed, empty ones dropped. */
export function splitIntoParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The language a paragraph belongs to in the pool: Arabic when most of its letters are Arabic. */
export function classifyParagraph(paragraph: string): BenchLanguage {
  const letters = paragraph.match(/\p{L}/gu)?.length ?? 0;
  const arabic = paragraph.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  return letters > 0 && arabic / letters > ARABIC_SHARE ? 'ar' : 'en';
}

/** Sorts paragraphs of several texts into the per-language pool, in the order given. */
export function buildPool(texts: readonly string[]): ParagraphPool {
  const pool: ParagraphPool = { ar: [], en: [] };
  for (const text of texts) {
    for (const paragraph of splitIntoParagraphs(text)) pool[classifyParagraph(paragraph)].push(paragraph);
  }
  return pool;
}

const encoder = new TextEncoder();

/**
 * An article of about `targetBytes` UTF-8 bytes: the paragraphs in a new shuffled order on each
 * pass, joined by blank lines; the last paragraph is cut at a space so the article never exceeds the
 * target (a paragraph is kept whole when nothing would remain of it).
 */
export function buildArticle(paragraphs: readonly string[], targetBytes: number, seed: number): string {
  if (paragraphs.length === 0) throw new Error('buildArticle needs at least one paragraph');
  const rng = createRng(seed);
  const parts: string[] = [];
  let bytes = 0;
  const separator = 2;
  while (bytes < targetBytes) {
    for (const paragraph of shuffle(paragraphs, rng)) {
      const size = encoder.encode(paragraph).length;
      const room = targetBytes - bytes - (parts.length > 0 ? separator : 0);
      if (size <= room) {
        parts.push(paragraph);
        bytes += size + (parts.length > 1 ? separator : 0);
        continue;
      }
      const cut = cutToBytes(paragraph, room);
      if (cut) parts.push(cut);
      else if (parts.length === 0) parts.push(paragraph);
      bytes = targetBytes;
      break;
    }
  }
  return parts.join('\n\n');
}

/** The longest prefix of `text` ending before a space that fits in `maxBytes`, or '' if none. */
function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  let end = -1;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
    if (bytes + width > maxBytes) break;
    bytes += width;
    if (text[i + 1] === ' ') end = i + 1;
  }
  return end > 0 ? text.slice(0, end) : '';
}

/** Our own article texts: the seed articles and the unit-test fixtures, sorted by path. */
export function readFixtureTexts(root: string): string[] {
  const texts: string[] = [];
  for (const dir of ['seeds', join('tests', 'fixtures')]) {
    const files = readdirSync(join(root, dir))
      .filter((name) => name.endsWith('.txt'))
      .sort();
    for (const name of files) texts.push(readFileSync(join(root, dir, name), 'utf8'));
  }
  return texts;
}

const newline = 0x0a;

/**
 * The article's bytes with one or two trailing newlines, by run: the digest is the same, but the text
 * differs from the previous run's, so no cache keyed by the text (the core keeps an article's tokens
 * for its later stages) carries work from one run to the next, as it never would between articles.
 */
export function freshCopy(bytes: Uint8Array, run: number): Uint8Array {
  const extra = (run % 2) + 1;
  const out = new Uint8Array(bytes.length + extra);
  out.set(bytes);
  out.fill(newline, bytes.length);
  return out;
}
