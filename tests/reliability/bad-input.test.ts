/**
 * Bad input through the digest core and the `precis digest` CLI: every input ends as a digest or a
 * failed record with a stable code and a readable message, and it ends (vitest's timeout bounds it).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFile } from '../../lambdas/cli/digest.ts';
import { DEFAULT_MAX_BYTES, digestArticle } from '../../lambdas/core/digest.ts';
import { type ArticleDigest, articleDigestSchema } from '../../lambdas/core/schema.ts';
import { ARABIC, BAD_INPUTS, type BadInput, ENGLISH, isReadableMessage } from './support/bad-inputs.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The analysis without the fields that say where the bytes came from and how they were encoded. */
function analysisOf(digest: ArticleDigest) {
  const { source: _source, encoding: _encoding, ...analysis } = digest;
  return analysis;
}

const reference = {
  ARABIC: digestArticle({ bytes: utf8(ARABIC), fileName: 'reference.txt' }),
  ENGLISH: digestArticle({ bytes: utf8(ENGLISH), fileName: 'reference.txt' }),
};

function expectOutcome(input: BadInput, digest: ArticleDigest): void {
  expect(articleDigestSchema().safeParse(digest).success).toBe(true);
  const { expected } = input;
  if (expected.status === 'failed') {
    expect(digest.status).toBe('failed');
    expect(digest.error?.code).toBe(expected.code);
    expect(isReadableMessage(digest.error?.message ?? ''), digest.error?.message).toBe(true);
    return;
  }
  expect(digest.error, digest.error?.message).toBeUndefined();
  expect(digest.status).toBe('ok');
  expect(digest.summary.length).toBeGreaterThan(0);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach a summary.
  expect(digest.summary.join('')).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  if (expected.language) expect(digest.language).toBe(expected.language);
  if (expected.encoding) expect(digest.encoding).toBe(expected.encoding);
  if (expected.sameAnalysisAs)
    expect(analysisOf(digest)).toEqual(analysisOf(reference[expected.sameAnalysisAs]));
}

describe('the digest core', () => {
  it.each(BAD_INPUTS.map((input) => [input.name, input] as const))(
    '%s',
    (_name, input) => {
      const digest = digestArticle({ bytes: input.bytes(), fileName: input.fileName });
      expectOutcome(input, digest);
      expect(digest.source).toEqual({ file: input.fileName });
    },
    120_000,
  );

  it('refuses an oversize input by its length, before decoding it', () => {
    // Bytes that would fail decoding as BINARY: TOO_LARGE proves the size was checked first.
    const binary = new Uint8Array(DEFAULT_MAX_BYTES + 1);
    const digest = digestArticle({ bytes: binary, fileName: 'zeros.txt' });
    expect(digest.error?.code).toBe('TOO_LARGE');
    expect(digest.error?.message).toContain(String(DEFAULT_MAX_BYTES + 1));
  });

  it.each([
    ['spaces', 'my article.txt'],
    ['a plus', 'a+b.txt'],
    ['a percent', '100% sure.txt'],
    ['Arabic', 'تقرير قطر.txt'],
    ['1,024 bytes', `${'تقرير-'.repeat(92)}x.txt`],
    ['no extension', 'README'],
    ['only dots', '...'],
  ])('file name with %s: the name is kept as given and the format still detected', (_label, fileName) => {
    const digest = digestArticle({ bytes: utf8(ENGLISH), fileName });
    expect(digest.status).toBe('ok');
    expect(digest.source).toEqual({ file: fileName });
    expect(digest.language).toBe('en');
  });
});

