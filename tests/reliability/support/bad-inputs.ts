/**
 * The bad inputs every entry point must survive (core, CLI, handler, load run), generated in memory:
 * big files are never committed. Each says what a user should get: a digest, or a failed record with
 * a stable error code.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { ErrorCode } from '../../../lambdas/core/schema.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The Arabic seed and an English fixture, the raw material of the encoded variants. */
export const ARABIC = fixture('seeds/000_1ec30d0ad7525b12.txt');
export const ENGLISH = fixture('tests/fixtures/core-en-harbour.txt');

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic pseudo-random bytes (a linear congruential generator: same bytes on every run). */
export function randomBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = (x >> 16) & 0xff;
  }
  return bytes;
}

/** What an input must produce. */
export type Expected =
  | { status: 'failed'; code: ErrorCode }
  | { status: 'ok'; language?: string; encoding?: string; sameAnalysisAs?: 'ARABIC' | 'ENGLISH' };

/** One bad input: a name for the test title, a file name (its extension matters), bytes, the outcome. */
export interface BadInput {
  name: string;
  fileName: string;
  bytes: () => Uint8Array;
  expected: Expected;
  /** Inputs that take seconds through the whole analysis: the core covers them, the handler and load skip them. */
  heavy?: boolean;
}

const HTML_SCRIPTS_ONLY = `<!doctype html><html><head><title></title><style>body { color: red }</style>
<script>window.x = 1;</script></head><body><script>document.write('hello')</script>
<style>p { margin: 0 }</style><noscript></noscript></body></html>`;

