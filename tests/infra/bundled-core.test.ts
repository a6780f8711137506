/**
 * The core as Lambda runs it: bundled with the deployed definition (infra/lambda-bundle.ts: one
 * minified ES module plus the lazy pieces beside it) into a directory outside the project, then run by
 * a fresh `node` process, where no package can come from node_modules. Each article must digest
 * exactly as under tsx (the dev path), loading only the pieces its format, encoding and language need.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWithPieces } from '../../infra/lambda-bundle.ts';
import { digestArticle } from '../../lambdas/core/digest.ts';
import type { LazyPieceName } from '../../lambdas/core/lazy.ts';

const REFERENCE_DATE = '2026-01-15T12:00:00Z';
const seed = readFileSync(new URL('../../seeds/000_1ec30d0ad7525b12.txt', import.meta.url));

const HTML_PAGE = `<!doctype html>
<html lang="en"><head><title>Harbour cranes arrive in Doha | Gulf Ledger</title>
<meta name="author" content="Maya Haddad"><meta property="article:published_time" content="2026-01-12">
<style>article p { line-height: 1.6 } .ad { display: none }</style>
<script>window.tracking = true;</script></head>
<body style="margin: 0"><nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article><h1>Harbour cranes arrive in Doha</h1>
<p>Four ship-to-shore cranes arrived at Hamad Port on Sunday, the port authority said, completing the
first phase of a $1.2 billion expansion that will lift the terminal's capacity by 40 percent.</p>
<p>"The cranes let us serve the largest container ships now in service," said operations director
Khalid Al-Mansouri. The authority expects the new berths to open in March 2026.</p>
<p>Shipping lines welcomed the expansion. Maersk and MSC said they would add weekly calls once the
berths open, and the ministry of transport said the project employed 2,300 workers at its peak.</p>
</article><footer>© Gulf Ledger</footer></body></html>`;

const MARKDOWN = `---
title: Library reopens after two-year renovation
author: Sam Ortiz
date: 2026-01-10
---

# Library reopens after two-year renovation

The central library in Leeds reopened on Saturday after a **two-year**, £14 million renovation, the city
council said. More than 3,000 people visited on the first day.

- A new children's wing with 20,000 books
- A rooftop reading room

"We built it for the next fifty years," said the head librarian, Priya Nair.
`;

const FRENCH = `La mairie de Lyon a annoncé lundi la construction d'un nouveau pont sur le Rhône, qui doit ouvrir
en 2028. Le projet coûtera 85 millions d'euros, selon le maire, qui a précisé que les travaux
commenceront au printemps. Les habitants du quartier ont salué une décision attendue depuis dix ans.`;

const ENGLISH = `The city council approved a new cycle lane network on Tuesday, adding 40 kilometres of protected
lanes by 2027. The plan will cost 30 million pounds, the transport committee said, and work will start
in the spring. Local shops had asked for more parking, but the council said the lanes would bring more
customers, not fewer.`;

/** Each article, and the pieces its first digest in a fresh process should load (in that order). */
const ARTICLES: Array<{ name: string; fileName: string; bytes: Buffer; pieces: LazyPieceName[] }> = [
  { name: 'the Arabic seed (UTF-8 text)', fileName: 'seed.txt', bytes: seed, pieces: [] },
  {
    name: 'Arabic text in windows-1256',
    fileName: 'legacy.txt',
    bytes: iconv.encode(seed.toString('utf8'), 'windows-1256'),
    pieces: ['chardet'],
  },
  { name: 'English text', fileName: 'cycle-lanes.txt', bytes: Buffer.from(ENGLISH), pieces: ['franc'] },
  { name: 'French text', fileName: 'pont.txt', bytes: Buffer.from(FRENCH), pieces: ['franc', 'stopwords'] },
  {
    name: 'a Markdown file',
    fileName: 'library.md',
    bytes: Buffer.from(MARKDOWN),
    pieces: ['markdown', 'franc'],
  },
  { name: 'an HTML page', fileName: 'cranes.html', bytes: Buffer.from(HTML_PAGE), pieces: ['html', 'franc'] },
];

/** Run by plain node: imports the bundle, digests one article, prints the digest and the pieces loaded. */
const RUNNER = `const [bundle, fileName, base64, referenceDate] = process.argv.slice(2);
const { digestArticle, loadedPieces } = await import(bundle);
const digest = digestArticle({ bytes: Buffer.from(base64, 'base64'), fileName }, { referenceDate });
process.stdout.write(JSON.stringify({ digest, pieces: loadedPieces() }));
`;

describe('the bundled core, in a fresh node process', () => {
  let dir: string;
  let bundle: string;
  let runner: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'precis-bundled-core-'));
    bundle = join(dir, 'core.mjs');
    runner = join(dir, 'run.mjs');
    writeFileSync(runner, RUNNER);
    await bundleWithPieces(
      {
        source: `export { digestArticle } from './lambdas/core/digest.ts';
export { loadedPieces } from './lambdas/core/lazy.ts';`,
      },
      bundle,
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(ARTICLES)('digests $name as the dev path does, loading only its pieces', (article) => {
    const out = spawnSync(
      process.execPath,
      [runner, bundle, article.fileName, article.bytes.toString('base64'), REFERENCE_DATE],
      { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(out.stderr).toBe('');
    const { digest, pieces } = JSON.parse(out.stdout) as { digest: unknown; pieces: LazyPieceName[] };
    const expected = digestArticle(
      { bytes: article.bytes, fileName: article.fileName },
      { referenceDate: REFERENCE_DATE },
    );
    expect(expected.status).toBe('ok');
    expect(digest).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(pieces).toEqual(article.pieces);
  });
});