describe('HTML is parsed, never run or fetched', () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('window.__precisFetched = true;');
  });
  let base = '';
  beforeAll(async () => {
    server.on('connection', () => hits++);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('scripts, handlers, images, stylesheets and frames neither execute nor connect', async () => {
    const page = `<!doctype html><html lang="en"><head><title>Ferry terminal approved</title>
      <link rel="stylesheet" href="${base}/style.css"><link rel="preload" href="${base}/font.woff2">
      <script src="${base}/remote.js"></script>
      <script>globalThis.__precisExecuted = true;</script></head>
      <body onload="globalThis.__precisOnload = true">
      <img src="http://127.0.0.1:1/pixel.png"><img src="${base}/pixel.png" onerror="globalThis.__precisOnerror = true">
      <iframe src="${base}/frame.html"></iframe><object data="${base}/movie.swf"></object>
      <p>The harbour council approved a new ferry terminal on Tuesday, the mayor said.</p>
      <p>Construction starts next spring and should take two years to finish.</p></body></html>`;
    const digest = digestArticle({ bytes: utf8(page), fileName: 'page.html' });
    // Give any stray request time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toBe(0);
    const globals = globalThis as Record<string, unknown>;
    for (const name of ['__precisExecuted', '__precisOnload', '__precisOnerror', '__precisFetched'])
      expect(globals[name], name).toBeUndefined();
    expect(digest.status).toBe('ok');
    expect(digest.summary.join(' ')).toContain('ferry terminal');
    expect(JSON.stringify(digest)).not.toContain('__precis');
  });
});

describe('the precis digest CLI', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'precis-bad-input-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const flags = { maxBytes: DEFAULT_MAX_BYTES };

  it.each(BAD_INPUTS.filter((input) => !input.heavy).map((input) => [input.name, input] as const))(
    '%s',
    async (_name, input) => {
      const file = join(dir, input.fileName);
      await writeFile(file, input.bytes());
      const digest = await digestFile(file, flags);
      expectOutcome(input, digest);
      expect(digest.source).toEqual({ file });
    },
    60_000,
  );

  it('refuses a 5 GB file by its size without reading it', async () => {
    // Sparse, so it costs no disk; reading it whole would fail (over 2 GB) with READ_FAILED instead.
    const file = join(dir, 'sparse.txt');
    const handle = await open(file, 'w');
    await handle.truncate(5 * 1024 ** 3);
    await handle.close();
    const digest = await digestFile(file, flags);
    expect(digest.error?.code).toBe('TOO_LARGE');
    expect(digest.error?.message).toContain(String(5 * 1024 ** 3));
  });

  it.each([
    ['a missing file', 'missing.txt', 'NOT_FOUND'],
    ['a directory', 'a-directory', 'READ_FAILED'],
  ] as const)('%s is a failed record, not a crash', async (_label, name, code) => {
    await mkdir(join(dir, 'a-directory'), { recursive: true });
    const digest = await digestFile(join(dir, name), flags);
    expect(digest.error?.code).toBe(code);
    expect(isReadableMessage(digest.error?.message ?? '')).toBe(true);
  });

  it.each([
    ['spaces', 'my article.txt'],
    ['a plus and a percent', 'a+b 100%.txt'],
    ['Arabic', 'تقرير قطر.txt'],
    ['a 1,024-byte path', `${'مقال/'.repeat(100)}${'x'.repeat(20)}.txt`],
  ])('a path with %s is read and named as given', async (_label, name) => {
    const file = join(dir, name);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, ENGLISH);
    const digest = await digestFile(file, flags);
    expect(digest.status).toBe('ok');
    expect(digest.source).toEqual({ file });
  });

  it('the command prints one JSON line per file, good and bad, and exits 1', async () => {
    const names = ['empty.txt', 'noise.txt', 'cp1256.txt', 'deep.json', 'article.docx'];
    const inputs = BAD_INPUTS.filter((input) => names.includes(input.fileName));
    const files: string[] = [];
    for (const input of inputs) {
      const file = join(dir, `cli-${input.fileName}`);
      await writeFile(file, input.bytes());
      files.push(file);
    }
    const result = await promisify(execFile)(process.execPath, ['lambdas/cli/bin.js', 'digest', ...files], {
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (ok) => ({ code: 0, ...ok }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ArticleDigest);
    expect(lines.map((line) => [line.status, line.error?.code])).toEqual(
      inputs.map((input) => [
        input.expected.status,
        input.expected.status === 'failed' ? input.expected.code : undefined,
      ]),
    );
    expect(result.stderr).not.toMatch(/Error|at /);
  });
});
