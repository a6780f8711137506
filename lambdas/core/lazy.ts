/**
 * The core's rarely needed dependencies, loaded synchronously on first use: the HTML and Markdown
 * parsers, franc's language models, chardet's code-page detectors and the stop words of languages other
 * than Arabic and English. Most uploads are plain Arabic or English text, and these packages were more
 * than half of the handler bundle, parsed at every cold start.
 *
 * In the Lambda asset each piece is its own minified CommonJS file beside `index.mjs`, built from
 * {@link LAZY_PIECES} by `infra/lambda-bundle.ts` (the one build definition CDK and the benchmark share),
 * and the bundle (built with {@link BUNDLED_FLAG} defined) `require`s it through its createRequire
 * banner. Under tsx and vitest the packages load from node_modules, as any other import.
 */
import { createRequire } from 'node:module';

/** What each piece carries: package -> the exports used (`default` for a JSON package's whole object). */
export const LAZY_PIECES = {
  html: {
    file: 'lazy-html.cjs',
    exports: { linkedom: ['parseHTML'], '@mozilla/readability': ['Readability'] },
  },
  markdown: {
    file: 'lazy-markdown.cjs',
    exports: { 'mdast-util-from-markdown': ['fromMarkdown'], 'mdast-util-to-string': ['toString'] },
  },
  franc: {
    file: 'lazy-franc.cjs',
    exports: { 'franc-min/data.js': ['data'], 'franc-min/expressions.js': ['expressions'] },
  },
  chardet: { file: 'lazy-chardet.cjs', exports: { chardet: ['analyse'] } },
  stopwords: { file: 'lazy-stopwords.cjs', exports: { 'stopwords-iso': ['default'] } },
} as const satisfies Record<string, { file: string; exports: Record<string, readonly string[]> }>;

/** The name of a lazy piece. */
export type LazyPieceName = keyof typeof LAZY_PIECES;

/** The exports each piece provides, typed from the packages themselves. */
export interface LazyPieceExports {
  html: Pick<typeof import('linkedom'), 'parseHTML'> &
    Pick<typeof import('@mozilla/readability'), 'Readability'>;
  markdown: Pick<typeof import('mdast-util-from-markdown'), 'fromMarkdown'> &
    Pick<typeof import('mdast-util-to-string'), 'toString'>;
  franc: Pick<typeof import('franc-min/data.js'), 'data'> &
    Pick<typeof import('franc-min/expressions.js'), 'expressions'>;
  chardet: Pick<typeof import('chardet'), 'analyse'>;
  stopwords: { default: Record<string, string[]> };
}

/** The esbuild `define` key that marks a bundle whose lazy pieces sit beside it as separate files. */
export const BUNDLED_FLAG = '__PRECIS_LAZY_PIECES__';

declare const __PRECIS_LAZY_PIECES__: boolean | undefined;

const loaded = new Map<LazyPieceName, unknown>();

/** The piece's exports, loaded (once per process) from its file beside the bundle, or from node_modules. */
export function loadPiece<K extends LazyPieceName>(name: K): LazyPieceExports[K] {
  let piece = loaded.get(name) as LazyPieceExports[K] | undefined;
  if (piece === undefined) {
    piece = (
      typeof __PRECIS_LAZY_PIECES__ !== 'undefined' && __PRECIS_LAZY_PIECES__
        ? requireBesideBundle(LAZY_PIECES[name].file)
        : requirePackages(LAZY_PIECES[name].exports)
    ) as LazyPieceExports[K];
    loaded.set(name, piece);
  }
  return piece;
}

/** The names that `loadPiece` has loaded so far in this process (for tests and the benchmark). */
export function loadedPieces(): LazyPieceName[] {
  return [...loaded.keys()];
}

function requireBesideBundle(file: string): unknown {
  // The bundle's banner defines `require` relative to the bundle's own file. The specifier is a variable,
  // not a literal or a template in the call, so esbuild leaves the piece out instead of bundling it back in.
  const specifier = `./${file}`;
  return require(specifier);
}

function requirePackages(exports: Readonly<Record<string, readonly string[]>>): unknown {
  const nodeRequire = createRequire(import.meta.url);
  const piece: Record<string, unknown> = {};
  for (const [pkg, names] of Object.entries(exports)) {
    const module = nodeRequire(pkg) as Record<string, unknown>;
    // A JSON package (stopwords-iso) is its own default export.
    for (const name of names) piece[name] = name === 'default' ? (module.default ?? module) : module[name];
  }
  return piece;
}