/** The inputs the issue lists, in its order (file-name and key cases live with the handler test). */
export const BAD_INPUTS: BadInput[] = [
  {
    name: 'an empty file',
    fileName: 'empty.txt',
    bytes: () => new Uint8Array(0),
    expected: { status: 'failed', code: 'EMPTY' },
  },
  {
    name: 'whitespace only',
    fileName: 'blank.txt',
    bytes: () => utf8(' \n\t\r\n   \u00a0\n\n  '),
    expected: { status: 'failed', code: 'EMPTY' },
  },
  {
    name: 'a PDF',
    fileName: 'report.txt',
    bytes: () => utf8('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    expected: { status: 'failed', code: 'BINARY' },
  },
  {
    name: 'a PNG',
    fileName: 'photo.txt',
    bytes: () =>
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    expected: { status: 'failed', code: 'BINARY' },
  },
  {
    name: 'a ZIP (a .docx renamed .md)',
    fileName: 'article.md',
    bytes: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, ...randomBytes(200, 7)]),
    expected: { status: 'failed', code: 'BINARY' },
  },
  {
    name: 'random binary',
    fileName: 'noise.txt',
    bytes: () => randomBytes(64 * 1024, 42),
    expected: { status: 'failed', code: 'BINARY' },
  },
  {
    name: 'random binary without NUL bytes',
    fileName: 'noise-no-nul.txt',
    bytes: () => randomBytes(8 * 1024, 43).map((b) => b || 1),
    expected: { status: 'failed', code: 'BINARY' },
  },
  {
    name: 'invalid UTF-8 (stray bytes in English text)',
    fileName: 'broken-utf8.txt',
    bytes: () => {
      const text = utf8(ENGLISH);
      const broken = new Uint8Array(text.length + 3);
      broken.set(text.subarray(0, 100), 0);
      broken.set([0xc3, 0x28, 0xff], 100);
      broken.set(text.subarray(100), 103);
      return broken;
    },
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'UTF-16LE Arabic without a BOM',
    fileName: 'utf16le.txt',
    bytes: () => new Uint8Array(iconv.encode(ARABIC, 'utf-16le')),
    expected: { status: 'ok', language: 'ar', encoding: 'utf-16le', sameAnalysisAs: 'ARABIC' },
  },
  {
    name: 'UTF-16BE English without a BOM',
    fileName: 'utf16be.txt',
    bytes: () => new Uint8Array(iconv.encode(ENGLISH, 'utf-16be')),
    expected: { status: 'ok', language: 'en', encoding: 'utf-16be', sameAnalysisAs: 'ENGLISH' },
  },
  {
    name: 'windows-1256 Arabic',
    fileName: 'cp1256.txt',
    bytes: () => new Uint8Array(iconv.encode(ARABIC, 'windows-1256')),
    expected: { status: 'ok', language: 'ar', encoding: 'windows-1256', sameAnalysisAs: 'ARABIC' },
  },
  {
    name: 'mixed Arabic and English',
    fileName: 'mixed.txt',
    bytes: () => utf8(`${ARABIC}\n\n${ENGLISH}`),
    expected: { status: 'ok', language: 'ar' },
  },
  {
    name: 'one 5 MB line with no punctuation',
    fileName: 'one-line.txt',
    bytes: () => {
      const words = ['harbour', 'ميناء', 'council', 'مجلس', 'ferry', 'عبارة', 'budget', 'ميزانية'];
      const parts: string[] = [];
      for (let i = 0, size = 0; size < 5 * 1024 * 1024; i++) {
        const word = words[(i * 7 + (i >> 3)) % words.length] as string;
        parts.push(word);
        size += Buffer.byteLength(word) + 1;
      }
      return utf8(parts.join(' '));
    },
    expected: { status: 'ok' },
    heavy: true,
  },
  {
    name: '2 MB of one-word lines (400,000 paragraphs)',
    fileName: 'lines.txt',
    bytes: () => utf8('harbour\n'.repeat(262_144)),
    expected: { status: 'ok' },
    heavy: true,
  },
  {
    name: '10,000 one-word paragraphs',
    fileName: 'paragraphs.txt',
    bytes: () => utf8(Array.from({ length: 10_000 }, (_, i) => (i % 2 ? 'harbour' : 'ميناء')).join('\n\n')),
    expected: { status: 'ok' },
  },
  {
    name: 'a 50 MB file',
    fileName: 'huge.txt',
    bytes: () => new Uint8Array(50 * 1024 * 1024).fill(0x61),
    expected: { status: 'failed', code: 'TOO_LARGE' },
  },
  {
    name: 'HTML with only scripts and styles',
    fileName: 'scripts.html',
    bytes: () => utf8(HTML_SCRIPTS_ONLY),
    expected: { status: 'failed', code: 'NO_TEXT' },
  },
  {
    name: 'HTML nested 10,000 deep',
    fileName: 'deep.html',
    bytes: () =>
      utf8(
        `${'<div>'.repeat(10_000)}<p>Deep inside, the council approved the budget.</p>${'</div>'.repeat(10_000)}`,
      ),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'HTML with blocks nested 10,000 deep',
    fileName: 'deep-quotes.html',
    bytes: () =>
      utf8(
        `${'<blockquote>'.repeat(10_000)}The council approved the budget.${'</blockquote>'.repeat(10_000)}`,
      ),
    expected: { status: 'ok' },
  },
  {
    name: 'Markdown lists nested 10,000 deep on one line',
    fileName: 'deep-list.md',
    bytes: () => utf8(`${'- '.repeat(10_000)}The council approved the budget.`),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'Markdown quotes nested 100,000 deep',
    fileName: 'deep-quote.md',
    bytes: () => utf8(`${'>'.repeat(100_000)} The council approved the budget.`),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'Markdown lists indented 1,000 levels deep',
    fileName: 'deep-indent.md',
    bytes: () =>
      utf8(
        Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * i)}- The council met ${i} times.`).join(
          '\n',
        ),
      ),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'Markdown emphasis nested 10,000 deep',
    fileName: 'deep-emphasis.md',
    bytes: () => utf8(`${'*'.repeat(10_000)}The council approved the budget.${'*'.repeat(10_000)}`),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'Markdown with 10,000 alternating emphasis markers',
    fileName: 'many-emphasis.md',
    bytes: () =>
      utf8(
        `${Array.from({ length: 5_000 }, (_, i) => `*council${i}`).join(' ')} ${Array.from({ length: 5_000 }, (_, i) => `budget${i}*`).join(' ')}`,
      ),
    expected: { status: 'ok' },
  },
  {
    name: 'malformed JSON',
    fileName: 'broken.json',
    bytes: () => utf8('{"title": "Harbour", "body": "The council approved'),
    expected: { status: 'failed', code: 'MALFORMED' },
  },
  {
    name: 'JSON nested 100,000 deep',
    fileName: 'deep.json',
    bytes: () => utf8(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    expected: { status: 'failed', code: 'MALFORMED' },
  },
  {
    name: 'JSON objects nested 10,000 deep',
    fileName: 'deep-objects.json',
    bytes: () => utf8(`${'{"a":'.repeat(10_000)}"x"${'}'.repeat(10_000)}`),
    expected: { status: 'failed', code: 'MALFORMED' },
  },
  {
    name: 'JSON with a number for a body',
    fileName: 'number-body.json',
    bytes: () => utf8('{"title": "Harbour", "body": 42}'),
    expected: { status: 'failed', code: 'MALFORMED' },
  },
  {
    name: 'JSON with an object for a body',
    fileName: 'object-body.json',
    bytes: () => utf8('{"title": "ميناء", "body": {"html": "<p>x</p>"}}'),
    expected: { status: 'failed', code: 'MALFORMED' },
  },
  {
    name: 'only digits',
    fileName: 'digits.txt',
    bytes: () => utf8('1234567890 '.repeat(500)),
    expected: { status: 'ok', language: 'und' },
  },
  {
    name: 'only emoji',
    fileName: 'emoji.txt',
    bytes: () => utf8('😀🎉🚀 👍🏽 ❤️ '.repeat(500)),
    expected: { status: 'failed', code: 'NO_TEXT' },
  },
  {
    name: 'control characters and NUL bytes in English text',
    fileName: 'controls.txt',
    bytes: () =>
      utf8(`${ENGLISH.slice(0, 200)}\u0000${ENGLISH.slice(200, 600)}\u001b[31m\u0007${ENGLISH.slice(600)}`),
    expected: { status: 'ok', language: 'en' },
  },
  {
    name: 'right-to-left and zero-width marks in Arabic text',
    fileName: 'marks.txt',
    bytes: () =>
      utf8(`\u200f\u202b${ARABIC.replace(/ /g, ' \u200b').replace(/ال/g, 'ال\u200c')}\u202c\u2067\u2069`),
    expected: { status: 'ok', language: 'ar' },
  },
  {
    name: 'an unsupported extension',
    fileName: 'article.docx',
    bytes: () => utf8(ENGLISH),
    expected: { status: 'failed', code: 'UNSUPPORTED_TYPE' },
  },
];

/** A message a user can read: a sentence of plain words, not a stack trace or a serialised object. */
export function isReadableMessage(message: string): boolean {
  return (
    message.trim().length >= 10 && message.length <= 400 && !/\n\s+at |\[object |undefined|NaN/.test(message)
  );
}
